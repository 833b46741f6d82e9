from odoo import fields, models

from ..nc_tools import ensure_one


class QmsNonconformityCancel(models.TransientModel):
    """Asks why a nonconformity is cancelled: the reason stays on the record for the auditors.

    The standing office's `action_cancel` transition does the checks, as the user."""

    _name = "qms.nonconformity.cancel"
    _description = "Cancel Nonconformity"

    nonconformity_ids = fields.Many2many("qms.nonconformity", string="Nonconformities")
    reason = fields.Text(required=True)

    def action_confirm(self):
        ensure_one(self)
        self.nonconformity_ids.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
