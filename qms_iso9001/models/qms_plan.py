from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

CLOSED_TASK_STATES = ("done", "cancelled")


class QmsPlan(models.Model):
    """The yearly plan to build, maintain and improve the QMS (kế hoạch duy trì, cải tiến).

    The plan is approved through the agency's approval chain before its tasks can be reported
    on, so that the leaders' commitment is recorded and progress is measured against what they
    signed.
    """

    _name = "qms.plan"
    _description = "ISO Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = ("date_approved", "approver_id", "source_plan_id")
    # Once submitted, what the leaders approve stays as they saw it; the tasks keep their own
    # rules (only the standing office adjusts an approved plan's tasks).
    _qms_editable_fields = {
        "to_approve": ("task_ids",),
        "approved": ("reference", "reminder_days", "task_ids"),
        "done": (),
        "cancelled": (),
    }

    name = fields.Char(
        required=True,
        tracking=True,
        help="E.g. Kế hoạch duy trì, cải tiến HTQLCL năm 2026.",
    )
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    reference = fields.Char(
        string="Plan Number",
        tracking=True,
        help="Number of the signed plan, e.g. 12/KH-STP.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        tracking=True,
        index=True,
        check_company=True,
        help="Leave empty for the plan of the whole agency; set it for a unit's own plan.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Who drafts the plan and follows its execution (usually the ISO standing office).",
    )
    description = fields.Html(string="Purpose and Requirements")
    task_ids = fields.One2many("qms.plan.task", "plan_id", string="Tasks", copy=False)
    task_count = fields.Integer(compute="_compute_task_stats")
    open_task_count = fields.Integer(string="Open Tasks", compute="_compute_task_stats")
    overdue_task_count = fields.Integer(string="Overdue Tasks", compute="_compute_task_stats")
    progress = fields.Float(
        compute="_compute_task_stats",
        digits=(5, 1),
        help="Average progress of the tasks that are not cancelled.",
    )
    reminder_days = fields.Integer(
        string="Remind (days before deadline)",
        default=7,
        help="Assignees get a reminder this many days before a task's deadline and again when it "
        "is overdue (0: only when overdue).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Completed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_approved = fields.Date(copy=False, readonly=True, tracking=True)
    approver_id = fields.Many2one("res.users", string="Approved By", copy=False, readonly=True)
    source_plan_id = fields.Many2one(
        "qms.plan",
        string="Copied From",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("task_ids.state", "task_ids.progress", "task_ids.is_overdue")
    def _compute_task_stats(self):
        for plan in self:
            tasks = plan.task_ids.filtered(lambda t: t.state != "cancelled")
            plan.task_count = len(plan.task_ids)
            plan.open_task_count = len(tasks.filtered(lambda t: t.state != "done"))
            plan.overdue_task_count = len(tasks.filtered("is_overdue"))
            plan.progress = sum(tasks.mapped("progress")) / len(tasks) if tasks else 0.0

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(
                    self.env._("The year %(year)s of a plan is not valid.", year=plan.year)
                )

    @api.constrains("reminder_days")
    def _check_reminder_days(self):
        if any(plan.reminder_days < 0 for plan in self):
            raise ValidationError(self.env._("The number of reminder days cannot be negative."))

    # ------------------------------------------------------------------ approval chain
    def _qms_check_ready_to_submit(self):
        for plan in self:
            if not plan.task_ids:
                raise UserError(
                    self.env._("Add the tasks of %(plan)s before submitting it.", plan=plan.name)
                )
            plan.task_ids._check_schedule_complete()

    def _qms_approval_on_approved(self, request):
        last = request._qms_last_approver()
        self._qms_set(
            {
                "state": "approved",
                "date_approved": fields.Date.context_today(self),
                "approver_id": last.id,
            }
        )

    # ------------------------------------------------------------------ transitions
    @transition(("approved",), groups=(MANAGER,), label=_lt("Mark as Completed"))
    def action_done(self):
        for plan in self:
            open_tasks = plan.sudo().task_ids.filtered(lambda t: t.state not in CLOSED_TASK_STATES)
            if open_tasks:
                raise UserError(
                    self.env._(
                        "The plan still has open tasks: %(tasks)s. Finish or cancel them first.",
                        tasks=", ".join(open_tasks.mapped("name")),
                    )
                )
        self._qms_set({"state": "done"})
        return True

    @transition(("draft", "to_approve", "approved"), groups=(MANAGER,), label=_lt("Cancel Plan"))
    def action_cancel(self, reason):
        """The standing office withdraws the plan, saying why; its tasks are no longer reminded.
        A plan waiting for approval leaves the chain too (not a recall: the manager decides)."""
        reason = self._qms_log_reason(self.env._("Plan cancelled"), reason)
        for plan in self:
            request = plan.sudo().approval_request_id
            if request.state == "pending":
                request._qms_close("cancelled")
                request._qms_post(self.env._("Approval request closed: the plan was cancelled."))
        self._qms_set({"state": "cancelled"})
        self.sudo().task_ids._qms_close_reminders()
        return True

    @transition(("cancelled",), groups=(MANAGER,), label=_lt("Set to Draft"))
    def action_reset_to_draft(self, reason):
        """A cancelled plan taken up again goes through the approval chain anew."""
        self._qms_log_reason(self.env._("Plan set back to draft"), reason)
        self._qms_set({"state": "draft", "date_approved": False, "approver_id": False})
        return True

    def action_open_cancel_wizard(self):
        return self._qms_reason_wizard_action("action_cancel", self.env._("Cancel Plan"))

    def action_open_reset_wizard(self):
        return self._qms_reason_wizard_action("action_reset_to_draft", self.env._("Set to Draft"))

    @transition(groups=(UNIT_OFFICER,), access="read", label=_lt("Copy to a New Year"))
    def action_copy_plan(self, year, name, include_cancelled=False):
        """Start the plan of a later year from this one: a new draft with the same tasks, their
        dates moved by the same number of years (29 February falls back to 28 February)."""
        self.ensure_one()
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            raise ValidationError(self.env._("The year %(year)s is not valid.", year=year))
        if not isinstance(name, str) or not name.strip():
            raise UserError(self.env._("Give the new plan a name."))
        years = year - self.year
        if years <= 0:
            raise UserError(
                self.env._("Copy the plan of %(year)s into a later year.", year=self.year)
            )
        new_plan = self.copy({"name": name.strip(), "year": year, "reference": False})
        new_plan._qms_set({"source_plan_id": self.id})
        tasks = self.task_ids
        if not include_cancelled:
            tasks = tasks.filtered(lambda t: t.state != "cancelled")
        self.env["qms.plan.task"].create(
            [
                {
                    "plan_id": new_plan.id,
                    "sequence": task.sequence,
                    "name": task.name,
                    "description": task.description,
                    "department_id": task.department_id.id,
                    "user_id": task.user_id.id,
                    "date_start": self._qms_shift(task.date_start, years),
                    "date_deadline": self._qms_shift(task.date_deadline, years),
                    "deliverable_required": task.deliverable_required,
                    "deliverable_name": task.deliverable_name,
                }
                for task in tasks
            ]
        )
        new_plan.message_post(
            body=self.env._("Copied from %(plan)s.", plan=self.name),
            subtype_xmlid="mail.mt_note",
        )
        return new_plan

    @api.model
    def _qms_shift(self, date, years):
        """Same day `years` later; 29 February falls back to 28 February (relativedelta)."""
        return date + relativedelta(years=years) if date else False

    def action_copy_to_year(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Copy Plan to a New Year"),
            "res_model": "qms.plan.copy.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("qms_iso9001.action_qms_plan_task")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "search_default_group_deadline": 1}
        return action
