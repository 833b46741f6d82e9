from odoo import api, fields, models
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition
from .qms_emulation_score_mixin import SCORE_WORKFLOW_FIELDS

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
    _inherit = ["qms.emulation.score.mixin"]
    _order = "year desc, has_data desc, rank, department_id"
    _rec_name = "department_id"
    _check_company_auto = True

    _qms_subject_field = "department_id"
    _qms_criterion_scope = "unit"
    _qms_workflow_fields = (*SCORE_WORKFLOW_FIELDS, "department_id", "rank")

    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    line_ids = fields.One2many("qms.emulation.score.line", "score_id", string="Breakdown")
    rank = fields.Integer(
        readonly=True, aggregator=False, tracking=True, help="0 when the unit has no data."
    )

    _year_unit_company_uniq = models.UniqueIndex(
        "(year, department_id, company_id)",
        "This unit already has its emulation score for this year: recompute the year instead of "
        "adding one.",
    )

    def _qms_no_criterion_message(self):
        return self.env._("Set up at least one active emulation criterion before computing.")

    # ------------------------------------------------------------------
    # Computing a year
    # ------------------------------------------------------------------
    @api.model
    def _qms_scored_subjects(self, company):
        return self.env["hr.department"].search([("company_id", "in", [company.id, False])])

    @api.model
    def _qms_measures(self, criteria, subjects, scores, year):
        return {criterion: criterion._qms_measure(subjects, year) for criterion in criteria}

    def _qms_line_counts(self, measure):
        achieved, counted = (measure or {}).get(self.department_id.id, (0, 0))
        return {"achieved_count": achieved, "counted_count": counted}

    @api.model
    @transition(groups=(MANAGER,), label=_lt("Compute Scores"))
    def action_compute_year(self, year, company_id=None):
        """Compute (or refresh) the scores of `year` for the agency `company_id` (the current
        one by default); the standing office's action, from the wizard."""
        return self._qms_compute_year_checked(year, company_id)

    def _qms_rank(self):
        """Competition ranking (1, 1, 3) of the scores with data; the others get rank 0."""
        ranked = self.filtered("has_data").sorted(lambda s: -s.total_points)
        previous_total, previous_rank = None, 0
        for position, score in enumerate(ranked, start=1):
            if score.total_points != previous_total:
                previous_total, previous_rank = score.total_points, position
            score._qms_set({"rank": previous_rank})
        (self - ranked)._qms_set({"rank": 0})

    def _qms_confirmed_message(self):
        return self.env._(
            "Results of %(year)s confirmed by %(user)s: %(result)s, rank %(rank)s.",
            year=self.year,
            user=self.env.user.name,
            result=self.result_display,
            rank=self.rank or "-",
        )

    def action_open_compute_wizard(self):
        """List header button: works on the selection, which is usually empty."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_emulation_score_wizard"
        )
