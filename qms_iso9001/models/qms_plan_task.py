from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

CLOSED_STATES = ("done", "cancelled")
OPEN_STATES = ("todo", "in_progress")
# What an assignee reports once the plan is approved; everything else is the plan's content.
PROGRESS_FIELDS = {
    "progress",
    "deliverable_attachment_ids",
    "deliverable_note",
    "result_note",
    "activity_ids",
    "message_follower_ids",
    "message_ids",
}
REMINDER_ACTIVITY = "qms_iso9001.mail_activity_type_qms_plan_task"


class QmsPlanTask(models.Model):
    """One task of an ISO plan, assigned to a unit and a person with a deadline.

    Its unit and assignee report progress and deliverables once the plan is approved; what the
    task is and when it is due stays as the leaders approved it (only the QMS manager may adjust
    it), so that the year-end review compares the work with the plan that was signed.

    The assignee or the ISO officer of the unit reports the task done, on the day they do it
    (the completion date is the system's, never typed in); a done task is frozen and only the
    standing office reopens it, saying why. Cancelling a task is the standing office's too.
    """

    _name = "qms.plan.task"
    _description = "ISO Plan Task"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "plan_id, sequence, date_deadline, id"
    _check_company_auto = True

    _qms_workflow_fields = ("date_done", "is_done_on_time", "reminder_stage", "company_id")
    _qms_editable_fields = {"done": ("sequence",), "cancelled": ("sequence",)}

    plan_id = fields.Many2one(
        "qms.plan", required=True, ondelete="cascade", index=True, check_company=True
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, tracking=True)
    description = fields.Text(string="Content")
    department_id = fields.Many2one(
        "hr.department",
        string="Assigned Unit",
        tracking=True,
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    date_start = fields.Date(string="Start Date", tracking=True)
    date_deadline = fields.Date(string="Deadline", tracking=True, index=True)
    date_done = fields.Date(string="Completed On", copy=False, tracking=True)
    progress = fields.Float(string="Progress (%)", copy=False, tracking=True, aggregator="avg")
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,
    )
    deliverable_required = fields.Boolean(
        help="The task can only be marked done once its deliverable (report, decision, minutes) "
        "is attached.",
    )
    deliverable_name = fields.Char(
        string="Expected Deliverable", help="E.g. Báo cáo kết quả đánh giá nội bộ."
    )
    deliverable_attachment_ids = fields.Many2many(
        "ir.attachment",
        "qms_plan_task_deliverable_rel",
        "task_id",
        "attachment_id",
        string="Deliverable Files",
        copy=False,
    )
    deliverable_note = fields.Char(
        string="Deliverable Reference",
        copy=False,
        help="Number and date of the document produced, when it is not attached.",
    )
    result_note = fields.Text(string="Result", copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_done_on_time = fields.Boolean(
        string="Done on Time", compute="_compute_is_done_on_time", store=True
    )
    color = fields.Integer(compute="_compute_is_overdue")
    is_my_unit = fields.Boolean(
        string="My Unit's Task", compute="_compute_is_my_unit", search="_search_is_my_unit"
    )
    reminder_stage = fields.Selection(
        [("none", "Not Reminded"), ("due_soon", "Due Soon"), ("overdue", "Overdue")],
        default="none",
        required=True,
        copy=False,
        readonly=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)

    @api.depends("date_deadline", "state")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = bool(
                task.date_deadline
                and task.date_deadline < today
                and task.state not in CLOSED_STATES
            )
            task.color = 1 if task.is_overdue else 0

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        today = fields.Date.context_today(self)
        domain = Domain("date_deadline", "<", today) & Domain("state", "not in", CLOSED_STATES)
        return domain if (operator == "=") == value else ~domain

    @api.depends_context("uid")
    @api.depends("department_id")
    def _compute_is_my_unit(self):
        units = self.env.user.employee_ids.department_id
        for task in self:
            task.is_my_unit = bool(task.department_id) and bool(
                set(task.department_id.parent_path.split("/")) & {str(i) for i in units.ids}
            )

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the unit flag."))
        units = self.env.user.employee_ids.department_id
        domain = Domain("department_id", "child_of", units.ids) if units else Domain.FALSE
        return domain if (operator == "=") == value else ~domain

    @api.depends("date_done", "date_deadline", "state")
    def _compute_is_done_on_time(self):
        for task in self:
            task.is_done_on_time = bool(
                task.state == "done"
                and task.date_done
                and (not task.date_deadline or task.date_done <= task.date_deadline)
            )

    @api.constrains("progress")
    def _check_progress(self):
        for task in self:
            if not 0 <= task.progress <= 100:
                raise ValidationError(
                    self.env._(
                        "The progress of %(task)s must be between 0 and 100%%.", task=task.name
                    )
                )

    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for task in self:
            if task.date_start and task.date_deadline and task.date_deadline < task.date_start:
                raise ValidationError(
                    self.env._(
                        "The deadline of %(task)s cannot be before its start date.",
                        task=task.name,
                    )
                )

    @api.constrains(
        "state", "deliverable_required", "deliverable_attachment_ids", "deliverable_note"
    )
    def _check_deliverable(self):
        for task in self:
            if (
                task.state == "done"
                and task.deliverable_required
                and not task.deliverable_attachment_ids
                and not task.deliverable_note
            ):
                raise ValidationError(
                    self.env._(
                        "Attach the deliverable of %(task)s (or give its reference) before "
                        "marking it done.",
                        task=task.name,
                    )
                )

    def _check_schedule_complete(self):
        """The leaders approve who does what by when: an incomplete line cannot be approved."""
        for task in self.filtered(lambda t: t.state != "cancelled"):
            if not task.date_deadline or not (task.department_id or task.user_id):
                raise UserError(
                    self.env._(
                        "Give the task %(task)s a deadline and an assigned unit or person.",
                        task=task.name,
                    )
                )

    # ------------------------------------------------------------------ ORM
    @api.onchange("user_id")
    def _onchange_user_id(self):
        employee = self.user_id.employee_ids[:1]
        if employee.department_id and not self.department_id:
            self.department_id = employee.department_id

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["qms.plan"].browse([v["plan_id"] for v in vals_list if v.get("plan_id")])
        if not self._is_qms_manager():
            for plan in plans:
                if plan.state != "draft":
                    raise UserError(
                        self.env._(
                            "Tasks can only be added to a draft plan; ask the QMS manager to "
                            "adjust %(plan)s.",
                            plan=plan.name,
                        )
                    )
        tasks = super().create(vals_list)
        tasks._subscribe_assignees()
        return tasks

    def write(self, vals):
        if not self.env.su:
            self._check_write_allowed(vals)
        result = super().write(vals)
        if "date_deadline" in vals:
            # a new deadline is reminded afresh
            self.filtered(lambda t: t.reminder_stage != "none")._qms_set({"reminder_stage": "none"})
        if "user_id" in vals:
            self._subscribe_assignees()
        if not self.env.su and vals.get("progress"):
            # reporting progress on a task not started yet starts it
            self.filtered(lambda t: t.state == "todo").action_start()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft_plan(self):
        """A task of a plan that was submitted is part of what the leaders signed: it is
        cancelled with a reason, never deleted."""
        for task in self:
            if task.plan_id.state not in ("draft", False):
                raise UserError(
                    self.env._(
                        "%(task)s belongs to the plan %(plan)s, which has left the draft stage: "
                        "cancel the task instead of deleting it.",
                        task=task.name,
                        plan=task.plan_id.name,
                    )
                )

    @api.model
    def _is_qms_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER)

    def _check_write_allowed(self, vals):
        # workflow fields are refused by the lifecycle guard, which names the action to use
        planning_fields = (
            set(vals) - PROGRESS_FIELDS - {"sequence"} - self._qms_all_workflow_fields()
        )
        manager = self._is_qms_manager()
        for task in self:
            plan_state = task.plan_id.state
            if plan_state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "The plan %(plan)s is closed: its tasks cannot be changed.",
                        plan=task.plan_id.name,
                    )
                )
            if planning_fields and plan_state != "draft" and not manager:
                raise UserError(
                    self.env._(
                        "The plan %(plan)s has left the draft stage: only its QMS manager may "
                        "change what a task is, who does it and when.",
                        plan=task.plan_id.name,
                    )
                )
            if "progress" in vals and plan_state != "approved":
                raise UserError(
                    self.env._(
                        "Progress is reported once the plan %(plan)s is approved.",
                        plan=task.plan_id.name,
                    )
                )

    def _subscribe_assignees(self):
        for task in self.filtered("user_id"):
            task.message_subscribe(partner_ids=task.user_id.partner_id.ids)

    # ------------------------------------------------------------------ roles
    def _qms_is_reporter(self, user):
        """The assignee, or an ISO officer of the task's unit or of the plan's unit."""
        self.ensure_one()
        if self.user_id == user:
            return True
        if not user.has_group(UNIT_OFFICER):
            return False
        units = user.employee_ids.department_id
        if not units:
            return False
        return bool(
            self.env["hr.department"]
            .sudo()
            .search_count(
                [
                    ("id", "in", (self.department_id | self.plan_id.department_id).ids),
                    ("id", "child_of", units.ids),
                ],
                limit=1,
            )
        )

    def _qms_check_plan_state(self, action, states=("approved",)):
        for task in self:
            if task.plan_id.state not in states:
                raise UserError(
                    self.env._(
                        "%(action)s is not possible while the plan %(plan)s is %(state)s.",
                        action=action,
                        plan=task.plan_id.name,
                        state=task.plan_id._qms_state_label(),
                    )
                )

    # ------------------------------------------------------------------ transitions
    @transition(("todo",), groups=(MANAGER,), role="_qms_is_reporter", label=_lt("Start"))
    def action_start(self):
        self._qms_check_plan_state(self.env._("Start"))
        self._qms_set({"state": "in_progress"})
        return True

    @transition(OPEN_STATES, role="_qms_is_reporter", label=_lt("Mark as Done"))
    def action_done(self):
        """Reported done today: the completion date is the day it is reported."""
        self._qms_check_plan_state(self.env._("Mark as Done"))
        self._qms_set(
            {"state": "done", "progress": 100.0, "date_done": fields.Date.context_today(self)}
        )
        self._qms_close_reminders()
        return True

    @transition(OPEN_STATES, groups=(MANAGER,), label=_lt("Cancel Task"))
    def action_cancel(self, reason):
        self._qms_check_plan_state(self.env._("Cancel Task"), ("draft", "approved"))
        self._qms_log_reason(self.env._("Task cancelled"), reason)
        self._qms_set({"state": "cancelled"})
        self._qms_close_reminders()
        return True

    @transition(CLOSED_STATES, groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        """The standing office takes a done or cancelled task up again, saying why."""
        self._qms_check_plan_state(self.env._("Reopen"), ("draft", "approved"))
        self._qms_log_reason(self.env._("Task reopened"), reason)
        for task in self:
            task._qms_set(
                {
                    "state": "in_progress" if task.progress else "todo",
                    "date_done": False,
                    "reminder_stage": "none",
                }
            )
        return True

    def action_open_cancel_wizard(self):
        return self._qms_reason_wizard_action("action_cancel", self.env._("Cancel Task"))

    def action_open_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Task"))

    # ------------------------------------------------------------------ reminders
    def _qms_close_reminders(self):
        activities = self.sudo().activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref(REMINDER_ACTIVITY, raise_if_not_found=False)
            )
        )
        activities.unlink()

    @api.model
    def _cron_remind_deadlines(self):
        """Remind assignees before the deadline and once more when it has passed.

        The stage kept on the task (none, due soon, overdue) makes the cron idempotent: one
        activity per task and stage, moved rather than duplicated when it is still open.
        """
        today = fields.Date.context_today(self)
        tasks = self.search(
            [
                ("plan_id.state", "=", "approved"),
                ("state", "not in", CLOSED_STATES),
                ("user_id", "!=", False),
                ("date_deadline", "!=", False),
                ("reminder_stage", "!=", "overdue"),
            ]
        )
        for task in tasks:
            if task.date_deadline < today:
                task._qms_remind("overdue", today)
            elif task.reminder_stage == "none" and task.date_deadline <= today + timedelta(
                days=task.plan_id.reminder_days
            ):
                task._qms_remind("due_soon", task.date_deadline)

    def _qms_remind(self, stage, date_deadline):
        self.ensure_one()
        if stage == "overdue":
            summary = self.env._("Overdue plan task: %(task)s", task=self.name)
        else:
            summary = self.env._("Plan task due on %(date)s", date=self.date_deadline)
        activity_type = self.env.ref(REMINDER_ACTIVITY)
        existing = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == self.user_id
        )
        if existing:
            existing.write({"summary": summary, "date_deadline": date_deadline})
        else:
            self.activity_schedule(
                REMINDER_ACTIVITY,
                date_deadline=date_deadline,
                summary=summary,
                user_id=self.user_id.id,
            )
        self._qms_set({"reminder_stage": stage})
