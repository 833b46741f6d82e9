from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..input_checks import check_input, checked_number
from .ir_attachment import EVIDENCE_TYPES

# Values and periods: what a measurement says. Automatic ones are the system's figures.
VALUE_FIELDS = ("line_id", "date_from", "date_to", "actual_value")


class QmsObjectiveMeasurement(models.Model):
    """The value an indicator actually reached over one period, with its evidence.

    Measurements are the proof the agency shows its auditors, so they are only recorded,
    corrected or removed while their objectives are approved; in any other state of the
    objectives (its state is theirs) they stay as they are, and an evaluated year keeps them for
    ever. Automatic values are refreshed by "Measure Now", never typed over.
    """

    _name = "qms.objective.measurement"
    _description = "Quality Objective Measurement"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "date_to desc, id desc"

    _qms_state_field = "objective_state"
    _qms_workflow_fields = ("is_automatic", "is_met")
    _qms_editable_fields = {"draft": (), "to_approve": (), "evaluated": (), "cancelled": ()}
    _qms_deletable_states = ("approved",)

    line_id = fields.Many2one(
        "qms.objective.line", string="Objective", required=True, ondelete="cascade", index=True
    )
    objective_id = fields.Many2one(
        related="line_id.objective_id", string="Quality Objectives", store=True, index=True
    )
    indicator = fields.Char(related="line_id.indicator")
    target_display = fields.Char(related="line_id.target_display", string="Target")
    uom = fields.Char(related="line_id.uom")
    department_id = fields.Many2one(
        related="line_id.department_id", string="Responsible Unit", store=True, index=True
    )
    responsible_id = fields.Many2one(
        related="line_id.responsible_id", string="Responsible Person", store=True
    )
    scope_department_id = fields.Many2one(
        related="line_id.scope_department_id", string="Objective Unit", store=True
    )
    objective_state = fields.Selection(related="line_id.objective_state", store=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, index=True)
    actual_value = fields.Float(required=True, digits=(16, 2), aggregator="avg")
    is_met = fields.Boolean(string="Target Met", compute="_compute_is_met", store=True)
    evidence = fields.Binary(attachment=True, help="Report or extract the value comes from.")
    evidence_name = fields.Char()
    note = fields.Text()
    is_automatic = fields.Boolean(
        string="Computed Automatically",
        readonly=True,
        help="Taken from the application that holds the figures, not entered by hand.",
    )

    _dates_ordered = models.Constraint(
        "CHECK(date_from <= date_to)", "A measurement period cannot end before it starts."
    )
    _value_positive = models.Constraint(
        "CHECK(actual_value >= 0)", "A measured value cannot be negative."
    )
    _period_unique = models.UniqueIndex(
        "(line_id, date_from, date_to)",
        "This period of the indicator has already been measured: correct that measurement instead.",
    )

    @api.depends("line_id.target_operator", "line_id.target_value", "actual_value")
    def _compute_is_met(self):
        for measurement in self:
            measurement.is_met = bool(measurement.line_id) and measurement.line_id._qms_target_met(
                measurement.actual_value
            )

    @api.depends("line_id.indicator", "date_from", "date_to")
    def _compute_display_name(self):
        for measurement in self:
            measurement.display_name = self.env._(
                "%(indicator)s, %(start)s - %(end)s",
                indicator=measurement.line_id.indicator or "",
                start=measurement.date_from and measurement.date_from.strftime("%d/%m/%Y"),
                end=measurement.date_to and measurement.date_to.strftime("%d/%m/%Y"),
            )

    @api.constrains("actual_value", "line_id")
    def _check_percent_value(self):
        for measurement in self:
            measurement.line_id._qms_check_percent(measurement.actual_value)

    @api.constrains("date_from", "date_to", "line_id")
    def _check_year(self):
        for measurement in self:
            year = measurement.line_id.year
            if measurement.date_to.year not in (year, year + 1) or (
                measurement.date_from.year < year - 1
            ):
                raise ValidationError(
                    self.env._(
                        "The measurement of %(indicator)s must concern %(year)s, the year of "
                        "its objectives.",
                        indicator=measurement.line_id.indicator,
                        year=year,
                    )
                )

    def _qms_check_vals(self, date_from, date_to, actual_value):
        """Checked before saving so the user reads a message, not a database error (a period
        measured twice is refused by the unique index, with its own message)."""
        actual_value = checked_number(self, "actual_value", actual_value)
        try:
            date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._("The period of a measurement is given by two dates.")
            ) from error
        if date_from and date_to and date_from > date_to:
            raise ValidationError(self.env._("A measurement period cannot end before it starts."))
        if actual_value < 0:
            raise ValidationError(self.env._("A measured value cannot be negative."))

    @api.model
    def _qms_check_lines_open(self, lines):
        for line in lines.sudo():
            if line.objective_state != "approved":
                raise UserError(
                    self.env._(
                        "Measurements are recorded on approved objectives only; %(name)s is "
                        "not open for measuring.",
                        name=line.objective_id.display_name,
                    )
                )

    def _qms_check_evidence(self, vals, name=None):
        """The evidence is stored by the ORM as superuser: its file is checked here."""
        if vals.get("evidence"):
            self.env["ir.attachment"]._qms_check_upload(
                vals.get("evidence_name") or name or "",
                vals["evidence"],
                company=self.env.company,
                allowed=EVIDENCE_TYPES,
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_input(self, vals_list)
        for vals in vals_list:
            if not self.env.su:
                self._qms_check_evidence(vals)
            self._qms_check_vals(
                vals.get("date_from"),
                vals.get("date_to"),
                vals.get("actual_value"),
            )
        self._qms_check_lines_open(
            self.env["qms.objective.line"].browse(
                [v["line_id"] for v in vals_list if v.get("line_id")]
            )
        )
        measurements = super().create(vals_list)
        for measurement in measurements:
            measurement.line_id._qms_close_measure_activities(measurement.date_to)
        return measurements

    def write(self, vals):
        check_input(self, [vals])
        if not self.env.su:
            for measurement in self:
                measurement._qms_check_evidence(vals, measurement.evidence_name)
        if set(VALUE_FIELDS) & set(vals):
            if not self.env.su:
                self._qms_check_not_automatic(vals)
            for measurement in self:
                measurement._qms_check_vals(
                    vals.get("date_from", measurement.date_from),
                    vals.get("date_to", measurement.date_to),
                    vals.get("actual_value", measurement.actual_value),
                )
        if vals.get("line_id") and not self.env.su:
            self._qms_check_lines_open(self.env["qms.objective.line"].browse(vals["line_id"]))
        return super().write(vals)

    def _qms_check_not_automatic(self, vals):
        for measurement in self.filtered("is_automatic"):
            changed = [
                name
                for name in VALUE_FIELDS
                if name in vals and measurement._qms_value_changes(name, vals[name])
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "%(name)s was computed automatically: use Measure Now on its objective "
                        "to refresh it, the figure is not typed over.",
                        name=measurement.display_name,
                    )
                )
