from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition
from .survey_question_answer import SATISFACTION_LEVELS

_lt = LazyTranslate(__name__)

RESULT_FIELDS = (
    "participant_count",
    "rated_count",
    "satisfied_count",
    "acceptable_count",
    "not_satisfied_count",
    "satisfaction_rate",
    "date_results",
)


def satisfaction_counts(env, periods, company=None):
    """Answers of completed survey participations, counted by satisfaction level.

    `periods` is a list of (survey, first day, last day); a participation counts in a period
    when it was completed during it. Returns a dict of participants, rated answers and
    answers per level, summed over the periods, in two grouped queries per period. Days are
    the agency's (`company`, else the current one).
    """
    company = company or env.company
    totals = dict.fromkeys(("participants", "rated", *(key for key, _ in SATISFACTION_LEVELS)), 0)
    Input = env["survey.user_input"].sudo()
    Line = env["survey.user_input.line"].sudo()
    for survey, date_from, date_to in periods:
        if not survey or date_from > date_to:
            continue
        start, end = company._qms_day_bounds(date_from, date_to)
        done = Domain(
            [
                ("survey_id", "=", survey.id),
                ("state", "=", "done"),
                ("test_entry", "=", False),
                ("end_datetime", ">=", start),
                ("end_datetime", "<", end),
            ]
        )
        totals["participants"] += Input.search_count(done)
        counts = Line._read_group(
            [
                ("user_input_id", "any", done),
                ("qms_satisfaction_level", "!=", False),
                ("skipped", "=", False),
            ],
            ["qms_satisfaction_level"],
            ["__count"],
        )
        for level, count in counts:
            totals[level] += count
            totals["rated"] += count
    return totals


def satisfaction_rate(totals):
    """Share of the rated answers that are satisfied or acceptable (%), as the dossier ratings
    count it; None without any rated answer."""
    if not totals["rated"]:
        return None
    return round(100.0 * (totals["satisfied"] + totals["acceptable"]) / totals["rated"], 2)


class QmsSatisfactionSurvey(models.Model):
    """A customer satisfaction survey campaign (ISO 9001 clause 9.1.2): who is asked (citizens,
    organisations), about which service or procedure, over which period, by which unit, with
    which questionnaire of Odoo's Surveys app.

    The results are counted from the completed participations of the period: each suggested
    answer carries a satisfaction level (satisfied, acceptable, not satisfied). They become
    indicators: the measure of a quality objective (source "Customer satisfaction rate") and an
    input of the management review. Closing the campaign freezes its results as evidence.
    """

    _name = "qms.satisfaction.survey"
    _description = "Customer Satisfaction Survey"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = RESULT_FIELDS
    _qms_editable_fields = {
        "open": ("name", "note", "date_to"),
        "closed": ("note",),
        "cancelled": (),
    }
    _qms_deletable_states = ("draft", "cancelled")

    name = fields.Char(string="Title", required=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        help="The survey of the Surveys app the citizens and organisations answer. Its suggested "
        "answers say which level of satisfaction they count as.",
    )
    survey_title = fields.Char(related="survey_id.title", string="Questionnaire Title")
    audience = fields.Selection(
        [
            ("citizens", "Citizens"),
            ("organisations", "Organisations"),
            ("both", "Citizens and Organisations"),
        ],
        required=True,
        default="both",
        tracking=True,
    )
    service = fields.Char(
        string="Service or Procedure",
        tracking=True,
        help="The service or administrative procedure surveyed; empty for all the services of "
        "the unit over the period.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index=True,
        tracking=True,
        check_company=True,
        help="The unit whose service is surveyed; empty for the whole agency.",
    )
    date_from = fields.Date(string="Survey From", required=True, tracking=True)
    date_to = fields.Date(string="Survey To", required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Under Way"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    participant_count = fields.Integer(string="Respondents", readonly=True, copy=False)
    rated_count = fields.Integer(string="Rated Answers", readonly=True, copy=False)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True, copy=False)
    acceptable_count = fields.Integer(string="Acceptable", readonly=True, copy=False)
    not_satisfied_count = fields.Integer(string="Not Satisfied", readonly=True, copy=False)
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        readonly=True,
        copy=False,
        digits=(5, 2),
        help="Satisfied or acceptable answers among the rated answers of the completed "
        "participations.",
    )
    date_results = fields.Datetime(string="Results Counted On", readonly=True, copy=False)
    note = fields.Html(string="Analysis")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for campaign in self:
            if campaign.date_from > campaign.date_to:
                raise ValidationError(
                    self.env._(
                        "The survey period of %(name)s ends before it starts.", name=campaign.name
                    )
                )

    @api.constrains("survey_id", "date_from", "date_to", "state")
    def _check_survey_periods_apart(self):
        """A participation counts for one campaign only: the same questionnaire is reused for
        later periods, never for two campaigns at once."""
        for campaign in self.filtered(lambda c: c.state != "cancelled"):
            clash = self.sudo().search(
                [
                    ("id", "!=", campaign.id),
                    ("survey_id", "=", campaign.survey_id.id),
                    ("state", "!=", "cancelled"),
                    ("date_from", "<=", campaign.date_to),
                    ("date_to", ">=", campaign.date_from),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "The questionnaire %(survey)s is already used by %(other)s over an "
                        "overlapping period: use another questionnaire or other dates.",
                        survey=campaign.survey_id.sudo().title,
                        other=clash.name,
                    )
                )

    # ------------------------------------------------------------------ results
    def _qms_counts(self, date_from=None, date_to=None):
        """Counts of the campaign's answers, over the part of [date_from, date_to] it covers."""
        periods = [
            (
                campaign.survey_id,
                max(campaign.date_from, date_from or campaign.date_from),
                min(campaign.date_to, date_to or campaign.date_to),
            )
            for campaign in self
        ]
        return satisfaction_counts(self.env, periods, self.company_id[:1])

    def _qms_result_vals(self):
        self.ensure_one()
        totals = self._qms_counts()
        return {
            "participant_count": totals["participants"],
            "rated_count": totals["rated"],
            "satisfied_count": totals["satisfied"],
            "acceptable_count": totals["acceptable"],
            "not_satisfied_count": totals["not_satisfied"],
            "satisfaction_rate": satisfaction_rate(totals) or 0.0,
            "date_results": fields.Datetime.now(),
        }

    def _qms_refresh(self):
        for campaign in self:
            campaign._qms_set(campaign._qms_result_vals())

    # ------------------------------------------------------------------ transitions
    @transition(("draft",), groups=(MANAGER,), label=_lt("Open"))
    def action_open(self):
        """Start the campaign; its questionnaire must say which answers count as satisfied."""
        for campaign in self:
            levels = campaign.survey_id.sudo().question_ids.suggested_answer_ids.mapped(
                "qms_satisfaction_level"
            )
            if "satisfied" not in levels:
                raise UserError(
                    self.env._(
                        "No answer of the questionnaire %(survey)s counts as satisfied: set the "
                        "satisfaction level of its suggested answers first.",
                        survey=campaign.survey_id.sudo().title,
                    )
                )
        self._qms_set({"state": "open"})
        self._qms_refresh()
        return True

    @transition(("open",), groups=(MANAGER,), label=_lt("Count Results"))
    def action_refresh_results(self):
        self._qms_refresh()
        return True

    @transition(("open",), groups=(MANAGER,), label=_lt("Close"))
    def action_close(self):
        """Count the results one last time and freeze them."""
        self._qms_refresh()
        self._qms_set({"state": "closed"})
        return True

    @transition(("draft", "open"), groups=(MANAGER,), label=_lt("Cancel"))
    def action_cancel(self):
        self._qms_set({"state": "cancelled"})
        return True

    @transition(("cancelled",), groups=(MANAGER,), label=_lt("Reset to Draft"))
    def action_reset_draft(self):
        self._qms_set({"state": "draft"})
        return True

    def action_open_questionnaire(self):
        """The questionnaire in the Surveys app (to share it, see the answers)."""
        self._qms_ensure_one()
        self.check_access("write")
        return self.survey_id._get_records_action()

    @api.model
    def _cron_refresh_results(self):
        """Daily: count the results of the open campaigns."""
        for campaign in self.sudo().search([("state", "=", "open")]):
            campaign._qms_refresh()
