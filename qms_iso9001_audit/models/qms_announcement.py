from odoo import fields, models

from .qms_report import AUDIT_DONE_STATES


class QmsAnnouncement(models.Model):
    """The internal audit is a condition of announcing: every unit in scope was audited at least
    once, the audit done (its report written), before the decision."""

    _inherit = "qms.announcement"

    def _qms_readiness_items(self):
        items = super()._qms_readiness_items()
        units = self._qms_units_in_scope()
        today = self.date_decision or fields.Date.context_today(self)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("audit_type", "=", "internal"),
            ("state", "in", AUDIT_DONE_STATES),
            ("date_end", "<=", fields.Date.to_string(today)),
        ]
        audited = (
            self.env["qms.audit"]
            .sudo()
            .search([*domain, ("department_ids", "in", units.ids)])
            .department_ids
        )
        missing = units - audited
        if not units:
            detail = self.env._("No unit in scope yet.")
        elif missing:
            detail = self.env._(
                "Not audited yet: %(units)s.", units=", ".join(missing.sudo().mapped("name"))
            )
        else:
            detail = self.env._("%(count)s units audited.", count=len(units))
        items.insert(
            1,
            self._qms_readiness_item(
                "internal_audit",
                self.env._("Every unit in scope had an internal audit"),
                units and not missing,
                detail,
                model="qms.audit",
                domain=[*domain, ("department_ids", "in", units.ids)],
            ),
        )
        return items
