from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import mute_logger

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

    @api.model
    def _qms_deciders(self):
        """The current user and the users they stand in for today."""
        delegators = self.env["qms.approval.delegation"]._qms_delegators(self.env.user)
        return self.env.user | delegators

    @api.depends_context("uid")
    @api.depends("state", "approver_ids", "approved_user_ids")
    def _compute_is_waiting_on_me(self):
        deciders = self._qms_deciders()
        delegators = deciders - self.env.user
        for step in self:
            waiting = step.approver_ids - step.approved_user_ids
            step.is_waiting_on_me = step.state == "pending" and bool(waiting & deciders)
            step.is_delegated_to_me = bool(step.approver_ids & delegators)

    def _search_is_waiting_on_me(self, operator, value):
        if operator != "in":
            return NotImplemented
        deciders = self._qms_deciders().ids
        domain = Domain([("state", "=", "pending"), ("approver_ids", "in", deciders)])
        if len(deciders) == 1:
            # "all" steps: a user who has already approved is not waited on any more
            domain &= Domain("approved_user_ids", "not in", deciders)
        return domain if True in value else ~domain

    def _search_is_delegated_to_me(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        delegators = (self._qms_deciders() - self.env.user).ids
        return [("approver_ids", "in", delegators)]

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
                self.env.cr.execute(
                    "SELECT state FROM qms_approval_request_step WHERE id = %s FOR UPDATE NOWAIT",
                    [self.id],
                )
                (state,) = self.env.cr.fetchone()
        except LockNotAvailable:
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
        if state != "pending":
            raise UserError(already)

    def _qms_check_decider(self):
        """Return (acting user, user represented) or raise AccessError."""
        self.ensure_one()
        user = self.env.user
        waiting = self.sudo().approver_ids - self.sudo().approved_user_ids
        if user in waiting:
            return user
        delegators = self.env["qms.approval.delegation"]._qms_delegators(user) & waiting
        if delegators:
            return delegators[0]
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

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
