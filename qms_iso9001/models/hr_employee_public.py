from odoo import api, fields, models


class HrEmployeePublic(models.Model):
    """Every civil servant may read which ISO trainings a colleague took."""

    _inherit = "hr.employee.public"

    qms_training_attendee_ids = fields.Many2many(
        "qms.training.attendee", string="ISO Trainings", compute="_compute_qms_trainings"
    )
    qms_training_count = fields.Integer(
        string="ISO Training Count", compute="_compute_qms_trainings"
    )

    @api.depends_context("uid")
    def _compute_qms_trainings(self):
        Attendee = self.env["qms.training.attendee"]
        if not Attendee.has_access("read"):
            lines = Attendee
        else:
            lines = Attendee.search([("employee_id", "in", self.ids)])
        for employee in self:
            mine = lines.filtered(lambda line, e=employee: line.employee_id.id == e.id)
            employee.qms_training_attendee_ids = mine
            employee.qms_training_count = len(mine)

    def action_view_qms_trainings(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_view_qms_trainings()
