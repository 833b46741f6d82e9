from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    qms_training_attendee_ids = fields.One2many(
        "qms.training.attendee", "employee_id", string="ISO Trainings"
    )
    qms_training_count = fields.Integer(
        string="ISO Training Count", compute="_compute_qms_training_count"
    )
    qms_is_internal_auditor = fields.Boolean(
        string="Internal Auditor",
        tracking=True,
        help="Qualified to carry out internal QMS audits. Set when the employee passes an "
        "internal or lead auditor training.",
    )
    qms_is_lead_auditor = fields.Boolean(
        string="Lead Auditor",
        tracking=True,
        help="Qualified to lead an internal audit team.",
    )
    qms_auditor_certificate = fields.Char(string="Auditor Certificate", tracking=True)
    qms_auditor_certificate_date = fields.Date(string="Auditor Certificate Date", tracking=True)

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
