from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsTthcDossierApology(models.TransientModel):
    """Writes the apology letter (form 04) for a dossier that will be late, with the new date
    the result will be returned. The values sent to it are checked before use."""

    _name = "qms.tthc.dossier.apology"
    _description = "Apologise for Late Dossier"
    _inherit = ["qms.input.mixin"]

    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, readonly=True)
    appointment_date = fields.Datetime(related="dossier_id.appointment_date")
    new_appointment_date = fields.Datetime(string="New Appointment", required=True)
    reason = fields.Text(string="Reason for the Delay", required=True)

    def action_confirm(self):
        if len(self) != 1:  # over RPC a client may send several, or none
            raise UserError(self.env._("Confirm one form at a time."))
        self.dossier_id.action_apologize(self.new_appointment_date, self.reason)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _qms_apologize_by_ids(self, dossier_id, days, reason):
        """The apology without the screen, for data files: the new date is the first working
        day of the agency at least `days` days from now, at the same time of day (a new date
        on a weekend or a holiday is refused). Same checks as the screen."""
        dossier = self.env["qms.tthc.dossier"].browse(dossier_id)
        moment = fields.Datetime.now() + timedelta(days=days)
        planner = dossier._qms_planner(moment)
        for _day in range(31):
            if planner.is_working_day(moment):
                break
            moment += timedelta(days=1)
        wizard = self.create(
            {"dossier_id": dossier.id, "new_appointment_date": moment, "reason": reason}
        )
        return wizard.action_confirm()
