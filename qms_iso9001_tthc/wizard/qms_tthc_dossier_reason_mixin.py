from odoo import fields, models
from odoo.exceptions import UserError


class QmsTthcDossierReasonMixin(models.AbstractModel):
    """A dossier action that needs a written reason (supplement, refusal, withdrawal): the
    reason is printed on the form handed to the applicant, and the dossier checks it. The values
    sent to the wizard are checked before use, so a wrong one gets a message, not a crash."""

    _name = "qms.tthc.dossier.reason.mixin"
    _description = "Dossier Action with a Reason"
    _inherit = ["qms.input.mixin"]
    # the dossier method the wizard confirms, called with the reason
    _qms_dossier_action = None

    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, readonly=True)

    def action_confirm(self):
        if len(self) != 1:  # over RPC a client may send several, or none
            raise UserError(self.env._("Confirm one form at a time."))
        getattr(self.dossier_id, self._qms_dossier_action)(self.reason)
        return {"type": "ir.actions.act_window_close"}
