from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_tthc_cutoff_hour = fields.Float(
        string="Reception Cut-off Time",
        default=15.0,
        help="A dossier received after this time of day counts from the next working day.",
    )

    @api.constrains("qms_tthc_cutoff_hour")
    def _check_qms_tthc_cutoff_hour(self):
        if any(not 0 <= company.qms_tthc_cutoff_hour < 24 for company in self):
            raise ValidationError(
                self.env._("The reception cut-off time must be between 00:00 and 23:59.")
            )
