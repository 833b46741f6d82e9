from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

TRAINING_TYPES = [
    ("awareness", "ISO 9001 Awareness"),
    ("internal_auditor", "Internal Auditor"),
    ("lead_auditor", "Lead Auditor"),
    ("other", "Other"),
]


class QmsTraining(models.Model):
    """An ISO training course and who attended it (ISO 9001 clauses 7.2 and 7.3).

    Attendance records are the evidence of competence the auditors ask for (with the internal
    audit addon, passing an auditor course qualifies the employee to audit): a course that took
    place is never deleted,
    and what it was and who attended it no longer change (see `qms.training.attendee` for the
    results that arrive after the course). The organising unit's ISO officer (or the standing
    office) marks it done or cancels it.
    """

    _name = "qms.training"
    _description = "QMS Training"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # done: the signed attendance sheet and certificates may still be attached
    _qms_editable_fields = {"done": ("attachment_ids", "attendee_ids"), "cancelled": ()}
    _qms_deletable_states = ("planned", "cancelled")

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

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """A course organised for another agency of the user defaults to that agency's standing
        office, not to the current one's."""
        vals = super()._qms_prepare_create_vals(vals)
        company_id = vals.get("company_id")
        if "organiser_department_id" not in vals and isinstance(company_id, int):
            company = self.env["res.company"].browse(company_id).exists()
            if company and company != self.env.company:
                vals["organiser_department_id"] = company.sudo().qms_standing_department_id.id
        return vals

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

    @transition(("planned",), groups=(UNIT_OFFICER,), label=_lt("Mark as Done"))
    def action_done(self):
        """Close the course: attendance is final (and the qualifications it gives are granted)."""
        for training in self:
            if not training.attendee_ids:
                raise UserError(
                    self.env._(
                        "Record who attended %(name)s before marking it as done.",
                        name=training.name,
                    )
                )
        self._qms_set({"state": "done"})
        self.attendee_ids._qms_apply_qualification()
        return True

    @transition(("planned",), groups=(UNIT_OFFICER,), label=_lt("Cancel"))
    def action_cancel(self):
        self._qms_set({"state": "cancelled"})
        return True

    @transition(("cancelled",), groups=(UNIT_OFFICER,), label=_lt("Plan Again"))
    def action_reset_planned(self):
        self._qms_set({"state": "planned"})
        return True

    def action_view_attendees(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_training_attendee"
        )
        action["domain"] = [("training_id", "=", self.id)]
        action["context"] = {"default_training_id": self.id}
        return action
