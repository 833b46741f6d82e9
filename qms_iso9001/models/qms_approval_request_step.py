from datetime import datetime, time, timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import AccessError, LockError, UserError
from odoo.fields import Domain
from odoo.tools import mute_logger

from ..lifecycle import MANAGER

ACTIVITY_TYPE = "mail.mail_activity_data_todo"


class QmsApprovalRequestStep(models.Model):
    """A step of a running request; its approvers are fixed when the step starts."""

    _name = "qms.approval.request.step"
    _description = "Approval Request Step"
    _order = "request_id, sequence, id"
    _rec_name = "name"

    request_id = fields.Many2one(
        "qms.approval.request", required=True, ondelete="cascade", index=True, readonly=True
    )
    route_step_id = fields.Many2one("qms.approval.route.step", readonly=True, ondelete="set null")
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Step", required=True, readonly=True)
    rule = fields.Selection(
        [("any", "Any One of Them"), ("all", "All of Them")],
        required=True,
        default="any",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting"),
            ("pending", "To Decide"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        default="waiting",
        required=True,
        readonly=True,
        index=True,
    )
    approver_ids = fields.Many2many(
        "res.users",
        "qms_approval_request_step_approver_rel",
        "step_id",
        "user_id",
        string="Approvers",
        readonly=True,
    )
    approved_user_ids = fields.Many2many(
        "res.users",
        "qms_approval_request_step_approved_rel",
        "step_id",
        "user_id",
        string="Approved By",
        readonly=True,
    )
    activity_ids = fields.Many2many("mail.activity", string="Activities", readonly=True)
    date_start = fields.Datetime(string="Started On", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    date_done = fields.Datetime(string="Decided On", readonly=True)
    decision_ids = fields.One2many("qms.approval.decision", "step_id", string="Decisions")
    reference = fields.Char(related="request_id.name", store=True, string="Reference")
    res_model = fields.Char(related="request_id.res_model", store=True)
    res_id = fields.Many2oneReference(related="request_id.res_id", model_field="res_model")
    res_model_id = fields.Many2one(
        related="request_id.res_model_id", store=True, string="Document Type"
    )
    requester_id = fields.Many2one(
        related="request_id.requester_id", store=True, string="Requested By"
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    is_waiting_on_me = fields.Boolean(
        compute="_compute_is_waiting_on_me",
        search="_search_is_waiting_on_me",
        string="Waiting on Me",
    )
    is_delegated_to_me = fields.Boolean(
        compute="_compute_is_waiting_on_me",
        search="_search_is_delegated_to_me",
    )

    reminded_on = fields.Date(readonly=True, copy=False)
    escalated_on = fields.Date(readonly=True, copy=False)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            raise UserError(
                self.env._("An approval step changes only through the decisions on it.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Approval steps are kept for ever, with their decisions."))

    @api.model
    def _qms_deciders(self):
        """The current user and the users they stand in for today, in any of their agencies."""
        delegators = self.env["qms.approval.delegation"]._qms_delegators(self.env.user)
        return self.env.user | delegators

    def _qms_deciders_for(self, user):
        """The awaited approvers of this step in whose name `user` may decide: themself, and
        those who delegated to them in the step's agency. Nobody decides on a record they
        cannot read."""
        self.ensure_one()
        step = self.sudo()
        if step.state != "pending":
            return self.env["res.users"]
        waiting = step.approver_ids - step.approved_user_ids
        delegators = self.env["qms.approval.delegation"]._qms_delegators(user, step.company_id)
        deciders = waiting & (user | delegators)
        if deciders and not step.request_id._qms_record().with_user(user).has_access("read"):
            return self.env["res.users"]
        return deciders

    @api.depends_context("uid")
    @api.depends("state", "approver_ids", "approved_user_ids")
    def _compute_is_waiting_on_me(self):
        user = self.env.user
        delegation = self.env["qms.approval.delegation"]
        for step in self:
            delegators = delegation._qms_delegators(user, step.sudo().company_id)
            waiting = step.approver_ids - step.approved_user_ids
            step.is_waiting_on_me = step.state == "pending" and bool(waiting & (user | delegators))
            step.is_delegated_to_me = bool(step.approver_ids & delegators)

    def _search_is_waiting_on_me(self, operator, value):
        if operator != "in":
            return NotImplemented
        user = self.env.user
        domain = Domain([("state", "=", "pending")]) & (
            Domain("approver_ids", "in", user.ids) & Domain("approved_user_ids", "not in", user.ids)
        )
        for company, delegators in (
            self.env["qms.approval.delegation"]._qms_delegators_by_company(user).items()
        ):
            domain |= Domain(
                [
                    ("state", "=", "pending"),
                    ("company_id", "=", company.id),
                    ("approver_ids", "in", delegators.ids),
                ]
            )
        return domain if True in value else ~domain

    def _search_is_delegated_to_me(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        domain = Domain.FALSE
        for company, delegators in (
            self.env["qms.approval.delegation"]._qms_delegators_by_company(self.env.user).items()
        ):
            domain |= Domain(
                [("company_id", "=", company.id), ("approver_ids", "in", delegators.ids)]
            )
        return domain

    # ------------------------------------------------------------------ activities
    def _qms_schedule_activities(self, users):
        self.ensure_one()
        record = self.request_id._qms_record()
        if not hasattr(record, "activity_schedule"):
            return
        activities = self.env["mail.activity"]
        for user in users:
            activities |= record.activity_schedule(
                ACTIVITY_TYPE,
                date_deadline=self.date_deadline or fields.Date.context_today(self),
                summary=self.env._("%(step)s: your decision is awaited", step=self.name),
                user_id=user.id,
            )
        self.activity_ids = [fields.Command.link(a.id) for a in activities]

    # ------------------------------------------------------------------ decisions
    def _qms_lock(self):
        """Lock the step row so that a step is decided once under concurrent clicks."""
        self.ensure_one()
        already = self.env._(
            "The step %(step)s has already been decided. Reload the page to see the decision.",
            step=self.name,
        )
        self.flush_recordset(["state"])
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.lock_for_update()
        except LockError:
            raise UserError(
                self.env._(
                    "The step %(step)s is being decided by someone else right now. "
                    "Reload the page to see the decision.",
                    step=self.name,
                )
            ) from None
        except SerializationFailure:
            # decided and committed by another transaction since ours started
            raise UserError(already) from None
        self.invalidate_recordset()
        if self.state != "pending":
            raise UserError(already)

    def _qms_check_decider(self):
        """Return the user represented (the caller or an absent approver), or raise."""
        self.ensure_one()
        user = self.env.user
        deciders = self._qms_deciders_for(user)
        if user in deciders:
            return user
        if deciders:
            return deciders[0]
        raise AccessError(
            self.env._(
                "You are not an approver of the step %(step)s of %(reference)s.",
                step=self.sudo().name,
                reference=self.sudo().reference,
            )
        )

    def _qms_decide(self, decision, comment=False):
        """Record the current user's decision on this (current) step."""
        self.ensure_one()
        if comment and not isinstance(comment, str):
            raise UserError(self.env._("The comment must be text."))
        if decision == "rejected" and not (comment or "").strip():
            raise UserError(self.env._("Give the reason for rejecting."))
        request = self.sudo().request_id
        if request.state != "pending" or request.current_step_id != self.sudo():
            raise UserError(
                self.env._(
                    "The step %(step)s is not the one awaiting a decision.", step=self.sudo().name
                )
            )
        on_behalf_of = self._qms_check_decider()
        step = self.sudo()
        step._qms_lock()
        user = self.env.user
        step.decision_ids.create(
            {
                "request_id": request.id,
                "step_id": step.id,
                "user_id": user.id,
                "on_behalf_of_id": on_behalf_of.id if on_behalf_of != user else False,
                "decision": decision,
                "comment": comment,
            }
        )
        who = user.name
        if on_behalf_of != user:
            who = self.env._("%(user)s for %(absent)s", user=user.name, absent=on_behalf_of.name)
        if decision == "approved":
            body = self.env._("%(who)s approved the step %(step)s.", who=who, step=step.name)
        else:
            body = self.env._("%(who)s rejected the step %(step)s.", who=who, step=step.name)
        if comment:
            body = self.env._("%(decision)s Comment: %(comment)s", decision=body, comment=comment)
        request._qms_post(body)
        mine = step.activity_ids.filtered(lambda a: a.user_id in (user | on_behalf_of))
        mine.unlink()
        if decision == "rejected":
            step.activity_ids.unlink()
            step.write({"state": "rejected", "date_done": fields.Datetime.now()})
            request._qms_close("rejected")
            request._qms_record()._qms_approval_on_rejected(request)
            return
        step.approved_user_ids = [fields.Command.link(on_behalf_of.id)]
        if step.rule == "all" and step.approver_ids - step.approved_user_ids:
            return
        step.activity_ids.unlink()
        step.write({"state": "approved", "date_done": fields.Datetime.now()})
        request._qms_start_next_step()

    # ------------------------------------------------------------------ reminders
    @api.model
    def _cron_remind_overdue(self):
        """Steps past their deadline: the approvers awaited are reminded once; a step still
        undecided some working days later is escalated to the standing office."""
        today = fields.Date.context_today(self)
        steps = self.sudo().search([("state", "=", "pending"), ("date_deadline", "<", today)])
        for step in steps:
            if not step.reminded_on:
                step._qms_remind()
            if not step.escalated_on and step._qms_escalation_date() <= today:
                step._qms_escalate()

    def _qms_remind(self):
        self.ensure_one()
        waiting = self.approver_ids - self.approved_user_ids
        self.request_id._qms_post_to(
            waiting.partner_id,
            self.env._(
                "Reminder: the step %(step)s was due on %(deadline)s and still awaits your "
                "decision.",
                step=self.name,
                deadline=self.date_deadline,
            ),
        )
        self.reminded_on = fields.Date.context_today(self)

    def _qms_escalation_date(self):
        self.ensure_one()
        days = self.company_id.qms_approval_escalation_days
        calendar = self.company_id._qms_deadline_calendar()
        if not days or not calendar:
            return self.date_deadline
        start = datetime.combine(self.date_deadline + timedelta(days=1), time.min)
        end = calendar._qms_add_working_time(start, days, "day")
        return end.date() if end else self.date_deadline

    def _qms_escalate(self):
        """The standing office's head (else the QMS managers) gets a to-do to follow it up."""
        self.ensure_one()
        company = self.company_id
        office = company.qms_standing_department_id.manager_id.user_id
        users = office or self.env.ref(MANAGER).user_ids.filtered(
            lambda user: company in user.company_ids and not user.share and user.id > 2
        )
        record = self.request_id._qms_record()
        if hasattr(record, "activity_schedule"):
            for user in users[:3]:
                record.activity_schedule(
                    ACTIVITY_TYPE,
                    date_deadline=fields.Date.context_today(self),
                    summary=self.env._(
                        "Escalated: %(step)s of %(reference)s is overdue",
                        step=self.name,
                        reference=self.reference,
                    ),
                    user_id=user.id,
                )
        self.request_id._qms_post(
            self.env._(
                "The step %(step)s is overdue since %(deadline)s: escalated to the standing "
                "office.",
                step=self.name,
                deadline=self.date_deadline,
            )
        )
        self.escalated_on = fields.Date.context_today(self)

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
