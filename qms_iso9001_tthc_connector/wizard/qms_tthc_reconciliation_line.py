from odoo import api, fields, models

from .qms_tthc_reconciliation import STATUSES


class QmsTthcReconciliationLine(models.TransientModel):
    """One dossier of a reconciliation: what we hold, what the system holds, what it lacks."""

    _name = "qms.tthc.reconciliation.line"
    _inherit = ["qms.input.mixin"]
    _description = "Reconciliation Line"
    _order = "reconciliation_id, status, system_id, dossier_code"

    reconciliation_id = fields.Many2one(
        "qms.tthc.reconciliation", required=True, ondelete="cascade", index=True
    )
    system_id = fields.Many2one("qms.tthc.connected.system", string="Connected System")
    dossier_id = fields.Many2one("qms.tthc.dossier")
    dossier_code = fields.Char()
    status = fields.Selection(STATUSES, required=True)
    our_state = fields.Char()
    our_state_label = fields.Char(string="State Here", compute="_compute_state_labels")
    their_state = fields.Char()
    their_state_label = fields.Char(string="State There", compute="_compute_state_labels")
    their_sequences = fields.Char(string="Events Held There")
    lost_message_ids = fields.Many2many(
        "qms.tthc.outbox.message", string="Events Lost There", readonly=True
    )
    lost_sequences = fields.Char(string="Events Lost", compute="_compute_lost_sequences")
    unsent_count = fields.Integer(
        string="Unsent", help="Messages of the dossier still waiting or failed in the outbox."
    )

    @api.depends("our_state", "their_state")
    def _compute_state_labels(self):
        states = dict(
            self.env["qms.tthc.dossier"]._fields["state"]._description_selection(self.env)
        )
        for line in self:
            line.our_state_label = states.get(line.our_state, line.our_state or "")
            line.their_state_label = states.get(line.their_state, line.their_state or "")

    @api.depends("lost_message_ids")
    def _compute_lost_sequences(self):
        for line in self:
            line.lost_sequences = ", ".join(
                str(sequence) for sequence in sorted(line.lost_message_ids.mapped("sequence"))
            )

    def action_resend(self):
        """Re-send the events this system lacks for the dossier."""
        self.lost_message_ids.action_resend()
        return True
