from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import LazyTranslate

from ..lifecycle import transition

_lt = LazyTranslate(__name__)


class QmsDocumentDistribution(models.Model):
    """One recipient of one issued revision: who must read it, and when they confirmed it.

    The confirmation is the recipient's own: nobody, the standing office included, records it
    for them or changes when it was given."""

    _name = "qms.document.distribution"
    _inherit = ["qms.lifecycle.mixin"]
    _description = "Document Distribution"
    _qms_workflow_fields = (
        "revision_id",
        "employee_id",
        "user_id",
        "department_id",
        "date_distributed",
        "date_acknowledged",
        "last_reminder_date",
        "reminder_count",
        "activity_id",
    )
    _qms_editable_fields = {"acknowledged": (), "cancelled": ()}
    _qms_deletable_states = ()
    _order = "date_distributed desc, revision_id, id"
    _rec_name = "employee_id"

    revision_id = fields.Many2one(
        "qms.document.revision",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    document_id = fields.Many2one(
        related="revision_id.document_id", store=True, index=True, string="Document"
    )
    issue_number = fields.Integer(related="revision_id.issue_number", string="Issue No.")
    revision_state = fields.Selection(
        related="revision_id.state", store=True, string="Revision Status"
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Recipient", required=True, index=True, readonly=True
    )
    user_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", index=True, readonly=True)
    state = fields.Selection(
        [
            ("pending", "Not Read Yet"),
            ("acknowledged", "Read and Understood"),
            ("cancelled", "No Longer Required"),
        ],
        string="Status",
        default="pending",
        required=True,
        index=True,
        readonly=True,
    )
    date_distributed = fields.Datetime(
        string="Distributed On", default=fields.Datetime.now, readonly=True
    )
    date_acknowledged = fields.Datetime(string="Read On", readonly=True)
    last_reminder_date = fields.Date(string="Last Reminder", readonly=True)
    reminder_count = fields.Integer(string="Reminders Sent", readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, index=True)
    is_mine = fields.Boolean(compute="_compute_is_mine", search="_search_is_mine")
    company_id = fields.Many2one(
        related="revision_id.company_id", store=True, index=True, string="Company"
    )

    _revision_employee_uniq = models.UniqueIndex(
        "(revision_id, employee_id)", "This employee already received this revision."
    )

    @api.depends("user_id")
    @api.depends_context("uid")
    def _compute_is_mine(self):
        for line in self:
            line.is_mine = line.user_id == self.env.user

    def _search_is_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        positive = (operator == "=") == value
        return [("user_id", "=" if positive else "!=", self.env.uid)]

    # ------------------------------------------------------------------
    # Acknowledgement
    # ------------------------------------------------------------------
    def _qms_is_recipient(self, user):
        return self.user_id == user

    @transition(
        ("pending", "acknowledged"),
        role="_qms_is_recipient",
        access="read",
        label=_lt("Confirm Reading"),
    )
    def action_acknowledge(self):
        """The recipient confirms they have read and understood the revision (one click)."""
        pending = self.filtered(lambda line: line.state == "pending")
        pending._qms_set({"state": "acknowledged", "date_acknowledged": fields.Datetime.now()})
        activities = pending.sudo().activity_id.filtered("active")
        if activities:
            activities.action_feedback(feedback=self.env._("Read and understood."))
        return True

    def _acknowledge_from_activities(self, activities):
        """Marking a "Xác nhận đã đọc" activity done acknowledges the matching line; only the
        recipient may, or the reading would be confirmed in their place."""
        lines = self.sudo().search(
            [("activity_id", "in", activities.ids), ("state", "=", "pending")]
        )
        spec = self._qms_transitions()["action_acknowledge"]
        for line in lines:
            line.with_env(self.env)._qms_check_transition_rights(spec)
        lines._qms_set({"state": "acknowledged", "date_acknowledged": fields.Datetime.now()})

    def _cancel_pending(self):
        """A superseded or obsoleted revision need not be read any more: close what is pending."""
        pending = self.sudo().filtered(lambda line: line.state == "pending")
        activities = pending.activity_id.filtered("active")
        pending._qms_set({"state": "cancelled", "activity_id": False})
        activities.unlink()

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind(self):
        """Remind the recipients who have not read an issued revision, once per period."""
        today = fields.Date.context_today(self)
        self.sudo().search(
            [("state", "=", "pending"), ("revision_state", "!=", "issued")]
        )._cancel_pending()
        lines = self.sudo().search([("state", "=", "pending"), ("revision_state", "=", "issued")])
        for line in lines:
            days = line.company_id.qms_ack_reminder_days
            if days <= 0:
                continue
            since = line.last_reminder_date or line.date_distributed.date()
            if today < since + timedelta(days=days):
                continue
            line._remind(today)

    def _remind(self, today):
        self.ensure_one()
        revision = self.revision_id.sudo()
        body = self.env._(
            "Reminder: please read %(revision)s (%(title)s) and confirm that you have read it.",
            revision=revision.name,
            title=revision.document_id.name,
        )
        revision.message_notify(
            partner_ids=self.user_id.partner_id.ids,
            body=body,
            subject=self.env._("Confirm reading: %(revision)s", revision=revision.name),
        )
        vals = {"last_reminder_date": today, "reminder_count": self.reminder_count + 1}
        if self.activity_id.active:
            self.activity_id.date_deadline = today
        else:
            vals["activity_id"] = revision._qms_schedule_acknowledgement(self.user_id, today).id
        self._qms_set(vals)
