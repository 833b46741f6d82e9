from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_audit_notice_days = fields.Integer(
        string="Audit Notice (days)",
        default=7,
        help="How many days before an audit its schedule is sent to the audited units.",
    )

    @api.constrains("qms_audit_notice_days")
    def _check_qms_audit_notice_days(self):
        if any(not 0 <= company.qms_audit_notice_days <= 90 for company in self):
            raise ValidationError(self.env._("The audit notice must be between 0 and 90 days."))
