from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

OPEN_STATES = ("open", "in_progress")


class QmsAction(models.Model):
    """A corrective, preventive or improvement action (hành động khắc phục, phòng ngừa, cải tiến).

    Standalone so that nonconformities, risks and management reviews share one list of actions,
    one "My actions" inbox and one overdue reminder; `res_model`/`res_id` keep the record the
    action came from when it was not raised on a nonconformity.
    """

    _name = "qms.action"
    _description = "Corrective / Preventive Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"

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

    @api.depends("res_model", "res_id")
    def _compute_origin_name(self):
        for action in self:
            action.origin_name = False
            if action.res_model in self.env and action.res_id:
                origin = self.env[action.res_model].sudo().browse(action.res_id).exists()
                action.origin_name = origin.display_name if origin else False

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            nonconformity = self.env["qms.nonconformity"].browse(vals.get("nonconformity_id"))
            if nonconformity.state in ("closed", "cancelled"):
                raise UserError(
                    self.env._(
                        "The nonconformity %(name)s is closed or cancelled: no action can be "
                        "added to it.",
                        name=nonconformity.name,
                    )
                )
            if nonconformity:
                vals.setdefault("department_id", nonconformity.department_id.id)
                vals.setdefault("company_id", nonconformity.company_id.id)
        actions = super().create(vals_list)
        for action in actions:
            action._qms_follow_responsible()
        return actions

    def write(self, vals):
        if "responsible_id" in vals:
            self._check_not_closed()
        result = super().write(vals)
        if "responsible_id" in vals:
            for action in self:
                action._qms_follow_responsible()
        if {"date_deadline", "responsible_id"} & set(vals):
            # A new deadline or a new responsible starts the reminder cycle again.
            self.filtered(lambda a: a.date_reminded or a.date_escalated).write(
                {"date_reminded": False, "date_escalated": False}
            )
        return result

    def _check_not_closed(self):
        if any(a.state in ("done", "cancelled") for a in self):
            raise UserError(self.env._("A done or cancelled action cannot be reassigned."))

    def _qms_follow_responsible(self):
        self.ensure_one()
        if self.responsible_id:
            self.sudo().message_subscribe(partner_ids=self.responsible_id.partner_id.ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open(self):
        for action in self:
            if action.state == "done":
                raise UserError(
                    self.env._(
                        "The action %(name)s is done and is evidence of the QMS: cancel it "
                        "instead of deleting it.",
                        name=action.name,
                    )
                )

    # ------------------------------------------------------------------ workflow
    def action_start(self):
        for action in self:
            if action.state != "open":
                raise UserError(
                    self.env._("Only an open action can be started (%(name)s).", name=action.name)
                )
        self.write({"state": "in_progress"})
        return True

    def action_done(self):
        for action in self:
            if action.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Only an open or in-progress action can be marked done (%(name)s).",
                        name=action.name,
                    )
                )
            if not action.attachment_ids and not (action.result or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the result of %(name)s or attach evidence before marking it "
                        "done.",
                        name=action.name,
                    )
                )
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        self.activity_unlink(["qms_iso9001.mail_activity_type_qms_action_overdue"])
        return True

    def action_cancel(self):
        if any(action.state == "done" for action in self):
            raise UserError(self.env._("A done action cannot be cancelled."))
        self.write({"state": "cancelled"})
        self.activity_unlink(["qms_iso9001.mail_activity_type_qms_action_overdue"])
        return True

    def action_reopen(self):
        for action in self:
            if action.state != "cancelled":
                raise UserError(self.env._("Only a cancelled action can be reopened."))
            if action.nonconformity_id.state in ("closed", "cancelled"):
                raise UserError(
                    self.env._(
                        "The nonconformity %(name)s is closed: its actions cannot be reopened.",
                        name=action.nonconformity_id.name,
                    )
                )
        self.write({"state": "open", "date_done": False})
        return True

    def action_open_origin(self):
        self.ensure_one()
        if self.nonconformity_id:
            model, res_id = "qms.nonconformity", self.nonconformity_id.id
        elif self.res_model and self.res_id:
            model, res_id = self.res_model, self.res_id
        else:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "res_id": res_id,
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
            "qms_iso9001.mail_activity_type_qms_action_overdue",
            date_deadline=today,
            summary=self.env._("Overdue action: %(name)s", name=self.name),
            note=self.env._(
                "The deadline of this action was %(deadline)s. Carry it out and record the "
                "result, or ask for a new deadline.",
                deadline=self.date_deadline,
            ),
            user_id=self.responsible_id.id,
        )
        self.write({"date_reminded": today})

    def _qms_escalate(self, today):
        self.ensure_one()
        manager = self._qms_manager_user()
        if manager:
            self.activity_schedule(
                "qms_iso9001.mail_activity_type_qms_action_overdue",
                date_deadline=today,
                summary=self.env._("Overdue action to follow up: %(name)s", name=self.name),
                note=self.env._(
                    "%(user)s has not completed this action, due on %(deadline)s.",
                    user=self.responsible_id.name,
                    deadline=self.date_deadline,
                ),
                user_id=manager.id,
            )
        self.write({"date_escalated": today})
