from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class QmsApprovalRequest(models.Model):
    """A running approval chain on one record of any model inheriting `qms.approval.mixin`.

    Requests are append-only for everyone: only the chain itself (as superuser, after checking
    the decider) moves them on, and none is ever deleted."""

    _name = "qms.approval.request"
    _description = "Approval Request"
    _order = "id desc"

    name = fields.Char(string="Reference", required=True, readonly=True)
    res_model = fields.Char(string="Document Model", required=True, readonly=True, index=True)
    res_model_id = fields.Many2one(
        "ir.model", string="Document Type", readonly=True, ondelete="cascade"
    )
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True, index=True
    )
    route_id = fields.Many2one("qms.approval.route", readonly=True)
    requester_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True, index=True
    )
    date_requested = fields.Datetime(default=fields.Datetime.now, readonly=True)
    date_done = fields.Datetime(string="Date Decided", readonly=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Recalled"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    step_ids = fields.One2many("qms.approval.request.step", "request_id", string="Steps")
    current_step_id = fields.Many2one("qms.approval.request.step", readonly=True)
    decision_ids = fields.One2many("qms.approval.decision", "request_id", string="Decisions")
    date_deadline = fields.Date(related="current_step_id.date_deadline", string="Deadline")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            raise UserError(
                self.env._("An approval request moves on only through the decisions on it.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Approval requests are kept for ever, with their decisions."))

    # ------------------------------------------------------------------ creation
    @api.model
    def _qms_create_for(self, record, route):
        steps = route.step_ids.sorted(lambda step: (step.sequence, step.id))
        company = record.company_id if "company_id" in record._fields else self.env.company
        return self.sudo().create(
            {
                "name": record.display_name,
                "res_model": record._name,
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "route_id": route.id,
                "requester_id": self.env.uid,
                "company_id": (company or self.env.company).id,
                "step_ids": [
                    fields.Command.create(
                        {
                            "route_step_id": step.id,
                            "sequence": index,
                            "name": step.name,
                            "rule": step.rule,
                        }
                    )
                    for index, step in enumerate(steps)
                ],
            }
        )

    def _qms_record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id).sudo()

    def _qms_deadline(self, days):
        """The end of the `days`-th working day after today on the company's deadline calendar."""
        if not days:
            return False
        calendar = self.company_id._qms_deadline_calendar()
        today = fields.Date.context_today(self)
        if not calendar:
            return today + timedelta(days=days)
        start = datetime.combine(today + timedelta(days=1), time.min)
        end = calendar._qms_add_working_time(start, days, "day")
        return end.date() if end else today + timedelta(days=days)

    # ------------------------------------------------------------------ progress
    def _qms_start_next_step(self):
        """Start the first step still waiting, or close the request as approved."""
        self.ensure_one()
        record = self._qms_record()
        step = self.step_ids.filtered(lambda s: s.state == "waiting").sorted("sequence")[:1]
        if not step:
            self.write(
                {"state": "approved", "current_step_id": False, "date_done": fields.Datetime.now()}
            )
            record._qms_approval_on_approved(self)
            return
        approvers = step.route_step_id._qms_resolve_approvers(record, self.requester_id)
        step.write(
            {
                "state": "pending",
                "approver_ids": [fields.Command.set(approvers.ids)],
                "date_start": fields.Datetime.now(),
                "date_deadline": self._qms_deadline(step.route_step_id.deadline_days),
            }
        )
        self.current_step_id = step
        step._qms_schedule_activities(approvers)

    def _qms_approved_decisions(self):
        return self.decision_ids.filtered(lambda d: d.decision == "approved").sorted(
            lambda d: (d.date, d.id)
        )

    def _qms_last_approver(self):
        """Who gave the final approval: under a delegation, the approver it was given for,
        since the record is approved in their name."""
        last = self._qms_approved_decisions()[-1:]
        return last.on_behalf_of_id or last.user_id

    def _qms_post(self, body):
        record = self._qms_record()
        if hasattr(record, "message_post"):
            record.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _qms_post_to(self, partners, body):
        record = self._qms_record()
        if hasattr(record, "message_post"):
            record.message_post(
                body=body, partner_ids=partners.ids, subtype_xmlid="mail.mt_comment"
            )

    def _qms_cancel(self):
        """Recall by the requester: close every open step, clean the activities."""
        for request in self:
            if request.state != "pending":
                raise UserError(self.env._("Only a pending approval request can be recalled."))
            if request.requester_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(user)s, who submitted it, can recall this request.",
                        user=request.requester_id.name,
                    )
                )
            step = request.current_step_id
            step._qms_lock()
            request.sudo().decision_ids.create(
                {
                    "request_id": request.id,
                    "step_id": step.id,
                    "user_id": self.env.uid,
                    "decision": "recalled",
                }
            )
            request.sudo()._qms_close("cancelled")
            request._qms_post(
                self.env._("Approval request recalled by %(user)s.", user=self.env.user.name)
            )
            request._qms_record()._qms_approval_on_rejected(request)

    def _qms_close(self, state):
        self.ensure_one()
        open_steps = self.step_ids.filtered(lambda s: s.state in ("waiting", "pending"))
        open_steps.activity_ids.unlink()
        open_steps.write({"state": "cancelled"})
        self.write({"state": state, "current_step_id": False, "date_done": fields.Datetime.now()})
