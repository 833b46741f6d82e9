from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

# The decision and its type are frozen with the minutes; who carries it out and by when can still
# be settled after the meeting, until the decision is followed up by an action or a plan task.
FOLLOW_UP_FIELDS = ("department_id", "responsible_id", "date_deadline")


class QmsManagementReviewOutput(models.Model):
    """A decision of the management review (ISO 9001 clause 9.3.3) and how it is followed up.

    A decision becomes a `qms.action` or a task of the year's ISO plan, through the actions
    "Create Action" and "Create Plan Task" only; its follow-up status is read from that record,
    and the next review reports it as "status of previous actions".
    """

    _name = "qms.management.review.output"
    _description = "Management Review Decision"
    _inherit = ["qms.management.review.entry"]
    _order = "review_id, sequence, id"
    _check_company_auto = True

    _qms_state_field = "review_state"
    _qms_workflow_fields = ("action_id", "task_id", "follow_up_state")
    _qms_editable_fields = {"to_approve": (), "approved": FOLLOW_UP_FIELDS}
    _qms_deletable_states = ("draft",)
    _qms_field_groups = {}

    review_id = fields.Many2one(
        "qms.management.review", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Decision", required=True)
    output_type = fields.Selection(
        [
            ("improvement", "Improvement Opportunity"),
            ("qms_change", "Change to the QMS"),
            ("resource_need", "Resource Need"),
        ],
        string="Type",
        required=True,
        default="improvement",
    )
    department_id = fields.Many2one("hr.department", string="Unit in Charge", check_company=True)
    responsible_id = fields.Many2one("res.users")
    date_deadline = fields.Date(string="Deadline")
    action_id = fields.Many2one("qms.action", readonly=True, copy=False, index="btree_not_null")
    task_id = fields.Many2one(
        "qms.plan.task", string="Plan Task", readonly=True, copy=False, index="btree_not_null"
    )
    follow_up_state = fields.Selection(
        [
            ("not_planned", "Not Followed Up Yet"),
            ("in_progress", "In Progress"),
            ("overdue", "Overdue"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Follow-up",
        compute="_compute_follow_up_state",
    )
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    review_date = fields.Date(related="review_id.date", string="Review Date")
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)

    def _qms_follow_up_record(self):
        """The action or plan task that carries the decision out (empty when not planned)."""
        self.ensure_one()
        for field_name in ("action_id", "task_id"):
            if field_name in self._fields and self[field_name]:
                return self[field_name].sudo()
        return None

    @api.depends(
        "action_id.state", "action_id.date_deadline", "task_id.state", "task_id.date_deadline"
    )
    def _compute_follow_up_state(self):
        today = fields.Date.context_today(self)
        for output in self:
            record = output._qms_follow_up_record()
            if record is None:
                output.follow_up_state = "not_planned"
            elif record.state in ("done", "cancelled"):
                output.follow_up_state = record.state
            elif record.date_deadline and record.date_deadline < today:
                output.follow_up_state = "overdue"
            else:
                output.follow_up_state = "in_progress"

    # ------------------------------------------------------------------ guard
    def _qms_moved_message(self):
        return self.env._("A decision stays in the minutes it was taken in.")

    def _qms_check_state_editable(self, names):
        result = super()._qms_check_state_editable(names)
        if not names & self._qms_guarded_fields():
            return result
        for output in self:
            record = output._qms_follow_up_record()
            if record is not None:
                raise UserError(
                    self.env._(
                        "This decision is followed up by %(record)s: change it there.",
                        record=record.display_name,
                    )
                )
        return result

    @api.constrains("date_deadline", "review_id")
    def _check_deadline_after_meeting(self):
        for output in self:
            meeting = output.review_id.date
            if output.date_deadline and meeting and output.date_deadline < meeting:
                raise ValidationError(
                    self.env._(
                        "The deadline of a decision cannot be before the meeting (%(date)s).",
                        date=meeting,
                    )
                )

    # ------------------------------------------------------------------ follow-up (transitions)
    def _qms_check_can_follow_up(self):
        self.ensure_one()
        if self._qms_follow_up_record() is not None:
            raise UserError(
                self.env._(
                    "This decision is already followed up by %(record)s.",
                    record=self._qms_follow_up_record().display_name,
                )
            )
        if not self.responsible_id or not self.date_deadline:
            raise UserError(
                self.env._(
                    "Give the decision a responsible person and a deadline before following it "
                    "up: %(decision)s",
                    decision=self.name,
                )
            )

    def _qms_create_follow_up(self, model, vals):
        """The action or task is created for the standing office once the transition's checks
        have passed (its source link is set by the system, not by the user)."""
        Model = self.env[model]
        Model.check_access("create")
        return Model.sudo().create(vals).with_env(self.env)

    @transition(("approved",), groups=(MANAGER,), label=_lt("Create Action"))
    def action_create_action(self):
        """Follow the decision up as an improvement action (qms.action) of the review."""
        self.ensure_one()
        self._qms_check_can_follow_up()
        review = self.review_id
        action = self._qms_create_follow_up(
            "qms.action",
            {
                "name": self.name[:250],
                "description": self.name,
                "action_type": "improvement",
                "management_review_id": review.id,
                "res_model": review._name,
                "res_id": review.id,
                "department_id": self.department_id.id,
                "responsible_id": self.responsible_id.id,
                "date_deadline": self.date_deadline,
                "company_id": review.company_id.id,
            },
        )
        self._qms_set({"action_id": action.id})
        review.sudo().message_post(
            body=self.env._(
                "Decision followed up by the action %(action)s (%(user)s).",
                action=action.name,
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._qms_open(action)

    def _qms_current_plan(self):
        """The agency's ISO plan of the current year that the task joins (not a unit's plan)."""
        self.ensure_one()
        year = fields.Date.context_today(self).year
        plan = self.env["qms.plan"].search(
            [
                ("company_id", "=", self.review_id.company_id.id),
                ("year", "=", year),
                ("department_id", "=", False),
                ("state", "in", ["draft", "to_approve", "approved"]),
            ],
            order="id desc",
            limit=1,
        )
        if not plan:
            raise UserError(
                self.env._(
                    "There is no ISO plan for %(year)s to add the task to: draft the plan of the "
                    "year first.",
                    year=year,
                )
            )
        return plan

    @transition(("approved",), groups=(MANAGER,), label=_lt("Create Plan Task"))
    def action_create_plan_task(self):
        """Follow the decision up as a task of the current year's ISO plan."""
        self.ensure_one()
        self._qms_check_can_follow_up()
        plan = self._qms_current_plan()
        task = self._qms_create_follow_up(
            "qms.plan.task",
            {
                "plan_id": plan.id,
                "name": self.name[:250],
                "description": self.name,
                "department_id": self.department_id.id,
                "user_id": self.responsible_id.id,
                "date_start": fields.Date.context_today(self),
                "date_deadline": self.date_deadline,
            },
        )
        self._qms_set({"task_id": task.id})
        self.review_id.sudo().message_post(
            body=self.env._(
                "Decision followed up by the plan task %(task)s (%(user)s).",
                task=task.name,
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._qms_open(task)

    @staticmethod
    def _qms_open(record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
