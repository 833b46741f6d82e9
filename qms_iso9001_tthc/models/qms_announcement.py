from odoo import models


class QmsAnnouncement(models.Model):
    """The QMS is announced for the procedures it runs: a procedure enters the scope of the
    công bố once an ISO process flow is in force for it, and a new flow version counts as a
    revision, so the standing office sees that a re-announcement is due."""

    _inherit = "qms.announcement"

    def _qms_scope_candidates(self):
        items = super()._qms_scope_candidates()
        company = self.company_id or self.env.company
        procedures = (
            self.env["qms.tthc.procedure"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "!=", "abolished"),
                    ("current_flow_id", "!=", False),
                ],
                order="code, id",
            )
        )
        category = self.env._("Administrative procedures")
        items.extend(
            {
                "res_model": procedure._name,
                "res_id": procedure.id,
                "code": procedure.code,
                "name": procedure.name,
                "revision_label": str(procedure.current_flow_id.version),
                "category": category,
                "sequence": index,
                # an administrative procedure added or removed changes the scope
                "is_activity": True,
            }
            for index, procedure in enumerate(procedures, start=len(items) + 1)
        )
        return items
