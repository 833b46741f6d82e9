from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition
from .qms_satisfaction_survey import satisfaction_rate

_lt = LazyTranslate(__name__)


class QmsManagementReview(models.Model):
    """Management review meeting (xem xét của lãnh đạo, ISO 9001 clause 9.3).

    The inputs of clause 9.3.2 are gathered from the system for the review period as an editable
    snapshot; the decisions of clause 9.3.3 become actions or plan tasks; the minutes are approved
    through the approval chain and then frozen, because they are the evidence auditors ask for.

    Other addons add or fill input sections by extending `_qms_review_input_sections` and
    overriding the section's method (see `_qms_input_audit_results`).
    """

    _name = "qms.management.review"
    _description = "Management Review"
    # hr.mixin: QMS managers pick participants without HR rights on employees (Odoo 19).
    _inherit = ["hr.mixin", "mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # The standing office prepares the minutes and submits them; the approval chain approves
    # them. Approved minutes are frozen; only the follow-up of their decisions (who, by when,
    # through which action or task) is still settled, on the decisions themselves.
    _qms_approval_submit_groups = (MANAGER,)
    _qms_approval_submit_label = _lt("Submit Minutes")
    _qms_workflow_fields = (
        "date_gathered",
        "date_submitted",
        "date_approved",
        "approver_id",
        "figure_data",
    )
    _qms_editable_fields = {"to_approve": (), "approved": ("output_ids",)}

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        default=lambda self: self.env._(
            "Management review %(year)s", year=fields.Date.context_today(self).year
        ),
    )
    date = fields.Date(
        string="Meeting Date", required=True, tracking=True, default=fields.Date.context_today
    )
    date_from = fields.Date(string="Period From", required=True, tracking=True)
    date_to = fields.Date(string="Period To", required=True, tracking=True)
    location = fields.Char()
    chair_id = fields.Many2one(
        "hr.employee", string="Chaired By", required=True, tracking=True, check_company=True
    )
    secretary_id = fields.Many2one("hr.employee", tracking=True, check_company=True)
    participant_ids = fields.Many2many(
        "hr.employee",
        "qms_management_review_participant_rel",
        "review_id",
        "employee_id",
        string="Participants",
        check_company=True,
    )
    input_ids = fields.One2many("qms.management.review.input", "review_id", string="Inputs")
    output_ids = fields.One2many("qms.management.review.output", "review_id", string="Decisions")
    input_count = fields.Integer(compute="_compute_counts")
    output_count = fields.Integer(compute="_compute_counts")
    date_gathered = fields.Datetime(string="Inputs Gathered On", readonly=True, copy=False)
    figure_data = fields.Json(
        string="Figures",
        readonly=True,
        copy=False,
        help="The figures of the inputs when they were gathered, by code: the next review "
        "shows its figures against these.",
    )
    conclusion = fields.Html(
        string="Conclusions",
        help="Conclusions of the meeting on the suitability, adequacy and effectiveness of the "
        "QMS (clause 9.3.3).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "To Approve"), ("approved", "Approved")],
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
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("input_ids", "output_ids")
    def _compute_counts(self):
        for review in self:
            review.input_count = len(review.input_ids)
            review.output_count = len(review.output_ids)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for review in self:
            if review.date_from > review.date_to:
                raise ValidationError(
                    self.env._(
                        "The review period of %(name)s ends before it starts.", name=review.name
                    )
                )

    @api.model
    def _qms_check_part_addable(self, review_id):
        """Inputs and decisions are added by hand only to draft minutes that the user may edit."""
        if isinstance(review_id, bool) or not isinstance(review_id, int):
            raise UserError(self.env._("Choose the management review first."))
        review = self.browse(review_id).exists()
        if not review:
            raise UserError(self.env._("This management review no longer exists."))
        review.check_access("write")
        if review.state != "draft":
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s: its minutes are frozen, nothing can be added to them.",
                    name=review.display_name,
                    state=review._qms_state_label(),
                )
            )

    # ------------------------------------------------------------------
    # Approval chain (qms.approval.mixin)
    # ------------------------------------------------------------------
    def _qms_approval_department(self):
        self.ensure_one()
        return self.company_id.qms_standing_department_id

    def _qms_check_ready_to_submit(self):
        for review in self:
            if not review.input_ids:
                raise UserError(
                    self.env._(
                        "Gather the inputs of %(name)s before submitting the minutes.",
                        name=review.name,
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

    # ------------------------------------------------------------------
    # Inputs (9.3.2)
    # ------------------------------------------------------------------
    def _qms_review_input_sections(self):
        """The input sections, in the order of the minutes: (code, title, method name).

        Other addons extend the list, or override a section's method to fill it.
        """
        titles = {
            "previous_actions": self.env._("Status of actions from previous management reviews"),
            "context_changes": self.env._(
                "Changes in external and internal issues relevant to the QMS"
            ),
            "satisfaction": self.env._(
                "Customer satisfaction and feedback from relevant interested parties"
            ),
            "objectives": self.env._("Extent to which quality objectives have been met"),
            "tthc_performance": self.env._("Process performance: administrative procedures (TTHC)"),
            "nonconformities": self.env._("Nonconformities and corrective actions"),
            "monitoring": self.env._("Monitoring and measurement results"),
            "audit_results": self.env._("Internal audit results"),
            "external_providers": self.env._("Performance of external providers"),
            "documents": self.env._("Documented information: issues, reviews and acknowledgement"),
            "risks": self.env._(
                "Effectiveness of actions taken to address risks and opportunities"
            ),
            "resources": self.env._("Adequacy of resources"),
            "improvement": self.env._("Opportunities for improvement"),
        }
        return [(code, title, f"_qms_input_{code}") for code, title in titles.items()]

    @transition(("draft",), groups=(MANAGER,), label=_lt("Gather Inputs"))
    def action_gather_inputs(self):
        """(Re)build the input snapshot of the period; only while the minutes are a draft."""
        for review in self:
            figures = review._qms_review_figures()
            previous = review._qms_previous_review()
            values = [
                {
                    "sequence": index * 10,
                    "code": code,
                    "name": title,
                    "content": getattr(review, method)()
                    + review._qms_trend_html(code, figures, previous),
                }
                for index, (code, title, method) in enumerate(
                    review._qms_review_input_sections(), start=1
                )
            ]
            review._qms_set(
                {
                    "input_ids": [
                        fields.Command.clear(),
                        *(fields.Command.create(vals) for vals in values),
                    ],
                    "date_gathered": fields.Datetime.now(),
                    "figure_data": figures,
                }
            )
            review.sudo().message_post(
                body=self.env._(
                    "Inputs gathered for %(start)s - %(end)s by %(user)s.",
                    start=review.date_from,
                    end=review.date_to,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # -- helpers building the snapshot ---------------------------------
    def _qms_period_domain(self, field_name, datetime_field=False):
        self.ensure_one()
        if datetime_field:
            start, end = self.company_id._qms_day_bounds(self.date_from, self.date_to)
            return [(field_name, ">=", start), (field_name, "<", end)]
        return [(field_name, ">=", self.date_from), (field_name, "<=", self.date_to)]

    def _qms_changed_in_period_domain(self):
        """Created or reviewed during the period."""
        return [
            "|",
            "&",
            *self._qms_period_domain("create_date", True),
            "&",
            *self._qms_period_domain("last_review_date"),
        ]

    def _qms_source(self, model_name):
        """The model to read the snapshot from (the whole agency), None when its addon is absent."""
        self.ensure_one()
        if model_name not in self.env:
            return None
        return self.env[model_name].sudo().with_company(self.company_id)

    @staticmethod
    def _qms_html_paragraph(text):
        return Markup("<p>%s</p>") % text

    @staticmethod
    def _qms_html_missing(text):
        return Markup('<p class="text-muted"><i>%s</i></p>') % text

    @staticmethod
    def _qms_html_table(headers, rows):
        head = Markup("").join(Markup("<th>%s</th>") % header for header in headers)
        body = Markup("").join(
            Markup("<tr>%s</tr>")
            % Markup("").join(
                Markup("<td>%s</td>") % ("" if cell is None or cell is False else cell)
                for cell in row
            )
            for row in rows
        )
        return Markup(
            '<table class="table table-sm table-bordered"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (head, body)

    def _qms_selection_label(self, records, field_name, value):
        return dict(records._fields[field_name]._description_selection(self.env)).get(value, "")

    def _qms_count_by(self, model, domain, field_name):
        """``{value: count}`` of `model` records matching `domain`, in one query."""
        return dict(model._read_group(domain, [field_name], ["__count"]))

    def _qms_summary_table(self, model, domain, field_name, header):
        counts = self._qms_count_by(model, domain, field_name)
        rows = [
            (self._qms_selection_label(model, field_name, value), count)
            for value, _label in model._fields[field_name]._description_selection(self.env)
            if (count := counts.get(value))
        ]
        return self._qms_html_table([header, self.env._("Number")], rows)

    # -- the sections ---------------------------------------------------
    def _qms_input_previous_actions(self):
        previous = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "approved"),
                ("date", "<", self.date),
                ("id", "!=", self.id),
            ]
        )
        last = previous[:1]
        outputs = previous.output_ids.filtered(
            lambda o: o.review_id == last or o.follow_up_state not in ("done", "cancelled")
        )
        if not outputs:
            return self._qms_html_missing(
                self.env._("No decision of a previous management review to follow up.")
            )
        rows = [
            (
                output.review_id.name,
                output.name,
                output.responsible_id.name,
                output.date_deadline,
                self._qms_selection_label(output, "follow_up_state", output.follow_up_state),
            )
            for output in outputs
        ]
        done = len(outputs.filtered(lambda o: o.follow_up_state == "done"))
        return self._qms_html_paragraph(
            self.env._("%(done)s of %(total)s decisions done.", done=done, total=len(outputs))
        ) + self._qms_html_table(
            [
                self.env._("Review"),
                self.env._("Decision"),
                self.env._("Responsible"),
                self.env._("Deadline"),
                self.env._("Follow-up"),
            ],
            rows,
        )

    def _qms_input_context_changes(self):
        issues = self._qms_source("qms.context.issue")
        parties = self._qms_source("qms.interested.party")
        if issues is None:
            return self._qms_html_missing(
                self.env._("The context of the organisation is not recorded.")
            )
        changed = issues.with_context(active_test=False).search(
            self._qms_changed_in_period_domain()
        )
        html = Markup("")
        if changed:
            html += self._qms_html_table(
                [
                    self.env._("Issue"),
                    self.env._("Type"),
                    self.env._("Unit"),
                    self.env._("Last Reviewed"),
                ],
                [
                    (
                        issue.name,
                        self._qms_selection_label(issue, "issue_type", issue.issue_type),
                        issue.department_id.name or self.env._("Whole agency"),
                        issue.last_review_date,
                    )
                    for issue in changed
                ],
            )
        if parties is not None:
            changed_parties = parties.search(self._qms_changed_in_period_domain())
            if changed_parties:
                html += self._qms_html_table(
                    [
                        self.env._("Interested Party"),
                        self.env._("Needs"),
                        self.env._("Last Reviewed"),
                    ],
                    [(p.name, p.needs, p.last_review_date) for p in changed_parties],
                )
        return html or self._qms_html_missing(
            self.env._("No internal or external issue was added or reviewed in the period.")
        )

    def _qms_input_objectives(self):
        objectives = self._qms_source("qms.objective")
        if objectives is None:
            return self._qms_html_missing(self.env._("Quality objectives are not recorded."))
        years = list(range(self.date_from.year, self.date_to.year + 1))
        objectives = objectives.search(
            [
                ("company_id", "=", self.company_id.id),
                ("year", "in", years),
                ("state", "in", ["approved", "evaluated"]),
            ],
            order="year, department_id, id",
        )
        if not objectives:
            return self._qms_html_missing(
                self.env._("No approved quality objective for the period.")
            )
        rows = [
            (
                objective.year,
                objective.name,
                objective.department_id.name or self.env._("Whole agency"),
                f"{objective.line_met_count}/{objective.line_count}",
                f"{objective.achievement_rate:.1f}%",
                self._qms_selection_label(objective, "achievement", objective.achievement),
            )
            for objective in objectives
        ]
        met = sum(objectives.mapped("line_met_count"))
        total = sum(objectives.mapped("line_count"))
        return self._qms_html_paragraph(
            self.env._("%(met)s of %(total)s targets met.", met=met, total=total)
        ) + self._qms_html_table(
            [
                self.env._("Year"),
                self.env._("Objective"),
                self.env._("Unit"),
                self.env._("Targets Met"),
                self.env._("Rate"),
                self.env._("Achievement"),
            ],
            rows,
        )

    def _qms_input_tthc_performance(self):
        """Filled by the TTHC addon; the core only says the source is missing."""
        return self._qms_html_missing(
            self.env._("No administrative procedure (TTHC) module installed.")
        )

    def _qms_input_audit_results(self):
        """Filled by the internal audit addon; the core only says the source is missing."""
        return self._qms_html_missing(self.env._("No internal audit module installed."))

    def _qms_input_nonconformities(self):
        ncs = self._qms_source("qms.nonconformity")
        if ncs is None:
            return self._qms_html_missing(self.env._("Nonconformities are not recorded."))
        ncs = ncs.with_context(active_test=False)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
            *self._qms_period_domain("date_detected"),
        ]
        total = ncs.search_count(domain)
        if not total:
            html = self._qms_html_paragraph(self.env._("No nonconformity detected in the period."))
        else:
            closed = ncs.search_count([*domain, ("state", "=", "closed")])
            on_time = ncs.search_count([*domain, ("is_closed_on_time", "=", True)])
            html = self._qms_html_paragraph(
                self.env._(
                    "%(total)s nonconformities detected in the period: %(closed)s closed "
                    "(%(on_time)s on time), %(open)s still open.",
                    total=total,
                    closed=closed,
                    on_time=on_time,
                    open=total - closed,
                )
            )
            html += self._qms_summary_table(ncs, domain, "source", self.env._("Source"))
        actions = self._qms_source("qms.action")
        if actions is not None:
            action_domain = [
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "cancelled"),
                *self._qms_period_domain("date_deadline"),
            ]
            due = actions.search_count(action_domain)
            if due:
                done = actions.search_count([*action_domain, ("state", "=", "done")])
                late = actions.search_count([*action_domain, ("is_overdue", "=", True)])
                html += self._qms_html_paragraph(
                    self.env._(
                        "Actions due in the period: %(due)s, done %(done)s, overdue %(late)s.",
                        due=due,
                        done=done,
                        late=late,
                    )
                )
        return html

    def _qms_input_documents(self):
        revisions = self._qms_source("qms.document.revision")
        issued = revisions.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ["issued", "superseded", "obsolete"]),
                *self._qms_period_domain("date_issued", True),
            ]
        )
        documents = self._qms_source("qms.document")
        overdue = documents.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "issued"),
                ("next_review_date", "<", self.date_to),
            ]
        )
        distributions = self._qms_source("qms.document.distribution")
        dist_domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
            *self._qms_period_domain("date_distributed", True),
        ]
        counts = self._qms_count_by(distributions, dist_domain, "state")
        sent = sum(counts.values())
        html = self._qms_html_paragraph(
            self.env._(
                "%(issued)s revisions issued in the period; %(overdue)s documents overdue for "
                "their periodic review.",
                issued=len(issued),
                overdue=overdue,
            )
        )
        if sent:
            html += self._qms_html_paragraph(
                self.env._(
                    "Read and understood: %(read)s of %(sent)s read requests (%(rate)s%%).",
                    read=counts.get("acknowledged", 0),
                    sent=sent,
                    rate=round(100.0 * counts.get("acknowledged", 0) / sent, 1),
                )
            )
        if issued:
            html += self._qms_html_table(
                [
                    self.env._("Revision"),
                    self.env._("Title"),
                    self.env._("Unit"),
                    self.env._("Effective Date"),
                ],
                [
                    (rev.name, rev.title, rev.department_id.name, rev.effective_date)
                    for rev in issued
                ],
            )
        return html

    def _qms_input_risks(self):
        risks = self._qms_source("qms.risk")
        if risks is None:
            return self._qms_html_missing(self.env._("Risks and opportunities are not recorded."))
        domain = [("company_id", "=", self.company_id.id), ("risk_type", "=", "risk")]
        if not risks.search_count(domain, limit=1):
            return self._qms_html_missing(self.env._("No risk is recorded."))
        html = self._qms_summary_table(risks, domain, "state", self.env._("Status"))
        top = risks.search([*domain, ("state", "!=", "closed")], order="score desc, id", limit=10)
        if top:
            html += self._qms_html_table(
                [
                    self.env._("Risk"),
                    self.env._("Unit"),
                    self.env._("Score"),
                    self.env._("Level"),
                    self.env._("Treatment"),
                    self.env._("Residual"),
                ],
                [
                    (
                        risk.display_name,
                        risk.department_id.name,
                        risk.score,
                        risk.level_id.display_name,
                        self._qms_selection_label(risk, "treatment", risk.treatment),
                        risk.residual_score or "",
                    )
                    for risk in top
                ],
            )
        return html

    def _qms_input_resources(self):
        trainings = self._qms_source("qms.training")
        html = Markup("")
        if trainings is not None:
            done = trainings.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "done"),
                    *self._qms_period_domain("date"),
                ]
            )
            if done:
                html += self._qms_html_table(
                    [
                        self.env._("Training"),
                        self.env._("Date"),
                        self.env._("Type"),
                        self.env._("Attendees"),
                    ],
                    [
                        (
                            training.name,
                            training.date,
                            self._qms_selection_label(
                                training, "training_type", training.training_type
                            ),
                            training.attendee_count,
                        )
                        for training in done
                    ],
                )
            else:
                html += self._qms_html_paragraph(self.env._("No QMS training held in the period."))
        employees = self._qms_source("hr.employee")
        if "qms_is_internal_auditor" in employees._fields:
            auditors = employees.search_count(
                [("company_id", "=", self.company_id.id), ("qms_is_internal_auditor", "=", True)]
            )
            html += self._qms_html_paragraph(
                self.env._("Qualified internal auditors: %(count)s.", count=auditors)
            )
        return html or self._qms_html_missing(self.env._("No resource information recorded."))

    def _qms_input_improvement(self):
        html = Markup("")
        risks = self._qms_source("qms.risk")
        if risks is not None:
            opportunities = risks.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("risk_type", "=", "opportunity"),
                    ("state", "!=", "closed"),
                ]
            )
            if opportunities:
                html += self._qms_html_table(
                    [self.env._("Opportunity"), self.env._("Unit"), self.env._("Status")],
                    [
                        (
                            item.display_name,
                            item.department_id.name,
                            self._qms_selection_label(item, "state", item.state),
                        )
                        for item in opportunities
                    ],
                )
        actions = self._qms_source("qms.action")
        if actions is not None:
            improvements = actions.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("action_type", "=", "improvement"),
                    ("state", "!=", "cancelled"),
                    *self._qms_period_domain("date_deadline"),
                ]
            )
            if improvements:
                html += self._qms_html_table(
                    [
                        self.env._("Improvement"),
                        self.env._("Unit"),
                        self.env._("Deadline"),
                        self.env._("Status"),
                    ],
                    [
                        (
                            action.name,
                            action.department_id.name,
                            action.date_deadline,
                            self._qms_selection_label(action, "state", action.state),
                        )
                        for action in improvements
                    ],
                )
        return html or self._qms_html_missing(
            self.env._("No open opportunity or improvement action recorded for the period.")
        )

    # ------------------------------------------------------------------
    # Trends against the previous review
    # ------------------------------------------------------------------
    def _qms_previous_review(self):
        """The last approved review of the agency held before this one (empty if none)."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "approved"),
                ("date", "<", self.date),
                ("id", "!=", self.id),
            ],
            order="date desc, id desc",
            limit=1,
        )

    @staticmethod
    def _qms_figure(section, label, value, uom=""):
        return {"section": section, "label": label, "value": value, "uom": uom}

    def _qms_review_figures(self):
        """``{code: figure}`` of the period, compared at the next review. Each section may have
        a method `_qms_figures_<section code>` returning ``{code: figure}``; other addons add
        theirs the same way."""
        self.ensure_one()
        figures = {}
        for code, _title, _method in self._qms_review_input_sections():
            method = getattr(self, f"_qms_figures_{code}", None)
            if method:
                figures.update(method())
        return figures

    def _qms_format_figure(self, value, uom):
        if value is None:
            return "-"
        text = f"{value:.1f}" if isinstance(value, float) else str(value)
        return f"{text}{uom}" if uom == "%" else f"{text} {uom}".strip()

    def _qms_trend_html(self, section, figures, previous):
        """The figures of `section` with the previous review's value and the change."""
        rows = []
        before_all = (previous.figure_data or {}) if previous else {}
        for code, figure in figures.items():
            if figure["section"] != section:
                continue
            value = figure["value"]
            before = before_all.get(code, {}).get("value")
            if before is None or value is None:
                change = self.env._("new") if before is None and value is not None else "-"
            else:
                delta = value - before
                sign = "+" if delta > 0 else ""
                text = f"{delta:.1f}" if isinstance(delta, float) else str(delta)
                change = f"{sign}{text}" if delta else "="
            rows.append(
                (
                    figure["label"],
                    self._qms_format_figure(value, figure["uom"]),
                    self._qms_format_figure(before, figure["uom"]),
                    change,
                )
            )
        if not rows:
            return Markup("")
        previous_label = (
            self.env._("Previous review (%(date)s)", date=previous.date)
            if previous
            else self.env._("Previous review")
        )
        return self._qms_html_paragraph(
            Markup("<b>%s</b>") % self.env._("Trend against the previous review")
        ) + self._qms_html_table(
            [
                self.env._("Figure"),
                self.env._("This review"),
                previous_label,
                self.env._("Difference"),
            ],
            rows,
        )

    # -- figures of the core sections ------------------------------------
    def _qms_figures_objectives(self):
        objectives = self._qms_source("qms.objective").search(
            [
                ("company_id", "=", self.company_id.id),
                ("year", "in", list(range(self.date_from.year, self.date_to.year + 1))),
                ("state", "in", ["approved", "evaluated"]),
            ]
        )
        met = sum(objectives.mapped("line_met_count"))
        total = sum(objectives.mapped("line_count"))
        return {
            "objectives_targets": self._qms_figure(
                "objectives", self.env._("Targets"), total, self.env._("targets")
            ),
            "objectives_met_rate": self._qms_figure(
                "objectives",
                self.env._("Targets met"),
                round(100.0 * met / total, 1) if total else None,
                "%",
            ),
        }

    def _qms_figures_nonconformities(self):
        ncs = self._qms_source("qms.nonconformity").with_context(active_test=False)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
            *self._qms_period_domain("date_detected"),
        ]
        total = ncs.search_count(domain)
        closed = ncs.search_count([*domain, ("state", "=", "closed")])
        return {
            "nc_detected": self._qms_figure(
                "nonconformities", self.env._("Nonconformities detected"), total
            ),
            "nc_open": self._qms_figure(
                "nonconformities", self.env._("Nonconformities still open"), total - closed
            ),
        }

    def _qms_figures_documents(self):
        revisions = self._qms_source("qms.document.revision")
        issued = revisions.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ["issued", "superseded", "obsolete"]),
                *self._qms_period_domain("date_issued", True),
            ]
        )
        return {
            "documents_issued": self._qms_figure(
                "documents", self.env._("Revisions issued"), issued
            ),
        }

    def _qms_figures_risks(self):
        risks = self._qms_source("qms.risk")
        open_risks = risks.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("risk_type", "=", "risk"),
                ("state", "!=", "closed"),
            ]
        )
        return {"risks_open": self._qms_figure("risks", self.env._("Open risks"), open_risks)}

    def _qms_figures_previous_actions(self):
        previous = self._qms_previous_review()
        outputs = previous.output_ids
        return {
            "previous_decisions_done": self._qms_figure(
                "previous_actions",
                self.env._("Decisions of the previous review done"),
                len(outputs.filtered(lambda o: o.follow_up_state == "done")) if previous else None,
            ),
        }

    def _qms_figures_context_changes(self):
        issues = self._qms_source("qms.context.issue").with_context(active_test=False)
        return {
            "context_changed": self._qms_figure(
                "context_changes",
                self.env._("Issues added or reviewed"),
                issues.search_count(
                    [
                        ("company_id", "=", self.company_id.id),
                        *self._qms_changed_in_period_domain(),
                    ]
                ),
            ),
        }

    def _qms_figures_resources(self):
        trainings = self._qms_source("qms.training").search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "done"),
                *self._qms_period_domain("date"),
            ]
        )
        return {
            "trainings_held": self._qms_figure(
                "resources", self.env._("QMS trainings held"), len(trainings)
            ),
            "trainings_attendees": self._qms_figure(
                "resources", self.env._("Attendees"), sum(trainings.mapped("attendee_count"))
            ),
        }

    def _qms_figures_improvement(self):
        actions = self._qms_source("qms.action")
        return {
            "improvement_actions": self._qms_figure(
                "improvement",
                self.env._("Improvement actions due in the period"),
                actions.search_count(
                    [
                        ("company_id", "=", self.company_id.id),
                        ("action_type", "=", "improvement"),
                        ("state", "!=", "cancelled"),
                        *self._qms_period_domain("date_deadline"),
                    ]
                ),
            ),
        }

    # -- customer satisfaction (9.3.2 c1) ---------------------------------
    def _qms_satisfaction_campaigns(self):
        return self._qms_source("qms.satisfaction.survey").search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("open", "closed")),
                ("date_from", "<=", self.date_to),
                ("date_to", ">=", self.date_from),
            ],
            order="date_from, id",
        )

    def _qms_feedback_counts(self):
        """Complaints and feedback received in the period: answered, answered late or still
        unanswered past the time limit; None when the register is absent."""
        feedback = self._qms_source("qms.feedback")
        if feedback is None:
            return None
        counts = feedback._qms_counts(self.company_id, self.date_from, self.date_to)
        start, end = self._qms_period_domain("date_received", True)
        late_open = feedback.search_count(
            [("company_id", "=", self.company_id.id), start, end, ("is_overdue", "=", True)]
        )
        counts["overdue"] = counts["answered"] - counts["answered_on_time"] + late_open
        return counts

    def _qms_figures_satisfaction(self):
        campaigns = self._qms_satisfaction_campaigns()
        totals = campaigns._qms_counts(self.date_from, self.date_to)
        feedback = self._qms_feedback_counts() or {}
        return {
            "feedback_received": self._qms_figure(
                "satisfaction",
                self.env._("Complaints and feedback received"),
                feedback.get("received"),
            ),
            "feedback_answered": self._qms_figure(
                "satisfaction", self.env._("Answered"), feedback.get("answered")
            ),
            "feedback_overdue": self._qms_figure(
                "satisfaction",
                self.env._("Answered late or overdue"),
                feedback.get("overdue"),
            ),
            "satisfaction_surveys": self._qms_figure(
                "satisfaction", self.env._("Satisfaction surveys"), len(campaigns)
            ),
            "satisfaction_participants": self._qms_figure(
                "satisfaction", self.env._("Survey respondents"), totals["participants"]
            ),
            "satisfaction_rate": self._qms_figure(
                "satisfaction",
                self.env._("Satisfaction rate"),
                satisfaction_rate(totals),
                "%",
            ),
            "satisfaction_not_satisfied": self._qms_figure(
                "satisfaction",
                self.env._("Answers not satisfied"),
                totals["not_satisfied"],
            ),
        }

    def _qms_input_satisfaction(self):
        return self._qms_satisfaction_surveys_html() + self._qms_feedback_html()

    def _qms_feedback_html(self):
        counts = self._qms_feedback_counts()
        if counts is None:
            return Markup("")
        if not counts["received"]:
            return self._qms_html_missing(
                self.env._("No complaint or feedback was received in the period.")
            )
        return self._qms_html_paragraph(
            self.env._(
                "Complaints and feedback received in the period: %(received)s (%(complaints)s "
                "complaints); answered %(answered)s, of which %(on_time)s on time; answered late "
                "or overdue %(overdue)s; still unanswered %(open)s.",
                received=counts["received"],
                complaints=counts["complaints"],
                answered=counts["answered"],
                on_time=counts["answered_on_time"],
                overdue=counts["overdue"],
                open=counts["open"],
            )
        )

    def _qms_satisfaction_surveys_html(self):
        campaigns = self._qms_satisfaction_campaigns()
        if not campaigns:
            return self._qms_html_missing(
                self.env._("No customer satisfaction survey covers the period.")
            )
        rows = []
        for campaign in campaigns:
            totals = campaign._qms_counts(self.date_from, self.date_to)
            rate = satisfaction_rate(totals)
            rows.append(
                (
                    campaign.name,
                    campaign.service or self.env._("All services"),
                    self._qms_selection_label(campaign, "audience", campaign.audience),
                    campaign.department_id.name or self.env._("Whole agency"),
                    totals["participants"],
                    totals["satisfied"],
                    totals["acceptable"],
                    totals["not_satisfied"],
                    "-" if rate is None else f"{rate:.1f}%",
                )
            )
        return self._qms_html_table(
            [
                self.env._("Survey"),
                self.env._("Service or Procedure"),
                self.env._("Audience"),
                self.env._("Unit"),
                self.env._("Respondents"),
                self.env._("Satisfied"),
                self.env._("Acceptable"),
                self.env._("Not Satisfied"),
                self.env._("Satisfaction Rate"),
            ],
            rows,
        ) + self._qms_html_paragraph(
            self.env._(
                "Answers of the participations completed in the review period; the rate is the "
                "share of satisfied or acceptable answers among the rated ones."
            )
        )

    # -- monitoring and measurement (9.3.2 c5) ----------------------------
    def _qms_period_measurements(self):
        return self._qms_source("qms.objective.measurement").search(
            [("company_id", "=", self.company_id.id), *self._qms_period_domain("date_to")],
            order="date_to, id",
        )

    def _qms_figures_monitoring(self):
        measurements = self._qms_period_measurements()
        return {
            "monitoring_measurements": self._qms_figure(
                "monitoring", self.env._("Measurements recorded"), len(measurements)
            ),
            "monitoring_met": self._qms_figure(
                "monitoring",
                self.env._("Measurements meeting their target"),
                len(measurements.filtered("is_met")),
            ),
        }

    def _qms_input_monitoring(self):
        measurements = self._qms_period_measurements()
        if not measurements:
            return self._qms_html_missing(self.env._("No indicator was measured in the period."))
        return self._qms_html_table(
            [
                self.env._("Indicator"),
                self.env._("Unit"),
                self.env._("Period"),
                self.env._("Target"),
                self.env._("Value"),
                self.env._("Target Met"),
            ],
            [
                (
                    m.indicator,
                    m.department_id.name or self.env._("Whole agency"),
                    f"{m.date_from} - {m.date_to}",
                    m.target_display,
                    f"{m.actual_value:g}",
                    self.env._("Yes") if m.is_met else self.env._("No"),
                )
                for m in measurements
            ],
        )

    # -- external providers (9.3.2 c7) -----------------------------------
    def _qms_period_evaluations(self):
        return self._qms_source("qms.external.provider.evaluation").search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "decided"),
                *self._qms_period_domain("date"),
            ],
            order="date, id",
        )

    def _qms_overdue_providers(self):
        return self._qms_source("qms.external.provider").search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_next_evaluation", "!=", False),
                ("date_next_evaluation", "<", self.date_to),
            ]
        )

    def _qms_figures_external_providers(self):
        evaluations = self._qms_period_evaluations()
        results = evaluations.mapped("result")
        return {
            "providers_evaluated": self._qms_figure(
                "external_providers", self.env._("Evaluations decided"), len(evaluations)
            ),
            "providers_average_score": self._qms_figure(
                "external_providers",
                self.env._("Average score"),
                round(sum(evaluations.mapped("score")) / len(evaluations), 1)
                if evaluations
                else None,
                "%",
            ),
            "providers_conditional": self._qms_figure(
                "external_providers",
                self.env._("Approved with conditions"),
                results.count("conditional"),
            ),
            "providers_rejected": self._qms_figure(
                "external_providers", self.env._("Rejected"), results.count("rejected")
            ),
            "providers_overdue": self._qms_figure(
                "external_providers",
                self.env._("Re-evaluations overdue"),
                len(self._qms_overdue_providers()),
            ),
        }

    def _qms_input_external_providers(self):
        evaluations = self._qms_period_evaluations()
        overdue = self._qms_overdue_providers()
        html = Markup("")
        if evaluations:
            html += self._qms_html_table(
                [
                    self.env._("Provider"),
                    self.env._("Kind"),
                    self.env._("Evaluated On"),
                    self.env._("Score"),
                    self.env._("Decision"),
                    self.env._("Conditions or Reasons"),
                ],
                [
                    (
                        e.provider_id.name,
                        self._qms_selection_label(e.provider_id, "kind", e.provider_id.kind),
                        e.date,
                        f"{e.score:.1f}%",
                        self._qms_selection_label(e, "result", e.result),
                        e.decision_note or "",
                    )
                    for e in evaluations
                ],
            )
        if overdue:
            html += self._qms_html_paragraph(
                self.env._(
                    "Providers whose re-evaluation is overdue: %(names)s.",
                    names=", ".join(overdue.mapped("name")),
                )
            )
        return html or self._qms_html_missing(
            self.env._("No external provider was evaluated in the period.")
        )

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    def action_print_minutes(self):
        return self.env.ref("qms_iso9001.action_report_qms_management_review").report_action(self)
