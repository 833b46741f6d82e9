from odoo import fields, models
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
