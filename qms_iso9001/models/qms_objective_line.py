from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate, date_utils, float_compare

from .. import decimal_mark
from ..input_checks import check_input
from ..lifecycle import LEADER, MANAGER, UNIT_OFFICER, transition
from .qms_objective import ACHIEVEMENT_SELECTION
from .qms_satisfaction_survey import satisfaction_rate

_lt = LazyTranslate(__name__)

FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
OPERATOR_SYMBOLS = {">=": "≥", "<=": "≤", "=": "="}
# What the objective's authors decide; frozen once the objectives are submitted.
CONTENT_FIELDS = (
    "objective_id",
    "sequence",
    "name",
    "indicator",
    "target_operator",
    "target_value",
    "uom",
    "measuring_method",
    "frequency",
    "department_id",
    "responsible_id",
    "measures",
    "date_deadline",
    "indicator_source",
)
# Written by a leader while the approved objectives are evaluated.
EVALUATION_FIELDS = ("evaluation", "cause_not_met")
MEASURE_ACTIVITY = "qms_iso9001.mail_activity_type_qms_objective_measure"


class QmsObjectiveLine(models.Model):
    """One measurable objective: what is aimed at, the indicator, the target and who measures it.

    Its achievement follows the latest measurement: a missed target is only "at risk" while the
    deadline has not passed and the measurement was an interim one, because the unit can still
    catch up; afterwards it is "not met".

    A line lives the life of its objectives (its state is theirs): drafted with them, frozen
    once submitted, measured and evaluated while approved, kept as it was once evaluated.
    """

    _name = "qms.objective.line"
    _description = "Quality Objective Line"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "objective_id, sequence, id"
    _check_company_auto = True

    _qms_state_field = "objective_state"
    # the results follow the measurements; the reminder flag is the daily job's
    _qms_workflow_fields = (
        "measurement_count",
        "actual_value",
        "last_measurement_date",
        "achievement",
        "next_measurement_date",
        "reminded_date",
    )
    _qms_editable_fields = {
        "draft": CONTENT_FIELDS,
        "to_approve": (),
        "approved": (*EVALUATION_FIELDS, "measurement_ids"),
        "evaluated": (),
        "cancelled": (),
    }
    _qms_deletable_states = ("draft",)
    _qms_field_groups = dict.fromkeys(EVALUATION_FIELDS, (LEADER,))

    objective_id = fields.Many2one(
        "qms.objective", string="Quality Objectives", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Objective", required=True, tracking=True)
    indicator = fields.Char(
        required=True,
        tracking=True,
        help="What is measured, e.g. 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn'.",
    )
    target_operator = fields.Selection(
        [(">=", "At Least (≥)"), ("<=", "At Most (≤)"), ("=", "Exactly (=)")],
        string="Operator",
        required=True,
        default=">=",
        tracking=True,
    )
    target_value = fields.Float(string="Target", required=True, tracking=True, digits=(16, 2))
    uom = fields.Char(string="Unit of Measure", default="%", help="E.g. %, hồ sơ, phản ánh.")
    target_display = fields.Char(string="Target Value", compute="_compute_target_display")
    measuring_method = fields.Text(help="Where the figures come from and how they are computed.")
    frequency = fields.Selection(
        [
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("half_yearly", "Half-Yearly"),
            ("yearly", "Yearly"),
        ],
        string="Measuring Frequency",
        required=True,
        default="quarterly",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        index=True,
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible Person",
        index=True,
        tracking=True,
        help="Receives the reminders before each measurement is due.",
    )
    measures = fields.Text(help="What the agency does to reach the target (biện pháp thực hiện).")
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        precompute=True,
        help="Date by which the target must be reached. Defaults to the end of the year.",
    )
    indicator_source = fields.Selection(
        [
            ("manual", "Entered by Hand"),
            ("satisfaction_rate", "Customer satisfaction rate from the surveys (%)"),
        ],
        string="Value Source",
        required=True,
        default="manual",
        help="Where the actual value comes from. Other applications (e.g. administrative "
        "procedures) add sources that compute it automatically.",
    )
    measurement_ids = fields.One2many("qms.objective.measurement", "line_id", string="Measurements")
    measurement_count = fields.Integer(compute="_compute_measurement_stats", store=True)
    actual_value = fields.Float(
        compute="_compute_measurement_stats",
        store=True,
        digits=(16, 2),
        help="Value of the latest measurement.",
    )
    last_measurement_date = fields.Date(compute="_compute_measurement_stats", store=True)
    achievement = fields.Selection(
        ACHIEVEMENT_SELECTION,
        compute="_compute_achievement",
        store=True,
        index=True,
        default="pending",
    )
    next_measurement_date = fields.Date(
        string="Next Measurement Due",
        compute="_compute_next_measurement_date",
        store=True,
        help="End of the first period of the year that has no measurement yet.",
    )
    reminded_date = fields.Date(
        readonly=True, copy=False, help="Due date the responsible person was last reminded of."
    )
    evaluation = fields.Text(help="Year-end assessment of this objective.")
    cause_not_met = fields.Text(
        string="Cause of Not Met", help="Why the target was missed, to act on next year."
    )
    year = fields.Integer(related="objective_id.year", store=True)
    company_id = fields.Many2one(related="objective_id.company_id", store=True, index=True)
    scope_department_id = fields.Many2one(
        related="objective_id.department_id", string="Objective Unit", store=True, index=True
    )
    objective_state = fields.Selection(related="objective_id.state", store=True, string="Status")

    _target_positive = models.Constraint(
        "CHECK(target_value >= 0)", "The target value of an objective cannot be negative."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("target_operator", "target_value", "uom")
    def _compute_target_display(self):
        for line in self:
            value = f"{line.target_value:g}".replace(".", ",")
            symbol = OPERATOR_SYMBOLS.get(line.target_operator, "")
            line.target_display = " ".join(part for part in (symbol, value, line.uom) if part)

    @api.depends("objective_id.department_id")
    def _compute_department_id(self):
        for line in self:
            if not line.department_id:
                line.department_id = line.objective_id.department_id

    @api.depends("objective_id.year")
    def _compute_date_deadline(self):
        for line in self:
            if not line.date_deadline and line.objective_id.year:
                line.date_deadline = date(line.objective_id.year, 12, 31)

    @api.depends("measurement_ids.date_to", "measurement_ids.actual_value")
    def _compute_measurement_stats(self):
        for line in self:
            latest = line._qms_latest_measurement()
            line.measurement_count = len(line.measurement_ids)
            line.actual_value = latest.actual_value
            line.last_measurement_date = latest.date_to

    @api.depends(
        "measurement_ids.date_to",
        "measurement_ids.actual_value",
        "target_operator",
        "target_value",
        "date_deadline",
    )
    def _compute_achievement(self):
        today = fields.Date.context_today(self)
        for line in self:
            latest = line._qms_latest_measurement()
            if not latest:
                line.achievement = "pending"
            elif line._qms_target_met(latest.actual_value):
                line.achievement = "met"
            elif line.date_deadline and latest.date_to < line.date_deadline >= today:
                line.achievement = "at_risk"
            else:
                line.achievement = "not_met"

    @api.depends("measurement_ids.date_to", "frequency", "objective_id.year")
    def _compute_next_measurement_date(self):
        for line in self:
            measured = line.measurement_ids.mapped("date_to")
            line.next_measurement_date = next(
                (
                    end
                    for start, end in line._qms_periods()
                    if not any(start <= day <= end for day in measured)
                ),
                False,
            )

    def _qms_latest_measurement(self):
        self.ensure_one()
        return self.measurement_ids.sorted(lambda m: (m.date_to, m.id))[-1:]

    def _qms_target_met(self, value):
        """Compare with a tolerance so that 98.0 entered as 97.99999 still meets "≥ 98"."""
        self.ensure_one()
        comparison = float_compare(value, self.target_value, precision_digits=2)
        if self.target_operator == ">=":
            return comparison >= 0
        if self.target_operator == "<=":
            return comparison <= 0
        return comparison == 0

    def _qms_periods(self):
        """The measuring periods of the objective's year, as (first day, last day)."""
        self.ensure_one()
        year = self.objective_id.year
        months = FREQUENCY_MONTHS.get(self.frequency)
        if not year or not months:
            return []
        periods = []
        for month in range(1, 13, months):
            start = date(year, month, 1)
            end = date_utils.end_of(date(year, month + months - 1, 1), "month")
            periods.append((start, end))
        return periods

    def _qms_period_of(self, day):
        self.ensure_one()
        for start, end in self._qms_periods():
            if start <= day <= end:
                return start, end
        return day, day

    # ------------------------------------------------------------------ hook
    def _qms_compute_indicator_value(self, date_from, date_to):
        """The actual value of the indicator over the period, or None when entered by hand.

        Addons that add an `indicator_source` (e.g. the TTHC on-time rate) override this method,
        return their figure for their source and call super() for the others.
        """
        self.ensure_one()
        if self.indicator_source == "satisfaction_rate":
            return self._qms_satisfaction_rate(date_from, date_to)
        # Entered by hand: no automatic value (the method then returns None).

    def _qms_satisfaction_rate(self, date_from, date_to):
        """Satisfied or acceptable answers among the rated ones in the satisfaction surveys of
        the period (under way or closed), of the objective's unit and its sub-units or the whole
        agency; None while no answer was rated."""
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("open", "closed")),
            ("date_from", "<=", date_to),
            ("date_to", ">=", date_from),
        ]
        if self.scope_department_id:
            domain.append(("department_id", "child_of", self.scope_department_id.id))
        campaigns = self.env["qms.satisfaction.survey"].sudo().search(domain)
        return satisfaction_rate(campaigns._qms_counts(date_from, date_to))

    def _qms_is_automatic(self):
        """Whether the daily job takes the value from `_qms_compute_indicator_value`."""
        self.ensure_one()
        return self.indicator_source != "manual"

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        check_input(self, vals_list)
        if not self.env.su:
            objective_ids = [
                vals["objective_id"]
                for vals in vals_list
                if isinstance(vals.get("objective_id"), int)
            ]
            self._qms_check_objectives_draft(self.env["qms.objective"].browse(objective_ids))
        return super().create(vals_list)

    def write(self, vals):
        check_input(self, [vals])
        if not self.env.su:
            if vals.get("objective_id"):
                self._qms_check_objectives_draft(
                    self.env["qms.objective"].browse(vals["objective_id"])
                )
            changed = [
                name
                for name in EVALUATION_FIELDS
                if name in vals and self._qms_value_changes(name, vals[name])
            ]
            if changed:
                self._qms_check_evaluation_open()
        return super().write(vals)

    @api.model
    def _qms_check_objectives_draft(self, objectives):
        """Objectives are drafted with their lines: none is added once they are submitted."""
        for objective in objectives.sudo():
            if objective.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: its objectives and targets are no longer "
                        "changed. The standing office resets it to draft if it must be amended.",
                        name=objective.display_name,
                        state=objective._qms_state_label(),
                    )
                )

    def _qms_check_evaluation_open(self):
        for line in self:
            if line.objective_state != "approved":
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: objectives are evaluated once approved, until "
                        "the evaluation is closed.",
                        name=line.objective_id.display_name,
                        state=line._qms_state_label(),
                    )
                )

    @api.constrains("target_value", "uom")
    def _check_percent_target(self):
        for line in self:
            line._qms_check_percent(line.target_value)

    def _qms_check_percent(self, value):
        """A rate in % (the unit of most indicators) is at most 100: a larger one is a decimal
        typed with the wrong mark, refused with the mark the user's language uses."""
        self.ensure_one()
        if (self.uom or "").strip() != "%" or value <= 100:
            return
        raise ValidationError(
            self.env._(
                'The value %(value)s%% of "%(indicator)s" is more than 100%%. Did you mean '
                '%(hint)s? Decimals are typed with "%(point)s".',
                value=decimal_mark.shown(self.env, value),
                indicator=self.indicator,
                hint=decimal_mark.likely_meant(self.env, value, 100),
                point=decimal_mark.decimal_point(self.env),
            )
        )

    @api.constrains("date_deadline", "objective_id")
    def _check_deadline_in_year(self):
        for line in self.filtered("date_deadline"):
            year = line.objective_id.year
            if line.date_deadline.year not in (year, year + 1):
                raise ValidationError(
                    self.env._(
                        "The deadline of %(name)s (%(deadline)s) must fall in %(year)s, the year "
                        "of the objectives, or early the following year.",
                        name=line.name,
                        deadline=line.date_deadline,
                        year=year,
                    )
                )

    def _qms_check_ready(self):
        for line in self:
            if not line.responsible_id and not line.department_id:
                raise UserError(
                    self.env._(
                        "Say which unit or person is responsible for %(name)s.", name=line.name
                    )
                )

    # ------------------------------------------------------------------ actions
    def _qms_is_measurer(self, user):
        """Who records the measurements of the line (as the record rules of measurements say):
        its responsible person, or an ISO officer of its unit or of the objectives' unit."""
        self.ensure_one()
        line = self.sudo()
        if line.responsible_id == user:
            return True
        if not user.has_group(UNIT_OFFICER):
            return False
        units = user.employee_ids.department_id
        own = self.env["hr.department"].sudo().search([("id", "child_of", units.ids)])
        return bool((line.department_id | line.scope_department_id) & own)

    @transition(
        ("approved",),
        groups=(MANAGER,),
        role="_qms_is_measurer",
        access="read",
        label=_lt("Measure Now"),
    )
    def action_measure_now(self):
        """Take the value of an automatic indicator for the current period up to today."""
        today = fields.Date.context_today(self)
        for line in self:
            start, end = line._qms_period_of(min(today, line._qms_periods()[-1][1]))
            measurement = line._qms_measure(start, min(end, today))
            if measurement is None:
                raise UserError(
                    self.env._(
                        "The value of %(indicator)s cannot be computed automatically: enter "
                        "the measurement by hand.",
                        indicator=line.indicator,
                    )
                )
        return True

    def _qms_measure(self, date_from, date_to):
        """Record (or refresh) the automatic measurement of the period; None for manual ones."""
        self.ensure_one()
        value = self._qms_compute_indicator_value(date_from, date_to)
        if value is None:
            return None
        Measurement = self.env["qms.objective.measurement"].sudo()
        period_start, period_end = self._qms_period_of(date_to)
        existing = Measurement.search(
            [
                ("line_id", "=", self.id),
                ("is_automatic", "=", True),
                ("date_to", ">=", period_start),
                ("date_to", "<=", period_end),
            ],
            limit=1,
        )
        vals = {"date_from": date_from, "date_to": date_to, "actual_value": value}
        if existing:
            existing.write(vals)
            return existing
        return Measurement.create({**vals, "line_id": self.id, "is_automatic": True})

    def action_add_measurement(self):
        self._qms_ensure_one()
        today = fields.Date.context_today(self)
        start, end = self._qms_period_of(self.next_measurement_date or today)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Measurement"),
            "res_model": "qms.objective.measurement",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_line_id": self.id,
                "default_date_from": start,
                "default_date_to": end,
            },
        }

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_measurement_reminders(self):
        """Daily: close overdue "at risk" lines, measure automatic indicators, remind the others."""
        today = fields.Date.context_today(self)
        self._qms_refresh_overdue(today)
        lines = self.sudo().search(
            [("objective_state", "=", "approved"), ("next_measurement_date", "!=", False)]
        )
        for line in lines:
            if line._qms_is_automatic():
                line._qms_measure_due_periods(today)
            else:
                line._qms_remind(today)

    @api.model
    def _qms_refresh_overdue(self, today):
        """An interim miss becomes final once the deadline is behind us."""
        overdue = self.sudo().search(
            [("achievement", "=", "at_risk"), ("date_deadline", "<", today)]
        )
        # assigning the stored field outside a recompute writes it and updates the roll-up
        overdue._compute_achievement()

    def _qms_measure_due_periods(self, today):
        self.ensure_one()
        for start, end in self._qms_periods():
            if end >= today:
                break
            due = self.next_measurement_date and self.next_measurement_date <= end
            if due and self._qms_measure(start, end) is None:
                break

    def _qms_remind(self, today):
        self.ensure_one()
        due = self.next_measurement_date
        days = self.company_id.qms_objective_reminder_days
        if self.reminded_date == due or today < due - timedelta(days=days):
            return
        user = self.responsible_id or self.department_id.manager_id.user_id
        if user:
            self.activity_schedule(
                MEASURE_ACTIVITY,
                date_deadline=due,
                summary=self.env._(
                    "Measure %(indicator)s (due %(date)s)", indicator=self.indicator, date=due
                ),
                user_id=user.id,
            )
        self.reminded_date = due

    def _qms_close_measure_activities(self, day):
        """A measurement recorded for a period settles the reminder of that period."""
        self.ensure_one()
        start, end = self._qms_period_of(day)
        activity_type = self.env.ref(MEASURE_ACTIVITY, raise_if_not_found=False)
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and start <= a.date_deadline <= end
        )
        if activities:
            activities.action_feedback(feedback=self.env._("Measurement recorded."))
