from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_audit_notice_days = fields.Integer(
        string="Audit Notice (days)",
        default=7,
        help="How many days before an audit its schedule is sent to the audited units.",
    )
    qms_iso_standard_id = fields.Many2one(
        "qms.iso.standard",
        string="Audited Against",
        domain=[("state", "=", "loaded")],
        default=lambda self: self.env.ref(
            "qms_iso9001_audit.iso_9001_2015", raise_if_not_found=False
        ),
        help="The edition of ISO 9001 whose clauses new programmes, audits and checklists cite. "
        "Switch to a new edition once the transition gap plan is done.",
    )

    @api.constrains("qms_audit_notice_days")
    def _check_qms_audit_notice_days(self):
        if any(not 0 <= company.qms_audit_notice_days <= 90 for company in self):
            raise ValidationError(self.env._("The audit notice must be between 0 and 90 days."))

    @api.constrains("qms_iso_standard_id")
    def _check_qms_iso_standard_id(self):
        if any(company.qms_iso_standard_id.state == "available" for company in self):
            raise ValidationError(
                self.env._("Load the catalogue of an edition before auditing against it.")
            )

    def _qms_audited_edition(self):
        """The edition set for the agency, else 2015: agencies that existed before the audit
        addon was installed have none set."""
        self.ensure_one()
        return self.qms_iso_standard_id or self.env.ref(
            "qms_iso9001_audit.iso_9001_2015", raise_if_not_found=False
        )
