from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qms_audit_notice_days = fields.Integer(
        related="company_id.qms_audit_notice_days", readonly=False
    )
    qms_iso_standard_id = fields.Many2one(related="company_id.qms_iso_standard_id", readonly=False)
