from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..deadline import KINDS, budget_hours

ONE_STOP_GROUP = "qms_iso9001_tthc.group_qms_tthc_one_stop"
LEADER_GROUP = "qms_iso9001.group_qms_leader"

# a step always has a measure: "not stated" is for published limits only
STEP_KINDS = [kind for kind in KINDS if kind[0] != "unstated"]

ROLES = [
    ("one_stop", "One-stop Officer"),
    ("specialist", "Specialist"),
    ("unit_head", "Head of Unit"),
    ("leader", "Agency Leader"),
    ("other", "Other"),
]


class QmsTthcStep(models.Model):
    """A step of a flow: who holds the dossier, for how long, with which forms.

    A step counts for the filing methods it is ticked for (a postal dossier skips the desk
    reception step, an online one the scanning...), so the sum is checked per method.

    Its lifecycle is its flow's: steps are drafted with the flow and frozen (never changed,
    added or deleted) once the flow is submitted for approval.
    """

    _name = "qms.tthc.step"
    _description = "TTHC Flow Step"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "flow_id, sequence, id"
    _check_company_auto = True

    _qms_state_field = "flow_state"
    _qms_editable_fields = {"to_approve": (), "approved": (), "superseded": ()}
    _qms_deletable_states = ("draft",)

    flow_id = fields.Many2one("qms.tthc.flow", required=True, ondelete="cascade", index=True)
    procedure_id = fields.Many2one(
        related="flow_id.procedure_id", store=True, index=True, string="Procedure"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Step", required=True, help="E.g. Tiếp nhận hồ sơ tại Bộ phận Một cửa."
    )
    # the unit is of the flow's agency, or of the step's coordinating agency (see
    # _check_department_agency), so the ORM's company check cannot be the one applied
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        index=True,
        domain="[('company_id', 'in', [False, company_id, agency_id])]",
    )
    agency_id = fields.Many2one(
        "res.company",
        string="Coordinating Agency",
        index=True,
        help="Inter-agency procedures (liên thông): the other agency whose unit holds this "
        "step. The dossier is handed over to that agency for the step, and its handler reads "
        "the dossier while holding it. Empty for a step of the procedure's own agency.",
    )
    role = fields.Selection(ROLES, string="Responsible Role", required=True, default="specialist")
    duration = fields.Float(required=True, digits=(6, 2))
    duration_unit = fields.Selection(
        STEP_KINDS,
        string="Kind",
        required=True,
        default="hour",
        help="How the step's time is counted, as the legal limit is (see the procedure): its "
        "deadline counts from the hand-over and never passes the dossier's appointment date.",
    )
    for_direct = fields.Boolean(string="Direct", default=True)
    for_online = fields.Boolean(string="Online", default=True)
    for_postal = fields.Boolean(string="Postal", default=True)
    form_document_ids = fields.Many2many(
        "qms.document",
        "qms_tthc_step_form_rel",
        "step_id",
        "document_id",
        string="Forms",
        check_company=True,
        domain="[('kind', '=', 'form')]",
    )
    output = fields.Char(help="What the step hands over, e.g. Phiếu kiểm soát, Dự thảo kết quả.")
    description = fields.Text(string="Work Done")
    flow_state = fields.Selection(related="flow_id.state", string="Flow Status")
    company_id = fields.Many2one(related="flow_id.company_id", store=True, index=True)

    _duration_positive = models.Constraint(
        "CHECK(duration >= 0)", "The duration of a step cannot be negative."
    )

    @api.constrains("department_id", "agency_id", "flow_id")
    def _check_department_agency(self):
        """A step is held by a unit of the flow's agency, or of its coordinating agency."""
        for step in self.sudo():
            if step.agency_id and step.agency_id == step.company_id:
                raise ValidationError(
                    self.env._(
                        "The coordinating agency of the step %(step)s is another agency than "
                        "the procedure's: leave it empty for the procedure's own units.",
                        step=step.name,
                    )
                )
            unit_company = step.department_id.company_id
            if unit_company and unit_company not in (step.company_id | step.agency_id):
                raise ValidationError(
                    self.env._(
                        "The unit %(unit)s of the step %(step)s belongs to %(agency)s: choose a "
                        "unit of the procedure's agency, or name %(agency)s as the step's "
                        "coordinating agency.",
                        unit=step.department_id.name,
                        step=step.name,
                        agency=unit_company.name,
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        if any(step.duration < 0 for step in self):
            raise ValidationError(self.env._("The duration of a step cannot be negative."))

    @api.constrains("duration", "duration_unit", "for_direct", "for_online", "for_postal")
    def _check_duration_within_legal_time(self):
        """A single step never takes longer than the procedure's legal time for a method it
        counts for. Under Vietnamese number formats "." separates thousands, so "0.5" typed in
        the browser is read as 5: the message says so and shows the number with the user's
        decimal separator."""
        for step in self.sudo():
            hours_per_day = step.flow_id._qms_hours_per_day()
            hours = step._qms_hours(hours_per_day)
            for limit in step.procedure_id.processing_time_ids:
                legal = limit._qms_hours(hours_per_day)
                if legal is None or not step[f"for_{limit.filing_method}"] or hours <= legal:
                    continue
                raise ValidationError(step._qms_too_long_message(limit))

    def _qms_too_long_message(self, limit):
        point = self.env["res.lang"]._get_data(code=self.env.lang or "en_US").decimal_point or "."
        duration = f"{self.duration:g}".replace(".", point)
        if self.duration == int(self.duration) and 1 <= self.duration <= 9:
            hint = f"0{point}{int(self.duration)}"
        else:
            hint = f"2{point}5"
        return self.env._(
            "The step %(step)s takes %(duration)s %(kind)s, more than the legal time of the "
            "procedure (%(legal)s). Did you mean %(hint)s? Decimals are typed with "
            '"%(point)s".',
            step=self.name,
            duration=duration,
            kind=dict(self._fields["duration_unit"]._description_selection(self.env)).get(
                self.duration_unit, ""
            ),
            legal=limit.display_name,
            hint=hint,
            point=point,
        )

    def _qms_hours(self, hours_per_day):
        """Working hours of the step, counted as the legal limits are (see `budget_hours`); an
        immediate step takes none of the limit."""
        self.ensure_one()
        return budget_hours(self.duration_unit, self.duration, hours_per_day) or 0.0

    def _qms_role_takers(self, users):
        """The users among `users` who hold the step's role: the desk for a one-stop step, a
        leader of the agency for a leader's step, the head of the step's unit (or of a unit
        above it) for a head's step; anyone for a specialist's or another step. Used both to
        offer the takers of a hand-over and to refuse the others."""
        self.ensure_one()
        step = self.sudo()
        if step.role == "one_stop":
            return users.filtered(lambda user: user.sudo().has_group(ONE_STOP_GROUP))
        if step.role == "leader":
            return users.filtered(lambda user: user.sudo().has_group(LEADER_GROUP))
        if step.role == "unit_head":
            Department = self.env["hr.department"].sudo()
            domain = [("manager_id.user_id", "in", users.ids)]
            if step.department_id:
                domain.append(("id", "parent_of", step.department_id.id))
            return users & Department.search(domain).manager_id.user_id
        return users

    def _qms_role_label(self):
        self.ensure_one()
        return dict(self._fields["role"]._description_selection(self.env)).get(self.role, "")

    def _qms_check_flow_draft(self, flows):
        if any(flow.state != "draft" for flow in flows):
            raise UserError(
                self.env._("The steps of a submitted or approved flow cannot be changed.")
            )

    @api.model
    def _qms_check_create_vals(self, vals):
        """A step is added to a draft flow only."""
        self._qms_check_target_flow(vals)
        return super()._qms_check_create_vals(vals)

    def _qms_check_write_vals(self, vals):
        """Nor moved to a flow that left the draft stage."""
        self._qms_check_target_flow(vals)
        return super()._qms_check_write_vals(vals)

    def _qms_check_target_flow(self, vals):
        flow_id = vals.get("flow_id")
        if isinstance(flow_id, int) and not isinstance(flow_id, bool):
            self._qms_check_flow_draft(self.env["qms.tthc.flow"].browse(flow_id).sudo().exists())
