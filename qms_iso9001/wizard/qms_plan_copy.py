from odoo import api, fields, models


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

    def action_copy(self):
        """Copy through the plan's own action, so the user's rights are checked there."""
        self.ensure_one()
        new_plan = self.plan_id.action_copy_plan(self.year, self.name, self.include_cancelled)
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.plan",
            "res_id": new_plan.id,
            "view_mode": "form",
            "target": "current",
        }
