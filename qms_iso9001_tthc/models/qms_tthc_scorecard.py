import logging
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.qms_iso9001.lifecycle import MANAGER

from .qms_tthc_scorecard_indicator import GROUP_WEIGHTS

_logger = logging.getLogger(__name__)

GROUP_FIELDS = {group: f"score_{group}" for group in GROUP_WEIGHTS}
SCORECARD_FIELDS = (
    "name",
    "company_id",
    "department_id",
    "month",
    "total",
    *GROUP_FIELDS.values(),
    "line_ids",
    "computed_at",
    "computed_by_id",
)
RATED_OK = ("satisfied", "acceptable")


class QmsTthcScorecard(models.Model):
    """The QĐ 766/QĐ-TTg scorecard of an agency, or of one of its units, for one month: five
    groups weighing 18, 20, 22, 22 and 18 points, each shared among its indicators.

    Computed from the system's data (dossiers, ratings, digitisation, complaints) and the
    catalogue (procedures in force, online levels) by the standing office or the monthly job,
    never typed: every field is set by `_qms_compute`, and a month computed again replaces its
    figures. Each line keeps the counts behind its points, and opens the dossiers, procedures
    or complaints that lost them."""

    _name = "qms.tthc.scorecard"
    _description = "QĐ 766 Scorecard"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "month desc, department_id, id"
    _check_company_auto = True

    _qms_state_field = None
    _qms_workflow_fields = SCORECARD_FIELDS
    # kept as the figures of their month
    _qms_deletable_states = ()

    name = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        readonly=True,
        index=True,
        help="Empty: the whole agency.",
    )
    month = fields.Date(required=True, readonly=True, index=True, help="First day of the month.")
    total = fields.Float(string="Total Score", readonly=True, digits=(5, 2), aggregator="avg")
    score_publicity = fields.Float(
        string="Publicity and Transparency", readonly=True, digits=(5, 2), aggregator="avg"
    )
    score_progress = fields.Float(
        string="Progress and Results of Handling", readonly=True, digits=(5, 2), aggregator="avg"
    )
    score_digitisation = fields.Float(
        string="Digitisation", readonly=True, digits=(5, 2), aggregator="avg"
    )
    score_online = fields.Float(
        string="Online Public Services", readonly=True, digits=(5, 2), aggregator="avg"
    )
    score_satisfaction = fields.Float(
        string="Satisfaction", readonly=True, digits=(5, 2), aggregator="avg"
    )
    line_ids = fields.One2many(
        "qms.tthc.scorecard.line", "scorecard_id", string="Indicators", readonly=True
    )
    computed_at = fields.Datetime(readonly=True)
    computed_by_id = fields.Many2one("res.users", readonly=True)

    _month_unique = models.UniqueIndex(
        "(company_id, COALESCE(department_id, 0), month)",
        "The scorecard of this month is already computed: compute it again instead.",
    )

    # ------------------------------------------------------------------ computing
    @api.model
    def _qms_check_may_compute(self):
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only the ISO standing office computes the QĐ 766 scorecard.")
            )

    @api.model
    def _qms_month_start(self, day):
        day = fields.Date.to_date(day)
        if not isinstance(day, date):
            raise UserError(self.env._("Choose the month of the scorecard."))
        return day.replace(day=1)

    @api.model
    def _qms_compute(self, company, month, department=None):
        """The scorecard of `company` (or of its unit `department`) for the month of `month`,
        computed now from the data; the standing office's or the job's. Returns it."""
        self._qms_check_may_compute()
        company = company.sudo()
        department = (department or self.env["hr.department"]).sudo()
        if department and department.company_id not in (company, self.env["res.company"]):
            raise UserError(self.env._("The unit must belong to the agency of the scorecard."))
        month = self._qms_month_start(month)
        if month > fields.Date.context_today(self):
            raise UserError(self.env._("A month that has not begun has no scorecard."))
        Scorecard = self.sudo().with_context(active_test=False)
        scorecard = Scorecard.search(
            [
                ("company_id", "=", company.id),
                ("department_id", "=", department.id or False),
                ("month", "=", month),
            ],
            limit=1,
        )
        lines = Scorecard._qms_line_values(company, month, department)
        scores = dict.fromkeys(GROUP_WEIGHTS, 0.0)
        for line in lines:
            scores[line["group"]] += line["points"]
        vals = {
            "name": self._qms_scorecard_name(company, month, department),
            "company_id": company.id,
            "department_id": department.id or False,
            "month": month,
            "total": round(sum(scores.values()), 2),
            **{GROUP_FIELDS[group]: round(score, 2) for group, score in scores.items()},
            "computed_at": fields.Datetime.now(),
            "computed_by_id": self.env.uid,
            "line_ids": [fields.Command.clear()] + [fields.Command.create(line) for line in lines],
        }
        if scorecard:
            scorecard.write(vals)
        else:
            scorecard = Scorecard.create(vals)
        return scorecard.with_env(self.env)

    @api.model
    def _qms_scorecard_name(self, company, month, department):
        where = department.name if department else (company.qms_agency_name or company.name)
        return f"{month.strftime('%m/%Y')} - {where}"

    @api.model
    def _qms_line_values(self, company, month, department):
        """One line per active indicator: the group's weight shared by the points, earned in
        proportion to the rate up to the rate for full points. No data: full points, said."""
        indicators = (
            self.env["qms.tthc.scorecard.indicator"]
            .sudo()
            .search(["|", ("company_id", "=", False), ("company_id", "=", company.id)])
        )
        totals = {}
        for indicator in indicators:
            totals[indicator.group] = totals.get(indicator.group, 0.0) + indicator.points
        lines = []
        for indicator in indicators:
            base, good = self._qms_measure_domains(indicator.measure, company, month, department)
            model = self.env[self._qms_measure_model(indicator.measure)].sudo()
            model = model.with_context(active_test=False)
            denominator = model.search_count(base)
            numerator = model.search_count(base & good) if denominator else 0
            max_points = GROUP_WEIGHTS[indicator.group] * indicator.points / totals[indicator.group]
            rate = 100.0 * numerator / denominator if denominator else 100.0
            share = min(1.0, rate / indicator.target_rate)
            lines.append(
                {
                    "indicator_id": indicator.id,
                    "group": indicator.group,
                    "numerator": numerator,
                    "denominator": denominator,
                    "rate": round(rate, 2),
                    "max_points": round(max_points, 2),
                    "points": round(max_points * share, 2),
                    "no_data": not denominator,
                }
            )
        return lines

    # ------------------------------------------------------------------ what each measure counts
    @api.model
    def _qms_measure_model(self, measure):
        if measure.startswith("procedure"):
            return "qms.tthc.procedure"
        if measure == "feedback_answered":
            return "qms.feedback"
        return "qms.tthc.dossier"

    @api.model
    def _qms_measure_domains(self, measure, company, month, department):
        """(what is counted, which of it earns points) for `measure` in the month; the lost
        points are the first without the second."""
        start, end = company._qms_day_bounds(month, month + relativedelta(months=1, days=-1))
        company_domain = Domain("company_id", "=", company.id)
        unit = Domain("department_id", "child_of", department.id) if department else Domain.TRUE
        in_force = company_domain & unit & Domain("state", "!=", "abolished")

        def period(field):
            return company_domain & unit & Domain(field, ">=", start) & Domain(field, "<", end)

        received = period("received_at") & Domain("state", "not in", ("refused", "withdrawn"))
        resolved = period("resolved_at") & Domain("state", "in", ("resolved", "returned"))
        table = {
            "procedure_flow": (in_force, Domain("current_flow_id", "!=", False)),
            "procedure_published": (
                in_force,
                Domain("decision_number", "!=", False)
                & Domain("legal_basis", "!=", False)
                & Domain("processing_time_ids", "!=", False),
            ),
            "dossier_on_time": (resolved, Domain("timeliness", "in", ("early", "on_time"))),
            "dossier_not_late": (
                received,
                Domain("timeliness", "!=", "late") & Domain("is_overdue", "=", False),
            ),
            "late_apologised": (
                resolved & Domain("timeliness", "=", "late"),
                Domain("apology_date", "!=", False),
            ),
            "papers_digitised": (
                received & Domain("component_ids", "!=", False),
                Domain("component_ids", "not any", [("is_digitised", "=", False)]),
            ),
            "results_digitised": (resolved, Domain("is_result_digitised", "=", True)),
            "results_reused": (
                received,
                Domain("component_ids", "any", [("reused_dossier_id", "!=", False)]),
            ),
            "procedures_online_full": (in_force, Domain("online_level", "=", "full")),
            "procedures_online": (in_force, Domain("online_level", "in", ("full", "partial"))),
            "dossiers_online": (received, Domain("channel", "=", "online")),
            "rating_satisfied": (
                period("rated_at") & Domain("rating", "!=", False),
                Domain("rating", "in", RATED_OK),
            ),
            "dossiers_rated": (
                period("returned_at") & Domain("state", "=", "returned"),
                Domain("rating", "!=", False),
            ),
            "feedback_answered": (
                period("date_received"),
                Domain("date_answered", "!=", False) | Domain("is_overdue", "=", False),
            ),
        }
        if measure not in table:
            raise UserError(self.env._("Unknown scorecard measure %(measure)s.", measure=measure))
        return table[measure]

    # ------------------------------------------------------------------ buttons and job
    def action_recompute(self):
        """The standing office computes the month again from today's data."""
        self._qms_check_may_compute()
        for scorecard in self:
            self._qms_compute(scorecard.company_id, scorecard.month, scorecard.department_id)
        return True

    @api.model
    def _qms_units_scored(self, company):
        """The units answering for procedures in force: each gets its own scorecard."""
        return (
            self.env["qms.tthc.procedure"]
            .sudo()
            .search([("company_id", "=", company.id), ("state", "!=", "abolished")])
            .department_id
        )

    @api.model
    def _qms_compute_month(self, company, month):
        """The agency's scorecard and its units' for the month."""
        cards = self._qms_compute(company, month)
        for unit in self._qms_units_scored(company):
            cards |= self._qms_compute(company, month, unit)
        return cards

    @api.model
    def _cron_qms_compute_last_month(self):
        """Early each month: last month's scorecards of every agency with dossiers."""
        month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        companies = self.env["qms.tthc.dossier"].sudo()._read_group([], ["company_id"])
        for (company,) in companies:
            self._qms_compute_month(company, month)

    @api.model
    def action_compute_last_month(self):
        """The standing office computes last month's scorecards of its agency now."""
        self._qms_check_may_compute()
        month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        cards = self._qms_compute_month(self.env.company, month)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("QĐ 766 Scorecard"),
            "res_model": self._name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", cards.ids)],
        }
