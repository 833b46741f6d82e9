from odoo import models


class QmsTthcProcedurePartMixin(models.AbstractModel):
    """A part of a procedure's catalogue entry (processing time, fee, dossier paper).

    The record rules are checked on the parts as they were before a write: a part sent over RPC
    to another agency's procedure would leave the user's agency unseen. Its procedure is
    therefore checked again once the part has moved.
    """

    _name = "qms.tthc.procedure.part.mixin"
    _inherit = ["qms.input.mixin"]
    _description = "Part of a TTHC Procedure"

    def write(self, vals):
        result = super().write(vals)
        if "procedure_id" in vals:
            self.check_access("write")
        return result
