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

    The core and each addon contribute the input sections through one hook,
    `_qms_review_sections`; their content is rendered by QWeb templates of the addon owning them.
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
    def _qms_review_sections(self):
        """The input sections of the minutes for the review's period, in the order of clause
        9.3.2: the one hook through which the core and each addon contribute, so that the core
        need not know which optional addons are installed.

        A section is a dict ``{code, sequence, title, parts, figures}``: ``parts`` is a list of
        ``(QWeb template xmlid, values)`` rendered one after the other into the section's
        content; ``figures`` is ``{figure code: figure}`` (see `_qms_figure`), kept in
        `figure_data` and shown against the previous review. An addon extends this method
        through super(): it fills one of the sections, adds parts or figures to one (see
        `_qms_review_section`), or appends its own.
        """
        self.ensure_one()
        return [
            self._qms_section(
                10,
                "previous_actions",
                self.env._("Status of actions from previous management reviews"),
                [self._qms_input_previous_actions()],
                self._qms_figures_previous_actions(),
            ),
            self._qms_section(
                20,
                "context_changes",
                self.env._("Changes in external and internal issues relevant to the QMS"),
                [self._qms_input_context_changes()],
                self._qms_figures_context_changes(),
            ),
            self._qms_section(
                30,
                "satisfaction",
                self.env._("Customer satisfaction and feedback from relevant interested parties"),
                [self._qms_input_satisfaction_surveys(), self._qms_input_feedback()],
                self._qms_figures_satisfaction(),
            ),
            self._qms_section(
                40,
                "objectives",
                self.env._("Extent to which quality objectives have been met"),
                [self._qms_input_objectives()],
                self._qms_figures_objectives(),
            ),
            self._qms_section(
                60,
                "nonconformities",
                self.env._("Nonconformities and corrective actions"),
                [self._qms_input_nonconformities()],
                self._qms_figures_nonconformities(),
            ),
            self._qms_section(
                70,
                "monitoring",
                self.env._("Monitoring and measurement results"),
                [self._qms_input_monitoring()],
                self._qms_figures_monitoring(),
            ),
            self._qms_section(
                90,
                "external_providers",
                self.env._("Performance of external providers"),
                [self._qms_input_external_providers()],
                self._qms_figures_external_providers(),
            ),
            self._qms_section(
                100,
                "documents",
                self.env._("Documented information: issues, reviews and acknowledgement"),
                [self._qms_input_documents()],
                self._qms_figures_documents(),
            ),
            self._qms_section(
                110,
                "risks",
                self.env._("Effectiveness of actions taken to address risks and opportunities"),
                [self._qms_input_risks()],
                self._qms_figures_risks(),
            ),
            self._qms_section(
                120,
                "resources",
                self.env._("Adequacy of resources"),
                [self._qms_input_resources()],
                self._qms_figures_resources(),
            ),
            self._qms_section(
                130,
                "improvement",
                self.env._("Opportunities for improvement"),
                [self._qms_input_improvement()],
                self._qms_figures_improvement(),
            ),
        ]

    @staticmethod
    def _qms_section(sequence, code, title, parts, figures=None):
        return {
            "sequence": sequence,
            "code": code,
            "title": title,
            "parts": parts,
            "figures": figures or {},
        }

    @staticmethod
    def _qms_review_section(sections, code):
        """The section `code` of `sections`, for an addon filling or extending it."""
        return next(section for section in sections if section["code"] == code)

    def _qms_render_parts(self, parts):
        """The HTML of the parts of a section, each rendered by its QWeb template."""
        qweb = self.env["ir.qweb"]
        return Markup("").join(qweb._render(template, values) for template, values in parts)

    @transition(("draft",), groups=(MANAGER,), label=_lt("Gather Inputs"))
    def action_gather_inputs(self):
        """(Re)build the input snapshot of the period; only while the minutes are a draft."""
        for review in self:
            sections = sorted(review._qms_review_sections(), key=lambda s: s["sequence"])
            previous = review._qms_previous_review()
            values = []
            figures = {}
            for section in sections:
                trend = review._qms_trend_rows(section["figures"], previous)
                parts = section["parts"]
                if trend:
                    parts = [
                        *parts,
                        ("qms_iso9001.review_trend", {"rows": trend, "previous": previous}),
                    ]
                values.append(
                    {
                        "sequence": section["sequence"],
                        "code": section["code"],
                        "name": section["title"],
                        "content": review._qms_render_parts(parts),
                    }
                )
                figures.update(section["figures"])
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
        """The agency's records created or reviewed during the period (read as superuser, so
        the agency is in the domain, not left to the record rules)."""
        return [
            ("company_id", "=", self.company_id.id),
            "|",
            "&",
            *self._qms_period_domain("create_date", True),
            "&",
            *self._qms_period_domain("last_review_date"),
        ]

    def _qms_source(self, model_name):
        """The model to read the snapshot from: the whole agency, whoever gathers the inputs."""
        self.ensure_one()
        return self.env[model_name].sudo().with_company(self.company_id)

    def _qms_selection_label(self, records, field_name, value):
        return dict(records._fields[field_name]._description_selection(self.env)).get(value, "")

    def _qms_count_rows(self, model, domain, field_name):
        """``[(selection label, count)]`` of `model` records matching `domain` by `field_name`,
        in the selection's order, in one query."""
        counts = dict(model._read_group(domain, [field_name], ["__count"]))
        return [
            (label, counts[value])
            for value, label in model._fields[field_name]._description_selection(self.env)
            if counts.get(value)
        ]

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
        return (
            "qms_iso9001.review_input_previous_actions",
            {
                "outputs": outputs,
                "done": len(outputs.filtered(lambda o: o.follow_up_state == "done")),
                "follow_up": dict(
                    outputs._fields["follow_up_state"]._description_selection(self.env)
                ),
            },
        )

    def _qms_input_context_changes(self):
        issues = self._qms_source("qms.context.issue").with_context(active_test=False)
        parties = self._qms_source("qms.interested.party")
        return (
            "qms_iso9001.review_input_context_changes",
            {
                "issues": issues.search(self._qms_changed_in_period_domain()),
                "issue_types": dict(issues._fields["issue_type"]._description_selection(self.env)),
                "parties": parties.search(self._qms_changed_in_period_domain()),
            },
        )

    def _qms_input_objectives(self):
        years = list(range(self.date_from.year, self.date_to.year + 1))
        objectives = self._qms_source("qms.objective").search(
            [
                ("company_id", "=", self.company_id.id),
                ("year", "in", years),
                ("state", "in", ["approved", "evaluated"]),
            ],
            order="year, department_id, id",
        )
        return (
            "qms_iso9001.review_input_objectives",
            {
                "objectives": objectives,
                "met": sum(objectives.mapped("line_met_count")),
                "total": sum(objectives.mapped("line_count")),
                "achievements": dict(
                    objectives._fields["achievement"]._description_selection(self.env)
                ),
            },
        )

    def _qms_input_nonconformities(self):
        ncs = self._qms_source("qms.nonconformity").with_context(active_test=False)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
            *self._qms_period_domain("date_detected"),
        ]
        total = ncs.search_count(domain)
        values = {"total": total}
        if total:
            closed = ncs.search_count([*domain, ("state", "=", "closed")])
            values.update(
                closed=closed,
                on_time=ncs.search_count([*domain, ("is_closed_on_time", "=", True)]),
                open=total - closed,
                sources=self._qms_count_rows(ncs, domain, "source"),
            )
        actions = self._qms_source("qms.action")
        action_domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
            *self._qms_period_domain("date_deadline"),
        ]
        due = actions.search_count(action_domain)
        values["actions_due"] = due
        if due:
            values.update(
                actions_done=actions.search_count([*action_domain, ("state", "=", "done")]),
                actions_late=actions.search_count([*action_domain, ("is_overdue", "=", True)]),
            )
        return "qms_iso9001.review_input_nonconformities", values

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
        counts = dict(distributions._read_group(dist_domain, ["state"], ["__count"]))
        sent = sum(counts.values())
        read = counts.get("acknowledged", 0)
        return (
            "qms_iso9001.review_input_documents",
            {
                "issued": issued,
                "overdue": overdue,
                "sent": sent,
                "read": read,
                "rate": round(100.0 * read / sent, 1) if sent else None,
            },
        )

    def _qms_input_risks(self):
        risks = self._qms_source("qms.risk")
        domain = [("company_id", "=", self.company_id.id), ("risk_type", "=", "risk")]
        top = risks.search([*domain, ("state", "!=", "closed")], order="score desc, id", limit=10)
        return (
            "qms_iso9001.review_input_risks",
            {
                "states": self._qms_count_rows(risks, domain, "state"),
                "top": top,
                "treatments": dict(risks._fields["treatment"]._description_selection(self.env)),
            },
        )

    def _qms_input_resources(self):
        trainings = self._qms_source("qms.training")
        return (
            "qms_iso9001.review_input_resources",
            {
                "trainings": trainings.search(
                    [
                        ("company_id", "=", self.company_id.id),
                        ("state", "=", "done"),
                        *self._qms_period_domain("date"),
                    ]
                ),
                "training_types": dict(
                    trainings._fields["training_type"]._description_selection(self.env)
                ),
            },
        )

    def _qms_input_improvement(self):
        risks = self._qms_source("qms.risk")
        actions = self._qms_source("qms.action")
        return (
            "qms_iso9001.review_input_improvement",
            {
                "opportunities": risks.search(
                    [
                        ("company_id", "=", self.company_id.id),
                        ("risk_type", "=", "opportunity"),
                        ("state", "!=", "closed"),
                    ]
                ),
                "risk_states": dict(risks._fields["state"]._description_selection(self.env)),
                "improvements": actions.search(
                    [
                        ("company_id", "=", self.company_id.id),
                        ("action_type", "=", "improvement"),
                        ("state", "!=", "cancelled"),
                        *self._qms_period_domain("date_deadline"),
                    ]
                ),
                "action_states": dict(actions._fields["state"]._description_selection(self.env)),
            },
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

    @staticmethod
    def _qms_format_figure(value, uom):
        if value is None:
            return "-"
        text = f"{value:.1f}" if isinstance(value, float) else str(value)
        return f"{text}{uom}" if uom == "%" else f"{text} {uom}".strip()

    def _qms_trend_rows(self, figures, previous):
        """Each figure with the previous review's value and the change (``is_new`` when the
        previous review did not have it), for the template `review_trend`."""
        rows = []
        before_all = (previous.figure_data or {}) if previous else {}
        for code, figure in figures.items():
            value = figure["value"]
            before = before_all.get(code, {}).get("value")
            change = "-"
            if before is not None and value is not None:
                delta = value - before
                sign = "+" if delta > 0 else ""
                text = f"{delta:.1f}" if isinstance(delta, float) else str(delta)
                change = f"{sign}{text}" if delta else "="
            rows.append(
                {
                    "label": figure["label"],
                    "value": self._qms_format_figure(value, figure["uom"]),
                    "previous": self._qms_format_figure(before, figure["uom"]),
                    "change": change,
                    "is_new": before is None and value is not None,
                }
            )
        return rows

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
                issues.search_count(self._qms_changed_in_period_domain()),
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
        unanswered past the time limit."""
        feedback = self._qms_source("qms.feedback")
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
        feedback = self._qms_feedback_counts()
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

    def _qms_input_feedback(self):
        return "qms_iso9001.review_input_feedback", self._qms_feedback_counts()

    def _qms_input_satisfaction_surveys(self):
        rows = []
        for campaign in self._qms_satisfaction_campaigns():
            totals = campaign._qms_counts(self.date_from, self.date_to)
            rows.append(
                {
                    "campaign": campaign,
                    "audience": self._qms_selection_label(campaign, "audience", campaign.audience),
                    "totals": totals,
                    "rate": satisfaction_rate(totals),
                }
            )
        return "qms_iso9001.review_input_satisfaction_surveys", {"rows": rows}

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
        return (
            "qms_iso9001.review_input_monitoring",
            {"measurements": self._qms_period_measurements()},
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
        return (
            "qms_iso9001.review_input_external_providers",
            {
                "evaluations": evaluations,
                "kinds": dict(
                    evaluations.provider_id._fields["kind"]._description_selection(self.env)
                ),
                "results": dict(evaluations._fields["result"]._description_selection(self.env)),
                "overdue": self._qms_overdue_providers(),
            },
        )

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    def action_print_minutes(self):
        return self.env.ref("qms_iso9001.action_report_qms_management_review").report_action(self)
