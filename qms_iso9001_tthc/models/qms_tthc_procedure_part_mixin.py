from odoo import api, models
from odoo.exceptions import UserError


class QmsTthcProcedurePartMixin(models.AbstractModel):
    """A part of a procedure's catalogue entry (processing time, fee, dossier paper).

    The record rules are checked on the parts as they were before a write: a part sent over RPC
    to another agency's procedure would leave the user's agency unseen. Its procedure is
    therefore checked again once the part has moved.

    An abolished procedure is frozen (its own fields are guarded by the lifecycle mixin): its
    parts, reachable through their own models, are frozen with it, so that the catalogue entry
    stays what the abolition decision ended.
    """

    _name = "qms.tthc.procedure.part.mixin"
    _inherit = ["qms.input.mixin"]
    _description = "Part of a TTHC Procedure"

    @api.model_create_multi
    def create(self, vals_list):
        parts = super().create(vals_list)
        parts._qms_check_procedure_not_abolished()
        return parts

    def write(self, vals):
        self._qms_check_procedure_not_abolished()
        result = super().write(vals)
        if "procedure_id" in vals:
            self.check_access("write")
            self._qms_check_procedure_not_abolished()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_abolished_procedure(self):
        self._qms_check_procedure_not_abolished()

    def _qms_check_procedure_not_abolished(self):
        if self.env.su:
            return
        abolished = self.procedure_id.filtered(lambda procedure: procedure.state == "abolished")
        if abolished:
            raise UserError(
                self.env._(
                    "%(procedure)s is abolished: its processing times, fees and dossier papers "
                    "stay as the abolition left them. Put it back in force to change them.",
                    procedure=abolished[0].display_name,
                )
            )
