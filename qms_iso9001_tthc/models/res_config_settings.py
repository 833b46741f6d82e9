from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qms_tthc_use_cutoff = fields.Boolean(related="company_id.qms_tthc_use_cutoff", readonly=False)
    qms_tthc_cutoff_hour = fields.Float(related="company_id.qms_tthc_cutoff_hour", readonly=False)
    qms_tthc_day_counting = fields.Selection(
        related="company_id.qms_tthc_day_counting", readonly=False
    )
    qms_electronic_id = fields.Char(related="company_id.qms_electronic_id", readonly=False)
    qms_tthc_supplement_max = fields.Integer(
        related="company_id.qms_tthc_supplement_max", readonly=False
    )
    qms_tthc_supplement_pauses_clock = fields.Boolean(
        related="company_id.qms_tthc_supplement_pauses_clock", readonly=False
    )
    qms_tthc_backdate_hours = fields.Integer(
        related="company_id.qms_tthc_backdate_hours", readonly=False
    )
    qms_tthc_rating_nc_count = fields.Integer(
        related="company_id.qms_tthc_rating_nc_count", readonly=False
    )
    qms_tthc_rating_nc_days = fields.Integer(
        related="company_id.qms_tthc_rating_nc_days", readonly=False
    )
