from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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


class QmsRisk(models.Model):
    """A risk or an opportunity of a unit (ISO 9001 clause 6.1), rated on the agency's matrix.

    The register is reviewed once a year per unit: `date_review` is the next review date and
    a daily job asks the unit's ISO officer (or its head) when it has come.
    """

    _name = "qms.risk"
    _description = "Risk or Opportunity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "score desc, date_identified desc, id desc"

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
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("code"):
                vals["code"] = self.env["ir.sequence"].next_by_code("qms.risk") or "/"
            if not vals.get("date_review"):
                identified = fields.Date.to_date(
                    vals.get("date_identified") or fields.Date.context_today(self)
                )
                vals["date_review"] = identified + REVIEW_INTERVAL
        return super().create(vals_list)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for risk in self:
            risk.display_name = f"[{risk.code}] {risk.name}" if risk.code else risk.name

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(risk.state != "draft" or risk.sudo().action_ids for risk in self):
            raise UserError(
                self.env._(
                    "A risk that was assessed or has actions stays in the register: archive it "
                    "instead of deleting it."
                )
            )

    def _check_state(self, allowed, action):
        for risk in self:
            if risk.state not in allowed:
                raise UserError(
                    self.env._(
                        "'%(risk)s' cannot be %(action)s in its current state.",
                        risk=risk.display_name,
                        action=action,
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

    def action_assess(self):
        self._check_state(("draft",), self.env._("assessed"))
        self.write({"state": "assessed"})

    def action_start_treatment(self):
        self._check_state(("assessed",), self.env._("put under treatment"))
        self._check_actions_planned()
        self.write({"state": "treating"})

    def action_monitor(self):
        self._check_state(("assessed", "treating"), self.env._("monitored"))
        self._check_actions_planned()
        self.write({"state": "monitored"})

    def action_close(self):
        self._check_state(("assessed", "treating", "monitored"), self.env._("closed"))
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})

    def action_reopen(self):
        self._check_state(("closed",), self.env._("reopened"))
        self.write({"state": "monitored", "date_closed": False})

    def action_reset_draft(self):
        self._check_state(("assessed",), self.env._("set back to draft"))
        self.write({"state": "draft"})

    # ------------------------------------------------------------------
    # Yearly review
    # ------------------------------------------------------------------
    def action_mark_reviewed(self):
        """Record the yearly review: dated in the chatter, next one a year later."""
        today = fields.Date.context_today(self)
        for risk in self:
            if risk.state == "draft":
                raise UserError(
                    self.env._(
                        "Assess '%(risk)s' before recording a review.", risk=risk.display_name
                    )
                )
            risk.write(
                {
                    "date_last_review": today,
                    "date_review": today + REVIEW_INTERVAL,
                    "review_reminded_date": False,
                }
            )
            risk.activity_feedback(["qms_iso9001.mail_activity_type_qms_risk_review"])
            risk.message_post(
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
