from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsPlanCopyWizard(models.TransientModel):
    """Start next year's plan from this year's: most ISO tasks recur every year."""

    _name = "qms.plan.copy.wizard"
    _description = "Copy ISO Plan to a New Year"

    plan_id = fields.Many2one("qms.plan", string="Plan to Copy", required=True, readonly=True)
    year = fields.Integer(string="New Year", required=True)
    name = fields.Char(string="New Plan Name", required=True)
    include_cancelled = fields.Boolean(
        string="Include Cancelled Tasks",
        help="Cancelled tasks are usually left out of the new plan.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        plan = self.env["qms.plan"].browse(values.get("plan_id")).exists()
        if plan:
            values.setdefault("year", plan.year + 1)
            values.setdefault("name", self._qms_new_name(plan, values["year"]))
        return values

    @api.onchange("year")
    def _onchange_year(self):
        if self.plan_id and self.year:
            self.name = self._qms_new_name(self.plan_id, self.year)

    @api.model
    def _qms_new_name(self, plan, year):
        if str(plan.year) in plan.name:
            return plan.name.replace(str(plan.year), str(year))
        return f"{plan.name} ({year})"

    @api.model
    def _qms_shift(self, date, years):
        """Same day `years` later; 29 February falls back to 28 February (relativedelta)."""
        return date + relativedelta(years=years) if date else False

    def action_copy(self):
        self.ensure_one()
        plan = self.plan_id
        if not 2000 <= self.year <= 2100:
            raise ValidationError(self.env._("The year %(year)s is not valid.", year=self.year))
        years = self.year - plan.year
        if years <= 0:
            raise UserError(
                self.env._("Copy the plan of %(year)s into a later year.", year=plan.year)
            )
        new_plan = plan.copy({"name": self.name, "year": self.year, "source_plan_id": plan.id})
        tasks = plan.task_ids
        if not self.include_cancelled:
            tasks = tasks.filtered(lambda t: t.state != "cancelled")
        self.env["qms.plan.task"].create(
            [
                {
                    "plan_id": new_plan.id,
                    "sequence": task.sequence,
                    "name": task.name,
                    "description": task.description,
                    "department_id": task.department_id.id,
                    "user_id": task.user_id.id,
                    "date_start": self._qms_shift(task.date_start, years),
                    "date_deadline": self._qms_shift(task.date_deadline, years),
                    "deliverable_required": task.deliverable_required,
                    "deliverable_name": task.deliverable_name,
                }
                for task in tasks
            ]
        )
        new_plan.message_post(
            body=self.env._("Copied from %(plan)s.", plan=plan.name),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.plan",
            "res_id": new_plan.id,
            "view_mode": "form",
            "target": "current",
        }
