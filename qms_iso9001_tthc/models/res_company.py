from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_tthc_cutoff_hour = fields.Float(
        string="Reception Cut-off Time",
        default=15.0,
        help="A dossier received after this time of day counts from the next working day.",
    )
    qms_tthc_backdate_hours = fields.Integer(
        string="Late Recording of a Reception (hours)",
        default=24,
        help="How long after receiving a dossier (on paper, by post) the desk may still record "
        "it with its real reception time. Receptions dated earlier are refused, so that "
        "nobody backdates a dossier to make it look on time.",
    )

    @api.constrains("qms_tthc_cutoff_hour")
    def _check_qms_tthc_cutoff_hour(self):
        if any(not 0 <= company.qms_tthc_cutoff_hour < 24 for company in self):
            raise ValidationError(
                self.env._("The reception cut-off time must be between 00:00 and 23:59.")
            )

    @api.constrains("qms_tthc_backdate_hours")
    def _check_qms_tthc_backdate_hours(self):
        if any(not 0 <= company.qms_tthc_backdate_hours <= 720 for company in self):
            raise ValidationError(
                self.env._(
                    "A reception may be recorded from 0 to 720 hours (30 days) after it happened."
                )
            )
