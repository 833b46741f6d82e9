import base64

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..lifecycle import transition
from ..pdf_signature import check_pdf

_lt = LazyTranslate(__name__)

SIGNATURE_STATUSES = [
    ("valid", "Valid"),
    ("expired", "Certificate Expired"),
    ("untrusted", "Not Trusted"),
    ("modified", "Modified After Signing"),
    ("invalid", "Invalid"),
    ("unsigned", "Not Signed"),
    ("not_pdf", "Not a PDF"),
]


class QmsSignedPdfMixin(models.AbstractModel):
    """A controlled record whose main file is a PDF signed by the agency (PAdES).

    The result of the check is stored with the time it was made, so the master list and an
    inspector see what was verified and when; it changes only by checking again, never by
    hand. An agency may require a valid signature before a record takes effect.
    """

    _name = "qms.signed.pdf.mixin"
    _description = "Signed PDF"

    signature_status = fields.Selection(
        SIGNATURE_STATUSES, string="Signature", copy=False, readonly=True, tracking=True
    )
    signature_signer = fields.Char(string="Signed By (Certificate)", copy=False, readonly=True)
    signature_time = fields.Datetime(string="Signing Time", copy=False, readonly=True)
    signature_chain = fields.Text(string="Certificate Chain", copy=False, readonly=True)
    signature_checked_at = fields.Datetime(string="Signature Checked On", copy=False, readonly=True)

    def _qms_signed_pdf_data(self):
        """The bytes of the signed file (to be given by the model)."""
        raise NotImplementedError

    @transition(access="read", label=_lt("Check Signature"))
    def action_check_signature(self):
        for record in self:
            record._qms_record_signature_check()
        return True

    def _qms_record_signature_check(self):
        self.ensure_one()
        data = self.sudo()._qms_signed_pdf_data()
        company = self.sudo().company_id
        roots = self.env["qms.signature.root"]._qms_trusted_certificates(company)
        check = check_pdf(data, roots) if data else None
        self._qms_set(
            {
                "signature_status": check.status if check else False,
                "signature_signer": check.signer if check else False,
                "signature_time": check.signing_time.replace(tzinfo=None)
                if check and check.signing_time
                else False,
                "signature_chain": "\n".join(check.chain) if check else False,
                "signature_checked_at": fields.Datetime.now(),
            }
        )

    def _qms_check_signature_required(self):
        """Refuse to put the record in force without a valid signature when the agency asks."""
        self.ensure_one()
        if not self.sudo().company_id.qms_require_signature:
            return
        self._qms_record_signature_check()
        if self.signature_status != "valid":
            status = dict(self._fields["signature_status"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(record)s needs a valid digital signature before it takes effect; "
                    "its main file's signature is: %(status)s.",
                    record=self.display_name,
                    status=status.get(self.signature_status, self.env._("none")),
                )
            )

    @staticmethod
    def _qms_decode(datas):
        return base64.b64decode(datas) if datas else b""
