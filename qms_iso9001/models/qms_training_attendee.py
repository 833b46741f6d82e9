from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsTrainingAttendee(models.Model):
    """One employee at one training, with the result and certificate that prove competence.

    Once the training is done its attendance is frozen: nobody is added, removed or swapped, and
    a final result (passed, failed, absent) stays as recorded. Only a line still "attended"
    (its exam result was not known when the course closed) receives its result and certificate
    number, once.
    """

    _name = "qms.training.attendee"
    _description = "Training Attendee"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "training_id, department_id, employee_id, id"
    _rec_name = "employee_id"
    _check_company_auto = True

    _qms_state_field = "training_state"
    # copied from the training, never written on the line (the ORM would store a written value)
    _qms_workflow_fields = ("training_type", "training_date", "company_id")
    _qms_editable_fields = {"done": ("result", "certificate_number"), "cancelled": ()}
    _qms_deletable_states = ("planned", "cancelled")

    training_id = fields.Many2one("qms.training", required=True, ondelete="cascade", index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, check_company=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        help="The unit the employee belonged to when attending.",
    )
    result = fields.Selection(
        [
            ("attended", "Attended"),
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("absent", "Absent"),
        ],
        default="attended",
        required=True,
    )
    certificate_number = fields.Char(string="Certificate No.")
    note = fields.Char()
    training_type = fields.Selection(related="training_id.training_type", store=True)
    training_date = fields.Date(related="training_id.date", store=True, string="Date")
    training_state = fields.Selection(related="training_id.state", string="Training Status")
    company_id = fields.Many2one(related="training_id.company_id", store=True, index=True)

    _training_employee_uniq = models.UniqueIndex(
        "(training_id, employee_id)", "This employee is already listed for this training."
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for line in self:
            line.department_id = line.employee_id.sudo().department_id

    @api.constrains("result", "certificate_number")
    def _check_certificate(self):
        for line in self:
            if line.certificate_number and line.result in ("failed", "absent"):
                raise ValidationError(
                    self.env._(
                        "%(employee)s did not pass %(training)s: no certificate number.",
                        employee=line.employee_id.name,
                        training=line.training_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._raise_if_training_closed([vals.get("training_id") for vals in vals_list])
        lines = super().create(vals_list)
        lines._qms_apply_qualification()
        return lines

    def write(self, vals):
        if not self.env.su:
            if "training_id" in vals:
                self._raise_if_training_closed([vals["training_id"]])
            self._raise_if_result_final(vals)
        result = super().write(vals)
        if {"result", "certificate_number"} & set(vals):
            self._qms_apply_qualification()
        return result

    @api.model
    def _raise_if_training_closed(self, training_ids):
        ids = [i for i in training_ids if isinstance(i, int) and not isinstance(i, bool)]
        trainings = self.env["qms.training"].sudo().browse(ids).exists()
        closed = trainings.filtered(lambda training: training.state != "planned")
        if closed:
            raise UserError(
                self.env._(
                    "%(training)s is %(state)s: its attendance can no longer change.",
                    training=closed[0].name,
                    state=closed[0]._qms_state_label(),
                )
            )

    def _raise_if_result_final(self, vals):
        """After the course, a pending line gets its result once; a final one never changes."""
        names = {"result", "certificate_number"} & set(vals)
        if not names:
            return
        for line in self.filtered(lambda line: line.training_state == "done"):
            new_result = vals.get("result", line.result)
            if line.result != "attended" or new_result == "absent":
                raise UserError(
                    self.env._(
                        "The result of %(employee)s at %(training)s, which took place, is "
                        "final: it cannot be changed.",
                        employee=line.employee_id.name,
                        training=line.training_id.name,
                    )
                )

    def _qms_apply_qualification(self):
        """Extension hook called when a result is recorded or the training closes. The core
        keeps no register of who may audit: the internal audit addon grants the auditor
        qualification to those who passed an auditor course."""
        return True
