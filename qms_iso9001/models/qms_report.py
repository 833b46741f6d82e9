import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

PROCEDURE_KINDS = ("system_procedure", "business_procedure", "tthc_procedure")
YEAR_MIN, YEAR_MAX = 2000, 2100


class QmsReport(models.Model):
    """Periodic report on building, applying, maintaining and improving the QMS.

    The report follows the form of Thông tư 26/2014/TT-BKHCN (the forms are the circular's, not
    Quyết định 19/2014/QĐ-TTg's). Its periods end at the cut-off of the reporting regime (NĐ
    09/2019/NĐ-CP, Art. 12; a company setting): the year from 15 December of the year before to
    14 December, the first six months to 14 June. Figures are computed from the records once the
    period is over, so that what is reported can be traced; the units' six-monthly reports are
    consolidated into it; only the narrative is written by hand.
    """

    _name = "qms.report"
    _description = "Periodic QMS Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "year desc, report_type, half desc, id desc"
    _check_company_auto = True

    # The standing office drafts the report and submits it to the approval chain; once approved,
    # the clerk gives it its number and date (văn thư cấp số) and the standing office records it
    # as sent, which freezes it with the Excel file that was sent.
    _qms_approval_submit_groups = (MANAGER,)
    _qms_workflow_fields = (
        # computed from the period: a report of 2024 never counts another period's figures
        "name",
        "date_from",
        "date_to",
        "figures_date",
        "date_submitted",
        "date_approved",
        "approver_id",
        "date_sent",
        "attachment_id",
        # taken when the figures are computed: the decision in force and the header
        "date_due",
        "announcement_id",
        "governing_body",
        "unit_report_ids",
    )
    _qms_editable_fields = {
        "to_approve": (),
        "approved": ("number", "report_date", "active"),
        "sent": ("active",),
    }

    name = fields.Char(compute="_compute_name", store=True)
    report_type = fields.Selection(
        [("half_year", "6-Monthly Report"), ("year", "Yearly Report")],
        required=True,
        default="year",
        tracking=True,
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    half = fields.Selection(
        [("1", "First Half"), ("2", "Second Half")],
        string="Half-Year",
        help="For a 6-monthly report: which half of the year it covers.",
    )
    date_from = fields.Date(string="From", compute="_compute_period", store=True)
    date_to = fields.Date(string="To", compute="_compute_period", store=True)
    date_due = fields.Date(
        string="Due On",
        compute="_compute_period",
        store=True,
        help="The cut-off plus the days the agency has to send its report (a company setting).",
    )
    announcement_id = fields.Many2one(
        "qms.announcement",
        string="Announcement in Force",
        readonly=True,
        copy=False,
        check_company=True,
        help="The decision announcing the QMS in force at the end of the period, taken when the "
        "figures are computed.",
    )
    announcement_date = fields.Date(string="Announced On", related="announcement_id.date_decision")
    announcement_scope = fields.Text(
        string="Announced Scope", related="announcement_id.activity_scope"
    )
    governing_body = fields.Char(
        readonly=True,
        copy=False,
        help="The governing body printed above the agency, taken when the figures are computed.",
    )
    unit_report_ids = fields.One2many(
        "qms.report.unit", "report_id", string="Units' Reports", readonly=True
    )
    unit_summary_html = fields.Html(
        string="Units' Reports Consolidated", compute="_compute_unit_summary_html", sanitize=False
    )
    subordinate_html = fields.Html(
        string="Subordinate Agencies",
        compute="_compute_subordinate_html",
        sanitize=False,
        help="The announcement status of each agency under this one (its child companies).",
    )
    has_subordinates = fields.Boolean(compute="_compute_subordinate_html")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Drafting Unit",
        default=lambda self: self.env.company.qms_standing_department_id,
        check_company=True,
        help="The unit that prepares the report, normally the ISO standing unit. Approval steps "
        '"Manager of the Unit" go to its manager.',
    )
    number = fields.Char(string="Report No.", tracking=True, help="E.g. 125/BC-STP.")
    report_date = fields.Date(tracking=True)
    place = fields.Char(help="Place printed before the date, e.g. Quảng Trị.")
    recipient = fields.Char(
        string="Addressed To",
        help="Kính gửi: the provincial Department of Science and Technology for the yearly "
        "report, the ISO steering committee for the 6-monthly one.",
    )
    scope = fields.Html(
        string="Scope of the QMS", help="Activities and units covered by the QMS in the period."
    )
    situation = fields.Html(
        string="Maintenance and Improvement",
        help="Internal audits, management review, corrective actions and updates of documents "
        "in the period, in words.",
    )
    advantages = fields.Html()
    difficulties = fields.Html()
    proposals = fields.Html(string="Proposals and Recommendations")
    signer_title = fields.Char(string="Signer's Title", default="Giám đốc")
    signer_name = fields.Char(string="Signer")
    line_ids = fields.One2many("qms.report.line", "report_id", string="Figures")
    figures_date = fields.Datetime(string="Figures Computed On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("sent", "Sent"),
        ],
        string="Status",
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_approved = fields.Datetime(readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    date_sent = fields.Date(string="Sent On", readonly=True, copy=False, tracking=True)
    attachment_id = fields.Many2one("ir.attachment", string="Excel File", readonly=True, copy=False)
    active = fields.Boolean(default=True)

    _period_uniq = models.UniqueIndex(
        "(company_id, report_type, year, COALESCE(half, '')) WHERE active",
        "This agency already has a report for this period: open it instead of creating "
        "another one.",
    )
    _year_range = models.Constraint(
        "CHECK(year BETWEEN 2000 AND 2100)", "The year of a report must be between 2000 and 2100."
    )

    # ------------------------------------------------------------------ computes and checks
    @api.depends("report_type", "year", "half")
    def _compute_name(self):
        for report in self:
            if report.report_type == "half_year":
                label = (
                    self.env._("QMS report, first half of %(year)s", year=report.year)
                    if report.half != "2"
                    else self.env._("QMS report, second half of %(year)s", year=report.year)
                )
            else:
                label = self.env._("QMS report, year %(year)s", year=report.year)
            report.name = label

    @api.depends("report_type", "year", "half", "company_id")
    def _compute_period(self):
        """The period ends at the agency's cut-off (by default 14/12, and 14/06 for the first
        six months); the report is due some days after it. Read when the period is set: a
        report already made keeps its period if the setting changes later."""
        for report in self:
            if not report.company_id or not YEAR_MIN <= (report.year or 0) <= YEAR_MAX:
                report.date_from = report.date_to = report.date_due = False
                continue
            company = report.company_id
            start, end = company._qms_report_period(report.report_type, report.year, report.half)
            report.date_from, report.date_to = start, end
            report.date_due = end + datetime.timedelta(days=company.qms_report_due_days)

    @api.depends("unit_report_ids")
    def _compute_unit_summary_html(self):
        qweb = self.env["ir.qweb"]
        for report in self:
            units = report.sudo().unit_report_ids.sorted(
                lambda u: (u.department_id.name or "", u.half)
            )
            report.unit_summary_html = qweb._render(
                "qms_iso9001.report_unit_summary",
                {
                    "units": units,
                    "halves": dict(units._fields["half"]._description_selection(self.env)),
                },
            )

    @api.depends("company_id")
    def _compute_subordinate_html(self):
        qweb = self.env["ir.qweb"]
        for report in self:
            rows = report._qms_subordinate_rows()
            report.has_subordinates = bool(rows)
            report.subordinate_html = (
                qweb._render("qms_iso9001.report_subordinates", {"rows": rows}) if rows else False
            )

    @api.onchange("report_type")
    def _onchange_report_type(self):
        if self.report_type == "half_year" and not self.half:
            self.half = "1"
        elif self.report_type == "year":
            self.half = False

    @api.constrains("report_type", "half", "year")
    def _check_period(self):
        for report in self:
            self._qms_check_year(report.year)
            if report.report_type == "half_year" and not report.half:
                raise ValidationError(
                    self.env._("Say which half of the year the 6-monthly report covers.")
                )
            if report.report_type == "year" and report.half:
                raise ValidationError(self.env._("A yearly report does not cover a half-year."))

    @api.model
    def _qms_check_year(self, year):
        if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(
                self.env._(
                    "The year of a report must be between %(first)s and %(last)s.",
                    first=YEAR_MIN,
                    last=YEAR_MAX,
                )
            )

    def _qms_check_period_vals(self, company_id, report_type, year, half):
        """Values of the wrong type are refused here, before the ORM turns them into a database
        error; a period already reported is refused by the `_period_uniq` index."""
        self._qms_check_year(year)
        if report_type not in ("year", "half_year") or half not in (False, None, "1", "2"):
            raise ValidationError(
                self.env._("A report is yearly, or 6-monthly for the first or second half.")
            )
        if isinstance(company_id, bool) or not isinstance(company_id, int):
            raise ValidationError(self.env._("Choose the agency of the report."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            report_type = vals.setdefault("report_type", "year")
            if report_type == "year":
                vals["half"] = False
            elif not vals.get("half"):
                vals["half"] = "1"
            self._qms_check_period_vals(
                vals.get("company_id") or self.env.company.id,
                report_type,
                vals.get("year") or fields.Date.context_today(self).year,
                vals["half"],
            )
        return super().create(vals_list)

    def write(self, vals):
        if "year" in vals:
            self._qms_check_year(vals["year"])
        if {"report_type", "year", "half", "company_id"} & set(vals):
            for report in self:
                report_type = vals.get("report_type", report.report_type)
                half = vals.get("half", report.half) if report_type == "half_year" else False
                report._qms_check_period_vals(
                    vals.get("company_id", report.company_id.id),
                    report_type,
                    vals.get("year", report.year),
                    half,
                )
        return super().write(vals)

    # ------------------------------------------------------------------ figures framework
    @api.model
    def _qms_report_sections(self):
        """Ordered (key, title) of the sections that hold figures; addons may add their own."""
        field = self.env["qms.report.line"]._fields["section"]
        return field._description_selection(self.env)

    def _qms_report_figures(self):
        """The figure lines of the period, in the order they are printed within their section:
        the one hook through which the core and each addon contribute, so that the core need
        not know which optional addons are installed. Each figure is a dict made by
        `_qms_figure` (or `_qms_unavailable_figure` for a line of the form whose data no
        installed module records); an addon extends the list through super(), or puts its
        figures in place of such a line (see `_qms_replace_figure`).
        """
        return [
            *self._qms_figures_documents(),
            *self._qms_figures_announcements(),
            *self._qms_figures_trainings(),
            *self._qms_figures_objectives(),
            *self._qms_figures_plans(),
            *self._qms_figures_audits(),
            *self._qms_figures_management_reviews(),
            *self._qms_figures_nonconformities(),
            *self._qms_figures_acknowledgement(),
            *self._qms_figures_units(),
            *self._qms_figures_subordinates(),
        ]

    @api.model
    def _qms_replace_figure(self, figures, code, replacement):
        """`figures` with the line `code` replaced by the lines `replacement`, in its place."""
        index = next(index for index, figure in enumerate(figures) if figure["code"] == code)
        return [*figures[:index], *replacement, *figures[index + 1 :]]

    def _qms_compute_figures(self):
        """Ordered figure lines of the report's period (list of dicts for `qms.report.line`)."""
        self.ensure_one()
        if not self.date_from or not self.date_to:
            raise UserError(self.env._("Set the year and the period of the report first."))
        figures = self._qms_report_figures()
        order = {key: index for index, (key, _title) in enumerate(self._qms_report_sections())}
        figures.sort(key=lambda figure: order.get(figure["section"], len(order)))
        for sequence, figure in enumerate(figures, start=1):
            figure["sequence"] = sequence
        return figures

    @api.model
    def _qms_figure(self, section, code, label, value, *, value_type="count", in_words=False):
        if value_type == "rate":
            return {
                "section": section,
                "code": code,
                "label": label,
                "value_type": "rate",
                "value_float": round(value, 1),
            }
        return {
            "section": section,
            "code": code,
            "label": label,
            "value_type": "count",
            "value_integer": int(value),
            "in_words": in_words,
        }

    @api.model
    def _qms_unavailable_figure(self, section, code, label):
        """A line of the form saying that the data is not there, rather than a misleading zero;
        the addon that records it puts its figures in its place."""
        return {
            "section": section,
            "code": code,
            "label": label,
            "value_type": "count",
            "is_available": False,
            "note": self.env._("Not recorded in this system."),
        }

    def _qms_period_datetimes(self):
        """Start and end (exclusive) of the period, for Datetime fields: the agency's days."""
        return self.company_id._qms_day_bounds(self.date_from, self.date_to)

    def _qms_count(self, model, domain):
        return (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_count(Domain.AND([[("company_id", "=", self.company_id.id)], domain]))
        )

    def _qms_figures_documents(self):
        start, end = self._qms_period_datetimes()
        issued_in_period = [
            ("date_issued", ">=", start),
            ("date_issued", "<", end),
            ("is_withdrawal", "=", False),
        ]
        Revision = "qms.document.revision"
        return [
            self._qms_figure(
                "building",
                "procedures_in_force",
                self.env._("Procedures in force"),
                self._qms_count(
                    "qms.document",
                    [
                        ("state", "=", "issued"),
                        ("kind", "in", PROCEDURE_KINDS),
                        ("active", "=", True),
                    ],
                ),
                in_words=True,
            ),
            self._qms_figure(
                "building",
                "documents_in_force",
                self.env._("Internal documents in force"),
                self._qms_count(
                    "qms.document",
                    [("state", "=", "issued"), ("kind", "!=", "external"), ("active", "=", True)],
                ),
            ),
            self._qms_figure(
                "building",
                "documents_issued",
                self.env._("Documents issued for the first time in the period"),
                self._qms_count(Revision, [*issued_in_period, ("issue_number", "=", 1)]),
            ),
            self._qms_figure(
                "maintaining",
                "documents_revised",
                self.env._("Documents revised in the period"),
                self._qms_count(Revision, [*issued_in_period, ("issue_number", ">", 1)]),
            ),
            self._qms_figure(
                "maintaining",
                "documents_obsoleted",
                self.env._("Documents withdrawn in the period"),
                self._qms_count(
                    Revision,
                    [
                        ("date_issued", ">=", start),
                        ("date_issued", "<", end),
                        ("is_withdrawal", "=", True),
                    ],
                ),
            ),
        ]

    def _qms_figures_acknowledgement(self):
        start, end = self._qms_period_datetimes()
        groups = (
            self.env["qms.document.distribution"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("revision_id.date_issued", ">=", start),
                    ("revision_id.date_issued", "<", end),
                    ("state", "!=", "cancelled"),
                ],
                ["state"],
                ["__count"],
            )
        )
        counts = dict(groups)
        total = sum(counts.values())
        rate = 100.0 * counts.get("acknowledged", 0) / total if total else 0.0
        return [
            self._qms_figure(
                "maintaining",
                "acknowledgement_rate",
                self.env._("Read-and-understood rate of the documents issued in the period"),
                rate,
                value_type="rate",
            )
        ]

    def _qms_figures_announcements(self):
        label = self.env._("Announcements of conformity to TCVN ISO 9001 (decisions)")
        return [
            self._qms_figure(
                "building",
                "announcements",
                label,
                self._qms_count(
                    "qms.announcement",
                    [
                        ("state", "in", ["announced", "superseded"]),
                        ("date_decision", ">=", self.date_from),
                        ("date_decision", "<=", self.date_to),
                    ],
                ),
            )
        ]

    def _qms_figures_trainings(self):
        sessions_label = self.env._("Training sessions held")
        attendees_label = self.env._("Training attendances")
        domain = [
            ("state", "=", "done"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        trainings = (
            self.env["qms.training"]
            .sudo()
            .search(Domain.AND([[("company_id", "=", self.company_id.id)], domain]))
        )
        attendees = (
            self.env["qms.training.attendee"]
            .sudo()
            .search_count(
                [
                    ("training_id", "in", trainings.ids),
                    ("result", "in", ["attended", "passed", "failed"]),
                ]
            )
        )
        return [
            self._qms_figure("building", "trainings", sessions_label, len(trainings)),
            self._qms_figure("building", "training_attendees", attendees_label, attendees),
        ]

    def _qms_figures_objectives(self):
        total_label = self.env._("Quality objective targets of the year")
        met_label = self.env._("Quality objective targets met")
        rate_label = self.env._("Quality objectives achievement rate")
        groups = (
            self.env["qms.objective.line"]
            .sudo()
            ._read_group(
                [
                    ("objective_id.company_id", "=", self.company_id.id),
                    ("objective_id.year", "=", self.year),
                    ("objective_id.state", "in", ["approved", "evaluated"]),
                ],
                ["achievement"],
                ["__count"],
            )
        )
        counts = dict(groups)
        total = sum(counts.values())
        met = counts.get("met", 0)
        return [
            self._qms_figure("building", "objective_targets", total_label, total),
            self._qms_figure("building", "objective_targets_met", met_label, met),
            self._qms_figure(
                "building",
                "objective_rate",
                rate_label,
                100.0 * met / total if total else 0.0,
                value_type="rate",
            ),
        ]

    def _qms_figures_plans(self):
        due_label = self.env._("ISO plan tasks due in the period")
        done_label = self.env._("ISO plan tasks done on time")
        due = [
            ("state", "!=", "cancelled"),
            ("date_deadline", ">=", self.date_from),
            ("date_deadline", "<=", self.date_to),
        ]
        return [
            self._qms_figure(
                "maintaining", "plan_tasks_due", due_label, self._qms_count("qms.plan.task", due)
            ),
            self._qms_figure(
                "maintaining",
                "plan_tasks_on_time",
                done_label,
                self._qms_count("qms.plan.task", [*due, ("is_done_on_time", "=", True)]),
            ),
        ]

    def _qms_figures_audits(self):
        """Internal audits done: a line of the form, filled by the addon recording the audits."""
        return [
            self._qms_unavailable_figure(
                "maintaining", "audits_done", self.env._("Internal audits done")
            )
        ]

    def _qms_figures_management_reviews(self):
        label = self.env._("Management reviews held")
        domain = [
            ("state", "=", "approved"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        return [
            self._qms_figure(
                "maintaining",
                "management_reviews",
                label,
                self._qms_count("qms.management.review", domain),
            )
        ]

    def _qms_figures_nonconformities(self):
        opened_label = self.env._("Nonconformities recorded")
        closed_label = self.env._("Nonconformities closed")
        actions_label = self.env._("Corrective actions completed")
        in_period = [("date_detected", ">=", self.date_from), ("date_detected", "<=", self.date_to)]
        closed = [
            ("state", "=", "closed"),
            ("date_closed", ">=", self.date_from),
            ("date_closed", "<=", self.date_to),
        ]
        actions = [
            ("action_type", "=", "corrective"),
            ("state", "=", "done"),
            ("date_done", ">=", self.date_from),
            ("date_done", "<=", self.date_to),
        ]
        return [
            self._qms_figure(
                "maintaining",
                "nc_opened",
                opened_label,
                self._qms_count("qms.nonconformity", [*in_period, ("state", "!=", "cancelled")]),
                in_words=True,
            ),
            self._qms_figure(
                "maintaining",
                "nc_closed",
                closed_label,
                self._qms_count("qms.nonconformity", closed),
            ),
            self._qms_figure(
                "maintaining",
                "corrective_actions_done",
                actions_label,
                self._qms_count("qms.action", actions),
            ),
        ]

    # ------------------------------------------------------------------ units, announcement
    def _qms_unit_reports_domain(self):
        """The units' submitted reports of the period: the same half-year for a six-monthly
        report, both halves for the yearly one."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("year", "=", self.year),
            ("state", "=", "submitted"),
        ]
        if self.report_type == "half_year":
            domain.append(("half", "=", self.half or "1"))
        return domain

    def _qms_consolidate_units(self):
        """Link the units' submitted reports of the period to this report (after the checks of
        the calling transition); a report no longer matching is let go."""
        self.ensure_one()
        Unit = self.env["qms.report.unit"].sudo()
        units = Unit.search(self._qms_unit_reports_domain())
        (self.sudo().unit_report_ids - units)._qms_set({"report_id": False})
        units.filtered(lambda unit: unit.report_id != self)._qms_set({"report_id": self.id})

    def _qms_announcement_in_force(self):
        """The decision announcing the QMS in force on the last day of the period."""
        self.ensure_one()
        return (
            self.env["qms.announcement"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", ("announced", "superseded")),
                    ("date_decision", "<=", self.date_to),
                ],
                order="date_decision desc, id desc",
                limit=1,
            )
        )

    def _qms_subordinate_rows(self):
        """(agency, decision in force or None, status label) for each agency under this one
        (child companies, at any depth). Announcements are published decisions: read across
        companies for this summary only."""
        self.ensure_one()
        if not self.company_id:
            return []
        children = (
            self.env["res.company"]
            .sudo()
            .search([("id", "child_of", self.company_id.id), ("id", "!=", self.company_id.id)])
        )
        if not children:
            return []
        Announcement = self.env["qms.announcement"].sudo()
        in_force = {
            announcement.company_id.id: announcement
            for announcement in Announcement.search(
                [("company_id", "in", children.ids), ("state", "=", "announced")],
                order="date_decision asc, id asc",
            )
        }
        rows = []
        for company in children.sorted(lambda c: c.qms_agency_name or c.name or ""):
            announcement = in_force.get(company.id)
            if not announcement:
                status = self.env._("Not announced")
            elif announcement.scope_changed:
                status = self.env._("Re-announcement due")
            else:
                status = self.env._("Announced")
            rows.append((company, announcement, status))
        return rows

    def _qms_figures_units(self):
        label = self.env._("Units' six-monthly reports consolidated")
        count = self.env["qms.report.unit"].sudo().search_count(self._qms_unit_reports_domain())
        return [self._qms_figure("building", "unit_reports", label, count)]

    def _qms_figures_subordinates(self):
        """Only for an agency with agencies under it (a province or a ministry)."""
        rows = self._qms_subordinate_rows()
        if not rows:
            return []
        announced = sum(1 for _company, announcement, _status in rows if announcement)
        return [
            self._qms_figure(
                "building",
                "subordinate_agencies",
                self.env._("Subordinate agencies"),
                len(rows),
            ),
            self._qms_figure(
                "building",
                "subordinate_announced",
                self.env._("Subordinate agencies with the QMS announced"),
                announced,
            ),
        ]

    # ------------------------------------------------------------------ transitions
    @transition(("draft",), groups=(MANAGER,), label=_lt("Compute Figures"))
    def action_compute_figures(self):
        """(Re)generate the figures from the data, keeping the notes written by the drafter;
        take the units' submitted reports, the decision in force and the governing body."""
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
        for report in self:
            report._qms_consolidate_units()
            report._qms_set(
                {
                    "announcement_id": report._qms_announcement_in_force().id,
                    "governing_body": report.company_id.qms_governing_body or False,
                }
            )
            notes = {line.code: line.note for line in report.line_ids if line.note}
            # The labels are part of an official document: written in the agency's language.
            lang = report.company_id._qms_agency_lang()
            figures = report.with_context(lang=lang)._qms_compute_figures()
            for figure in figures:
                if figure["code"] in notes and figure.get("is_available", True):
                    figure["note"] = notes[figure["code"]]
            report.sudo().line_ids.unlink()
            report._qms_set(
                {
                    "line_ids": [fields.Command.create(figure) for figure in figures],
                    "figures_date": fields.Datetime.now(),
                }
            )
        return True

    @transition(("approved",), groups=(MANAGER,), label=_lt("Mark as Sent"))
    def action_mark_sent(self):
        """Record that the signed report left the agency; the Excel file sent is kept with it."""
        for report in self:
            if not report.number:
                raise UserError(
                    self.env._(
                        "Give %(name)s the number the clerk registered it under before marking "
                        "it sent.",
                        name=report.name,
                    )
                )
        today = fields.Date.context_today(self)
        for report in self:
            report._qms_set(
                {"state": "sent", "date_sent": today, "report_date": report.report_date or today}
            )
            report._qms_set({"attachment_id": report._qms_attach_xlsx().id})
        return True

    @transition(access="read", label=_lt("Export to Excel"))
    def action_export_xlsx(self):
        """The Excel file in the official layout; once the report is sent, the file that was
        sent. Whoever may read the report (a leader, its approvers) may take the file away."""
        self.ensure_one()
        attachment = self.sudo().attachment_id
        if self.state != "sent" or not attachment:
            attachment = self._qms_attach_xlsx()
            self._qms_set({"attachment_id": attachment.id})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _qms_attach_xlsx(self):
        self.ensure_one()
        content = self.env["qms.report.xlsx"]._qms_build(self)
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self._qms_file_stem()}.xlsx",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            )
        )

    def _qms_file_stem(self):
        if self.report_type == "half_year":
            return f"bao_cao_iso_6_thang_{'dau' if self.half != '2' else 'cuoi'}_nam_{self.year}"
        return f"bao_cao_iso_nam_{self.year}"

    # ------------------------------------------------------------------ approval (mixin hooks)
    def _qms_approval_department(self):
        self.ensure_one()
        return self.department_id or self.company_id.qms_standing_department_id

    def _qms_check_ready_to_submit(self):
        for report in self:
            if not report.line_ids:
                raise UserError(
                    self.env._(
                        "Compute the figures of %(name)s before submitting it.", name=report.name
                    )
                )

    def _qms_approval_on_submit(self):
        result = super()._qms_approval_on_submit()
        self._qms_set({"date_submitted": fields.Datetime.now()})
        return result

    def _qms_approval_on_approved(self, request):
        last = request._qms_last_approver()
        self._qms_set(
            {"state": "approved", "date_approved": fields.Datetime.now(), "approver_id": last.id}
        )

    def _qms_approval_on_rejected(self, request):
        result = super()._qms_approval_on_rejected(request)
        self._qms_set({"date_submitted": False})
        return result

    # ------------------------------------------------------------------ reminders
    @api.model
    def _qms_due_periods(self, company, today):
        """(report_type, half, year, due date) of the periods of `company` whose cut-off has
        passed and whose report is not yet due: a report is never opened before its cut-off."""
        due = []
        for year in (today.year - 1, today.year, today.year + 1):
            for report_type, half in (("half_year", "1"), ("year", False)):
                _start, end = company._qms_report_period(report_type, year, half)
                deadline = end + datetime.timedelta(days=company.qms_report_due_days)
                if end < today <= deadline:
                    due.append((report_type, half, year, deadline))
        return due

    @api.model
    def _qms_standing_office_users(self, company):
        users = company.qms_standing_department_id.manager_id.user_id
        if not users:
            users = self.env.ref("qms_iso9001.group_qms_manager").all_user_ids.filtered(
                lambda user: company in user.company_ids and not user._is_superuser()
            )
        return users.filtered(lambda user: user.active and not user.share)

    @api.model
    def _cron_remind_due(self):
        """Once a period's cut-off has passed, open its report with the figures and ask the
        standing office to prepare it by the due date."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("qms_iso9001.mail_activity_type_qms_report")
        for company in self.env["res.company"].sudo().search([]):
            self.env["qms.report.unit"]._qms_open_due_unit_reports(company, today)
            for report_type, half, year, deadline in self._qms_due_periods(company, today):
                report = self.sudo().search(
                    [
                        ("company_id", "=", company.id),
                        ("report_type", "=", report_type),
                        ("year", "=", year),
                        ("half", "=", half),
                    ],
                    limit=1,
                )
                if not report:
                    report = (
                        self.sudo()
                        .with_company(company)
                        .create(
                            {
                                "company_id": company.id,
                                "report_type": report_type,
                                "half": half,
                                "year": year,
                                "department_id": company.qms_standing_department_id.id,
                            }
                        )
                    )
                    report.action_compute_figures()
                if report.state != "draft" or report.activity_ids.filtered(
                    lambda activity: activity.activity_type_id == activity_type
                ):
                    continue
                for user in self._qms_standing_office_users(company):
                    report.activity_schedule(
                        activity_type_id=activity_type.id,
                        date_deadline=max(deadline, today),
                        summary=self.env._("Prepare and submit: %(name)s", name=report.name),
                        user_id=user.id,
                    )
