import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

PROCEDURE_KINDS = ("system_procedure", "business_procedure", "tthc_procedure")
YEAR_MIN, YEAR_MAX = 2000, 2100
UNIT_FIGURES = (
    "procedures_count",
    "documents_issued_count",
    "nc_count",
    "nc_closed_count",
    "nc_open_count",
)


class QmsReportUnit(models.Model):
    """A unit's six-monthly report on applying the QMS, sent to the standing office.

    Units report every six months to the standing office of the ISO steering committee, which
    consolidates their reports into the agency's. The figures are computed from the unit's
    records after the cut-off; the texts are the unit's. Until it is submitted the report is
    seen by its unit and the standing office only.
    """

    _name = "qms.report.unit"
    _description = "Unit QMS Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "year desc, half desc, department_id, id"
    _check_company_auto = True

    _qms_workflow_fields = (
        "date_from",
        "date_to",
        "date_due",
        "figures_date",
        "date_submitted",
        "submitted_by_id",
        "report_id",
        *UNIT_FIGURES,
    )
    _qms_editable_fields = {"submitted": ()}

    name = fields.Char(compute="_compute_name", store=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    half = fields.Selection(
        [("1", "First Half"), ("2", "Second Half")],
        string="Half-Year",
        required=True,
        default="1",
        tracking=True,
    )
    date_from = fields.Date(string="From", compute="_compute_period", store=True)
    date_to = fields.Date(string="To", compute="_compute_period", store=True)
    date_due = fields.Date(string="Due On", compute="_compute_period", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        string="Status",
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    situation = fields.Html(
        string="Application in the Unit",
        help="How the unit applied, maintained and improved the QMS in the period.",
    )
    difficulties = fields.Html()
    proposals = fields.Html(string="Proposals and Recommendations")
    procedures_count = fields.Integer(string="Procedures in Force", readonly=True, copy=False)
    documents_issued_count = fields.Integer(
        string="Documents Issued or Revised", readonly=True, copy=False
    )
    nc_count = fields.Integer(string="Nonconformities Recorded", readonly=True, copy=False)
    nc_closed_count = fields.Integer(string="Nonconformities Closed", readonly=True, copy=False)
    nc_open_count = fields.Integer(string="Nonconformities Still Open", readonly=True, copy=False)
    figures_date = fields.Datetime(string="Figures Computed On", readonly=True, copy=False)
    date_submitted = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    report_id = fields.Many2one(
        "qms.report",
        string="Agency Report",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The agency report that consolidates this unit's report.",
    )

    _unit_period_uniq = models.UniqueIndex(
        "(company_id, department_id, year, half)",
        "This unit already has its report for this period: open it instead.",
    )
    _unit_year_range = models.Constraint(
        "CHECK(year BETWEEN 2000 AND 2100)", "The year of a report must be between 2000 and 2100."
    )

    # ------------------------------------------------------------------ computes and checks
    @api.depends("department_id", "year", "half")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "%(unit)s, report of the %(half)s of %(year)s",
                unit=report.department_id.name or "",
                half=self.env._("first half") if report.half != "2" else self.env._("second half"),
                year=report.year,
            )

    @api.depends("year", "half", "company_id")
    def _compute_period(self):
        for report in self:
            if not report.company_id or not YEAR_MIN <= (report.year or 0) <= YEAR_MAX:
                report.date_from = report.date_to = report.date_due = False
                continue
            company = report.company_id
            start, end = company._qms_report_period("half_year", report.year, report.half)
            report.date_from, report.date_to = start, end
            report.date_due = end + datetime.timedelta(days=company.qms_unit_report_due_days)

    @api.constrains("year")
    def _check_year(self):
        for report in self:
            if not YEAR_MIN <= report.year <= YEAR_MAX:
                raise ValidationError(
                    self.env._(
                        "The year of a report must be between %(first)s and %(last)s.",
                        first=YEAR_MIN,
                        last=YEAR_MAX,
                    )
                )

    # ------------------------------------------------------------------ roles
    def _qms_is_unit_officer(self, user):
        """The ISO officer of the unit reporting (or of a unit above it)."""
        self.ensure_one()
        if not user.has_group(UNIT_OFFICER):
            return False
        ids = {int(part) for part in (self.department_id.parent_path or "").split("/") if part}
        return bool(ids & set(user.sudo().employee_ids.department_id.ids))

    # ------------------------------------------------------------------ figures
    def _qms_unit_figures(self):
        """{figure field: value} of the unit's records in the period (its sub-units included).

        Extension hook: an addon may add figures of its own fields."""
        self.ensure_one()
        unit = [("department_id", "child_of", self.department_id.id)]
        company = [("company_id", "=", self.company_id.id)]
        start, end = self.company_id._qms_day_bounds(self.date_from, self.date_to)
        Document = self.env["qms.document"].sudo()
        Revision = self.env["qms.document.revision"].sudo().with_context(active_test=False)
        Nonconformity = self.env["qms.nonconformity"].sudo()
        return {
            "procedures_count": Document.search_count(
                [*company, *unit, ("state", "=", "issued"), ("kind", "in", PROCEDURE_KINDS)]
            ),
            "documents_issued_count": Revision.search_count(
                [
                    ("document_id.company_id", "=", self.company_id.id),
                    ("document_id.department_id", "child_of", self.department_id.id),
                    ("date_issued", ">=", start),
                    ("date_issued", "<", end),
                    ("is_withdrawal", "=", False),
                ]
            ),
            "nc_count": Nonconformity.search_count(
                [
                    *company,
                    *unit,
                    ("date_detected", ">=", self.date_from),
                    ("date_detected", "<=", self.date_to),
                    ("state", "!=", "cancelled"),
                ]
            ),
            "nc_closed_count": Nonconformity.search_count(
                [
                    *company,
                    *unit,
                    ("state", "=", "closed"),
                    ("date_closed", ">=", self.date_from),
                    ("date_closed", "<=", self.date_to),
                ]
            ),
            "nc_open_count": Nonconformity.search_count(
                [
                    *company,
                    *unit,
                    ("date_detected", "<=", self.date_to),
                    ("state", "not in", ("closed", "cancelled")),
                ]
            ),
        }

    def _qms_check_after_cutoff(self):
        today = fields.Date.context_today(self)
        for report in self:
            if not report.date_to or today <= report.date_to:
                raise UserError(
                    self.env._(
                        "The period of %(name)s ends on %(date)s: its figures are computed after "
                        "the cut-off, not before.",
                        name=report.name,
                        date=report.date_to,
                    )
                )

    # ------------------------------------------------------------------ transitions
    @transition(
        ("draft",), groups=(MANAGER,), role="_qms_is_unit_officer", label=_lt("Compute Figures")
    )
    def action_compute_figures(self):
        self._qms_check_after_cutoff()
        for report in self:
            report._qms_set({**report._qms_unit_figures(), "figures_date": fields.Datetime.now()})
        return True

    @transition(("draft",), groups=(MANAGER,), role="_qms_is_unit_officer", label=_lt("Submit"))
    def action_submit(self):
        """Send the report to the standing office: from then on the unit no longer changes it."""
        for report in self:
            if not report.figures_date:
                raise UserError(
                    self.env._(
                        "Compute the figures of %(name)s before submitting it.", name=report.name
                    )
                )
            if not (report.situation and report.situation.striptags().strip()):
                raise UserError(
                    self.env._(
                        "Describe how the unit applied the QMS in %(name)s before submitting it.",
                        name=report.name,
                    )
                )
            report._qms_set(
                {
                    "state": "submitted",
                    "date_submitted": fields.Datetime.now(),
                    "submitted_by_id": self.env.user.id,
                }
            )
            report.sudo().message_post(
                body=self.env._(
                    "Submitted to the standing office by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @transition(("submitted",), groups=(MANAGER,), label=_lt("Return to the Unit"))
    def action_return(self, reason):
        """The standing office sends a report back for completion, while the agency report that
        consolidates it is still a draft."""
        for report in self:
            if report.report_id and report.report_id.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is consolidated in %(report)s, which left the draft stage: it "
                        "can no longer be returned.",
                        name=report.name,
                        report=report.report_id.name,
                    )
                )
        self._qms_log_reason(self.env._("Return to the Unit"), reason)
        self._qms_set(
            {
                "state": "draft",
                "date_submitted": False,
                "submitted_by_id": False,
                "report_id": False,
            }
        )
        return True

    def action_open_return_wizard(self):
        return self._qms_reason_wizard_action("action_return", self.env._("Return to the Unit"))

    # ------------------------------------------------------------------ reminders
    @api.model
    def _qms_unit_officers(self, department):
        """The ISO officers working in the unit (or the standing office when it has none)."""
        officers = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "=", department.id), ("user_id", "!=", False)])
            .user_id.filtered(lambda user: user.has_group(UNIT_OFFICER) and not user.share)
        )
        return officers or self.env["qms.report"]._qms_standing_office_users(department.company_id)

    @api.model
    def _qms_open_due_unit_reports(self, company, today):
        """Once a half-year's cut-off has passed, open the report of every unit in scope with
        its figures and ask the unit's ISO officers to complete and submit it by the due date."""
        activity_type = self.env.ref("qms_iso9001.mail_activity_type_qms_report")
        units = self.env["qms.announcement"].with_company(company)._qms_scope_units()
        for year in (today.year - 1, today.year):
            for half in ("1", "2"):
                _start, end = company._qms_report_period("half_year", year, half)
                deadline = end + datetime.timedelta(days=company.qms_unit_report_due_days)
                if not end < today <= deadline:
                    continue
                for unit in units.filtered(lambda d, c=company: d.company_id in (c, False)):
                    domain = [
                        ("company_id", "=", company.id),
                        ("department_id", "=", unit.id),
                        ("year", "=", year),
                        ("half", "=", half),
                    ]
                    report = self.sudo().search(domain, limit=1)
                    if not report:
                        report = self.sudo().create(
                            {
                                "company_id": company.id,
                                "department_id": unit.id,
                                "year": year,
                                "half": half,
                            }
                        )
                        report.action_compute_figures()
                    if report.state != "draft" or report.activity_ids.filtered(
                        lambda activity: activity.activity_type_id == activity_type
                    ):
                        continue
                    for user in self._qms_unit_officers(unit):
                        report.activity_schedule(
                            activity_type_id=activity_type.id,
                            date_deadline=max(deadline, today),
                            summary=self.env._("Complete and submit: %(name)s", name=report.name),
                            user_id=user.id,
                        )
