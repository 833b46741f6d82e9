from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(plan.state not in ("draft", "cancelled") for plan in self):
            raise UserError(
                self.env._(
                    "Only a draft or cancelled plan can be deleted; an approved plan is kept as "
                    "a record of the system."
                )
            )

    # ------------------------------------------------------------------ approval chain
    def _qms_approval_on_submit(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan can be submitted for approval."))
            if not plan.task_ids:
                raise UserError(
                    self.env._("Add the tasks of %(plan)s before submitting it.", plan=plan.name)
                )
            plan.task_ids._check_schedule_complete()
        self.write({"state": "to_approve"})

    def _qms_approval_on_approved(self, request):
        last = request._qms_last_approver()
        self.sudo().write(
            {
                "state": "approved",
                "date_approved": fields.Date.context_today(self),
                "approver_id": last.id,
            }
        )

    def _qms_approval_on_rejected(self, request):
        self.sudo().write({"state": "draft"})

    # ------------------------------------------------------------------ actions
    def action_done(self):
        for plan in self:
            if plan.state != "approved":
                raise UserError(self.env._("Only an approved plan can be completed."))
            open_tasks = plan.task_ids.filtered(lambda t: t.state not in CLOSED_TASK_STATES)
            if open_tasks:
                raise UserError(
                    self.env._(
                        "The plan still has open tasks: %(tasks)s. Finish or cancel them first.",
                        tasks=", ".join(open_tasks.mapped("name")),
                    )
                )
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        for plan in self:
            if plan.state == "done":
                raise UserError(self.env._("A completed plan cannot be cancelled."))
            request = plan.sudo().approval_request_id
            if request.state == "pending":
                # Not a recall by the requester: the manager withdraws the plan altogether.
                request._qms_close("cancelled")
                request._qms_post(self.env._("Approval request closed: the plan was cancelled."))
        self.write({"state": "cancelled"})
        self.task_ids._qms_close_reminders()
        return True

    def action_reset_to_draft(self):
        if any(plan.state != "cancelled" for plan in self):
            raise UserError(self.env._("Only a cancelled plan can be set back to draft."))
        self.write({"state": "draft"})
        return True

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
