from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import LEADER, MANAGER, transition

_lt = LazyTranslate(__name__)

# The fields only the computation and the transitions set, common to every kind of score; each
# model adds the field of what it scores (and the unit scores their rank).
SCORE_WORKFLOW_FIELDS = (
    "year",
    "line_ids",
    "has_data",
    "total_points",
    "max_points",
    "date_computed",
    "date_confirmed",
    "confirmed_by_id",
)


class QmsEmulationScoreMixin(models.AbstractModel):
    """The yearly emulation (thi đua) score of one subject (a unit, a civil servant), computed
    from the criteria that apply to such subjects, confirmed and kept.

    One rule for every subject, so that a unit and a civil servant are scored alike (seed 003):
    each criterion earns ``weight x achieved / counted`` points; criteria with nothing to count
    are left out and the total scaled to the full weight; a subject with no data gets no total,
    never a silent 0. One lifecycle too: the standing office computes a year, a leader confirms
    the whole year of the agency at once, confirmed scores are kept (never recomputed nor
    deleted) until the standing office reopens the year, saying why.

    A model using it names its subject and the criteria scope, and gives the hooks that differ:
    which subjects are scored, how a criterion measures them, what a line keeps of the measure,
    the messages that name the subject, and (units only) the ranking.
    """

    _name = "qms.emulation.score.mixin"
    _description = "Emulation Score (shared rules)"
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]

    # the many2one field of what is scored ("department_id", "employee_id")
    _qms_subject_field = None
    # the criteria that apply: those of this scope or "both" ("unit", "individual")
    _qms_criterion_scope = None
    _qms_workflow_fields = SCORE_WORKFLOW_FIELDS
    _qms_editable_fields = {"draft": (), "confirmed": ()}

    year = fields.Integer(required=True, index=True, aggregator=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    has_data = fields.Boolean(readonly=True, help="False when no criterion had anything to count.")
    total_points = fields.Float(string="Score", digits=(6, 2), readonly=True, tracking=True)
    max_points = fields.Float(string="Maximum", digits=(6, 2), readonly=True, aggregator=False)
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

    # ------------------------------------------------------------------
    # Hooks of the models
    # ------------------------------------------------------------------
    def _qms_no_criterion_message(self):
        raise NotImplementedError

    @api.model
    def _qms_scored_subjects(self, company):
        """The records of `company` that get a score (units, civil servants)."""
        raise NotImplementedError

    @api.model
    def _qms_measures(self, criteria, subjects, scores, year):
        """{criterion: its measure of the subjects for `year`, None when its source is missing};
        `subjects` are those scored now, `scores` every score of the year."""
        raise NotImplementedError

    def _qms_line_counts(self, measure):
        """The values of this score's line for a criterion's `measure` (None when its source is
        missing): at least `achieved_count` and `counted_count`."""
        raise NotImplementedError

    def _qms_computed_values(self):
        """What the computation records on the score besides its totals."""
        return {}

    def _qms_rank(self):
        """Rank the scores of a year; only the units are ranked."""

    def _qms_confirmed_message(self):
        """The note posted on a score when its year is confirmed."""
        return self.env._(
            "Results of %(year)s confirmed by %(user)s: %(result)s.",
            year=self.year,
            user=self.env.user.name,
            result=self.result_display,
        )

    # ------------------------------------------------------------------
    # Computing a year
    # ------------------------------------------------------------------
    @api.model
    def _qms_compute_year_checked(self, year, company_id=None):
        """The body of `action_compute_year` (a transition of each model): check the
        arguments, which come from RPC, then compute the year for the agency `company_id` (the
        current one by default)."""
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
        """Create or refresh one score per subject of `company` for `year`, then rank them."""
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
            [
                ("company_id", "=", company.id),
                ("applies_to", "in", (self._qms_criterion_scope, "both")),
            ],
            order="sequence, id",
        )
        if not criteria:
            raise UserError(self._qms_no_criterion_message())
        subject_field = self._qms_subject_field
        subjects = self._qms_scored_subjects(company)
        existing = {score[subject_field].id for score in scores}
        missing = subjects.filtered(lambda subject: subject.id not in existing)
        scores |= self._qms_create_checked(
            [
                {"year": year, subject_field: subject.id, "company_id": company.id}
                for subject in missing
            ]
        )
        measures = self._qms_measures(criteria, subjects, scores, year)
        scores.line_ids.sudo().unlink()
        line_values = []
        for score in scores:
            line_values += score._qms_line_values(criteria, measures)
        self.env[self._fields["line_ids"].comodel_name]._qms_create_checked(line_values)
        now = fields.Datetime.now()
        for score in scores:
            score._qms_set(
                dict(score._qms_totals(), date_computed=now, **score._qms_computed_values())
            )
        scores._qms_rank()
        return scores

    def _qms_line_values(self, criteria, measures):
        self.ensure_one()
        values = []
        for criterion in criteria:
            measure = measures[criterion]
            values.append(
                {
                    "score_id": self.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "weight": criterion.weight,
                    "source_missing": measure is None,
                    **self._qms_line_counts(measure),
                }
            )
        return values

    def _qms_totals(self):
        """Criteria with data, scaled to the full weight (see the class)."""
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

    @transition(("draft",), groups=(MANAGER,), label=_lt("Recompute"))
    def action_recompute(self):
        for year, company in {(score.year, score.company_id) for score in self}:
            self._qms_compute_year(year, company)
        return True

    def _qms_whole_years(self):
        """Every score of the years (and agencies) of these: the results are decided as a
        whole."""
        scores = self.browse()
        for year, company in {(score.year, score.company_id) for score in self}:
            scores |= self.search([("year", "=", year), ("company_id", "=", company.id)])
        return scores

    @transition(("draft",), groups=(LEADER,), access="read", label=_lt("Confirm Results"))
    def action_confirm(self):
        """A leader confirms the results of the year: every score of the agency at once."""
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
                body=score._qms_confirmed_message(), subtype_xmlid="mail.mt_note"
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
        self._qms_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Score Breakdown"),
            "res_model": self._fields["line_ids"].comodel_name,
            "view_mode": "list,pivot",
            "domain": [("score_id", "=", self.id)],
        }
