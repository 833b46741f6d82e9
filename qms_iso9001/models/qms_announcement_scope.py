from odoo import api, fields, models

from . import qms_system_written_mixin  # noqa: F401 (the mixin is defined first)


class QmsAnnouncementScope(models.Model):
    """One item (document or procedure) covered by an announcement, as it stood that day.

    The code, name and revision are copied rather than related: the annex of a signed decision
    must keep saying what was announced even after the document is revised or withdrawn. The lines
    are written only by the announcement's actions (Load Current Scope, Announce), from the
    documents in force: nobody adds, edits or removes an item by hand, in any state.
    """

    _name = "qms.announcement.scope"
    _description = "Announcement Scope Item"
    _inherit = ["qms.system.written.mixin"]
    _order = "announcement_id, sequence, code, id"

    announcement_id = fields.Many2one(
        "qms.announcement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    category = fields.Char(
        string="Annex Heading", help="Heading of the annex the item is listed under."
    )
    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model", required=True)
    code = fields.Char()
    name = fields.Char(required=True)
    revision_label = fields.Char(string="Issue / Version")
    company_id = fields.Many2one(related="announcement_id.company_id", store=True, index=True)

    # ------------------------------------------------------------------ written by the system only
    def _qms_by_hand_message(self):
        return self.env._(
            "The scope of an announcement is taken from the documents in force by its "
            "actions (Load Current Scope, Announce); it is never edited by hand."
        )

    @api.model
    def _qms_key(self, item):
        """Identity of a scope item across announcements (a record, whatever its revision)."""
        return (item["res_model"], item["res_id"])

    def _qms_as_items(self):
        return [
            {
                "res_model": line.res_model,
                "res_id": line.res_id,
                "code": line.code or "",
                "name": line.name,
                "revision_label": line.revision_label or "",
                "category": line.category or "",
                "sequence": line.sequence,
            }
            for line in self
        ]

    def action_open_record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)._get_records_action()
