from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import LEADER, MANAGER, transition

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
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]
    _order = "year desc, department_id, employee_id"
    _rec_name = "employee_id"
    _check_company_auto = True

    _qms_workflow_fields = (
        "year",
        "employee_id",
        "department_id",
        "line_ids",
        "has_data",
        "total_points",
        "max_points",
        "date_computed",
        "date_confirmed",
        "confirmed_by_id",
    )
    _qms_editable_fields = {"draft": (), "confirmed": ()}

    year = fields.Integer(required=True, index=True, aggregator=False)
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
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    line_ids = fields.One2many(
        "qms.emulation.individual.score.line", "score_id", string="Breakdown"
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
        tracking=True,
        index=True,
    )
    date_confirmed = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    _year_employee_company_uniq = models.UniqueIndex(
        "(year, employee_id, company_id)",
        "A civil servant has only one emulation score per year.",
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
                vals.get("employee_id"),
                vals.get("company_id") or self.env.company.id,
            )
        return super().create(vals_list)

    def _raise_if_duplicate(self, year, employee_id, company_id):
        if self.sudo().search_count(
            [
                ("year", "=", year),
                ("employee_id", "=", employee_id),
                ("company_id", "=", company_id),
            ],
            limit=1,
        ):
            employee = self.env["hr.employee"].sudo().browse(employee_id)
            raise ValidationError(
                self.env._(
                    "%(person)s already has an emulation score for %(year)s: recompute the year "
                    "instead of adding one.",
                    person=employee.display_name,
                    year=year,
                )
            )

    # ------------------------------------------------------------------
    # Computing a year
    # ------------------------------------------------------------------
    @api.model
    def _qms_scored_employees(self, company):
        """Every civil servant of the agency (the employees of the company)."""
        return self.env["hr.employee"].sudo().search([("company_id", "=", company.id)])

    @api.model
    @transition(groups=(MANAGER,), label=_lt("Compute Individual Scores"))
    def action_compute_year(self, year, company_id=None):
        """Compute (or refresh) the civil servants' scores of `year` for the agency
        `company_id` (the current one by default); the standing office's action."""
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
        """Create or refresh one score per civil servant of `company` for `year`."""
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
            [("company_id", "=", company.id), ("applies_to", "in", ("individual", "both"))],
            order="sequence, id",
        )
        if not criteria:
            raise UserError(
                self.env._(
                    "Set up at least one active emulation criterion that applies to civil "
                    "servants before computing their scores."
                )
            )
        employees = self._qms_scored_employees(company)
        existing = {score.employee_id.id: score for score in scores}
        missing = employees.filtered(lambda person: person.id not in existing)
        scores |= self._qms_create_checked(
            [
                {"year": year, "employee_id": person.id, "company_id": company.id}
                for person in missing
            ]
        )
        people = scores.employee_id
        measures = {
            criterion: criterion._qms_measure_individuals(people, year) for criterion in criteria
        }
        scores.line_ids.sudo().unlink()
        line_values = []
        for score in scores:
            line_values += score._qms_line_values(criteria, measures)
        self.env["qms.emulation.individual.score.line"]._qms_create_checked(line_values)
        now = fields.Datetime.now()
        for score in scores:
            score._qms_set(
                dict(
                    score._qms_totals(),
                    date_computed=now,
                    department_id=score.employee_id.sudo().department_id.id,
                )
            )
        return scores

    def _qms_line_values(self, criteria, measures):
        self.ensure_one()
        values = []
        for criterion in criteria:
            measure = measures[criterion]
            model, by_person = measure if measure is not None else (False, {})
            achieved_ids, counted_ids = by_person.get(self.employee_id.id, ([], []))
            values.append(
                {
                    "score_id": self.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "weight": criterion.weight,
                    "achieved_count": len(achieved_ids),
                    "counted_count": len(counted_ids),
                    "source_missing": measure is None,
                    "evidence_model": model,
                    "evidence_ids": sorted(counted_ids),
                    "evidence_achieved_ids": sorted(achieved_ids),
                }
            )
        return values

    def _qms_totals(self):
        """The units' rule (see `qms.emulation.score`): criteria with data scaled to the full
        weight."""
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

    def action_open_compute_wizard(self):
        """List header button: the year's wizard, set to compute the civil servants."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_emulation_score_wizard"
        )
        action["context"] = {"default_scope": "individual"}
        return action

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
        """A leader confirms the civil servants' results of the year, all at once."""
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
                    "Results of %(year)s confirmed by %(user)s: %(result)s.",
                    year=score.year,
                    user=self.env.user.name,
                    result=score.result_display,
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
        self._qms_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Score Breakdown"),
            "res_model": "qms.emulation.individual.score.line",
            "view_mode": "list,pivot",
            "domain": [("score_id", "=", self.id)],
        }
