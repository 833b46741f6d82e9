from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from ..contact_checks import check_applicant_contact
from ..lifecycle import MANAGER, transition
from ..nc_tools import without_workflow_defaults
from . import qms_source_record_mixin  # noqa: F401 (the mixin is defined first)

KINDS = [
    ("complaint", "Complaint"),
    ("feedback", "Feedback or Suggestion"),
    ("dissatisfied", "Dissatisfied Rating"),
]
CHANNELS = [
    ("desk", "One-Stop Desk"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("lookup", "Look-up Page"),
    ("portal", "Portal"),
    ("connector", "Connected System"),
    ("survey", "Survey"),
]
# What another addon may hand to `_qms_receive`: the person's words and where they came from,
# never a state, an answer or a due date.
RECEIVABLE_FIELDS = (
    "company_id",
    "kind",
    "channel",
    "partner_name",
    "contact_phone",
    "contact_email",
    "description",
    "department_id",
    "res_model",
    "res_id",
    "date_received",
)


class QmsFeedback(models.Model):
    """Complaints and feedback of citizens and organisations, and the standing office's answer
    (ISO 9001 clauses 9.1.2 and 9.3.2 c1).

    A register an inspector reads for three things: that every voice was recorded with its
    channel, that it was answered by the standing office within the agency's time limit, and
    that the answer is kept as it was given. Lifecycle: new -> answered -> closed; the answer,
    who gave it and when are set by `action_answer` only; nothing answered is deleted.

    Other addons record what reaches them (a "not satisfied" rating of a dossier, a message of
    the look-up page) through `_qms_receive`, once they have checked their own caller's rights.
    """

    _name = "qms.feedback"
    _description = "Complaint or Feedback"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "qms.lifecycle.mixin",
        "qms.source.record.mixin",
    ]
    _order = "date_received desc, id desc"
    _rec_names_search = ["name", "partner_name"]
    _check_company_auto = True

    _qms_workflow_fields = (
        "name",
        "res_model",
        "res_id",
        "date_due",
        "answered_by_id",
        "date_answered",
        "date_closed",
    )
    _qms_editable_fields = {"answered": ("active",), "closed": ("active",)}
    _qms_deletable_states = ("new",)

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(KINDS, required=True, default="feedback", tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="desk", tracking=True)
    partner_name = fields.Char(string="Person or Organisation", required=True, tracking=True)
    contact_phone = fields.Char(string="Phone")
    contact_email = fields.Char(string="E-mail")
    description = fields.Text(required=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit Concerned",
        index=True,
        tracking=True,
        check_company=True,
        help="The unit the complaint or feedback is about; it reads it and the answer.",
    )
    source_record_name = fields.Char(
        help="The record the feedback is about (a dossier...), shown only to those who may "
        "read it.",
    )
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, tracking=True
    )
    date_due = fields.Datetime(
        string="Answer Due",
        readonly=True,
        copy=False,
        help="Working days of the agency's calendar after reception, as set in the settings.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    state = fields.Selection(
        [("new", "New"), ("answered", "Answered"), ("closed", "Closed")],
        default="new",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    answer = fields.Text(
        help="The standing office's answer, kept as given once sent.",
    )
    answered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_answered = fields.Datetime(string="Answered On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------ checks and computes
    @api.constrains("contact_phone", "contact_email")
    def _check_contact(self):
        """The same check as the dossier applicant's: an answer must reach the person."""
        for feedback in self:
            check_applicant_contact(self.env, feedback.contact_phone, feedback.contact_email, None)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for feedback in self:
            feedback.is_overdue = bool(
                feedback.state == "new" and feedback.date_due and feedback.date_due < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue feedback with 'is' or 'is not'."))
        domain = Domain("state", "=", "new") & Domain("date_due", "<", fields.Datetime.now())
        return domain if (operator == "=") == value else ~domain

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        return super(QmsFeedback, without_workflow_defaults(self)).create(vals_list)

    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        received = fields.Datetime.to_datetime(vals.get("date_received")) or fields.Datetime.now()
        if vals.get("name", "/") == "/":
            vals["name"] = self._qms_next_number(company, received.date())
        if not vals.get("date_due"):
            vals["date_due"] = self._qms_due_date(company, received)
        return vals

    @api.model
    def _qms_next_number(self, company, day):
        """PA-<year>-NNNN (phản ánh), numbered from 1 each year by every agency."""
        sequences = self.env["ir.sequence"].sudo()
        sequence = sequences.search(
            [("code", "=", "qms.feedback"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            sequence = sequences.create(
                {
                    "name": "Complaints and Feedback",
                    "code": "qms.feedback",
                    "prefix": "PA-%(range_year)s-",
                    "padding": 4,
                    "use_date_range": True,
                    "company_id": company.id,
                }
            )
        return sequence.next_by_id(sequence_date=day)

    @api.model
    def _qms_due_date(self, company, received):
        """The answer is due the agency's set number of working days after reception."""
        days = company.sudo().qms_feedback_answer_days
        if days <= 0:
            return False
        calendar = company.sudo()._qms_deadline_calendar()
        if not calendar:
            return False
        return calendar._qms_add_working_time(received, days, "day")

    # ------------------------------------------------------------------ entry point
    @api.model
    def _qms_receive(self, values):
        """Record a complaint or feedback that reached another addon (a rating, a look-up
        page message, a connected system) and return it.

        The caller has checked that its own caller may send it (a PIN, a portal access, an API
        key): the record is created by the system, with the source record the caller names,
        and only with the person's words and where they came from."""
        if not isinstance(values, dict):
            raise UserError(self.env._("The feedback received is not readable."))
        unknown = set(values) - set(RECEIVABLE_FIELDS)
        if unknown:
            raise UserError(
                self.env._(
                    "A feedback received cannot set %(fields)s.", fields=", ".join(sorted(unknown))
                )
            )
        res_model = values.get("res_model")
        if res_model and (not isinstance(res_model, str) or res_model not in self.env):
            raise UserError(self.env._("Unknown source model %(model)s.", model=res_model))
        feedback = self.sudo().create(dict(values))
        feedback.message_post(
            body=self.env._("Received through %(channel)s.", channel=feedback._qms_channel_label()),
            subtype_xmlid="mail.mt_note",
        )
        return feedback

    def _qms_channel_label(self):
        self.ensure_one()
        return dict(self._fields["channel"]._description_selection(self.env)).get(self.channel)

    # ------------------------------------------------------------------ transitions
    @transition(("new",), groups=(MANAGER,), label="Send Answer")
    def action_answer(self, answer=None):
        """The standing office answers: the answer, who gave it and when are kept as given."""
        for feedback in self:
            text = answer if answer is not None else feedback.answer
            text = text.strip() if isinstance(text, str) else ""
            if not text:
                raise UserError(
                    self.env._(
                        "Write the answer to %(feedback)s before sending it.",
                        feedback=feedback.display_name,
                    )
                )
            feedback._qms_set(
                {
                    "answer": text,
                    "state": "answered",
                    "answered_by_id": self.env.user.id,
                    "date_answered": fields.Datetime.now(),
                }
            )
            feedback.message_post(
                body=self.env._("Answered: %(answer)s", answer=text),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @transition(("answered",), groups=(MANAGER,), label="Close")
    def action_close(self):
        self._qms_set({"state": "closed", "date_closed": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------ figures
    @api.model
    def _qms_counts(self, company, date_from, date_to):
        """Received, answered on time and still open in a period: the review's c1 figures."""
        start, end = company._qms_day_bounds(date_from, date_to)
        records = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("date_received", ">=", start),
                ("date_received", "<", end),
            ]
        )
        answered = records.filtered(lambda f: f.date_answered)
        on_time = answered.filtered(lambda f: not f.date_due or f.date_answered <= f.date_due)
        return {
            "received": len(records),
            "complaints": len(records.filtered(lambda f: f.kind == "complaint")),
            "answered": len(answered),
            "answered_on_time": len(on_time),
            "open": len(records.filtered(lambda f: f.state == "new")),
        }

    @api.constrains("res_model")
    def _check_res_model(self):
        for feedback in self:
            if feedback.res_model and feedback.res_model not in self.env:
                raise ValidationError(
                    self.env._("Unknown source model %(model)s.", model=feedback.res_model)
                )
