from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TRAINING_TYPES = [
    ("awareness", "ISO 9001 Awareness"),
    ("internal_auditor", "Internal Auditor"),
    ("lead_auditor", "Lead Auditor"),
    ("other", "Other"),
]


class QmsTraining(models.Model):
    """An ISO training course and who attended it (ISO 9001 clauses 7.2 and 7.3).

    Attendance records are the evidence of competence the auditors ask for, and passing an
    auditor course qualifies the employee to audit: a course that took place is never deleted.
    """

    _name = "qms.training"
    _description = "QMS Training"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Topic", required=True, tracking=True)
    training_type = fields.Selection(
        TRAINING_TYPES, string="Type", required=True, default="awareness", tracking=True
    )
    date = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End Date", tracking=True)
    duration_hours = fields.Float(string="Duration (hours)")
    trainer = fields.Char(tracking=True, help="Lecturer or training organisation.")
    organiser_department_id = fields.Many2one(
        "hr.department",
        string="Organising Unit",
        tracking=True,
        index=True,
        check_company=True,
        default=lambda self: self.env.company.qms_standing_department_id,
    )
    location = fields.Char()
    description = fields.Html(string="Programme")
    attendee_ids = fields.One2many("qms.training.attendee", "training_id", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_attendee_stats")
    passed_count = fields.Integer(string="Passed", compute="_compute_attendee_stats")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "qms_training_attachment_rel",
        "training_id",
        "attachment_id",
        string="Materials",
        help="Slides, handouts, attendance sheet, certificates.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("attendee_ids.result")
    def _compute_attendee_stats(self):
        for training in self:
            training.attendee_count = len(training.attendee_ids)
            training.passed_count = len(
                training.attendee_ids.filtered(lambda line: line.result == "passed")
            )

    @api.constrains("date", "date_end")
    def _check_dates(self):
        for training in self:
            if training.date_end and training.date and training.date_end < training.date:
                raise ValidationError(
                    self.env._(
                        "The training %(name)s cannot end before it starts.", name=training.name
                    )
                )

    @api.constrains("duration_hours")
    def _check_duration(self):
        if any(training.duration_hours < 0 for training in self):
            raise ValidationError(self.env._("The duration of a training cannot be negative."))

    def action_done(self):
        """Close the course: attendance is final and auditor qualifications are granted."""
        for training in self:
            if training.state != "planned":
                raise UserError(self.env._("Only a planned training can be marked as done."))
            if not training.attendee_ids:
                raise UserError(
                    self.env._(
                        "Record who attended %(name)s before marking it as done.",
                        name=training.name,
                    )
                )
        self.write({"state": "done"})
        self.attendee_ids._qms_apply_qualification()
        return True

    def action_cancel(self):
        if any(training.state != "planned" for training in self):
            raise UserError(self.env._("Only a planned training can be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_reset_planned(self):
        if any(training.state != "cancelled" for training in self):
            raise UserError(self.env._("Only a cancelled training can be planned again."))
        self.write({"state": "planned"})
        return True

    def action_view_attendees(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_training_attendee"
        )
        action["domain"] = [("training_id", "=", self.id)]
        action["context"] = {"default_training_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_not_done(self):
        if any(training.state == "done" for training in self):
            raise UserError(
                self.env._(
                    "A training that took place is evidence of competence: archive it instead "
                    "of deleting it."
                )
            )
