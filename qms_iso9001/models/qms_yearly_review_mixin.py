from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

REVIEW_ACTIVITY = "qms_iso9001.mail_activity_type_qms_yearly_review"


class QmsYearlyReviewMixin(models.AbstractModel):
    """Registers that ISO 9001 (4.1, 4.2) asks the agency to monitor and review every year.

    The context of the organisation and its interested parties change with laws, staff and
    infrastructure; the standing office is reminded when a review falls due, and records are
    archived rather than deleted so the audit trail shows what the agency knew when.

    The date of the last review is the day someone records a review ("Mark Reviewed"), never a
    date typed in; these registers have no states, so nothing is frozen and nothing deleted.
    """

    _name = "qms.yearly.review.mixin"
    _description = "Yearly Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]

    _qms_state_field = None
    _qms_deletable_states = ()  # archived, never deleted
    _qms_workflow_fields = ("last_review_date", "next_review_date", "review_reminded_date")

    last_review_date = fields.Date(
        default=fields.Date.context_today, tracking=True, copy=False, required=True
    )
    review_interval_months = fields.Integer(string="Review Interval (months)", default=12)
    next_review_date = fields.Date(
        compute="_compute_next_review_date", store=True, tracking=True, index=True
    )
    review_reminded_date = fields.Date(
        string="Review Reminder Sent For",
        copy=False,
        readonly=True,
        help="Review date for which the standing office was last reminded.",
    )
    active = fields.Boolean(default=True)

    @api.depends("last_review_date", "review_interval_months")
    def _compute_next_review_date(self):
        for record in self:
            if record.last_review_date and record.review_interval_months > 0:
                record.next_review_date = record.last_review_date + relativedelta(
                    months=record.review_interval_months
                )
            else:
                record.next_review_date = False

    @api.constrains("review_interval_months")
    def _check_review_interval(self):
        if any(record.review_interval_months < 0 for record in self):
            raise ValidationError(self.env._("The review interval cannot be negative."))

    @transition(groups=(UNIT_OFFICER,), label=_lt("Mark Reviewed"))
    def action_mark_reviewed(self):
        """Record today's review: the next one is due one interval later."""
        today = fields.Date.context_today(self)
        self._qms_set({"last_review_date": today})
        for record in self:
            record.sudo().message_post(
                body=self.env._(
                    "Reviewed by %(user)s; next review due on %(date)s.",
                    user=self.env.user.name,
                    date=record.next_review_date or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self.env.ref(REVIEW_ACTIVITY).id),
                ]
            )
        )
        if activities:
            activities.action_feedback(feedback=self.env._("Reviewed."))
        return True

    @api.model
    def _qms_review_reviewers(self, company):
        """The standing office: its unit's manager, else the agency's QMS managers."""
        head = company.qms_standing_department_id.manager_id.user_id
        if head and head.active:
            return head
        managers = self.env.ref("qms_iso9001.group_qms_manager").sudo().all_user_ids
        return managers.filtered(
            lambda user: (
                user.active
                and not user.share
                and company in user.company_ids
                and user.id != self.env.ref("base.user_root").id
            )
        )

    @api.model
    def _cron_review_reminder(self):
        """Ask the standing office to review what is due, once per review date."""
        today = fields.Date.context_today(self)
        records = self.sudo().search([("next_review_date", "<=", today)])
        for record in records:
            if record.review_reminded_date == record.next_review_date:
                continue
            for user in self._qms_review_reviewers(record.company_id):
                record.activity_schedule(
                    REVIEW_ACTIVITY,
                    date_deadline=today,
                    summary=self.env._("Yearly review: %(name)s", name=record.display_name),
                    user_id=user.id,
                )
            record._qms_set({"review_reminded_date": record.next_review_date})
