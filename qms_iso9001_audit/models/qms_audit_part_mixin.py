from odoo import api, models
from odoo.exceptions import UserError


class QmsAuditPartMixin(models.AbstractModel):
    """A part of an audit (schedule slot, checklist question, finding) lives and freezes with its
    audit: its lifecycle state is the audit's (`audit_state`, a related field each model
    declares), it is added only in the audit states `_qms_creatable_states`, and it never moves
    to another audit."""

    _name = "qms.audit.part.mixin"
    _inherit = ["qms.lifecycle.mixin"]
    _description = "Part of an Audit"

    _qms_state_field = "audit_state"
    _qms_creatable_states = ()

    @api.model
    def _qms_check_create_vals(self, vals):
        result = super()._qms_check_create_vals(vals)
        audit_id = vals.get("audit_id")
        if type(audit_id) is not int:
            return result  # missing or malformed: the ORM reports it
        audit = self.env["qms.audit"].sudo().browse(audit_id).exists()
        if audit and audit.state not in self._qms_creatable_states:
            raise UserError(
                self.env._(
                    "%(audit)s is %(state)s: %(model)s records can no longer be added to it.",
                    audit=audit.display_name,
                    state=audit._qms_state_label(),
                    model=self._description,
                )
            )
        return result

    def _qms_check_write_vals(self, vals):
        result = super()._qms_check_write_vals(vals)
        if "audit_id" in vals and self._qms_value_changes("audit_id", vals["audit_id"]):
            raise UserError(
                self.env._(
                    "%(model)s records belong to their audit and never move to another one.",
                    model=self._description,
                )
            )
        return result
