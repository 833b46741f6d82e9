from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

TREATMENTS = [
    ("accept", "Accept"),
    ("reduce", "Reduce"),
    ("avoid", "Avoid"),
    ("transfer", "Transfer"),
    ("exploit", "Exploit"),
]
RISK_TREATMENTS = ("accept", "reduce", "avoid", "transfer")
OPPORTUNITY_TREATMENTS = ("accept", "exploit")
REVIEW_INTERVAL = relativedelta(years=1)
OPEN_STATES = ("assessed", "treating", "monitored")
# What the unit keeps up to date while the risk is treated and monitored.
FOLLOW_UP_FIELDS = (
    "name",
    "department_id",
    "process",
    "document_id",
    "context_issue_id",
    "description",
    "cause",
    "consequence",
    "owner_id",
    "treatment_plan",
    "residual_likelihood",
    "residual_impact",
    "active",
)


class QmsRisk(models.Model):
    """A risk or an opportunity of a unit (ISO 9001 clause 6.1), rated on the agency's matrix.

    The register is reviewed once a year per unit: `date_review` is the next review date and
    a daily job asks the unit's ISO officer (or its head) when it has come.

    The unit's ISO officer (or the standing office) moves the risk from assessment to treatment,
    monitoring and closing; the initial rating is frozen once the treatment starts, and a closed
    risk stays as it was closed: only the standing office reopens it, saying why.
    """

    _name = "qms.risk"
    _description = "Risk or Opportunity"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "score desc, date_identified desc, id desc"
    _check_company_auto = True

    # the rating's results are computed, never written (the ORM would store a written value)
    _qms_workflow_fields = (
        "score",
        "level_id",
        "residual_score",
        "residual_level_id",
        "code",
        "date_review",
        "date_last_review",
        "review_reminded_date",
        "date_closed",
    )
    _qms_editable_fields = {
        "assessed": (*FOLLOW_UP_FIELDS, "likelihood", "impact", "treatment"),
        "treating": (*FOLLOW_UP_FIELDS, "treatment"),
        "monitored": FOLLOW_UP_FIELDS,
        "closed": ("active",),
    }

    name = fields.Char(string="Risk / Opportunity", required=True, tracking=True)
    code = fields.Char(string="Reference", readonly=True, copy=False, index=True)
    risk_type = fields.Selection(
        [("risk", "Risk"), ("opportunity", "Opportunity")],
        string="Type",
        required=True,
        default="risk",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_ids[:1].department_id,
    )
    process = fields.Char(
        string="Process / Activity", help="The process or activity the risk arises in."
    )
    document_id = fields.Many2one(
        "qms.document",
        string="Procedure",
        index="btree_not_null",
        check_company=True,
        help="The controlled document (procedure) of the process concerned.",
    )
    context_issue_id = fields.Many2one(
        "qms.context.issue",
        index="btree_not_null",
        check_company=True,
        help="The internal or external issue of the agency (ISO 4.1) the risk stems from.",
    )
    description = fields.Text()
    cause = fields.Text()
    consequence = fields.Text()
    date_identified = fields.Date(
        string="Identified On", required=True, default=fields.Date.context_today
    )
    likelihood = fields.Integer(required=True, default=1, tracking=True)
    impact = fields.Integer(required=True, default=1, tracking=True)
    score = fields.Integer(compute="_compute_score", store=True, aggregator="max")
    level_id = fields.Many2one(
        "qms.risk.level",
        compute="_compute_level_id",
        store=True,
        index=True,
        ondelete="set null",
    )
    level_color = fields.Char(related="level_id.color", string="Level Colour")
    requires_action = fields.Boolean(related="level_id.requires_action")
    treatment = fields.Selection(TREATMENTS, tracking=True)
    treatment_plan = fields.Text(help="How the risk is treated or the opportunity taken.")
    action_ids = fields.One2many("qms.action", "risk_id")
    action_count = fields.Integer(compute="_compute_action_count")
    action_open_count = fields.Integer(compute="_compute_action_count")
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    residual_likelihood = fields.Integer(
        tracking=True, help="Likelihood once the treatment is in place (0: not yet assessed)."
    )
    residual_impact = fields.Integer(
        tracking=True, help="Impact once the treatment is in place (0: not yet assessed)."
    )
    residual_score = fields.Integer(compute="_compute_score", store=True, aggregator="max")
    residual_level_id = fields.Many2one(
        "qms.risk.level",
        compute="_compute_level_id",
        store=True,
        ondelete="set null",
    )
    residual_level_color = fields.Char(related="residual_level_id.color")
    date_review = fields.Date(
        string="Next Review",
        tracking=True,
        index=True,
        help="The register of the unit is reviewed yearly; a reminder is sent on this date.",
    )
    date_last_review = fields.Date(string="Last Reviewed", readonly=True, copy=False)
    review_reminded_date = fields.Date(readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("assessed", "Assessed"),
            ("treating", "Treating"),
            ("monitored", "Monitored"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------
    # Rating
    # ------------------------------------------------------------------
    @api.depends("action_ids.state")
    def _compute_action_count(self):
        counts = {
            (risk.id, state): count
            for risk, state, count in self.env["qms.action"]._read_group(
                [("risk_id", "in", self.ids)], ["risk_id", "state"], ["__count"]
            )
        }
        for risk in self:
            by_state = {state: counts.get((risk.id, state), 0) for state in ("open", "in_progress")}
            risk.action_open_count = sum(by_state.values())
            risk.action_count = sum(
                count for (risk_id, _state), count in counts.items() if risk_id == risk.id
            )

    @api.depends("likelihood", "impact", "residual_likelihood", "residual_impact")
    def _compute_score(self):
        for risk in self:
            risk.score = risk.likelihood * risk.impact
            risk.residual_score = risk.residual_likelihood * risk.residual_impact

    @api.depends("score", "residual_score")
    def _compute_level_id(self):
        levels = self.env["qms.risk.level"].sudo().search([])
        for risk in self:
            risk.level_id = levels._level_for_score(risk.score, levels)
            risk.residual_level_id = levels._level_for_score(risk.residual_score, levels)

    def _recompute_levels(self):
        """Levels are stored for grouping; moving a band boundary must re-file the risks."""
        for field_name in ("level_id", "residual_level_id"):
            self.env.add_to_compute(self._fields[field_name], self)
        self.flush_recordset(["level_id", "residual_level_id"])

    @api.constrains("likelihood", "impact", "residual_likelihood", "residual_impact", "company_id")
    def _check_rating_scale(self):
        for risk in self:
            company = risk.company_id
            pairs = [
                (self.env._("Likelihood"), risk.likelihood, company.qms_risk_likelihood_max, 1),
                (self.env._("Impact"), risk.impact, company.qms_risk_impact_max, 1),
                (
                    self.env._("Residual likelihood"),
                    risk.residual_likelihood,
                    company.qms_risk_likelihood_max,
                    0,
                ),
                (
                    self.env._("Residual impact"),
                    risk.residual_impact,
                    company.qms_risk_impact_max,
                    0,
                ),
            ]
            for label, value, maximum, minimum in pairs:
                if not minimum <= value <= maximum:
                    raise ValidationError(
                        self.env._(
                            "%(label)s of '%(risk)s' must be on the scale from 1 to %(max)s "
                            "(got %(value)s).",
                            label=label,
                            risk=risk.name,
                            max=maximum,
                            value=value,
                        )
                    )
            if bool(risk.residual_likelihood) != bool(risk.residual_impact):
                raise ValidationError(
                    self.env._(
                        "Rate both the residual likelihood and the residual impact of '%(risk)s', "
                        "or neither.",
                        risk=risk.name,
                    )
                )

    @api.model
    def _check_scale_fits(self, company):
        """Shrinking the agency's scale must not leave risks rated outside it."""
        risks = self.with_context(active_test=False).sudo()
        over = risks.search_count(
            [
                ("company_id", "=", company.id),
                "|",
                "|",
                "|",
                ("likelihood", ">", company.qms_risk_likelihood_max),
                ("residual_likelihood", ">", company.qms_risk_likelihood_max),
                ("impact", ">", company.qms_risk_impact_max),
                ("residual_impact", ">", company.qms_risk_impact_max),
            ]
        )
        if over:
            raise ValidationError(
                self.env._(
                    "%(count)s risks are rated above the new scale: re-rate them first.",
                    count=over,
                )
            )

    @api.constrains("risk_type", "treatment")
    def _check_treatment(self):
        for risk in self.filtered("treatment"):
            allowed = OPPORTUNITY_TREATMENTS if risk.risk_type == "opportunity" else RISK_TREATMENTS
            if risk.treatment not in allowed:
                raise ValidationError(
                    self.env._(
                        "'%(treatment)s' is not a treatment for a %(type)s: an opportunity is "
                        "exploited or accepted, a risk is accepted, reduced, avoided or "
                        "transferred.",
                        treatment=dict(self._fields["treatment"]._description_selection(self.env))[
                            risk.treatment
                        ],
                        type=dict(self._fields["risk_type"]._description_selection(self.env))[
                            risk.risk_type
                        ].lower(),
                    )
                )

    @api.onchange("risk_type")
    def _onchange_risk_type(self):
        if self.risk_type == "opportunity" and self.treatment in ("reduce", "avoid", "transfer"):
            self.treatment = "exploit"
        elif self.risk_type == "risk" and self.treatment == "exploit":
            self.treatment = "reduce"

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        if not vals.get("code"):
            vals["code"] = self.env["ir.sequence"].sudo().next_by_code("qms.risk") or "/"
        if not vals.get("date_review"):
            identified = fields.Date.to_date(
                vals.get("date_identified") or fields.Date.context_today(self)
            )
            vals["date_review"] = identified + REVIEW_INTERVAL
        return vals

    @api.depends("code", "name")
    def _compute_display_name(self):
        for risk in self:
            risk.display_name = f"[{risk.code}] {risk.name}" if risk.code else risk.name

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_actions(self):
        if any(risk.sudo().action_ids for risk in self):
            raise UserError(
                self.env._(
                    "A risk that was assessed or has actions stays in the register: archive it "
                    "instead of deleting it."
                )
            )

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def _qms_is_unit_officer(self, user):
        """An ISO officer of the risk's unit (or of a unit above it)."""
        self.ensure_one()
        if not user.has_group(UNIT_OFFICER) or not self.department_id:
            return False
        units = user.employee_ids.department_id
        return bool(units) and bool(
            self.env["hr.department"]
            .sudo()
            .search_count(
                [("id", "=", self.department_id.id), ("id", "child_of", units.ids)], limit=1
            )
        )

    def _check_actions_planned(self):
        """Treating a risk that needs action means having at least one action to show for it."""
        for risk in self:
            if not risk.treatment:
                raise UserError(
                    self.env._("Choose how '%(risk)s' is treated first.", risk=risk.display_name)
                )
            needs_action = risk.requires_action and risk.treatment != "accept"
            if needs_action and not risk._qms_has_actions():
                raise UserError(
                    self.env._(
                        "'%(risk)s' is at level %(level)s and is to be %(treatment)s: add at "
                        "least one action (Add Action) before starting its treatment.",
                        risk=risk.display_name,
                        level=risk.level_id.name,
                        treatment=dict(self._fields["treatment"]._description_selection(self.env))[
                            risk.treatment
                        ].lower(),
                    )
                )

    def _qms_has_actions(self):
        self.ensure_one()
        return bool(self.sudo().action_ids.filtered(lambda action: action.state != "cancelled"))

    @transition(("draft",), groups=(MANAGER,), role="_qms_is_unit_officer", label=_lt("Assess"))
    def action_assess(self):
        self._qms_set({"state": "assessed"})
        return True

    @transition(
        ("assessed",),
        groups=(MANAGER,),
        role="_qms_is_unit_officer",
        label=_lt("Start Treatment"),
    )
    def action_start_treatment(self):
        self._check_actions_planned()
        self._qms_set({"state": "treating"})
        return True

    @transition(
        ("assessed", "treating"),
        groups=(MANAGER,),
        role="_qms_is_unit_officer",
        label=_lt("Monitor"),
    )
    def action_monitor(self):
        self._check_actions_planned()
        self._qms_set({"state": "monitored"})
        return True

    @transition(OPEN_STATES, groups=(MANAGER,), role="_qms_is_unit_officer", label=_lt("Close"))
    def action_close(self):
        self._qms_set({"state": "closed", "date_closed": fields.Date.context_today(self)})
        return True

    @transition(("closed",), groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        """The standing office takes a closed risk up again, saying why; it is monitored."""
        self._qms_log_reason(self.env._("Risk reopened"), reason)
        self._qms_set({"state": "monitored", "date_closed": False})
        return True

    def action_open_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Risk"))

    @transition(
        ("assessed",),
        groups=(MANAGER,),
        role="_qms_is_unit_officer",
        label=_lt("Back to Draft"),
    )
    def action_reset_draft(self):
        self._qms_set({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Yearly review
    # ------------------------------------------------------------------
    @transition(
        OPEN_STATES,
        groups=(MANAGER,),
        role="_qms_is_unit_officer",
        label=_lt("Mark Reviewed"),
    )
    def action_mark_reviewed(self):
        """Record the yearly review: dated in the chatter, next one a year later."""
        today = fields.Date.context_today(self)
        for risk in self:
            risk._qms_set(
                {
                    "date_last_review": today,
                    "date_review": today + REVIEW_INTERVAL,
                    "review_reminded_date": False,
                }
            )
            risk.sudo().activity_feedback(["qms_iso9001.mail_activity_type_qms_risk_review"])
            risk.sudo().message_post(
                body=self.env._(
                    "Risk reviewed by %(user)s: score %(score)s (%(level)s); next review on "
                    "%(date)s.",
                    user=self.env.user.name,
                    score=risk.score,
                    level=risk.level_id.name or "-",
                    date=fields.Date.to_string(risk.date_review),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _qms_reviewer(self):
        """The unit's ISO officer, else the unit's head, else the ISO standing unit's head."""
        self.ensure_one()
        officers = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "=", self.department_id.id), ("user_id", "!=", False)])
            .user_id.filtered(lambda user: user.has_group("qms_iso9001.group_qms_unit_officer"))
        )
        if officers:
            return officers.sorted("id")[0]
        head = self.department_id.manager_id.user_id
        if head:
            return head
        standing = self.company_id.qms_standing_department_id
        return standing.manager_id.user_id or self.owner_id

    @api.model
    def _cron_review_reminder(self):
        """Ask each unit to review its register once its review date has come, once per date."""
        today = fields.Date.context_today(self)
        risks = self.sudo().search(
            [("state", "not in", ("draft", "closed")), ("date_review", "<=", today)]
        )
        for risk in risks:
            if risk.review_reminded_date == risk.date_review:
                continue
            reviewer = risk._qms_reviewer()
            if reviewer:
                risk.activity_schedule(
                    "qms_iso9001.mail_activity_type_qms_risk_review",
                    date_deadline=today,
                    summary=self.env._(
                        "Yearly review of the risk register: %(unit)s",
                        unit=risk.department_id.name,
                    ),
                    user_id=reviewer.id,
                )
            risk.review_reminded_date = risk.date_review

    # ------------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------------
    def action_add_action(self):
        """Open a new action already tied to the risk, its unit and its owner."""
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("Reopen the risk before adding an action."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Action"),
            "res_model": "qms.action",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_risk_id": self.id,
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_department_id": self.department_id.id,
                "default_responsible_id": (self.owner_id or self.env.user).id,
                "default_action_type": "improvement"
                if self.risk_type == "opportunity"
                else "preventive",
                "default_name": self.name,
            },
        }

    def action_view_actions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Actions"),
            "res_model": "qms.action",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("risk_id", "=", self.id)],
            "context": {
                "default_risk_id": self.id,
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_department_id": self.department_id.id,
            },
        }

    def action_open_register_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Risk Register Export"),
            "res_model": "qms.risk.register.wizard",
            "view_mode": "form",
            "target": "new",
        }
