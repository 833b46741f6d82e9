from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import LEADER, MANAGER, transition

_lt = LazyTranslate(__name__)


class QmsEmulationScore(models.Model):
    """Yearly emulation (thi đua) score of one unit for its ISO work, with its breakdown.

    Scoring rule, shown to the units: each active criterion gives a percentage (achieved /
    counted) and earns ``weight x percentage / 100`` points. A criterion with nothing to count for
    the unit (no target measured, no task due...) is "no data" and left out, and the total is
    scaled to the full weight so that units remain comparable:
    ``total = sum(points) / sum(weights with data) x sum(all weights)``.
    A unit with no data on any criterion gets no total and no rank ("no data"), never a silent 0.
    Units are ranked by total, ties sharing a rank (1, 1, 3).

    Scores are computed, never typed: every figure is set by the computation, which the standing
    office runs. A leader confirms the results of a year, all units at once; confirmed scores
    are no longer recomputed nor deleted. The standing office may reopen a confirmed year, saying
    why (an appeal, a data error), to compute it again.
    """

    _name = "qms.emulation.score"
    _description = "Emulation Score"
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]
    _order = "year desc, has_data desc, rank, department_id"
    _rec_name = "department_id"
    _check_company_auto = True

    _qms_workflow_fields = (
        "year",
        "department_id",
        "line_ids",
        "has_data",
        "total_points",
        "max_points",
        "rank",
        "date_computed",
        "date_confirmed",
        "confirmed_by_id",
    )
    _qms_editable_fields = {"draft": (), "confirmed": ()}

    year = fields.Integer(required=True, index=True, aggregator=False)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    line_ids = fields.One2many("qms.emulation.score.line", "score_id", string="Breakdown")
    has_data = fields.Boolean(readonly=True, help="False when no criterion had anything to count.")
    total_points = fields.Float(string="Score", digits=(6, 2), readonly=True, tracking=True)
    max_points = fields.Float(string="Maximum", digits=(6, 2), readonly=True, aggregator=False)
    rank = fields.Integer(
        readonly=True, aggregator=False, tracking=True, help="0 when the unit has no data."
    )
    result_display = fields.Char(string="Result", compute="_compute_result_display")
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    state = fields.Selection(
        [("draft", "Computed"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_confirmed = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    _year_unit_company_uniq = models.UniqueIndex(
        "(year, department_id, company_id)", "A unit has only one emulation score per year."
    )

    @api.depends("has_data", "total_points", "max_points")
    def _compute_result_display(self):
        for score in self:
            if score.has_data:
                score.result_display = f"{score.total_points:.2f} / {score.max_points:.2f}"
            else:
                score.result_display = self.env._("No data")

    @api.constrains("year")
    def _check_year(self):
        for score in self:
            if not 2000 <= score.year <= 2100:
                raise ValidationError(
                    self.env._("%(year)s is not a valid year for a score.", year=score.year)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._raise_if_duplicate(
                vals.get("year"),
                vals.get("department_id"),
                vals.get("company_id") or self.env.company.id,
            )
        return super().create(vals_list)

    def _raise_if_duplicate(self, year, department_id, company_id):
        if self.search_count(
            [
                ("year", "=", year),
                ("department_id", "=", department_id),
                ("company_id", "=", company_id),
            ],
            limit=1,
        ):
            department = self.env["hr.department"].browse(department_id)
            raise ValidationError(
                self.env._(
                    "%(unit)s already has an emulation score for %(year)s: recompute the year "
                    "instead of adding one.",
                    unit=department.display_name,
                    year=year,
                )
            )

    # ------------------------------------------------------------------
    # Computing a year
    # ------------------------------------------------------------------
    @api.model
    def _qms_scored_departments(self, company):
        return self.env["hr.department"].search([("company_id", "in", [company.id, False])])

    @api.model
    @transition(groups=(MANAGER,), label=_lt("Compute Scores"))
    def action_compute_year(self, year, company_id=None):
        """Compute (or refresh) the scores of `year` for the agency `company_id` (the current
        one by default); the standing office's action, from the wizard."""
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            raise UserError(self.env._("%(year)s is not a valid year for a score.", year=year))
        company = self.env.company
        if company_id is not None and company_id is not False:
            if isinstance(company_id, bool) or not isinstance(company_id, int):
                raise UserError(self.env._("Choose the agency whose scores to compute."))
            company = self.env["res.company"].browse(company_id)
            if company not in self.env.user.company_ids:
                raise AccessError(
                    self.env._("You may only compute the scores of your own agencies.")
                )
        return self._qms_compute_year(year, company)

    @api.model
    def _qms_compute_year(self, year, company=None):
        """Create or refresh one score per unit of `company` for `year`, then rank them."""
        self.check_access("create")
        company = company or self.env.company
        scores = self.search([("year", "=", year), ("company_id", "=", company.id)])
        if "confirmed" in scores.mapped("state"):
            raise UserError(
                self.env._(
                    "The emulation scores of %(year)s are confirmed: the standing office reopens "
                    "them, saying why, before they are computed again.",
                    year=year,
                )
            )
        criteria = self.env["qms.emulation.criterion"].search(
            [("company_id", "=", company.id), ("applies_to", "in", ("unit", "both"))],
            order="sequence, id",
        )
        if not criteria:
            raise UserError(
                self.env._("Set up at least one active emulation criterion before computing.")
            )
        departments = self._qms_scored_departments(company)
        measures = {criterion: criterion._qms_measure(departments, year) for criterion in criteria}
        existing = {score.department_id.id: score for score in scores}
        missing = departments.filtered(lambda unit: unit.id not in existing)
        scores |= self._qms_create_checked(
            [{"year": year, "department_id": unit.id, "company_id": company.id} for unit in missing]
        )
        scores.line_ids.sudo().unlink()
        line_values = []
        for score in scores:
            line_values += score._qms_line_values(criteria, measures)
        self.env["qms.emulation.score.line"]._qms_create_checked(line_values)
        now = fields.Datetime.now()
        for score in scores:
            score._qms_set(dict(score._qms_totals(), date_computed=now))
        scores._qms_rank()
        return scores

    def _qms_line_values(self, criteria, measures):
        self.ensure_one()
        values = []
        for criterion in criteria:
            measure = measures[criterion]
            achieved, counted = (measure or {}).get(self.department_id.id, (0, 0))
            values.append(
                {
                    "score_id": self.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "weight": criterion.weight,
                    "achieved_count": achieved,
                    "counted_count": counted,
                    "source_missing": measure is None,
                }
            )
        return values

    def _qms_totals(self):
        self.ensure_one()
        max_points = sum(self.line_ids.mapped("weight"))
        with_data = self.line_ids.filtered("has_data")
        if not with_data:
            return {"has_data": False, "total_points": 0.0, "max_points": max_points}
        earned = sum(with_data.mapped("points"))
        weights = sum(with_data.mapped("weight"))
        return {
            "has_data": True,
            "total_points": round(earned / weights * max_points, 2),
            "max_points": max_points,
        }

    def _qms_rank(self):
        """Competition ranking (1, 1, 3) of the scores with data; the others get rank 0."""
        ranked = self.filtered("has_data").sorted(lambda s: -s.total_points)
        previous_total, previous_rank = None, 0
        for position, score in enumerate(ranked, start=1):
            if score.total_points != previous_total:
                previous_total, previous_rank = score.total_points, position
            score._qms_set({"rank": previous_rank})
        (self - ranked)._qms_set({"rank": 0})

    def action_open_compute_wizard(self):
        """List header button: works on the selection, which is usually empty."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_emulation_score_wizard"
        )

    @transition(("draft",), groups=(MANAGER,), label=_lt("Recompute"))
    def action_recompute(self):
        for year, company in {(score.year, score.company_id) for score in self}:
            self._qms_compute_year(year, company)
        return True

    def _qms_whole_years(self):
        """Every score of the years (and agencies) of these: a ranking is decided as a whole."""
        scores = self.browse()
        for year, company in {(score.year, score.company_id) for score in self}:
            scores |= self.search([("year", "=", year), ("company_id", "=", company.id)])
        return scores

    @transition(("draft",), groups=(LEADER,), access="read", label=_lt("Confirm Results"))
    def action_confirm(self):
        """A leader confirms the ranking of the year: every unit's score at once."""
        scores = self._qms_whole_years()
        if not scores.filtered("date_computed"):
            raise UserError(self.env._("Compute the scores before confirming them."))
        scores = scores.filtered(lambda score: score.state == "draft")
        scores._qms_set(
            {
                "state": "confirmed",
                "date_confirmed": fields.Datetime.now(),
                "confirmed_by_id": self.env.uid,
            }
        )
        for score in scores:
            score.sudo().message_post(
                body=self.env._(
                    "Results of %(year)s confirmed by %(user)s: %(result)s, rank %(rank)s.",
                    year=score.year,
                    user=self.env.user.name,
                    result=score.result_display,
                    rank=score.rank or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @transition(("confirmed",), groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        """The standing office reopens a confirmed year, saying why, to compute it again."""
        scores = self._qms_whole_years().filtered(lambda score: score.state == "confirmed")
        scores._qms_log_reason(self.env._("Emulation results reopened"), reason)
        scores._qms_set({"state": "draft", "date_confirmed": False, "confirmed_by_id": False})
        return True

    def action_open_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Results"))

    def action_view_lines(self):
        self.ensure_one()
        domain = [("score_id", "=", self.id)]
        name = self.env._("Score Breakdown")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "qms.emulation.score.line",
            "view_mode": "list,pivot",
            "domain": domain,
        }
