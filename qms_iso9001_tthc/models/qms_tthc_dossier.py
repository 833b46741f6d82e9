import logging
from datetime import datetime, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import LazyTranslate, html_escape

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

from ..contact_checks import check_applicant_contact
from ..deadline import working_hours_later
from .qms_tthc_dossier_step import TIMELINESS
from .qms_tthc_processing_time import FILING_METHODS

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

ONE_STOP = "qms_iso9001_tthc.group_qms_tthc_one_stop"
# The one-stop desk deals with the applicant; the standing office may stand in for anyone.
DESK = (ONE_STOP, MANAGER)
OPEN_STATES = ("received", "in_progress", "supplement")
CLOSED_STATES = ("returned", "refused", "withdrawn")
# The states in which the time limit runs: a dossier waiting for a supplement is not late.
RUNNING_STATES = ("received", "in_progress")
# The agency's working language when its own is not set (the addon is written for Vietnam).
APPLICANT_FIELDS = (
    "applicant_id",
    "applicant_type",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)
# ---------------------------------------------------------------- forms of TT 03/2025 (issue 14)
# What the receipt (form 01 of Thông tư 03/2025/TT-VPCP) records besides the papers: how many
# sets, where the applicant will receive the result, and the line of the paper tracking book.
FORM_RECEPTION_FIELDS = (
    "set_count",
    "result_delivery",
    "tracking_book_volume",
    "tracking_book_number",
)
RESULT_DELIVERY = [("desk", "At the Desk"), ("post", "By Post"), ("online", "Online")]
# The delivery a filing channel suggests, until the desk records what the applicant asked for.
DELIVERY_BY_CHANNEL = {"direct": "desk", "postal": "post", "online": "online"}
MAX_SET_COUNT = 99
# ---------------------------------------------------------------- end of the forms' block

# What the desk enters when it receives a dossier; everything else is set by the system.
RECEPTION_FIELDS = {
    *APPLICANT_FIELDS,
    *FORM_RECEPTION_FIELDS,
    "procedure_id",
    "channel",
    "component_ids",
    "fee_amount",
    "currency_id",
    "received_at",
    "company_id",
}
# A reception cannot be dated in the future; this much is allowed for clocks and open forms.
RECEPTION_CLOCK_SKEW = timedelta(minutes=5)
RECEPTION_GRACE = timedelta(minutes=15)
# Dates before this are typing mistakes, and too far for the calendar to count.
EARLIEST_RECEPTION = datetime(2000, 1, 1)


class QmsTthcDossier(models.Model):
    """A dossier (hồ sơ) filed by a citizen or an organisation at the one-stop desk, handled
    through the ISO flow of its procedure and measured against the appointment date.

    Appointment date (ngày hẹn trả), on the agency's deadline calendar, by the one rule of
    `odoo.addons.qms_iso9001_tthc.deadline` for the kind of limit the procedure publishes:
    - a dossier received after the procedure's own cut-off (when it has one; the cut-off time
      itself is still in time) counts as received at the opening of the next working day;
    - a limit in working days: by default the reception day does not count and the limit ends
      at closing time of the N-th working day after it (Civil Code 2015 Art. 147-148: a
      3-day dossier received Monday morning is due Thursday at closing time); the agency may
      choose to add N x the hours of a working day to the reception moment instead;
    - working hours are added to the reception moment; calendar days end at closing time of
      the N-th day after the reception day, or of the next working day when that is a day
      off; "trong ngày" at closing time of the reception day;
    - a limit not stated or unreadable gives no appointment date.
    The appointment date is stored at reception: a later change of the procedure or of the
    agency's settings never moves it.
    A supplement request stops the dossier (as many times as the agency allows, once by
    default); by default the time already spent counts and what was left of the limit counts
    again from the receipt of the complete dossier (the appointment and the step's deadline
    move), or, if the agency chooses so, the whole limit counts again. An apology gives a new
    date once, but a dossier resolved after its appointment date stays late.

    Lifecycle (see `qms.lifecycle.mixin`): the desk receives a dossier (create) with what it
    entered only, the system sets the receiver, code, PIN, flow version, appointment and first
    hand-over; the other states are reached through the transitions below, by the desk, the
    holder of the current step (or their unit) or the standing office. Closed dossiers are
    frozen and never deleted; the standing office archives them.

    This file keeps the fields, constraints and transitions; the clock (appointment, step
    deadlines, overdue, the deadline job) is in qms_tthc_dossier_deadline.py, the code in
    qms_tthc_dossier_code.py and the public look-up in qms_tthc_dossier_lookup.py.
    """

    _name = "qms.tthc.dossier"
    _description = "TTHC Dossier"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "received_at desc, id desc"
    _rec_names_search = ["name", "applicant_id", "applicant_phone", "applicant_id_number"]
    _check_company_auto = True

    _qms_workflow_fields = (
        "name",
        "lookup_pin",
        "field_id",
        "department_id",
        "flow_id",
        "received_by_id",
        "counting_start",
        "appointment_date",
        "new_appointment_date",
        "apology_date",
        "apology_reason",
        "apology_user_id",
        "is_apology_on_time",
        "is_apology_reminded",
        "supplement_requested_at",
        "supplement_reason",
        "supplement_requested_by_id",
        "supplement_received_at",
        "supplement_count",
        "is_supplement_pause",
        "supplement_spent_hours",
        "refused_at",
        "refusal_reason",
        "refused_by_id",
        "withdrawn_at",
        "withdrawal_reason",
        "resolved_at",
        "returned_at",
        "timeliness",
        "is_overdue",
        "processing_days",
        "step_ids",
        "current_step_id",
        "current_department_id",
        "current_user_id",
        "nonconformity_id",
    )
    # What a user may still write by hand in each state: the papers and the applicant at the
    # desk, the result and fees while it is handled, nothing once closed but the archiving.
    _qms_editable_fields = {
        "received": (*APPLICANT_FIELDS, "component_ids", "fee_amount", "currency_id"),
        "supplement": (*APPLICANT_FIELDS, "component_ids", "fee_amount", "currency_id"),
        "in_progress": ("fee_amount", "currency_id", "result_note"),
        "resolved": ("fee_amount", "currency_id", "result_note"),
        "returned": ("active",),
        "refused": ("active",),
        "withdrawn": ("active",),
    }
    # records of the agency's work: withdrawn or archived, never deleted
    _qms_deletable_states = ()

    name = fields.Char(string="Dossier Code", readonly=True, copy=False, default="/", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    procedure_id = fields.Many2one(
        "qms.tthc.procedure",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('state', '!=', 'abolished')]",
    )
    field_id = fields.Many2one(
        "qms.tthc.field",
        compute="_compute_field_id",
        store=True,
        precompute=True,
        index=True,
        help="The field of the procedure at reception: later changes to the catalogue do not "
        "move past dossiers in the statistics.",
    )
    flow_id = fields.Many2one(
        "qms.tthc.flow",
        string="Flow Version",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The ISO flow in force when the dossier was received; it is kept for its whole life.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit in Charge",
        compute="_compute_department_id",
        store=True,
        precompute=True,
        index=True,
    )
    applicant_id = fields.Many2one("res.partner", required=True, index=True, tracking=True)
    applicant_type = fields.Selection(
        [("citizen", "Citizen"), ("organization", "Organisation")],
        compute="_compute_applicant_snapshot",
        store=True,
        readonly=False,
    )
    applicant_id_number = fields.Char(
        string="ID Number", compute="_compute_applicant_snapshot", store=True, readonly=False
    )
    applicant_phone = fields.Char(
        string="Phone", compute="_compute_applicant_snapshot", store=True, readonly=False
    )
    applicant_email = fields.Char(
        string="Email", compute="_compute_applicant_snapshot", store=True, readonly=False
    )
    applicant_address = fields.Char(
        string="Address", compute="_compute_applicant_snapshot", store=True, readonly=False
    )
    channel = fields.Selection(FILING_METHODS, required=True, default="direct", tracking=True)
    component_ids = fields.One2many(
        "qms.tthc.dossier.component",
        "dossier_id",
        string="Components Received",
        compute="_compute_component_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    missing_component_count = fields.Integer(compute="_compute_missing_component_count")
    received_at = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        tracking=True,
        index=True,
    )
    received_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    lookup_pin = fields.Char(
        string="Look-up PIN",
        readonly=True,
        copy=False,
        help="Printed on the receipt: with the dossier code, it lets the applicant follow the "
        "dossier on the public look-up page.",
    )
    counting_start = fields.Datetime(string="Time Counts From", readonly=True, copy=False)
    appointment_date = fields.Datetime(readonly=True, copy=False, tracking=True, index=True)
    new_appointment_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    apology_date = fields.Datetime(string="Apology Issued On", readonly=True, copy=False)
    apology_reason = fields.Text(readonly=True, copy=False)
    apology_user_id = fields.Many2one("res.users", string="Apology By", readonly=True, copy=False)
    is_apology_on_time = fields.Boolean(
        string="Apology in Time",
        readonly=True,
        copy=False,
        help="Issued at least one working day before the appointment date.",
    )
    is_apology_reminded = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("in_progress", "In Progress"),
            ("supplement", "Waiting for Supplement"),
            ("resolved", "Resolved"),
            ("returned", "Returned to Applicant"),
            ("refused", "Refused"),
            ("withdrawn", "Withdrawn"),
        ],
        default="received",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    supplement_requested_at = fields.Datetime(readonly=True, copy=False)
    supplement_reason = fields.Text(string="Supplement Requested", readonly=True, copy=False)
    supplement_requested_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    supplement_received_at = fields.Datetime(readonly=True, copy=False)
    supplement_count = fields.Integer(readonly=True, copy=False)
    is_supplement_pause = fields.Boolean(
        string="Time Limit Paused",
        readonly=True,
        copy=False,
        help="Recorded with the supplement request, from the agency's setting: the time already "
        "spent counts, and what was left of the limit counts again from the receipt of the "
        "complete dossier (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP). Otherwise the whole limit "
        "counts again from then.",
    )
    supplement_spent_hours = fields.Float(
        string="Time Spent Before Supplements (working hours)",
        readonly=True,
        copy=False,
        digits=(8, 2),
        help="Working time already spent on the dossier before its time limit paused for a "
        "supplement; it counts in the processing time.",
    )
    refused_at = fields.Datetime(readonly=True, copy=False)
    refusal_reason = fields.Text(readonly=True, copy=False)
    refused_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    withdrawn_at = fields.Datetime(readonly=True, copy=False)
    withdrawal_reason = fields.Text(readonly=True, copy=False)
    resolved_at = fields.Datetime(readonly=True, copy=False, index=True)
    returned_at = fields.Datetime(readonly=True, copy=False)
    result_note = fields.Text(string="Result", copy=False)
    timeliness = fields.Selection(TIMELINESS, readonly=True, copy=False, index=True)
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Still being handled after its appointment date, now. Compared with the clock "
        "whenever it is read or searched: it needs neither a hand-over nor the hourly job to "
        "be right. A dossier waiting for a supplement or closed is never overdue.",
    )
    processing_days = fields.Float(
        string="Processing Time (working days)", readonly=True, copy=False, digits=(6, 2)
    )
    currency_id = fields.Many2one("res.currency", default=lambda self: self._qms_default_currency())
    fee_amount = fields.Monetary(string="Fees Collected", currency_field="currency_id")
    fee_amount_in_words = fields.Char(
        string="Fees in Words", compute="_compute_fee_amount_in_words"
    )
    step_ids = fields.One2many("qms.tthc.dossier.step", "dossier_id", string="Hand-overs")
    # The open hand-over, kept by the transitions (`_qms_open_step`, and cleared when the
    # dossier leaves the flow); its holder and unit are stored with the dossier so that lists,
    # record rules and group-bys read a column.
    current_step_id = fields.Many2one(
        "qms.tthc.dossier.step", readonly=True, copy=False, index="btree_not_null"
    )
    current_department_id = fields.Many2one(
        related="current_step_id.department_id", string="Unit Holding It", store=True, index=True
    )
    current_user_id = fields.Many2one(
        related="current_step_id.user_id", string="Held By", store=True, index=True
    )
    nonconformity_id = fields.Many2one("qms.nonconformity", readonly=True, copy=False)
    active = fields.Boolean(default=True)

    _name_uniq = models.UniqueIndex(
        "(name) WHERE name != '/'", "This dossier code is already used."
    )
    _fee_positive = models.Constraint("CHECK(fee_amount >= 0)", "Fees cannot be negative.")

    # ------------------------------------------------------------------ computes
    @api.model
    def _qms_default_currency(self):
        """Fees are in đồng. Read from the cached table of external ids: `env.ref` would also
        check that the currency exists, a query for every dossier received."""
        currency_id = self.env["ir.model.data"]._xmlid_to_res_id("base.VND")
        return self.env["res.currency"].browse(currency_id or ())

    @api.depends("procedure_id")
    def _compute_field_id(self):
        for dossier in self:
            dossier.field_id = dossier.procedure_id.field_id

    @api.depends("procedure_id")
    def _compute_department_id(self):
        for dossier in self:
            dossier.department_id = dossier.procedure_id.department_id

    @api.depends("applicant_id")
    def _compute_applicant_snapshot(self):
        for dossier in self:
            partner = dossier.applicant_id
            dossier.applicant_type = "organization" if partner.is_company else "citizen"
            dossier.update(partner._qms_applicant_contact())

    @api.depends("procedure_id")
    def _compute_component_ids(self):
        Component = self.env["qms.tthc.dossier.component"]
        for dossier in self:
            if dossier.state not in ("received", False) or dossier.step_ids:
                continue
            values = Component._qms_values_from_procedure(dossier.procedure_id)
            dossier.component_ids = [fields.Command.clear()] + [
                fields.Command.create(vals) for vals in values
            ]

    @api.depends("component_ids.is_missing")
    def _compute_missing_component_count(self):
        for dossier in self:
            dossier.missing_component_count = len(dossier.component_ids.filtered("is_missing"))

    @api.depends("fee_amount")
    def _compute_fee_amount_in_words(self):
        Fee = self.env["qms.tthc.procedure.fee"]
        for dossier in self:
            dossier.fee_amount_in_words = Fee._qms_amount_in_words(dossier.fee_amount)

    def _compute_access_url(self):
        for dossier in self:
            dossier.access_url = f"/my/dossiers/{dossier.id}"

    @api.constrains("applicant_phone", "applicant_email", "applicant_id_number", "applicant_type")
    def _check_applicant_contact(self):
        """What the desk types about the applicant is what it claims to be: one bad phone
        number would break the tracking book and the notices (see `contact_checks`)."""
        for dossier in self:
            check_applicant_contact(
                self.env,
                dossier.applicant_phone,
                dossier.applicant_email,
                dossier.applicant_id_number,
                organisation=dossier.applicant_type == "organization",
            )

    # ------------------------------------------------------------------ flow
    def _qms_flow_steps(self):
        """The steps of the dossier's flow version that apply to its channel, in order."""
        self.ensure_one()
        return self.flow_id.sudo().step_ids.filtered(lambda step: step[f"for_{self.channel}"])

    def _qms_open_step(  # noqa: PLR0917
        self, flow_step, user, from_user=None, start=None, planner=None, deadline=None
    ):
        self.ensure_one()
        start = start or fields.Datetime.now()
        if deadline is None:
            deadline = self._qms_step_deadline(flow_step, start, planner)
        line = (
            self.env["qms.tthc.dossier.step"]
            .sudo()
            .create(self._qms_step_vals(flow_step, user, from_user, start, deadline))
        )
        self._qms_set({"current_step_id": line.id})
        return line

    def _qms_step_vals(self, flow_step, user, from_user=None, start=None, deadline=None):
        """The hand-over line of `flow_step` taken by `user`: held by the step's unit, else by
        the taker's."""
        self.ensure_one()
        return {
            "dossier_id": self.id,
            "flow_step_id": flow_step.id,
            "name": flow_step.name,
            "department_id": flow_step.department_id.id
            or (user.sudo().employee_ids[:1].department_id.id if user else False),
            "from_user_id": from_user.id if from_user else False,
            "user_id": user.id if user else False,
            "date_start": start,
            "deadline": deadline,
        }

    # ------------------------------------------------------------------ reception (create)
    @api.model_create_multi
    def create(self, vals_list):
        """Receive dossiers at the desk: the caller's values are checked by the guard, then the
        system pins the flow in force, dates the appointment, opens the reception step and
        numbers the dossier.

        The chatter's work on create is done once for the batch: the receiving officer follows
        the dossiers (one insert), and no "created" message is logged: a dossier's history is
        its hand-overs, whose first line says who received it and when (as `received_by_id`
        and `received_at` do), so the message repeated them at the price of a message per
        dossier. Values set at creation are never tracked by Odoo, and a dossier has no field
        that subscribes anyone else (no `user_id`, no subtype relation), so nothing else of
        the chatter's create is lost."""
        Dossier = self.with_context(tracking_disable=True)
        dossiers = super(QmsTthcDossier, Dossier).create(vals_list).with_env(self.env)
        dossiers._qms_follow_reception()
        # imported histories (issue 15) bring their own flow, dates and hand-overs
        received = dossiers.filtered(lambda dossier: dossier.origin != "imported")
        received._qms_start_receptions()
        (dossiers - received).filtered(lambda dossier: dossier.name == "/")._qms_assign_code()
        return dossiers

    @api.model
    def _qms_check_create_vals(self, vals):
        """The desk enters the applicant, the procedure, the channel, the papers, the fees and
        the moment of reception; nothing else (state, timeliness, receiver, dates...)."""
        result = super()._qms_check_create_vals(vals)
        self._qms_check_form_reception_vals(vals)
        guarded = self._qms_guarded_fields() - RECEPTION_FIELDS
        names = [name for name in vals if name in guarded]
        defaults = self.default_get(names) if names else {}
        empty = (False, None, "", [], 0, 0.0)
        refused = {
            name
            for name in names
            if vals[name] != defaults.get(name)
            and not (vals[name] in empty and defaults.get(name) in empty)
        }
        if refused:
            raise UserError(
                self.env._(
                    "%(fields)s of a new dossier are set by the system or by its actions, not "
                    "at the desk.",
                    fields=self._qms_field_labels(refused),
                )
            )
        return result

    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        vals["received_at"] = self._qms_reception_moment(vals)
        if not self.env.su or not vals.get("received_by_id"):
            vals["received_by_id"] = self.env.uid
        if not self.env.su or not vals.get("lookup_pin"):
            vals["lookup_pin"] = self._qms_new_lookup_pin()
        return vals

    @api.model
    def _qms_prepare_create_vals_list(self, vals_list):
        """The receiving service centre, looked up once per desk officer and agency of the
        batch rather than once per dossier."""
        vals_list = super()._qms_prepare_create_vals_list(vals_list)
        centres = {}
        for vals in vals_list:
            key = (
                vals.get("received_by_id"),
                vals.get("reception_centre_id"),
                vals.get("company_id"),
            )
            if key not in centres:
                centres[key] = self._qms_reception_centre(vals).id
            vals["reception_centre_id"] = centres[key]
        self._qms_add_procedure_components(vals_list)
        return vals_list

    @api.model
    def _qms_add_procedure_components(self, vals_list):
        """The papers each procedure asks for, read once per procedure of the batch and created
        with the dossiers in one `create` of all their lines; computing them on every new
        dossier (`_compute_component_ids`, which the form still uses) cost milliseconds per
        dossier. Papers given by the caller and imported histories are left as they are."""
        Component = self.env["qms.tthc.dossier.component"]
        papers = {}
        for vals in vals_list:
            procedure_id = vals.get("procedure_id")
            if (
                vals.get("origin") == "imported"
                or "component_ids" in vals
                or not isinstance(procedure_id, int)
                or isinstance(procedure_id, bool)
            ):
                continue
            if procedure_id not in papers:
                procedure = self.env["qms.tthc.procedure"].sudo().browse(procedure_id).exists()
                papers[procedure_id] = Component._qms_values_from_procedure(procedure)
            vals["component_ids"] = [
                fields.Command.create(dict(paper)) for paper in papers[procedure_id]
            ]

    @api.model
    def _qms_reception_moment(self, vals):
        """The moment of reception given by the desk (naive UTC), checked: not in the future,
        and not further in the past than the agency allows (the desk records a dossier it
        received on paper a little later, not months later). Now when not given."""
        now = fields.Datetime.now()
        value = vals.get("received_at")
        if not value:
            return now
        try:
            moment = fields.Datetime.to_datetime(value)
        except (TypeError, ValueError):
            moment = None
        if not isinstance(moment, datetime):
            raise UserError(
                self.env._(
                    "The reception moment %(value)s is not a date and time.", value=str(value)[:40]
                )
            )
        if moment > now + RECEPTION_CLOCK_SKEW:
            raise UserError(self.env._("A dossier cannot be received in the future."))
        if moment < EARLIEST_RECEPTION:
            raise UserError(
                self.env._(
                    "A dossier cannot be received before %(year)s: check the reception date.",
                    year=EARLIEST_RECEPTION.year,
                )
            )
        if self.env.su:
            return moment
        company_id = vals.get("company_id")
        company = (
            self.env["res.company"].browse(company_id).sudo().exists()
            if isinstance(company_id, int) and not isinstance(company_id, bool)
            else self.env.company.sudo()
        ) or self.env.company.sudo()
        hours = company.qms_tthc_backdate_hours
        if moment < now - timedelta(hours=hours) - RECEPTION_GRACE:
            raise UserError(
                self.env._(
                    "A dossier is recorded at most %(hours)s hours after it was received: "
                    "%(moment)s is too far back. The administrator sets this limit in the "
                    "settings of the one-stop desk.",
                    hours=hours,
                    moment=self._qms_format_local(moment, company),
                )
            )
        return moment

    def _qms_start_receptions(self):
        """Pin the flow in force, date the appointment, open the reception step and number each
        dossier of a batch. A batch (the API, an import) costs a constant number of queries:
        the procedures' flows and their steps are read once, the working time is loaded once
        per calendar, the reception steps are created together, and each dossier is written
        once with all that the system set."""
        flows = self._qms_reception_flows()
        # the steps of every flow of the batch in one read
        self.env["qms.tthc.flow"].browse(
            [flow.id for flow in flows.values()]
        ).sudo().step_ids.mapped("department_id")
        self.received_by_id.sudo().employee_ids.mapped("department_id")
        planners = {}
        step_vals = []
        dossier_vals = []
        for dossier in self:
            flow = flows[dossier.procedure_id]
            steps = flow.sudo().step_ids.filtered(lambda step, d=dossier: step[f"for_{d.channel}"])
            if not steps:
                raise UserError(
                    self.env._(
                        "The flow %(flow)s has no step for this filing method.", flow=flow.name
                    )
                )
            calendar = dossier._qms_calendar()
            if calendar not in planners:
                planners[calendar] = self._qms_batch_planner(calendar)
            planner = planners[calendar]
            counting_start, appointment = dossier._qms_appointment(dossier.received_at, planner)
            deadline = dossier._qms_step_deadline(
                steps[0], dossier.received_at, planner, appointment=appointment
            )
            step_vals.append(
                dossier._qms_step_vals(
                    steps[0], dossier.received_by_id, start=dossier.received_at, deadline=deadline
                )
            )
            dossier_vals.append(
                {
                    "flow_id": flow.id,
                    "counting_start": counting_start,
                    "appointment_date": appointment,
                }
            )
        lines = self.env["qms.tthc.dossier.step"].sudo().create(step_vals)
        codes = self._qms_new_codes()
        for dossier, line, vals in zip(self, lines, dossier_vals, strict=True):
            # a new dossier: Odoo tracks nothing of it in this transaction
            dossier.with_context(tracking_disable=True)._qms_set(
                dict(vals, current_step_id=line.id, name=codes[dossier])
            )

    def _qms_follow_reception(self):
        """The user receiving the dossiers follows them, as the chatter subscribes whoever
        creates a record (unless the caller asked it not to)."""
        user = self.env.user
        if self.env.context.get("mail_create_nosubscribe") or user.share or not user.active:
            return
        if self:
            self.env["mail.followers"]._insert_followers(
                self._name, self.ids, user.partner_id.ids, check_existing=False
            )

    def _qms_reception_flows(self):
        """{procedure: flow in force} of the batch's procedures, each checked to receive."""
        flows = {}
        for procedure in self.procedure_id:
            if procedure.state == "abolished":
                raise UserError(
                    self.env._("%(procedure)s is abolished.", procedure=procedure.display_name)
                )
            flow = procedure._qms_current_flow()
            if not flow:
                raise UserError(
                    self.env._(
                        "%(procedure)s has no approved ISO flow: a dossier cannot be received "
                        "before its flow is in force.",
                        procedure=procedure.display_name,
                    )
                )
            flows[procedure] = flow
        return flows

    # ------------------------------------------------------------------ roles and arguments
    def _qms_is_holder(self, user):
        """Who holds the dossier: the user of its current step, or someone of that step's unit
        (or of a unit under it)."""
        self.ensure_one()
        if self.current_user_id == user:
            return True
        return bool(self.current_department_id) and (
            self.current_department_id in self._qms_user_units(user)
        )

    def _qms_user_units(self, user=None):
        """The units of the user's employees and the units under them."""
        departments = (user or self.env.user).sudo().employee_ids.department_id
        if not departments:
            return self.env["hr.department"]
        return self.env["hr.department"].sudo().search([("id", "child_of", departments.ids)])

    def _qms_required_reason(self, reason, what):
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("Give the %(what)s.", what=what))
        return reason.strip()

    def _qms_optional_text(self, text):
        if text in (False, None):
            return False
        if not isinstance(text, str):
            raise UserError(self.env._("The note must be text."))
        return text.strip() or False

    def _qms_taker(self, user):
        """The user a dossier is handed to, given as a record or an id (JSON-RPC); nobody after
        the last step."""
        Users = self.env["res.users"]
        if user in (False, None) or (isinstance(user, models.BaseModel) and not user):
            return Users
        if isinstance(user, models.BaseModel):
            if user._name != "res.users" or len(user) != 1:
                raise UserError(self.env._("Hand the dossier over to one user."))
            user_id = user.id
        elif isinstance(user, int) and not isinstance(user, bool):
            user_id = user
        else:
            raise UserError(self.env._("Choose the user who takes the dossier."))
        taker = Users.browse(user_id).sudo().exists()
        if not taker:
            raise UserError(self.env._("The user chosen to take the dossier does not exist."))
        return taker

    def _qms_next_flow_step(self):
        self.ensure_one()
        steps = self._qms_flow_steps()
        current = self.current_step_id.flow_step_id
        later = steps.filtered(
            lambda step: (step.sequence, step.id) > (current.sequence, current.id)
        )
        return later[:1]

    def _qms_check_taker(self, flow_step, user):
        if not user or user.share:
            raise UserError(self.env._("Hand the dossier over to an internal user."))
        agency = self._qms_step_agency(flow_step)  # a coordinating agency's step (liên thông)
        if agency not in user.sudo().company_ids:
            raise UserError(
                self.env._(
                    "%(user)s does not work for %(agency)s.",
                    user=user.name,
                    agency=agency.sudo().name,
                )
            )
        if not flow_step._qms_role_takers(user):
            raise UserError(
                self.env._(
                    "The step %(step)s is for the role %(role)s: %(user)s does not hold it.",
                    step=flow_step.sudo().name,
                    role=flow_step._qms_role_label(),
                    user=user.name,
                )
            )
        unit = flow_step.sudo().department_id
        # the taker's employees in the step's agency (employee_ids follows the active companies)
        employees = user.sudo().with_context(allowed_company_ids=agency.ids).employee_ids
        if unit and not employees.department_id & unit.search([("id", "child_of", unit.id)]):
            raise UserError(
                self.env._(
                    "The step %(step)s is held by %(unit)s: %(user)s does not work there.",
                    step=flow_step.name,
                    unit=unit.name,
                    user=user.name,
                )
            )

    # ------------------------------------------------------------------ transitions
    @transition(
        ("received", "in_progress"), groups=DESK, role="_qms_is_holder", label=_lt("Hand Over")
    )
    def action_hand_over(self, user=False, note=False):
        """Close the current step and hand the dossier to `user` (a user or its id) for the next
        step of the flow; after the last step the dossier is resolved (its result is ready)."""
        if len(self) != 1:
            raise UserError(self.env._("Hand over one dossier at a time."))
        return self._qms_hand_over(self._qms_taker(user), self._qms_optional_text(note))

    @transition(
        ("received", "in_progress"), groups=DESK, role="_qms_is_holder", label=_lt("Resolve")
    )
    def action_resolve(self, note=False):
        """Close the last step: the result is ready to be returned."""
        note = self._qms_optional_text(note)
        for dossier in self:
            if dossier._qms_next_flow_step():
                raise UserError(
                    self.env._(
                        "%(code)s still has steps to go: hand it over to the next one.",
                        code=dossier.name,
                    )
                )
            dossier._qms_hand_over(self.env["res.users"], note)
        return True

    def _qms_hand_over(self, taker, note=False):
        self.ensure_one()
        missing = self.component_ids.filtered("is_missing")
        if missing:
            raise UserError(
                self.env._(
                    "The dossier lacks: %(papers)s. Request a supplement instead of handing it "
                    "over.",
                    papers=", ".join(missing.mapped("name")),
                )
            )
        next_step = self._qms_next_flow_step()
        if not next_step:
            self.current_step_id._qms_close(note=note)
            self._qms_mark_resolved()
            return True
        self._qms_check_taker(next_step, taker)
        self._qms_log_agency_hand_over(self.current_step_id.sudo().flow_step_id, next_step, taker)
        self.current_step_id._qms_close(note=note)
        self._qms_open_step(next_step, taker, from_user=self.env.user)
        self._qms_set({"state": "in_progress"})
        # the hand-over may be the first to see it overdue: its NC is due now, not at resolution
        self.filtered("is_overdue")._qms_raise_late_nonconformity()
        # after the checks: a coordinating agency's holder no longer reads it once handed back
        self.sudo().message_post(
            body=self.env._(
                "Handed over to %(user)s for the step %(step)s.",
                user=taker.name,
                step=next_step.name,
            )
        )
        return True

    def _qms_mark_resolved(self):
        now = fields.Datetime.now()
        for dossier in self:
            planner = dossier._qms_planner(dossier.counting_start)
            # the time spent before a paused supplement counts too
            hours = planner.worked_hours(dossier.counting_start, now)
            hours += dossier.supplement_spent_hours
            dossier._qms_set(
                {
                    "state": "resolved",
                    "resolved_at": now,
                    "timeliness": dossier._qms_timeliness(now, dossier.appointment_date),
                    "processing_days": hours / dossier._qms_hours_per_day(),
                    "current_step_id": False,
                }
            )
        self.filtered(lambda dossier: dossier.timeliness == "late")._qms_raise_late_nonconformity()

    @transition(("in_progress", "resolved"), groups=DESK, label=_lt("Return to Applicant"))
    def action_return(self):
        """Hand the result to the applicant (the desk); from the last step the dossier resolves
        at once."""
        for dossier in self.filtered(lambda d: d.state == "in_progress"):
            if dossier._qms_next_flow_step():
                raise UserError(
                    self.env._(
                        "Returning the result is not possible for %(code)s, which is %(state)s.",
                        code=dossier.name,
                        state=dossier._qms_state_label(),
                    )
                )
            dossier._qms_hand_over(self.env["res.users"])
        self._qms_set({"state": "returned", "returned_at": fields.Datetime.now()})
        return True

    @transition(
        ("received", "in_progress"),
        groups=DESK,
        role="_qms_is_holder",
        label=_lt("Request Supplement"),
    )
    def action_request_supplement(self, reason):
        """Stop the dossier until the applicant completes it (form 02), as many times as the
        agency allows (once by default); the agency's setting recorded now says whether the
        time limit pauses or will count again in full."""
        reason = self._qms_required_reason(reason, self.env._("papers to supplement"))
        for dossier in self:
            dossier._qms_check_supplement_allowed()
        for dossier in self:
            company = dossier.company_id.sudo()
            dossier.current_step_id._qms_close("interrupted", reason)
            dossier._qms_set(
                {
                    "state": "supplement",
                    "supplement_requested_at": fields.Datetime.now(),
                    "supplement_requested_by_id": self.env.user.id,
                    "supplement_reason": reason,
                    "supplement_count": dossier.supplement_count + 1,
                    "is_supplement_pause": company.qms_tthc_supplement_pauses_clock,
                }
            )
            dossier.message_post(body=self.env._("Supplement requested: %(reason)s", reason=reason))
        return True

    @transition(
        ("supplement",), groups=DESK, role="_qms_is_holder", label=_lt("Supplement Received")
    )
    def action_supplement_received(self):
        """The complete dossier is back: the time limit resumes with what was left of it (the
        time already spent counts) or, when the request did not pause it, counts again in
        full; the appointment and the reopened step's deadline move, and the chatter says so."""
        now = fields.Datetime.now()
        for dossier in self:
            dossier._qms_close_apology()
            interrupted = dossier.step_ids.filtered(lambda step: step.state == "interrupted")[-1:]
            previous = dossier.appointment_date
            if dossier.is_supplement_pause:
                counting_start, appointment = dossier._qms_resumed_appointment(now)
                spent = dossier.supplement_spent_hours + dossier._qms_planner(
                    dossier.counting_start
                ).worked_hours(dossier.counting_start, dossier.supplement_requested_at)
            else:
                counting_start, appointment = dossier._qms_appointment(now)
                spent = 0.0
            dossier._qms_set(
                {
                    "supplement_received_at": now,
                    "counting_start": counting_start,
                    "appointment_date": appointment,
                    "supplement_spent_hours": spent,
                    "is_apology_reminded": False,
                    "state": "in_progress"
                    if dossier.step_ids.filtered(lambda step: step.state == "done")
                    else "received",
                }
            )
            flow_step = interrupted.flow_step_id or dossier._qms_flow_steps()[:1]
            deadline = None
            if dossier.is_supplement_pause and interrupted.flow_step_id == flow_step:
                deadline = dossier._qms_resumed_step_deadline(interrupted, now)
            step = dossier._qms_open_step(
                flow_step,
                interrupted.user_id or self.env.user,
                from_user=self.env.user,
                start=now,
                deadline=deadline,
            )
            dossier._qms_log_supplement_received(previous, step)
        return True

    def _qms_check_supplement_allowed(self):
        """The agency's setting caps the requests of a dossier (once by default)."""
        self.ensure_one()
        allowed = self.company_id.sudo().qms_tthc_supplement_max or 1
        if self.supplement_count >= allowed:
            raise UserError(
                self.env._(
                    "%(code)s was already sent back for a supplement %(count)s time(s), as many "
                    "as the agency allows (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP: once, by "
                    "default). Go on with what the applicant gave, or refuse the dossier with "
                    "the reasons.",
                    code=self.name,
                    count=self.supplement_count,
                )
            )

    def _qms_log_supplement_received(self, previous, step):
        self.ensure_one()
        if self.appointment_date:
            moved = self.env._(
                "Appointment date moved from %(old)s to %(new)s; the step %(step)s is due on "
                "%(deadline)s.",
                old=self._qms_format_local(previous) or "-",
                new=self._qms_format_local(self.appointment_date),
                step=step.name,
                deadline=self._qms_format_local(step.deadline) or "-",
            )
        else:
            moved = self.env._("The procedure states no time limit: no appointment date.")
        if self.is_supplement_pause:
            body = self.env._(
                "Supplement received: the time limit resumes, the time already spent counts. "
                "%(moved)s",
                moved=moved,
            )
        else:
            body = self.env._(
                "Supplement received: the whole time limit counts again. %(moved)s", moved=moved
            )
        self.message_post(body=body)

    def _qms_close_apology(self):
        """A new time limit may need its own apology: the previous one stays in the chatter."""
        for dossier in self.filtered("apology_date"):
            dossier.message_post(
                body=self.env._(
                    "Apology of %(date)s (new date %(new_date)s) closed by the restart of the time "
                    "limit: %(reason)s",
                    date=dossier._qms_format_local(dossier.apology_date),
                    new_date=dossier._qms_format_local(dossier.new_appointment_date),
                    reason=dossier.apology_reason or "",
                )
            )
            dossier._qms_set(
                {
                    "apology_date": False,
                    "apology_reason": False,
                    "apology_user_id": False,
                    "new_appointment_date": False,
                    "is_apology_on_time": False,
                }
            )

    def _qms_stop(self, values, reason):
        """Close the dossier without a result (refusal, withdrawal): nobody holds it any more."""
        for dossier in self:
            dossier.current_step_id._qms_close("interrupted", reason)
            dossier._qms_set(
                {
                    **values,
                    "current_step_id": False,
                }
            )
            dossier.message_post(body=html_escape(reason))

    @transition(OPEN_STATES, groups=DESK, label=_lt("Refuse"))
    def action_refuse(self, reason):
        """Refuse the dossier with the reason given to the applicant (form 03), at the desk."""
        reason = self._qms_required_reason(reason, self.env._("reason for the refusal"))
        self._qms_stop(
            {
                "state": "refused",
                "refusal_reason": reason,
                "refused_at": fields.Datetime.now(),
                "refused_by_id": self.env.user.id,
            },
            reason,
        )
        return True

    @transition(OPEN_STATES, groups=DESK, label=_lt("Withdraw"))
    def action_withdraw(self, reason):
        """The applicant takes the dossier back at the desk before it is resolved."""
        reason = self._qms_required_reason(reason, self.env._("reason for the withdrawal"))
        self._qms_stop(
            {
                "state": "withdrawn",
                "withdrawal_reason": reason,
                "withdrawn_at": fields.Datetime.now(),
            },
            reason,
        )
        return True

    @transition(OPEN_STATES, groups=DESK, role="_qms_is_holder", label=_lt("Apologise"))
    def action_apologize(self, new_date, reason):
        """Apologise and set a new date (form 04), once per dossier; the dossier is still
        judged against its appointment date."""
        reason = self._qms_required_reason(reason, self.env._("reason for the delay"))
        try:
            new_date = fields.Datetime.to_datetime(new_date)
        except (TypeError, ValueError):
            new_date = None
        now = fields.Datetime.now()
        for dossier in self:
            if dossier.apology_date:
                raise UserError(
                    self.env._(
                        "%(code)s already has an apology with a new date: the date can be reset "
                        "only once.",
                        code=dossier.name,
                    )
                )
            if not dossier.appointment_date:
                raise UserError(
                    self.env._(
                        "%(code)s has no appointment date (its procedure states no time "
                        "limit): there is no delay to apologise for.",
                        code=dossier.name,
                    )
                )
            if not isinstance(new_date, datetime) or new_date <= dossier.appointment_date:
                raise UserError(self.env._("The new date must be later than the appointment date."))
            if new_date > dossier.appointment_date + timedelta(days=366):
                raise UserError(
                    self.env._("The new date must be within a year of the appointment date.")
                )
            if not dossier._qms_planner(new_date, days=3).is_working_day(new_date):
                raise UserError(
                    self.env._(
                        "The new date %(date)s is not a working day of the agency (a weekend or "
                        "a public holiday): choose a working day.",
                        date=dossier._qms_format_local(new_date, dossier.company_id),
                    )
                )
            one_day_later = working_hours_later(
                dossier._qms_planner(now), now, dossier._qms_hours_per_day()
            )
            dossier._qms_set(
                {
                    "apology_date": now,
                    "apology_reason": reason,
                    "apology_user_id": self.env.user.id,
                    "new_appointment_date": new_date,
                    "is_apology_on_time": bool(one_day_later)
                    and one_day_later <= dossier.appointment_date,
                }
            )
            dossier.message_post(body=html_escape(reason))
        return True

    # ------------------------------------------------------------------ lateness
    def _qms_late_step(self):
        """The hand-over where the time ran out: the first step done late or still open past
        its deadline, else the one holding the dossier now, else the last one."""
        now = fields.Datetime.now()
        lines = self.step_ids.sorted(lambda line: (line.date_start, line.id))
        late = lines.filtered(
            lambda line: (
                line.result == "late"
                or (line.state == "open" and line.deadline and line.deadline < now)
            )
        )
        return late[:1] or self.current_step_id or lines[-1:]

    def _qms_nonconformity_unit(self, late_step):
        return (
            late_step.department_id
            or self.department_id
            or self.company_id.qms_standing_department_id
        )

    def _qms_raise_late_nonconformity(self):
        """A late dossier is a nonconformity of the unit that held it, recorded once: when it
        is first seen overdue (the deadline job or a hand-over), else when resolved late."""
        NC = self.env["qms.nonconformity"].sudo()
        for dossier in self.sudo().filtered(lambda d: not d.nonconformity_id):
            late_step = dossier._qms_late_step()
            unit = dossier._qms_nonconformity_unit(late_step)
            if not unit:
                _logger.warning("Late dossier %s has no unit to hold its NC", dossier.name)
                continue
            nonconformity = NC.create(
                {
                    **dossier._qms_late_nonconformity_texts(),
                    "source": "late_dossier",
                    "res_model": dossier._name,
                    "res_id": dossier.id,
                    "department_id": unit.id,
                    "company_id": dossier.company_id.id,
                    "responsible_id": late_step.user_id.id,
                }
            )
            dossier._qms_set({"nonconformity_id": nonconformity.id})

    def _qms_late_nonconformity_texts(self):
        """Subject and description of the NC in the agency's language. The description's
        translated template is trusted HTML; the values go in through Markup, which escapes
        them, so the reader sees a paragraph, not its tags (formatting the translation with
        escaped values would escape the template instead)."""
        self.ensure_one()
        env = self.with_context(lang=self.company_id._qms_agency_lang()).env
        template = env._(
            "<p>The dossier %(code)s (%(procedure)s) was due on %(date)s and was not "
            "resolved in time.</p>"
        )
        description = Markup(template) % {
            "code": self.name,
            "procedure": self.procedure_id.with_env(env).display_name,
            "date": self._qms_format_local(self.appointment_date),
        }
        return {
            "title": env._("Late dossier %(code)s", code=self.name),
            "description": description,
        }

    # ------------------------------------------------------------------ printing
    def _qms_print(self, report, states=None):
        for dossier in self:
            if states and dossier.state not in states:
                raise UserError(
                    self.env._(
                        "Printing this form is not possible for %(code)s, which is %(state)s.",
                        code=dossier.name,
                        state=dossier._qms_state_label(),
                    )
                )
        return self.env.ref(f"qms_iso9001_tthc.{report}").report_action(self)

    def action_print_receipt(self):
        """A refused or withdrawn dossier has no appointment to give the applicant: its receipt
        is not printed (the refusal notice, form 03, says why)."""
        self._qms_check_receipt_printable()
        return self._qms_print("action_report_qms_tthc_dossier_receipt")

    def _qms_check_receipt_printable(self):
        for dossier in self:
            if dossier.state in ("refused", "withdrawn"):
                raise UserError(
                    self.env._(
                        "%(code)s is %(state)s: it has no appointment date, so no receipt is "
                        "printed. Print the refusal notice instead when it was refused.",
                        code=dossier.name,
                        state=dossier._qms_state_label(),
                    )
                )

    def action_print_supplement(self):
        if self.filtered(lambda d: not d.supplement_reason):
            raise UserError(self.env._("Request the supplement before printing the request."))
        return self._qms_print("action_report_qms_tthc_dossier_supplement")

    def action_print_refusal(self):
        return self._qms_print("action_report_qms_tthc_dossier_refusal", ("refused",))

    def action_print_apology(self):
        if self.filtered(lambda d: not d.apology_date):
            raise UserError(self.env._("Issue the apology before printing it."))
        return self._qms_print("action_report_qms_tthc_dossier_apology")

    def action_print_control_slip(self):
        return self._qms_print("action_report_qms_tthc_dossier_control_slip")

    def action_view_nonconformity(self):
        self.ensure_one()
        return self.nonconformity_id._get_records_action()

    # ------------------------------------------------------------------ screens
    is_with_my_unit = fields.Boolean(
        string="With My Unit", compute="_compute_is_with_my_unit", search="_search_is_with_my_unit"
    )

    @api.depends("current_department_id")
    @api.depends_context("uid")
    def _compute_is_with_my_unit(self):
        units = self._qms_user_units()
        for dossier in self:
            dossier.is_with_my_unit = dossier.current_department_id in units

    def _search_is_with_my_unit(self, operator, value):
        if operator != "in":
            return NotImplemented
        with_my_unit = Domain("current_department_id", "in", self._qms_user_units().ids)
        if True in value and False in value:
            return Domain.TRUE
        return with_my_unit if True in value else ~with_my_unit

    # ------------------------------------------------------------------ forms of TT 03/2025
    # Reception data the printed forms need (issue 14). The desk enters them with the rest of
    # the reception (they are in RECEPTION_FIELDS); afterwards, like the channel, they are in
    # no state's editable fields, so they stay as received.
    set_count = fields.Integer(
        string="Number of Sets",
        default=1,
        required=True,
        help="How many sets of the dossier the applicant handed in (số lượng hồ sơ), printed on "
        "the receipt.",
    )
    result_delivery = fields.Selection(
        RESULT_DELIVERY,
        string="Result Delivered",
        required=True,
        compute="_compute_result_delivery",
        store=True,
        readonly=False,
        precompute=True,
        help="Where the applicant registered to receive the result: at the desk, by post or "
        "online. Suggested from the filing channel; recorded at reception and printed on the "
        "receipt.",
    )
    tracking_book_volume = fields.Char(
        help="Volume (quyển số) of the desk's paper tracking book where the dossier is entered, "
        "printed on the receipt.",
    )
    tracking_book_number = fields.Char(
        string="Tracking Book Entry",
        help="Entry number (số thứ tự) of the dossier in that volume, printed on the receipt.",
    )

    @api.depends("channel")
    def _compute_result_delivery(self):
        for dossier in self:
            if not dossier.result_delivery:
                dossier.result_delivery = DELIVERY_BY_CHANNEL.get(dossier.channel, "desk")

    @api.model
    def _qms_check_form_reception_vals(self, vals):
        """The number of sets and the delivery of the result are required at reception: say
        so plainly instead of letting the database refuse an empty value."""
        if "set_count" in vals:
            count = vals["set_count"]
            if (
                isinstance(count, bool)
                or not isinstance(count, int)
                or not (1 <= count <= MAX_SET_COUNT)
            ):
                raise UserError(
                    self.env._(
                        "The number of sets must be a whole number from 1 to %(max)s.",
                        max=MAX_SET_COUNT,
                    )
                )
        if "result_delivery" in vals and not vals["result_delivery"]:
            raise UserError(
                self.env._(
                    "Record where the applicant will receive the result: at the desk, by post "
                    "or online."
                )
            )

    def _qms_apology_unit(self):
        """The unit that held the dossier when the apology was issued: it is the one at fault,
        and its head signs the letter (form 04). The unit in charge when none can be told."""
        self.ensure_one()
        moment = self.apology_date or fields.Datetime.now()
        held = self.step_ids.filtered(
            lambda step: (
                step.department_id
                and step.date_start <= moment
                and (not step.date_done or step.date_done > moment)
            )
        ).sorted(lambda step: (step.date_start, step.id))
        return held[-1:].department_id or self.department_id

    def _qms_apology_head_name(self):
        """The name of the head of the unit at fault, printed under the signature of form 04;
        empty (signed by hand) when the unit has no manager. Read as superuser: the officer
        printing the letter need not have access to employee records."""
        self.ensure_one()
        return self._qms_apology_unit().sudo().manager_id.name or ""

    def action_print_stop_notice(self):
        """Form 05: the notice that the handling of a withdrawn dossier stopped."""
        return self._qms_print("action_report_qms_tthc_dossier_stop_notice", ("withdrawn",))

    # ------------------------------------------------------------------ service centres (issue 14)
    # Who receives and who decides. A Public Administration Service Centre receives dossiers
    # for many agencies: `company_id` stays the deciding agency (the procedure's), the centre
    # that received the dossier is kept apart. It is set by the system from the receiving desk
    # officer, once, like the receiver: a workflow field, frozen from reception on.
    # Inter-agency procedures (liên thông): a flow step may belong to a unit of a coordinating
    # agency; the dossier is handed over to that agency for the step and back, and the holder
    # reads it while holding it (record rules on the holder, see security/qms_tthc_rules.xml).
    _qms_workflow_fields = (*_qms_workflow_fields, "reception_centre_id")

    reception_centre_id = fields.Many2one(
        "qms.tthc.service.centre",
        string="Receiving Centre",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="The Public Administration Service Centre that received the dossier, when it was "
        "not the deciding agency's own desk. Set from the desk officer at reception.",
    )

    @api.model
    def _qms_reception_centre(self, vals):
        """The centre of the officer receiving the dossier (none at an agency's own desk),
        checked to serve the dossier's agency. Data files may name it as superuser."""
        Centre = self.env["qms.tthc.service.centre"]
        given = vals.get("reception_centre_id")
        if self.env.su and isinstance(given, int) and not isinstance(given, bool):
            return Centre.browse(given)
        receiver = self.env["res.users"].browse(vals.get("received_by_id") or self.env.uid)
        centre = Centre._qms_of_user(receiver)
        if centre:
            company_id = vals.get("company_id")
            company = (
                self.env["res.company"].browse(company_id)
                if isinstance(company_id, int) and not isinstance(company_id, bool)
                else self.env.company
            )
            centre._qms_check_serves(company)
        return centre

    def _qms_step_agency(self, flow_step):
        """The agency holding a step: its coordinating agency for an inter-agency step, else the
        dossier's own."""
        return flow_step.sudo().agency_id or self.company_id

    def _qms_log_agency_hand_over(self, from_step, to_step, taker):
        """A hand-over to (or back from) another agency is recorded in the chatter, naming both."""
        previous_agency = self._qms_step_agency(from_step)
        agency = self._qms_step_agency(to_step)
        if agency != previous_agency:
            self.message_post(
                body=self.env._(
                    "Inter-agency hand-over: from %(from_agency)s to %(to_agency)s (%(user)s) for "
                    "the step %(step)s.",
                    from_agency=previous_agency.sudo().name,
                    to_agency=agency.sudo().name,
                    user=taker.name,
                    step=to_step.sudo().name,
                )
            )

    @api.onchange("company_id")
    def _onchange_company_id_procedure(self):
        """A centre officer picks the deciding agency first: a procedure of another agency no
        longer fits."""
        if self.procedure_id and self.procedure_id.company_id != self.company_id:
            self.procedure_id = False

    # ------------------------------------------------------------------ end of the centres' block

    # ------------------------------------------------------------ imported histories (issue 15)
    # Dossiers an agency handled on another desk (the province's TTHC system) are imported with
    # their history: they keep the moments and hand-overs the source recorded and then count in
    # the statistics, objectives, reviews and late-dossier NCs like those received here. Their
    # origin and external code are workflow fields: only `_qms_create_imported` sets them.
    _qms_workflow_fields = (
        *_qms_workflow_fields,
        "origin",
        "external_code",
        "history_import_id",
    )

    origin = fields.Selection(
        [("desk", "Received at the Desk"), ("imported", "Imported from Another System")],
        default="desk",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="Imported: the dossier was handled on another system (the provincial TTHC system) "
        "and its history was imported from that system's export.",
    )
    external_code = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="The code of the dossier in the system it was imported from.",
    )
    history_import_id = fields.Many2one(
        "qms.tthc.history.import",
        string="Import Record",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
    )

    @api.model
    def _qms_create_imported(self, vals_list):
        """Create imported dossiers with the moments, state and hand-overs of their source.
        The caller's rights are checked first (the standing office creates dossiers; an import
        record's transition calls this); then the system writes what the desk never may. Late
        ones get their NC as a desk dossier would, open ones past their appointment too."""
        self.check_access("create")
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only the ISO standing office imports dossier histories."))
        vals_list = [dict(vals, origin="imported") for vals in vals_list]
        dossiers = self.sudo().create(vals_list)
        for dossier in dossiers:
            open_steps = dossier.step_ids.filtered(lambda step: step.state == "open")
            if dossier.state in OPEN_STATES and open_steps:
                step = open_steps.sorted(lambda line: (line.date_start, line.id))[-1]
                dossier._qms_set({"current_step_id": step.id})
        dossiers.filtered(
            lambda dossier: dossier.timeliness == "late" or dossier.is_overdue
        )._qms_raise_late_nonconformity()
        return dossiers.with_env(self.env)
