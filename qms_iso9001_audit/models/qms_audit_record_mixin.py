from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.qms_iso9001.models.qms_lifecycle_mixin import EMPTY

AUDITOR = "qms_iso9001_audit.group_qms_auditor"


class QmsAuditRecordMixin(models.AbstractModel):
    """The lifecycle guard of the audit records, plus one rule the core guard does not have yet:
    a computed field (a count, a related company, "is a nonconformity", the auditors' users that
    the record rules read) is never set by hand. The ORM would store such a value as given, and
    a finding written `is_nonconformity = False` would no longer keep its audit open."""

    _name = "qms.audit.record.mixin"
    _inherit = ["qms.lifecycle.mixin"]
    _description = "Audit Record Lifecycle"

    def _qms_ensure_one(self):
        """`ensure_one` for the public methods: a plain message instead of a server error when
        they are called over RPC with no record or several."""
        if len(self) != 1:
            raise UserError(
                self.env._("Choose exactly one %(model)s record.", model=self._description)
            )
        return self

    @api.model
    def _qms_computed_names(self, names):
        guarded = self._qms_guarded_fields()
        return {
            name
            for name in names
            if name in guarded and self._fields[name].compute and not self._fields[name].inverse
        }

    def _qms_refuse_computed(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of %(model)s are computed by the system and cannot be set by hand.",
                fields=self._qms_field_labels(names),
                model=self._description,
            )
        )

    @api.model
    def _qms_check_create_vals(self, vals):
        computed = {
            name
            for name in self._qms_computed_names(vals)
            if vals[name] not in EMPTY and vals[name] != []
        }
        if computed:
            self._qms_refuse_computed(computed)
        return super()._qms_check_create_vals(vals)

    def _qms_check_write_vals(self, vals):
        computed = {
            name
            for name in self._qms_computed_names(vals)
            if self._qms_value_changes(name, vals[name])
        }
        if computed:
            self.check_access("write")
            self._qms_refuse_computed(computed)
        return super()._qms_check_write_vals(vals)
