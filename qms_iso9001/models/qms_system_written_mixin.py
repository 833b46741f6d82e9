from odoo import api, models
from odoo.exceptions import UserError


class QmsSystemWrittenMixin(models.AbstractModel):
    """Records the system writes from its parent's actions only (an announcement's readiness
    checklist and scope): what they say is evidence of what the system found, so no user
    creates, edits or deletes one, in any state. The actions write them as superuser.

    A model using it says, in `_qms_by_hand_message`, which action writes its records.
    """

    _name = "qms.system.written.mixin"
    _description = "Record Written by the System"

    def _qms_by_hand_message(self):
        raise NotImplementedError

    def _qms_refuse_by_hand(self):
        if not self.env.su:
            raise UserError(self._qms_by_hand_message())

    @api.model_create_multi
    def create(self, vals_list):
        self._qms_refuse_by_hand()
        return super().create(vals_list)

    def write(self, vals):
        self._qms_refuse_by_hand()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_the_system_only(self):
        self._qms_refuse_by_hand()
