import ast

from odoo import fields, models
from odoo.exceptions import UserError

from . import qms_system_written_mixin  # noqa: F401 (the mixin is defined first)


class QmsAnnouncementReadiness(models.Model):
    """One condition of announcing the QMS, as the system found it when last checked.

    QĐ 19/2014/QĐ-TTg has the system built, applied, internally audited and reviewed by
    management before it is announced. The announcement lists each condition with whether it is
    met and the records proving it; the list kept with a signed decision shows what the agency
    knew the day it announced. Lines are written by the announcement's actions only.
    """

    _name = "qms.announcement.readiness"
    _description = "Announcement Readiness Item"
    _inherit = ["qms.system.written.mixin"]
    _order = "announcement_id, sequence, id"

    announcement_id = fields.Many2one(
        "qms.announcement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    key = fields.Char(required=True, help="Technical key of the condition, e.g. internal_audit.")
    name = fields.Char(string="Condition", required=True)
    is_met = fields.Boolean(string="Met")
    detail = fields.Char(help="What was found, or what is missing.")
    evidence_model = fields.Char()
    evidence_domain = fields.Char(help="Filter of the records proving the condition.")
    company_id = fields.Many2one(related="announcement_id.company_id", store=True, index=True)

    def _qms_by_hand_message(self):
        return self.env._(
            "The readiness of an announcement is checked by the system (Check "
            "Readiness); it is never edited by hand."
        )

    def action_open_evidence(self):
        """The records behind the condition, read with the user's own rights."""
        if len(self) != 1:
            raise UserError(self.env._("Open the evidence of one condition at a time."))
        if not self.evidence_model or self.evidence_model not in self.env:
            raise UserError(self.env._("No record is kept as evidence of this condition."))
        Evidence = self.env[self.evidence_model]
        if not Evidence.has_access("read"):
            raise UserError(
                self.env._("You may not read the records proving %(name)s.", name=self.name)
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.evidence_model,
            "domain": ast.literal_eval(self.evidence_domain or "[]"),
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "target": "current",
            "context": {"create": False},
        }
