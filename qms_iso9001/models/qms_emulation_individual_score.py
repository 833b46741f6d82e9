from odoo import api, fields, models
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition
from .qms_emulation_score_mixin import SCORE_WORKFLOW_FIELDS

_lt = LazyTranslate(__name__)


class QmsEmulationIndividualScore(models.Model):
    """Yearly emulation (thi đua) score of one civil servant for their ISO work.

    Seed 003 makes the ISO work a criterion of the emulation of each civil servant as well as of
    the units. The score counts the person's own records only (read requests they received,
    plan tasks assigned to them, actions of nonconformities they are responsible for, dossier
    steps they held...) with the criteria that apply to civil servants, and each line keeps the
    records it counted, so that the person, their unit head and the emulation council can check
    every figure.

    The rule is the units' one: ``weight x achieved / counted`` points per criterion, criteria
    with nothing to count left out and the total scaled to the full weight; nobody with no data
    gets a silent 0. Same lifecycle as the unit scores: computed by the standing office,
    confirmed by a leader for the whole agency and year, then kept (never recomputed nor
    deleted) until the standing office reopens the year saying why.

    A score is private: the civil servant reads their own, the head and the ISO officer of the
    unit read their unit's, leaders and the standing office the whole agency's (record rules).
    """

    _name = "qms.emulation.individual.score"
    _description = "Individual Emulation Score"
    _inherit = ["qms.emulation.score.mixin"]
    _order = "year desc, department_id, employee_id"
    _rec_name = "employee_id"
    _check_company_auto = True

    _qms_subject_field = "employee_id"
    _qms_criterion_scope = "individual"
    _qms_workflow_fields = (*SCORE_WORKFLOW_FIELDS, "employee_id", "department_id")

    employee_id = fields.Many2one(
        "hr.employee",
        string="Civil Servant",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True, string="User")
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index=True,
        readonly=True,
        help="The unit of the civil servant when the score was computed.",
    )
    line_ids = fields.One2many(
        "qms.emulation.individual.score.line", "score_id", string="Breakdown"
    )

    _year_employee_company_uniq = models.UniqueIndex(
        "(year, employee_id, company_id)",
        "This civil servant already has an emulation score for this year: recompute the year "
        "instead of adding one.",
    )

    def _qms_no_criterion_message(self):
        return self.env._(
            "Set up at least one active emulation criterion that applies to civil "
            "servants before computing their scores."
        )

    # ------------------------------------------------------------------
    # Computing a year
    # ------------------------------------------------------------------
    @api.model
    def _qms_scored_subjects(self, company):
        """Every civil servant of the agency (the employees of the company)."""
        return self.env["hr.employee"].sudo().search([("company_id", "=", company.id)])

    @api.model
    def _qms_measures(self, criteria, subjects, scores, year):
        """Measured for every civil servant with a score of the year, each with the very records
        counted."""
        people = scores.employee_id
        return {
            criterion: criterion._qms_measure_individuals(people, year) for criterion in criteria
        }

    def _qms_line_counts(self, measure):
        """The counts and the evidence: the records counted and those achieved."""
        model, by_person = measure if measure is not None else (False, {})
        achieved_ids, counted_ids = by_person.get(self.employee_id.id, ([], []))
        return {
            "achieved_count": len(achieved_ids),
            "counted_count": len(counted_ids),
            "evidence_model": model,
            "evidence_ids": sorted(counted_ids),
            "evidence_achieved_ids": sorted(achieved_ids),
        }

    def _qms_computed_values(self):
        """The unit of the civil servant when the score was computed."""
        return {"department_id": self.employee_id.sudo().department_id.id}

    @api.model
    @transition(groups=(MANAGER,), label=_lt("Compute Individual Scores"))
    def action_compute_year(self, year, company_id=None):
        """Compute (or refresh) the civil servants' scores of `year` for the agency
        `company_id` (the current one by default); the standing office's action."""
        return self._qms_compute_year_checked(year, company_id)

    def action_open_compute_wizard(self):
        """List header button: the year's wizard, set to compute the civil servants."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_emulation_score_wizard"
        )
        action["context"] = {"default_scope": "individual"}
        return action
