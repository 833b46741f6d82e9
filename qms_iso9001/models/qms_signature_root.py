import base64
import hashlib

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..pdf_signature import load_certificate


class QmsSignatureRoot(models.Model):
    """A root certificate the agency trusts for the signatures of its issued documents.

    Public-service signatures chain to the government's root CA; an agency may also trust the
    roots of public CAs its partners use. The admin uploads them here, and only signatures that
    lead to one of them count as trusted: nothing is fetched from the network.
    """

    _name = "qms.signature.root"
    _description = "Trusted Root Certificate"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, help="E.g. Root CA của Ban Cơ yếu Chính phủ.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    certificate_file = fields.Binary(string="Certificate", required=True, attachment=True)
    certificate_filename = fields.Char()
    subject = fields.Char(compute="_compute_certificate", store=True)
    fingerprint = fields.Char(
        string="SHA-256 Fingerprint", compute="_compute_certificate", store=True
    )
    date_expiry = fields.Datetime(string="Valid Until", compute="_compute_certificate", store=True)

    @api.depends("certificate_file")
    def _compute_certificate(self):
        for root in self:
            certificate = root._qms_certificate()
            root.subject = certificate.subject.human_friendly if certificate else False
            root.fingerprint = (
                hashlib.sha256(certificate.dump()).hexdigest().upper() if certificate else False
            )
            root.date_expiry = (
                certificate.not_valid_after.replace(tzinfo=None) if certificate else False
            )

    @api.constrains("certificate_file")
    def _check_certificate_file(self):
        for root in self:
            if not root._qms_certificate():
                raise ValidationError(
                    self.env._(
                        "%(name)s: the file is not an X.509 certificate (PEM or DER).",
                        name=root.name,
                    )
                )

    def _qms_certificate(self):
        self.ensure_one()
        if not self.certificate_file:
            return None
        try:
            data = base64.b64decode(self.certificate_file)
        except (ValueError, TypeError):
            return None
        return load_certificate(data)

    @api.model
    def _qms_trusted_certificates(self, company):
        roots = self.sudo().search([("company_id", "=", company.id)])
        return [cert for cert in (root._qms_certificate() for root in roots) if cert]
