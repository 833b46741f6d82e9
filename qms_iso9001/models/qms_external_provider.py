from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

PROVIDER_KINDS = [
    ("consultant", "Consulting Organisation"),
    ("postal", "Postal Service for Results"),
    ("it_vendor", "IT Vendor"),
    ("training", "Training Provider"),
    ("other", "Other"),
]
RESULTS = [
    ("approved", "Approved"),
    ("conditional", "Approved with Conditions"),
    ("rejected", "Rejected"),
]
EVALUATE_ACTIVITY = "qms_iso9001.mail_activity_type_qms_provider_evaluation"
# days before the re-evaluation date the follow-up person is reminded
REMINDER_DAYS = 30


class QmsExternalProvider(models.Model):
    """An external provider whose services affect the agency's results (ISO 9001 clause 8.4):
    the consultant who helps build the QMS (e.g. a productivity institute), the postal service
    that returns TTHC results to citizens, the vendors of the IT systems, training centres.

    The agency evaluates each provider on its criteria and re-evaluates it periodically; the
    latest decided evaluation gives its status and the date of the next one, so that a provider
    is never used for years on an evaluation nobody renewed.
    """

    _name = "qms.external.provider"
    _description = "External Provider"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "name, id"
    _check_company_auto = True

    _qms_state_field = None
    _qms_workflow_fields = ("reminded_date",)

    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        tracking=True,
        index=True,
        help="The organisation providing the service, with its address and contacts.",
    )
    name = fields.Char(related="partner_id.name", store=True, string="Provider Name")
    kind = fields.Selection(PROVIDER_KINDS, required=True, default="other", tracking=True)
    services = fields.Text(
        string="Services Provided", help="What the provider supplies to the agency."
    )
    department_ids = fields.Many2many(
        "hr.department",
        "qms_external_provider_department_rel",
        "provider_id",
        "department_id",
        string="Units Using It",
        check_company=True,
        help="Units that use the provider's services; their ISO officers follow it.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Followed By",
        tracking=True,
        default=lambda self: self.env.user,
        help="Receives the reminder before the re-evaluation date.",
    )
    evaluation_interval = fields.Integer(
        string="Re-evaluation Interval (months)",
        default=12,
        required=True,
        help="Months between a decided evaluation and the next one.",
    )
    evaluation_ids = fields.One2many(
        "qms.external.provider.evaluation", "provider_id", string="Evaluations"
    )
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")
    last_evaluation_id = fields.Many2one(
        "qms.external.provider.evaluation",
        string="Last Decided Evaluation",
        compute="_compute_last_evaluation",
        store=True,
    )
    last_result = fields.Selection(
        [("none", "Not Evaluated"), *RESULTS],
        string="Current Status",
        compute="_compute_last_evaluation",
        store=True,
        index=True,
    )
    last_score = fields.Float(
        string="Last Score (%)", compute="_compute_last_evaluation", store=True, digits=(5, 1)
    )
    date_last_evaluation = fields.Date(
        string="Last Evaluated On", compute="_compute_last_evaluation", store=True
    )
    date_next_evaluation = fields.Date(
        string="Re-evaluation Due",
        compute="_compute_last_evaluation",
        store=True,
        index=True,
        help="Date of the last decided evaluation plus the re-evaluation interval.",
    )
    is_evaluation_overdue = fields.Boolean(
        string="Re-evaluation Overdue",
        compute="_compute_is_evaluation_overdue",
        search="_search_is_evaluation_overdue",
    )
    reminded_date = fields.Date(
        readonly=True, copy=False, help="Re-evaluation date the follow-up person was reminded of."
    )
    note = fields.Html(string="Notes")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _interval_positive = models.Constraint(
        "CHECK(evaluation_interval > 0)",
        "The re-evaluation interval of a provider must be at least one month.",
    )
    _partner_company_uniq = models.UniqueIndex(
        "(company_id, partner_id)",
        "This organisation is already an external provider of the agency.",
    )

    @api.depends("evaluation_ids")
    def _compute_evaluation_count(self):
        for provider in self:
            provider.evaluation_count = len(provider.evaluation_ids)

    @api.depends(
        "evaluation_ids.state",
        "evaluation_ids.date",
        "evaluation_ids.result",
        "evaluation_ids.score",
        "evaluation_interval",
    )
    def _compute_last_evaluation(self):
        for provider in self:
            decided = provider.evaluation_ids.filtered(lambda e: e.state == "decided")
            last = decided.sorted(lambda e: (e.date, e.id))[-1:]
            provider.last_evaluation_id = last
            provider.last_result = last.result or "none"
            provider.last_score = last.score
            provider.date_last_evaluation = last.date
            provider.date_next_evaluation = (
                last.date + relativedelta(months=provider.evaluation_interval) if last else False
            )

    def _compute_is_evaluation_overdue(self):
        today = fields.Date.context_today(self)
        for provider in self:
            provider.is_evaluation_overdue = bool(
                provider.date_next_evaluation and provider.date_next_evaluation < today
            )

    def _search_is_evaluation_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue re-evaluations with = or != only."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return Domain("date_next_evaluation", "!=", False) & Domain(
                "date_next_evaluation", "<", today
            )
        return Domain("date_next_evaluation", "=", False) | Domain(
            "date_next_evaluation", ">=", today
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never_evaluated(self):
        """A provider with decided evaluations is evidence of 8.4: archived, never deleted."""
        for provider in self:
            if provider.evaluation_ids.filtered(lambda e: e.state == "decided"):
                raise UserError(
                    self.env._(
                        "%(name)s has decided evaluations: archive the provider instead of "
                        "deleting it.",
                        name=provider.display_name,
                    )
                )

    def action_new_evaluation(self):
        """Open a new evaluation of the provider, prefilled with its criteria."""
        self._qms_ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Evaluation"),
            "res_model": "qms.external.provider.evaluation",
            "view_mode": "form",
            "target": "current",
            "context": {"default_provider_id": self.id},
        }

    def action_view_evaluations(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_external_provider_evaluation"
        )
        action["domain"] = [("provider_id", "=", self.id)]
        action["context"] = {"default_provider_id": self.id}
        return action

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_evaluation_reminders(self):
        """Daily: remind the follow-up person of a provider due for re-evaluation."""
        today = fields.Date.context_today(self)
        providers = self.sudo().search(
            [
                ("date_next_evaluation", "!=", False),
                ("date_next_evaluation", "<=", today + timedelta(days=REMINDER_DAYS)),
            ]
        )
        for provider in providers:
            provider._qms_remind()

    def _qms_remind(self):
        self.ensure_one()
        due = self.date_next_evaluation
        if self.reminded_date == due:
            return
        user = (
            self.responsible_id
            or self.company_id.qms_standing_department_id.manager_id.user_id
            or self.env["res.users"]
        )
        if user:
            self.activity_schedule(
                EVALUATE_ACTIVITY,
                date_deadline=due,
                summary=self.env._(
                    "Re-evaluate %(provider)s (due %(date)s)", provider=self.name, date=due
                ),
                user_id=user.id,
            )
        self.reminded_date = due
