from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    qms_training_attendee_ids = fields.One2many(
        "qms.training.attendee", "employee_id", string="ISO Trainings"
    )
    qms_training_count = fields.Integer(
        string="ISO Training Count", compute="_compute_qms_training_count"
    )

    def _compute_qms_training_count(self):
        counts = dict(
            self.env["qms.training.attendee"]
            .sudo()
            ._read_group([("employee_id", "in", self.ids)], ["employee_id"], ["__count"])
        )
        for employee in self:
            employee.qms_training_count = counts.get(employee._origin, 0)

    def action_view_qms_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_training_attendee"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_group_training_type": 1}
        return action
