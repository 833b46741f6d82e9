from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)


class QmsSteeringCommittee(models.Model):
    """The ISO steering committee (Ban chỉ đạo ISO) of an agency.

    An agency has one committee in force at a time; re-forming it by a new decision keeps the
    old one as history instead of editing it, because audits ask who was in charge when.

    The standing office drafts it, puts it in force and re-forms it. In force, its decision and
    members are frozen (a change of members is a new decision): only its working rules and the
    scan of the decision may still be completed. Replaced, it is history: only archived. A
    committee that has been in force is never deleted.
    """

    _name = "qms.steering.committee"
    _description = "ISO Steering Committee"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "decision_date desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = ("date_end", "previous_committee_id", "head_id")
    _qms_editable_fields = {
        "active": ("note", "decision_attachment_id"),
        "replaced": ("active",),
    }

    name = fields.Char(required=True, tracking=True)
    decision_number = fields.Char(
        required=True, tracking=True, help="Number of the founding decision, e.g. 125/QĐ-STP."
    )
    decision_date = fields.Date(required=True, tracking=True)
    signer_id = fields.Many2one(
        "hr.employee", string="Signed By", required=True, tracking=True, check_company=True
    )
    decision_attachment_id = fields.Many2one(
        "ir.attachment", string="Decision File", copy=False, help="Scanned signed decision."
    )
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True, readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In Force"), ("replaced", "Replaced")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    member_ids = fields.One2many("qms.steering.member", "committee_id", string="Members", copy=True)
    member_count = fields.Integer(compute="_compute_member_count")
    head_id = fields.Many2one("hr.employee", compute="_compute_head_id", store=True, index=True)
    previous_committee_id = fields.Many2one(
        "qms.steering.committee", string="Replaces", readonly=True, copy=False, index=True
    )
    note = fields.Html(string="Duties and Working Rules")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("member_ids")
    def _compute_member_count(self):
        for committee in self:
            committee.member_count = len(committee.member_ids)

    @api.depends("member_ids.role", "member_ids.employee_id")
    def _compute_head_id(self):
        for committee in self:
            heads = committee.member_ids.filtered(lambda m: m.role == "head")
            committee.head_id = heads[:1].employee_id

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for committee in self:
            if (
                committee.date_start
                and committee.date_end
                and committee.date_end < committee.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "A committee cannot end before it starts (%(name)s).", name=committee.name
                    )
                )

    @api.constrains("state", "member_ids")
    def _check_one_head(self):
        for committee in self.filtered(lambda c: c.state == "active"):
            heads = committee.member_ids.filtered(lambda m: m.role == "head")
            if len(heads) != 1:
                raise ValidationError(
                    self.env._(
                        "The committee %(name)s must have exactly one head while it is in force.",
                        name=committee.name,
                    )
                )

    @transition(("draft",), groups=(MANAGER,), label=_lt("Put in Force"))
    def action_put_in_force(self):
        """Put a drafted committee in force; the one it replaces becomes history on the same day."""
        for committee in self:
            start = committee.date_start or committee.decision_date
            previous = self.sudo().search(
                [
                    ("company_id", "=", committee.company_id.id),
                    ("state", "=", "active"),
                    ("id", "!=", committee.id),
                ]
            )
            previous._qms_set({"state": "replaced", "date_end": start})
            committee._qms_set(
                {
                    "state": "active",
                    "date_start": start,
                    "previous_committee_id": previous[:1].id,
                }
            )
        return True

    @transition(("active",), groups=(MANAGER,), access="read", label=_lt("Re-form"))
    def action_reform(self):
        """Open a draft copy with the same members, ready for the new decision's changes."""
        self._qms_ensure_one()
        draft = self.copy(
            {
                "name": self.name,
                "decision_number": self.env._("(new decision)"),
                "decision_date": fields.Date.context_today(self),
                "date_start": False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }
