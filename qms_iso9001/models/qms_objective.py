from datetime import date

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..input_checks import check_input
from ..lifecycle import LEADER, MANAGER, transition

_lt = LazyTranslate(__name__)

ACHIEVEMENT_SELECTION = [
    ("met", "Met"),
    ("at_risk", "At Risk"),
    ("not_met", "Not Met"),
    ("pending", "Pending"),
]
# What the authors decide while drafting; frozen once submitted (lines guard their own content).
CONTENT_FIELDS = ("name", "year", "company_id", "department_id", "parent_id", "line_ids")
# Computed results the ORM keeps up to date: nobody writes them.
ROLLUP_FIELDS = (
    "line_count",
    "line_met_count",
    "line_at_risk_count",
    "line_not_met_count",
    "line_pending_count",
    "achievement_rate",
    "achievement",
)


class QmsObjective(models.Model):
    """The quality objectives (mục tiêu chất lượng) of one year, for the agency or one unit.

    A unit's objectives hang under the agency's of the same year, so the agency sees how far the
    whole organisation is from its targets: the counts of the children roll up into the parent.

    Drafted by the unit's ISO officer (the agency's by the standing office), approved through the
    approval chain, measured during the year and evaluated by a leader at its end. Once submitted
    the content is frozen; once approved only the year-end evaluation is written; evaluated
    objectives are the year's record and never change, go back or disappear. The standing office
    cancels, resets and reopens, always with a reason.
    """

    _name = "qms.objective"
    _description = "Quality Objectives"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "year desc, department_id nulls first, id"
    _check_company_auto = True

    _qms_workflow_fields = (
        "date_approved",
        "approver_id",
        "date_evaluated",
        "evaluator_id",
        *ROLLUP_FIELDS,
    )
    _qms_editable_fields = {
        "draft": CONTENT_FIELDS,
        "to_approve": (),
        "approved": ("evaluation", "line_ids"),
        "evaluated": (),
        "cancelled": (),
    }
    _qms_field_groups = {"evaluation": (LEADER,)}

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index=True,
        tracking=True,
        check_company=True,
        help="Empty: the objectives of the whole agency.",
    )
    parent_id = fields.Many2one(
        "qms.objective",
        string="Agency Objectives",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('year', '=', year), ('id', '!=', id), ('state', '!=', 'cancelled')]",
        help="The objectives these unit objectives contribute to.",
        compute="_compute_parent_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    child_ids = fields.One2many("qms.objective", "parent_id", string="Unit Objectives")
    line_ids = fields.One2many("qms.objective.line", "objective_id", string="Objectives", copy=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("evaluated", "Evaluated"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_approved = fields.Datetime(readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    evaluation = fields.Html(
        string="Overall Evaluation",
        copy=False,
        help="The year-end assessment of the objectives: results, causes, lessons for next year.",
    )
    date_evaluated = fields.Date(readonly=True, copy=False)
    evaluator_id = fields.Many2one("res.users", string="Evaluated By", readonly=True, copy=False)
    line_count = fields.Integer(
        string="Indicators", compute="_compute_rollup", store=True, recursive=True
    )
    line_met_count = fields.Integer(
        string="Met", compute="_compute_rollup", store=True, recursive=True
    )
    line_at_risk_count = fields.Integer(
        string="At Risk", compute="_compute_rollup", store=True, recursive=True
    )
    line_not_met_count = fields.Integer(
        string="Not Met", compute="_compute_rollup", store=True, recursive=True
    )
    line_pending_count = fields.Integer(
        string="Not Measured", compute="_compute_rollup", store=True, recursive=True
    )
    achievement_rate = fields.Float(
        string="Achievement Rate (%)",
        compute="_compute_rollup",
        store=True,
        recursive=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the indicators (own and of the unit objectives below) that meet their "
        "target.",
    )
    achievement = fields.Selection(
        ACHIEVEMENT_SELECTION,
        compute="_compute_rollup",
        store=True,
        recursive=True,
        help="Not met as soon as one indicator misses its target after its deadline; at risk "
        "when one is behind before its deadline; met when all are met; otherwise pending.",
    )

    _year_valid = models.Constraint(
        "CHECK(year >= 2000 AND year <= 2100)", "The year of the objectives is not valid."
    )
    _one_per_scope_and_year = models.UniqueIndex(
        "(company_id, year, COALESCE(department_id, 0)) WHERE state != 'cancelled'",
        "This unit (or the agency) already has quality objectives for this year: complete them "
        "instead of creating new ones.",
    )

    @api.depends(
        "line_ids.achievement",
        "child_ids.line_count",
        "child_ids.line_met_count",
        "child_ids.line_at_risk_count",
        "child_ids.line_not_met_count",
        "child_ids.line_pending_count",
        "child_ids.state",
    )
    def _compute_rollup(self):
        for objective in self:
            counts = dict.fromkeys(("met", "at_risk", "not_met", "pending"), 0)
            for line in objective.line_ids:
                counts[line.achievement or "pending"] += 1
            for child in objective.child_ids.filtered(lambda c: c.state != "cancelled"):
                counts["met"] += child.line_met_count
                counts["at_risk"] += child.line_at_risk_count
                counts["not_met"] += child.line_not_met_count
                counts["pending"] += child.line_pending_count
            total = sum(counts.values())
            objective.line_count = total
            objective.line_met_count = counts["met"]
            objective.line_at_risk_count = counts["at_risk"]
            objective.line_not_met_count = counts["not_met"]
            objective.line_pending_count = counts["pending"]
            objective.achievement_rate = 100.0 * counts["met"] / total if total else 0.0
            objective.achievement = self._qms_aggregate_achievement(counts, total)

    @api.depends("year", "department_id", "company_id")
    def _compute_parent_id(self):
        """A unit's objectives roll up into the agency's of the same year by default."""
        for objective in self:
            if not objective.department_id:
                objective.parent_id = False
            elif not objective.parent_id or objective.parent_id.year != objective.year:
                objective.parent_id = self._qms_agency_objective(
                    objective.year, objective.company_id.id or self.env.company.id
                )

    @api.model
    def _qms_aggregate_achievement(self, counts, total):
        if counts["not_met"]:
            return "not_met"
        if counts["at_risk"]:
            return "at_risk"
        if total and counts["met"] == total:
            return "met"
        return "pending"

    @api.depends("name", "year", "department_id")
    def _compute_display_name(self):
        for objective in self:
            scope = objective.department_id.name or self.env._("Agency")
            title = objective.name or self.env._("New quality objective")
            objective.display_name = f"{title} ({scope}, {objective.year})"

    # ------------------------------------------------------------------ constraints
    @api.model
    def _qms_check_year(self, vals):
        """Checked before saving: the year moves the roll-up, whose search would send a year
        the database refuses (its own check then ends the request with a database error)."""
        if "year" in vals and not 2000 <= int(vals["year"] or 0) <= 2100:
            raise ValidationError(
                self.env._(
                    "%(year)s is not a valid year for quality objectives.", year=vals["year"]
                )
            )

    @api.constrains("parent_id", "year", "department_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("Objectives cannot roll up into themselves."))
        for objective in self.filtered("parent_id"):
            if objective.parent_id.year != objective.year:
                raise ValidationError(
                    self.env._(
                        "The unit objectives %(name)s (%(year)s) must roll up into objectives of "
                        "the same year, not %(parent_year)s.",
                        name=objective.name,
                        year=objective.year,
                        parent_year=objective.parent_id.year,
                    )
                )
            if not objective.department_id:
                raise ValidationError(
                    self.env._(
                        "The objectives of the whole agency do not roll up into other "
                        "objectives: choose a unit for %(name)s or remove the agency objectives.",
                        name=objective.name,
                    )
                )

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        check_input(self, vals_list)
        for vals in vals_list:
            self._qms_check_year(vals)
        objectives = super().create(vals_list)
        objectives.filtered(lambda o: not o.department_id)._qms_adopt_unit_objectives()
        return objectives

    def _qms_adopt_unit_objectives(self):
        """Unit objectives drafted before the agency's roll up into them once they exist."""
        for objective in self.filtered(lambda o: o.state != "cancelled"):
            orphans = self.sudo().search(
                [
                    ("company_id", "=", objective.company_id.id),
                    ("year", "=", objective.year),
                    ("department_id", "!=", False),
                    ("parent_id", "=", False),
                ]
            )
            orphans.write({"parent_id": objective.id})

    @api.model
    def _qms_agency_objective(self, year, company_id):
        return self.sudo().search(
            [
                ("year", "=", year),
                ("company_id", "=", company_id),
                ("department_id", "=", False),
                ("state", "!=", "cancelled"),
            ],
            limit=1,
        )

    def write(self, vals):
        check_input(self, [vals])
        self._qms_check_year(vals)
        if not self.env.su and "evaluation" in vals:
            self._qms_check_evaluation_open(vals["evaluation"])
        return super().write(vals)

    def _qms_check_evaluation_open(self, value):
        """The overall evaluation is written while the approved objectives are being evaluated."""
        for objective in self:
            if objective.state == "approved" or not objective._qms_value_changes(
                "evaluation", value
            ):
                continue
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s: the year-end evaluation is written while the "
                    "objectives are approved, before it is closed.",
                    name=objective.display_name,
                    state=objective._qms_state_label(),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_without_unit_objectives(self):
        for objective in self:
            if objective.line_ids.measurement_ids:
                raise UserError(
                    self.env._(
                        "%(name)s has recorded measurements: they are evidence of the year, so "
                        "the objectives are cancelled rather than deleted.",
                        name=objective.display_name,
                    )
                )
            if objective.child_ids:
                raise UserError(
                    self.env._(
                        "Unit objectives roll up into %(name)s: remove or re-attach them first.",
                        name=objective.display_name,
                    )
                )

    # ------------------------------------------------------------------ approval hooks
    def _qms_approval_department(self):
        self.ensure_one()
        return self.department_id

    def _qms_check_ready_to_submit(self):
        for objective in self:
            if not objective.line_ids:
                raise UserError(
                    self.env._(
                        "Add at least one objective with its indicator and target to "
                        "%(name)s before submitting it.",
                        name=objective.display_name,
                    )
                )
            objective.line_ids._qms_check_ready()

    def _qms_approval_on_approved(self, request):
        self._qms_set(
            {
                "state": "approved",
                "date_approved": fields.Datetime.now(),
                "approver_id": request._qms_last_approver().id,
            }
        )

    # ------------------------------------------------------------------ transitions
    @transition(("approved",), groups=(LEADER,), label=_lt("Close Year-End Evaluation"))
    def action_evaluate(self):
        """Close the year: every missed target needs its cause so next year's plan can act."""
        for objective in self:
            missing = objective.line_ids.filtered(
                lambda line: line.achievement in ("not_met", "at_risk") and not line.cause_not_met
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Give the cause of the missed targets before closing the evaluation: "
                        "%(lines)s.",
                        lines=", ".join(missing.mapped("name")),
                    )
                )
        self._qms_set(
            {
                "state": "evaluated",
                "date_evaluated": fields.Date.context_today(self),
                "evaluator_id": self.env.user.id,
            }
        )
        return True

    @transition(
        ("draft", "to_approve", "approved"), groups=(MANAGER,), label=_lt("Cancel Objectives")
    )
    def action_cancel(self, reason=None):
        """The standing office withdraws objectives that will not be pursued, saying why."""
        self._qms_log_reason(self.env._("Cancel Objectives"), reason)
        for objective in self:
            request = objective.sudo().approval_request_id
            if request.state == "pending":
                # Not a recall by the requester: the standing office withdraws the objectives.
                request._qms_close("cancelled")
                request._qms_post(
                    self.env._("Approval request closed: the objectives were cancelled.")
                )
        self._qms_set({"state": "cancelled"})
        return True

    @transition(
        ("approved", "cancelled"), groups=(MANAGER,), label=_lt("Reset Objectives to Draft")
    )
    def action_reset_to_draft(self, reason=None):
        """Amend approved objectives (they must be approved again) or revive cancelled ones.

        Evaluated objectives are never reset: reopening their evaluation is `action_reopen`.
        """
        self._qms_log_reason(self.env._("Reset Objectives to Draft"), reason)
        self._qms_set({"state": "draft"})
        return True

    @transition(("evaluated",), groups=(MANAGER,), label=_lt("Reopen Evaluation"))
    def action_reopen(self, reason=None):
        """Reopen a closed year-end evaluation that must be corrected, saying why.

        The objectives go back to approved: their targets stay as approved, the evaluation is
        written again and closed again by a leader.
        """
        self._qms_log_reason(self.env._("Reopen Evaluation"), reason)
        self._qms_set({"state": "approved", "date_evaluated": False, "evaluator_id": False})
        return True

    def action_cancel_ask_reason(self):
        return self._qms_reason_wizard_action("action_cancel", self.env._("Cancel Objectives"))

    def action_reset_to_draft_ask_reason(self):
        return self._qms_reason_wizard_action(
            "action_reset_to_draft", self.env._("Reset Objectives to Draft")
        )

    def action_reopen_ask_reason(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Evaluation"))

    def action_copy_to_next_year(self):
        """Start next year's objectives from this year's: same indicators, no measurements."""
        self._qms_ensure_one()
        year = self.year + 1
        existing = self.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("year", "=", year),
                ("department_id", "=", self.department_id.id),
                ("state", "!=", "cancelled"),
            ],
            limit=1,
        )
        if existing:
            raise UserError(
                self.env._(
                    "The objectives of %(year)s already exist for this scope.",
                    year=year,
                )
            )
        parent = self.env["qms.objective"]
        if self.department_id:
            parent = self._qms_agency_objective(year, self.company_id.id)
        lines = [
            Command.create(
                {
                    **vals,
                    "date_deadline": line.date_deadline
                    and self._qms_shift_year(line.date_deadline, year),
                }
            )
            for line, vals in zip(self.line_ids, self.line_ids.copy_data(), strict=True)
        ]
        new = self.copy(
            {
                "year": year,
                "parent_id": parent.id,
                "name": self.name.replace(str(self.year), str(year)),
                "line_ids": lines,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    @api.model
    def _qms_shift_year(self, day, year):
        try:
            return day.replace(year=year)
        except ValueError:  # 29 February
            return date(year, day.month, 28)

    def action_view_measurements(self):
        self._qms_ensure_one()
        name = self.env._("Measurements")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "qms.objective.measurement",
            "view_mode": "list,form",
            "domain": [("objective_id", "child_of", self.id)],
            "context": {"search_default_group_by_line": 1},
        }
