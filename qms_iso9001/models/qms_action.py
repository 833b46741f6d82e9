from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition
from ..nc_tools import PLANNING_STATES, ensure_one, readable_name, without_workflow_defaults

_lt = LazyTranslate(__name__)

OPEN_STATES = ("open", "in_progress")
OVERDUE_ACTIVITY = "qms_iso9001.mail_activity_type_qms_action_overdue"
# Where the action belongs is set when it is created, never moved afterwards.
ORIGIN_FIELDS = (
    "nonconformity_id",
    "risk_id",
    "management_review_id",
    "res_model",
    "res_id",
    "company_id",
)
# What a leader approved in a nonconformity's action plan.
PLAN_FIELDS = ("name", "action_type", "responsible_id", "date_deadline", "department_id")


class QmsAction(models.Model):
    """A corrective, preventive or improvement action (hành động khắc phục, phòng ngừa, cải tiến).

    Standalone so that nonconformities, risks and management reviews share one list of actions,
    one "My actions" inbox and one overdue reminder; `res_model`/`res_id` keep the record the
    action came from when it was not raised on a nonconformity.

    Lifecycle: open -> in_progress -> done | cancelled. Its responsible (or the ISO officer of its
    unit) starts it and marks it done, the done date being the day it is marked; the unit's
    officer or the standing office cancels it with a reason; the standing office reopens a done
    or cancelled action with a reason. An action of a nonconformity's plan is frozen while the
    plan waits for approval, and once approved only the standing office changes it.
    """

    _name = "qms.action"
    _description = "Corrective / Preventive Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True

    _qms_workflow_fields = ("date_done", "is_done_on_time", "date_reminded", "date_escalated")
    _qms_editable_fields = {"done": (), "cancelled": ()}
    _qms_deletable_states = ("open",)

    name = fields.Char(string="Action", required=True, tracking=True)
    description = fields.Text(string="Details")
    action_type = fields.Selection(
        [
            ("correction", "Correction"),
            ("corrective", "Corrective Action"),
            ("preventive", "Preventive Action"),
            ("improvement", "Improvement"),
        ],
        string="Type",
        required=True,
        default="corrective",
        tracking=True,
    )
    nonconformity_id = fields.Many2one(
        "qms.nonconformity",
        ondelete="cascade",
        index="btree_not_null",
        check_company=True,
    )
    risk_id = fields.Many2one(
        "qms.risk",
        string="Risk / Opportunity",
        ondelete="restrict",
        index="btree_not_null",
        check_company=True,
    )
    management_review_id = fields.Many2one(
        "qms.management.review",
        ondelete="restrict",
        index="btree_not_null",
        check_company=True,
    )
    res_model = fields.Char(string="Origin Model", index=True, readonly=True)
    res_id = fields.Many2oneReference(string="Origin Record", model_field="res_model", index=True)
    origin_name = fields.Char(string="Origin", compute="_compute_origin_name")
    department_id = fields.Many2one(
        "hr.department", string="Unit", index=True, tracking=True, check_company=True
    )
    responsible_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True, index=True)
    date_done = fields.Date(string="Done On", readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    result = fields.Text(
        copy=False,
        help="What was done and what it achieved; required to mark the action done when no "
        "evidence file is attached.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "qms_action_attachment_rel",
        "action_id",
        "attachment_id",
        string="Evidence",
        copy=False,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_done_on_time = fields.Boolean(
        string="Done on Time", compute="_compute_is_done_on_time", store=True
    )
    date_reminded = fields.Date(string="Reminded On", readonly=True, copy=False)
    date_escalated = fields.Date(string="Escalated On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    color = fields.Integer(compute="_compute_color")

    @api.depends_context("uid")
    @api.depends("res_model", "res_id")
    def _compute_origin_name(self):
        for action in self:
            origin = False
            if action.res_model in self.env and action.res_id:
                origin = self.env[action.res_model].sudo().browse(action.res_id).exists()
            action.origin_name = readable_name(self.env, origin) if origin else False

    @api.depends_context("date")
    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.state in OPEN_STATES
                and action.date_deadline
                and action.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("state", "in", list(OPEN_STATES)) & Domain(
            "date_deadline", "<", fields.Date.context_today(self)
        )
        return overdue if operator == "in" else ~overdue

    @api.depends("state", "date_done", "date_deadline")
    def _compute_is_done_on_time(self):
        for action in self:
            action.is_done_on_time = bool(
                action.state == "done"
                and action.date_done
                and (not action.date_deadline or action.date_done <= action.date_deadline)
            )

    @api.depends("is_overdue", "state")
    def _compute_color(self):
        for action in self:
            action.color = 1 if action.is_overdue else (10 if action.state == "done" else 0)

    @api.onchange("nonconformity_id")
    def _onchange_nonconformity_id(self):
        if self.nonconformity_id and not self.department_id:
            self.department_id = self.nonconformity_id.department_id

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        model = without_workflow_defaults(self)
        actions = super(QmsAction, model).create(vals_list)
        if not self.env.su:
            # an action started from a record (a risk, a review...) names one the user may read
            for action in actions.filtered(lambda a: a.res_model or a.res_id):
                self.env["qms.nonconformity"]._qms_check_source(action.res_model, action.res_id)
        # one subscription per responsible, not per action: a plan of many actions, or many
        # nonconformities created at once, costs a few queries rather than three per action
        for responsible, same in actions.grouped("responsible_id").items():
            if responsible:
                same.sudo().message_subscribe(partner_ids=responsible.partner_id.ids)
        return actions

    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        nonconformity_id = vals.get("nonconformity_id")
        if not nonconformity_id:
            return vals
        if isinstance(nonconformity_id, bool) or not isinstance(nonconformity_id, int):
            raise UserError(self.env._("Choose the nonconformity of the action."))
        nonconformity = self.env["qms.nonconformity"].browse(nonconformity_id)
        try:
            # read rather than exists(): a nonconformity created with its actions is in the
            # cache, and its state is needed below anyway (no query per action)
            state = nonconformity.sudo().state
        except MissingError:
            state = False
        if not state:
            raise UserError(self.env._("The nonconformity of the action no longer exists."))
        if not self.env.su:
            # adding an action is changing the nonconformity's plan (and would open it to the
            # action's responsible): only those who may change the nonconformity do it
            nonconformity.check_access("write")
        self._qms_check_nonconformity_open(nonconformity)
        vals.setdefault("department_id", nonconformity.department_id.id)
        vals.setdefault("company_id", nonconformity.company_id.id)
        return vals

    @api.model
    def _qms_check_nonconformity_open(self, nonconformity):
        """New actions join a plan being drawn up; once the plan is approved, the standing office
        adds them; never to a plan waiting for approval, verified, closed or cancelled."""
        nonconformity = nonconformity.sudo()
        if nonconformity.state in ("verification", "closed", "cancelled"):
            raise UserError(
                self.env._(
                    "The nonconformity %(name)s is %(state)s: no action can be added to it.",
                    name=nonconformity.name,
                    state=nonconformity._qms_state_label(),
                )
            )
        if nonconformity.approval_state == "pending":
            raise UserError(
                self.env._(
                    "The action plan of %(name)s is waiting for approval: recall it to add an "
                    "action.",
                    name=nonconformity.name,
                )
            )
        if (
            not self.env.su
            and nonconformity.state not in PLANNING_STATES
            and not self.env.user.has_group(MANAGER)
        ):
            raise AccessError(
                self.env._(
                    "The action plan of %(name)s is approved: only the ISO standing office adds "
                    "an action to it.",
                    name=nonconformity.name,
                )
            )

    def write(self, vals):
        if not self.env.su and vals:
            self._qms_check_origin_kept(vals)
            self._qms_check_plan_change(vals)
        result = super().write(vals)
        if "responsible_id" in vals:
            for action in self:
                action._qms_follow_responsible()
        if {"date_deadline", "responsible_id"} & set(vals):
            # A new deadline or a new responsible starts the reminder cycle again.
            self.filtered(lambda a: a.date_reminded or a.date_escalated)._qms_set(
                {"date_reminded": False, "date_escalated": False}
            )
        return result

    def _qms_check_origin_kept(self, vals):
        changed = {
            name
            for name in ORIGIN_FIELDS
            if name in vals and self._qms_value_changes(name, vals[name])
        }
        if changed:
            raise UserError(
                self.env._(
                    "%(fields)s of an action are set when it is created: create a new action "
                    "instead.",
                    fields=self._qms_field_labels(changed),
                )
            )

    def _qms_check_plan_change(self, vals):
        names = set(PLAN_FIELDS) & set(vals)
        if not names:
            return
        is_manager = self.env.user.has_group(MANAGER)
        for action in self.filtered("nonconformity_id"):
            changed = {n for n in names if action._qms_value_changes(n, vals[n])}
            if not changed:
                continue
            nonconformity = action.sudo().nonconformity_id
            if nonconformity.approval_state == "pending":
                raise UserError(
                    self.env._(
                        "The action plan of %(name)s is waiting for approval: %(fields)s of its "
                        "actions change once it is recalled or rejected.",
                        name=nonconformity.name,
                        fields=self._qms_field_labels(changed),
                    )
                )
            if nonconformity.state not in PLANNING_STATES and not is_manager:
                raise AccessError(
                    self.env._(
                        "The action plan of %(name)s is approved: only the ISO standing office "
                        "changes %(fields)s of its actions.",
                        name=nonconformity.name,
                        fields=self._qms_field_labels(changed),
                    )
                )

    def _qms_follow_responsible(self):
        self.ensure_one()
        if self.responsible_id:
            self.sudo().message_subscribe(partner_ids=self.responsible_id.partner_id.ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_planning(self):
        for action in self:
            nonconformity = action.sudo().nonconformity_id
            if nonconformity and (
                nonconformity.state not in PLANNING_STATES
                or nonconformity.approval_state == "pending"
            ):
                raise UserError(
                    self.env._(
                        "The action %(name)s belongs to the submitted action plan of %(nc)s: "
                        "cancel it instead of deleting it.",
                        name=action.name,
                        nc=nonconformity.name,
                    )
                )

    # ------------------------------------------------------------------ roles
    def _qms_unit(self):
        self.ensure_one()
        return self.sudo().nonconformity_id.department_id or self.sudo().department_id

    def _qms_is_unit_officer(self, user):
        """The ISO officer of the unit of the action's nonconformity (or of the action)."""
        self.ensure_one()
        if not user.has_group(UNIT_OFFICER):
            return False
        unit = self._qms_unit()
        ids = {int(part) for part in (unit.parent_path or "").split("/") if part}
        return bool(ids & set(user.sudo().employee_ids.department_id.ids))

    def _qms_is_executor(self, user):
        """Who carries the action out: its responsible, or the ISO officer of its unit."""
        self.ensure_one()
        return user == self.responsible_id or self._qms_is_unit_officer(user)

    # ------------------------------------------------------------------ workflow
    @transition(("open",), role="_qms_is_executor", label=_lt("Start"))
    def action_start(self):
        self._qms_set({"state": "in_progress"})
        return True

    @transition(OPEN_STATES, role="_qms_is_executor", label=_lt("Mark Done"))
    def action_done(self):
        for action in self:
            if not action.attachment_ids and not (action.result or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the result of %(name)s or attach evidence before marking it "
                        "done.",
                        name=action.name,
                    )
                )
        self._qms_set({"state": "done", "date_done": fields.Date.context_today(self)})
        self.sudo().activity_unlink([OVERDUE_ACTIVITY])
        return True

    def action_cancel_wizard(self):
        return self._qms_reason_wizard_action("action_cancel", self.env._("Cancel Action"))

    @transition(OPEN_STATES, groups=(MANAGER,), role="_qms_is_unit_officer", label=_lt("Cancel"))
    def action_cancel(self, reason):
        reason = self._qms_log_reason(self.env._("Cancel"), reason)
        self._qms_cancel_with(reason, log=False)
        return True

    def _qms_cancel_with(self, reason, log=True):
        """Cancel open actions (also when their nonconformity is cancelled)."""
        if log:
            self._qms_log_reason(self.env._("Cancel"), reason)
        self._qms_set({"state": "cancelled"})
        self.sudo().activity_unlink([OVERDUE_ACTIVITY])

    def action_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Action"))

    @transition(("done", "cancelled"), groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        """A done action found unfinished, or a cancelled one needed after all: open again; a
        nonconformity being verified goes back to its actions."""
        for action in self:
            nonconformity = action.sudo().nonconformity_id
            if nonconformity.state in ("closed", "cancelled"):
                raise UserError(
                    self.env._(
                        "The nonconformity %(name)s is %(state)s: its actions cannot be reopened.",
                        name=nonconformity.name,
                        state=nonconformity._qms_state_label(),
                    )
                )
        self._qms_log_reason(self.env._("Reopen"), reason)
        self._qms_set({"state": "open", "date_done": False})
        for nonconformity in self.sudo().nonconformity_id:
            if nonconformity.state == "verification":
                nonconformity._qms_set(
                    {"state": "in_progress", "effectiveness": False, "effectiveness_comment": False}
                )
                nonconformity.message_post(
                    body=self.env._(
                        "An action was reopened by %(user)s: the nonconformity is back in "
                        "progress until it is done.",
                        user=self.env.user.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_open_origin(self):
        ensure_one(self)
        if self.nonconformity_id:
            record = self.nonconformity_id
        elif self.res_model in self.env and self.res_id:
            record = self.env[self.res_model].browse(self.res_id).exists()
            if not record:
                raise UserError(self.env._("The origin of the action no longer exists."))
        else:
            return False
        if not record.has_access("read"):
            raise AccessError(
                self.env._("The origin of %(name)s is a record you may not read.", name=self.name)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ reminders
    def _qms_manager_user(self):
        """Who is escalated to: the responsible's manager, else the manager of the unit."""
        self.ensure_one()
        employee = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("user_id", "=", self.responsible_id.id), ("company_id", "=", self.company_id.id)],
                limit=1,
            )
        )
        candidates = [
            employee.parent_id.user_id,
            employee.department_id.manager_id.user_id,
            self.department_id.sudo().manager_id.user_id,
        ]
        for user in candidates:
            if user and user != self.responsible_id:
                return user
        return self.env["res.users"]

    @api.model
    def _cron_remind_overdue(self):
        """Remind the responsible once; after the company's delay, escalate once to the manager."""
        today = fields.Date.context_today(self)
        overdue = self.sudo().search([("is_overdue", "=", True)])
        for action in overdue.filtered(lambda a: not a.date_reminded):
            action._qms_remind_responsible(today)
        for action in overdue.filtered(lambda a: a.date_reminded and not a.date_escalated):
            delay = action.company_id.qms_action_escalation_days
            if today >= action.date_reminded + timedelta(days=delay):
                action._qms_escalate(today)

    def _qms_remind_responsible(self, today):
        self.ensure_one()
        self.activity_schedule(
            OVERDUE_ACTIVITY,
            date_deadline=today,
            summary=self.env._("Overdue action: %(name)s", name=self.name),
            note=self.env._(
                "The deadline of this action was %(deadline)s. Carry it out and record the "
                "result, or ask for a new deadline.",
                deadline=self.date_deadline,
            ),
            user_id=self.responsible_id.id,
        )
        self._qms_set({"date_reminded": today})

    def _qms_escalate(self, today):
        self.ensure_one()
        manager = self._qms_manager_user()
        if manager:
            self.activity_schedule(
                OVERDUE_ACTIVITY,
                date_deadline=today,
                summary=self.env._("Overdue action to follow up: %(name)s", name=self.name),
                note=self.env._(
                    "%(user)s has not completed this action, due on %(deadline)s.",
                    user=self.responsible_id.name,
                    deadline=self.date_deadline,
                ),
                user_id=manager.id,
            )
        self._qms_set({"date_escalated": today})
