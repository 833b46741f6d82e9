from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qms_tthc_cutoff_hour = fields.Float(related="company_id.qms_tthc_cutoff_hour", readonly=False)
    qms_tthc_backdate_hours = fields.Integer(
        related="company_id.qms_tthc_backdate_hours", readonly=False
    )
