from odoo import api, fields, models
from odoo.exceptions import ValidationError

DIGITISED_FIELDS = ("digitised_by_id", "digitised_at")


class QmsTthcDossierComponentDigitisation(models.Model):
    """Digitisation of the papers received (QĐ 766/QĐ-TTg, group "digitisation"): the desk
    attaches the scanned copy of each paper at reception; who and when are recorded by the
    system. A paper may instead reuse the digitised result of an earlier dossier of the same
    applicant (same identity number), which then counts as reused."""

    _inherit = "qms.tthc.dossier.component"

    scan_file = fields.Binary(string="Digitised Copy", attachment=True, copy=False)
    scan_filename = fields.Char(string="Digitised File Name", copy=False)
    is_digitised = fields.Boolean(
        string="Digitised", compute="_compute_is_digitised", store=True, index=True
    )
    digitised_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    digitised_at = fields.Datetime(string="Digitised On", readonly=True, copy=False)
    reused_dossier_id = fields.Many2one(
        "qms.tthc.dossier",
        string="Reuses the Result of",
        copy=False,
        index="btree_not_null",
        help="An earlier dossier of the same applicant whose digitised result stands for this "
        "paper: the applicant did not have to bring it again.",
    )

    @api.depends("scan_file", "reused_dossier_id")
    def _compute_is_digitised(self):
        for line in self:
            line.is_digitised = bool(line.scan_file or line.reused_dossier_id)

    @api.model
    def _qms_all_workflow_fields(self):
        return super()._qms_all_workflow_fields() | (set(DIGITISED_FIELDS) & set(self._fields))

    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        if vals.get("scan_file"):
            vals.update(self._qms_digitised_stamp())
        return vals

    def _qms_prepare_write_vals(self, vals):
        vals = super()._qms_prepare_write_vals(vals)
        if "scan_file" in vals:
            stamp = (
                self._qms_digitised_stamp()
                if vals["scan_file"]
                else dict.fromkeys(DIGITISED_FIELDS, False)
            )
            vals = {**vals, **stamp}
        return vals

    @api.model
    def _qms_digitised_stamp(self):
        return {"digitised_by_id": self.env.uid, "digitised_at": fields.Datetime.now()}

    @api.constrains("reused_dossier_id", "dossier_id")
    def _check_reused_dossier(self):
        """Only a digitised result of the same applicant, received earlier in the agency."""
        for line in self.filtered("reused_dossier_id"):
            earlier = line.reused_dossier_id.sudo()
            dossier = line.dossier_id.sudo()
            same_applicant = (
                dossier.applicant_id_number
                and earlier.applicant_id_number == dossier.applicant_id_number
            ) or earlier.applicant_id == dossier.applicant_id
            if (
                earlier == dossier
                or earlier.company_id != dossier.company_id
                or not same_applicant
                or not earlier.result_file
                or earlier.received_at > dossier.received_at
            ):
                raise ValidationError(
                    self.env._(
                        "A paper can reuse only the digitised result of an earlier dossier of "
                        "the same applicant in the agency; %(code)s is not one.",
                        code=earlier.name,
                    )
                )
