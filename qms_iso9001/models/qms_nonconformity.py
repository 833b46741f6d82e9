from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition
from ..nc_tools import ensure_one, without_workflow_defaults
from . import qms_source_record_mixin  # noqa: F401 (the mixin is defined first)

_lt = LazyTranslate(__name__)

# Where a nonconformity comes from. The optional addons add their own sources (internal audit,
# late dossier) with `selection_add`: the core knows none of them.
SOURCES = [
    ("inspection", "Inspection by the Supervising Body"),
    ("complaint", "Citizen Complaint"),
    ("monitoring", "Process Monitoring"),
    ("management_review", "Management Review"),
    ("other", "Other"),
]
PLAN_ACTION_TYPES = ("corrective", "preventive", "improvement")
CANCELLABLE_STATES = ("draft", "analysis", "action_plan", "in_progress", "verification")
# Besides drafts, what the unit still fills in at each step; the rest is the record as it was at
# that step (closed and cancelled forms are frozen, archiving aside).
_HANDLING = ("responsible_id", "attachment_ids", "correction", "verified_by_id", "active")
_ANALYSIS = ("cause_ids", "cause_category_ids", "root_cause")
EDITABLE_FIELDS = {
    "analysis": (
        "title",
        "department_id",
        "severity",
        "clause",
        "document_id",
        "description",
        "date_deadline",
        *_ANALYSIS,
        *_HANDLING,
    ),
    "action_plan": ("date_deadline", "action_ids", *_ANALYSIS, *_HANDLING),
    "in_progress": ("action_ids", *_HANDLING),
    "verification": ("attachment_ids", "verified_by_id", "active"),
    "closed": ("active",),
    "cancelled": ("active",),
}
# The plan a leader is asked to approve: frozen while the approval is pending.
PLAN_FIELDS = {"date_deadline", "action_ids", *_ANALYSIS}
# What the detecting side recorded about an NC raised from a record (audit finding, late dossier,
# review): the unit handling it does not rewrite it; the standing office may correct it.
SOURCE_FIELDS = {
    "source",
    "department_id",
    "severity",
    "date_detected",
    "detected_by_id",
    "title",
    "description",
}
# Besides the QMS's own records, a nonconformity may concern a unit or a contact who complained.
EXTRA_SOURCE_MODELS = ("hr.department", "res.partner")


class QmsNonconformity(models.Model):
    """Phiếu xử lý sự không phù hợp (ISO 9001 clause 10.2).

    The workflow enforces what an auditor checks: a cause analysis before the action plan, an
    approved plan before acting, every action finished before verification, and an effectiveness
    verdict given by someone who did not carry out the actions.

    Lifecycle (see `qms.lifecycle.mixin`): draft -> analysis -> action_plan -> (plan approved
    through the approval chain) -> in_progress -> verification -> closed, or back to action_plan
    when the actions were not effective; cancelled from any open state. The unit moves its NC
    forward (its ISO officer or whoever handles the NC); the verifier gives the verdict; the
    standing office (QMS manager) cancels, reopens and resets, always with a reason.
    """

    _name = "qms.nonconformity"
    _description = "Nonconformity"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "qms.approval.mixin",
        "qms.source.record.mixin",
    ]
    _order = "date_detected desc, id desc"
    _rec_names_search = ["name", "title"]
    _check_company_auto = True

    _qms_workflow_fields = (
        "name",
        "res_model",
        "res_id",
        "plan_approved_by_id",
        "date_plan_approved",
        "date_closed",
        "is_closed_on_time",
        "effectiveness",
        "effectiveness_comment",
        "date_verified",
        "reopen_count",
        "cancel_reason",
    )
    _qms_editable_fields = EDITABLE_FIELDS
    _qms_deletable_states = ("draft",)
    _qms_field_groups = {"active": (MANAGER,), "verified_by_id": (MANAGER, UNIT_OFFICER)}
    # the plan is approved while the NC stays in its action plan
    _qms_approval_submit_states = ("action_plan",)
    # who sees the submit button; who may submit is declared on `action_submit_for_approval`
    _qms_approval_submit_groups = ("qms_iso9001.group_qms_user",)
    _qms_approval_pending_state = None
    _qms_approval_approved_state = "in_progress"
    _qms_approval_rejected_state = "action_plan"
    _qms_approval_submit_label = _lt("Submit Plan for Approval")

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    title = fields.Char(string="Subject", required=True, tracking=True)
    source = fields.Selection(SOURCES, required=True, default="other", tracking=True)
    source_record_name = fields.Char(
        help="The record the nonconformity was raised from; its name is shown only to those who "
        "may read it.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    clause = fields.Char(string="ISO Clause", help="Clause of TCVN ISO 9001:2015, e.g. 8.5.1.")
    document_id = fields.Many2one(
        "qms.document", string="Document Concerned", index="btree_not_null", check_company=True
    )
    description = fields.Html(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "qms_nonconformity_attachment_rel",
        "nonconformity_id",
        "attachment_id",
        string="Evidence",
    )
    date_detected = fields.Date(
        string="Detected On",
        required=True,
        default=lambda self: self.env.company._qms_local_day(fields.Datetime.now()),
        tracking=True,
        help="The agency's day (its calendar's time zone) the nonconformity was detected on: "
        "the day the reports and the management review count it in.",
    )
    detected_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, tracking=True)
    severity = fields.Selection(
        [("major", "Major"), ("minor", "Minor"), ("observation", "Observation")],
        required=True,
        default="minor",
        tracking=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Handled By",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Who leads the handling of the nonconformity in the unit.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("analysis", "Cause Analysis"),
            ("action_plan", "Action Plan"),
            ("in_progress", "In Progress"),
            ("verification", "Verification"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    correction = fields.Text(
        string="Immediate Correction", help="What was done at once to contain the problem."
    )
    cause_ids = fields.One2many(
        "qms.nonconformity.cause", "nonconformity_id", string="Cause Analysis (5 Whys)"
    )
    cause_category_ids = fields.Many2many("qms.cause.category", string="Cause Categories")
    root_cause = fields.Text()
    action_ids = fields.One2many("qms.action", "nonconformity_id", string="Actions")
    # stored: the list shows the open actions of 80 NCs without reading their actions, and the
    # counts are of all the NC's actions, whoever reads them
    action_count = fields.Integer(compute="_compute_action_counts", store=True)
    open_action_count = fields.Integer(compute="_compute_action_counts", store=True)
    plan_approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_plan_approved = fields.Date(string="Plan Approved On", readonly=True, copy=False)
    date_deadline = fields.Date(string="Deadline", tracking=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    is_closed_on_time = fields.Boolean(
        string="Closed on Time", compute="_compute_is_closed_on_time", store=True
    )
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    effectiveness_comment = fields.Text(string="Verification Comment", readonly=True, copy=False)
    verified_by_id = fields.Many2one(
        "res.users",
        string="Verifier",
        copy=False,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who verifies the effectiveness of the actions: someone who neither led the handling "
        "nor carried out an action. Designated by the unit ISO officer or the standing office.",
    )
    date_verified = fields.Date(string="Verified On", readonly=True, copy=False)
    reopen_count = fields.Integer(string="Times Reopened", readonly=True, copy=False)
    cancel_reason = fields.Text(string="Cancellation Reason", readonly=True, copy=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _name_company_uniq = models.Constraint(
        "UNIQUE(company_id, name)", "This nonconformity number is already used."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("action_ids.state")
    def _compute_action_counts(self):
        for nonconformity in self:
            actions = nonconformity.action_ids
            nonconformity.action_count = len(actions)
            nonconformity.open_action_count = len(
                actions.filtered(lambda a: a.state in ("open", "in_progress"))
            )

    @api.depends("state", "date_closed", "date_deadline")
    def _compute_is_closed_on_time(self):
        for nonconformity in self:
            nonconformity.is_closed_on_time = bool(
                nonconformity.state == "closed"
                and nonconformity.date_closed
                and (
                    not nonconformity.date_deadline
                    or nonconformity.date_closed <= nonconformity.date_deadline
                )
            )

    # ------------------------------------------------------------------ sources
    @api.model
    def _qms_is_source_model(self, model_name):
        """Nonconformities are raised from the QMS's records (documents, risks, audits,
        dossiers...), from units and from the contacts who complained; nothing else."""
        if not isinstance(model_name, str) or model_name not in self.env:
            return False
        model = self.env[model_name]
        if model._abstract or model._transient or model_name == self._name:
            return False
        return model_name.startswith("qms.") or model_name in EXTRA_SOURCE_MODELS

    @api.model
    def _qms_check_source(self, model_name, res_id):
        """The source record a user raises a nonconformity from, once checked that it is a QMS
        record that exists and that the user may read; a UserError in plain words otherwise."""
        if not self._qms_is_source_model(model_name):
            raise UserError(
                self.env._(
                    "A nonconformity is raised from a record of the quality management system "
                    "(a document, a risk, an audit, a dossier...), a unit or a contact; "
                    "%(model)s is not one.",
                    model=model_name if isinstance(model_name, str) else "-",
                )
            )
        if isinstance(res_id, bool) or not isinstance(res_id, int) or res_id <= 0:
            raise UserError(self.env._("Choose the record the nonconformity is about."))
        record = self.env[model_name].browse(res_id).exists()
        if not record:
            raise UserError(
                self.env._("The record the nonconformity is about no longer exists, or never did.")
            )
        if not record.has_access("read"):
            raise AccessError(
                self.env._(
                    "You may not read the record you want to raise a nonconformity from: ask its "
                    "unit or the ISO standing office to raise it."
                )
            )
        return record

    @api.model
    def _qms_raise_from(self, model_name, res_id, vals):
        """Create a nonconformity as the current user, linked to its source record, which only
        the system sets, once checked that the user may read it."""
        record = self._qms_check_source(model_name, res_id)
        nonconformity = self.create(vals)
        nonconformity._qms_set({"res_model": record._name, "res_id": record.id})
        return nonconformity

    # ------------------------------------------------------------------ roles
    @api.model
    def _qms_user_units(self, user):
        return user.sudo().employee_ids.department_id

    def _qms_in_units(self, units):
        """Whether the NC's unit is one of `units` or under one of them."""
        self.ensure_one()
        path = self.sudo().department_id.parent_path or ""
        ids = {int(part) for part in path.split("/") if part}
        return bool(ids & set(units.ids))

    def _qms_is_unit_officer(self, user):
        """The ISO officer of the unit the NC belongs to (or of a unit above it)."""
        self.ensure_one()
        return user.has_group(UNIT_OFFICER) and self._qms_in_units(self._qms_user_units(user))

    def _qms_is_handler(self, user):
        """Who moves the NC through its handling: the person leading it, or the unit's officer."""
        self.ensure_one()
        return user == self.responsible_id or self._qms_is_unit_officer(user)

    def _qms_is_verifier(self, user):
        self.ensure_one()
        return bool(self.verified_by_id) and user == self.verified_by_id

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        return super(QmsNonconformity, without_workflow_defaults(self)).create(vals_list)

    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        if vals.get("res_model") and vals["res_model"] not in self.env:
            raise ValidationError(
                self.env._("Unknown source model %(model)s.", model=vals["res_model"])
            )
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        if vals.get("name", "/") == "/":
            vals["name"] = self._qms_next_number(company, vals.get("date_detected"))
        elif (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("name", "=", vals["name"]), ("company_id", "=", company.id)], limit=1)
        ):
            raise ValidationError(
                self.env._("The nonconformity number %(name)s is already used.", name=vals["name"])
            )
        return vals

    @api.model
    def _qms_next_number(self, company, date_detected=None):
        """NC-<year>-NNNN from a sequence of the company, created on first use from the template
        so that every agency numbers its own nonconformities from 1 each year."""
        sequences = self.env["ir.sequence"].sudo()
        sequence = sequences.search(
            [("code", "=", "qms.nonconformity"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            template = self.env.ref("qms_iso9001.seq_qms_nonconformity", raise_if_not_found=False)
            values = {"company_id": company.id}
            if template:
                sequence = template.sudo().copy(dict(values, name=template.name))
            else:
                sequence = sequences.create(
                    dict(
                        values,
                        name="Nonconformity",
                        code="qms.nonconformity",
                        prefix="NC-%(range_year)s-",
                        padding=4,
                        use_date_range=True,
                    )
                )
        return sequence.next_by_id(sequence_date=date_detected or fields.Date.context_today(self))

    def write(self, vals):
        if not self.env.su and vals:
            self._qms_check_company_kept(vals)
            self._qms_check_source_fields(vals)
        return super().write(vals)

    def _qms_check_company_kept(self, vals):
        if "company_id" in vals and self._qms_value_changes("company_id", vals["company_id"]):
            raise UserError(
                self.env._(
                    "A nonconformity stays in the register of the agency it was recorded in."
                )
            )

    def _qms_check_source_fields(self, vals):
        names = SOURCE_FIELDS & set(vals)
        if not names or self.env.user.has_group(MANAGER):
            return
        for nonconformity in self.filtered("res_model"):
            changed = {n for n in names if nonconformity._qms_value_changes(n, vals[n])}
            if changed:
                raise UserError(
                    self.env._(
                        "%(fields)s of %(name)s come from the record it was raised from: only "
                        "the ISO standing office corrects them.",
                        fields=self._qms_field_labels(changed),
                        name=nonconformity.name,
                    )
                )

    def _qms_check_state_editable(self, names):
        super()._qms_check_state_editable(names)
        frozen = names & PLAN_FIELDS
        if not frozen:
            return
        for nonconformity in self:
            if nonconformity.approval_state == "pending":
                raise UserError(
                    self.env._(
                        "The action plan of %(name)s is waiting for approval: %(fields)s can be "
                        "changed once it is recalled or rejected.",
                        name=nonconformity.name,
                        fields=self._qms_field_labels(frozen),
                    )
                )

    def copy_data(self, default=None):
        default = dict(default or {}, name="/")
        return super().copy_data(default=default)

    @api.ondelete(at_uninstall=False)
    def _unlink_not_raised_from_a_record(self):
        for nonconformity in self:
            if nonconformity.res_model:
                raise UserError(
                    self.env._(
                        "%(name)s was raised from %(origin)s: it is kept; the ISO standing office "
                        "cancels it if it is unfounded.",
                        name=nonconformity.name,
                        origin=nonconformity.source_record_name or "-",
                    )
                )

    def _qms_doers(self):
        """Who handled the NC or carried out one of its actions: they may not judge it."""
        self.ensure_one()
        return (
            self.responsible_id
            | self.action_ids.filtered(lambda a: a.state != "cancelled").responsible_id
        )

    @api.constrains("verified_by_id", "responsible_id", "action_ids", "state")
    def _check_verifier_independent(self):
        to_check = self.filtered(
            lambda nc: nc.verified_by_id and nc.state not in ("closed", "cancelled")
        )
        for nonconformity in to_check:
            if nonconformity.verified_by_id in nonconformity._qms_doers():
                raise ValidationError(
                    self.env._(
                        "%(user)s carried out or led the actions of %(name)s: the effectiveness "
                        "must be verified by someone else.",
                        user=nonconformity.verified_by_id.name,
                        name=nonconformity.name,
                    )
                )

    # ------------------------------------------------------------------ workflow
    @transition(("draft",), groups=(MANAGER,), role="_qms_is_handler", label=_lt("Analyse Causes"))
    def action_start_analysis(self):
        for nonconformity in self:
            if not nonconformity.responsible_id:
                raise UserError(
                    self.env._(
                        "Choose who handles %(name)s before analysing its causes.",
                        name=nonconformity.name,
                    )
                )
        self._qms_set({"state": "analysis"})
        return True

    @transition(("analysis",), groups=(MANAGER,), role="_qms_is_handler", label=_lt("Plan Actions"))
    def action_to_action_plan(self):
        for nonconformity in self:
            if not nonconformity.cause_ids and not (nonconformity.root_cause or "").strip():
                raise UserError(
                    self.env._(
                        "Analyse the causes of %(name)s (5 whys or root cause) before planning "
                        "actions.",
                        name=nonconformity.name,
                    )
                )
        self._qms_set({"state": "action_plan"})
        return True

    def _qms_planned_actions(self):
        self.ensure_one()
        return self.action_ids.filtered(
            lambda a: a.action_type in PLAN_ACTION_TYPES and a.state in ("open", "in_progress")
        )

    @transition(
        "_qms_approval_submit_states",
        groups=(MANAGER,),
        role="_qms_is_handler",
        label=_lt("Submit Plan for Approval"),
    )
    def action_submit_for_approval(self):
        # The unit submits its own plan (the person handling the NC or the unit's ISO officer):
        # the mixin's transition only knows groups, so its body is run after these checks.
        return super().action_submit_for_approval.__wrapped__(self)

    def _qms_check_ready_to_submit(self):
        for nonconformity in self:
            if not nonconformity._qms_planned_actions():
                raise UserError(
                    self.env._(
                        "Plan at least one open corrective, preventive or improvement action "
                        "for %(name)s before submitting the plan.",
                        name=nonconformity.name,
                    )
                )

    def _qms_approval_on_approved(self, request):
        approver = request._qms_last_approver()
        for nonconformity in self:
            vals = {
                "state": "in_progress",
                "plan_approved_by_id": approver.id,
                "date_plan_approved": fields.Date.context_today(self),
            }
            if not nonconformity.date_deadline:
                deadlines = nonconformity._qms_planned_actions().mapped("date_deadline")
                vals["date_deadline"] = max(deadlines) if deadlines else False
            nonconformity._qms_set(vals)
            nonconformity.sudo().message_post(
                body=self.env._("Action plan approved: the actions can be carried out."),
                subtype_xmlid="mail.mt_note",
            )

    def _qms_approval_on_rejected(self, request):
        result = super()._qms_approval_on_rejected(request)
        self.sudo().message_post(
            body=self.env._("The action plan was not approved: revise it and submit it again."),
            subtype_xmlid="mail.mt_note",
        )
        return result

    @transition(
        ("in_progress",),
        groups=(MANAGER,),
        role="_qms_is_handler",
        label=_lt("Verify Effectiveness"),
    )
    def action_to_verification(self):
        for nonconformity in self:
            if nonconformity.open_action_count:
                raise UserError(
                    self.env._(
                        "%(count)s action(s) of %(name)s are still open: finish or cancel them "
                        "before verifying the effectiveness.",
                        count=nonconformity.open_action_count,
                        name=nonconformity.name,
                    )
                )
            if not nonconformity.action_ids.filtered(lambda a: a.state == "done"):
                raise UserError(
                    self.env._("No action of %(name)s is done.", name=nonconformity.name)
                )
        self._qms_set(
            {
                "state": "verification",
                "effectiveness": False,
                "effectiveness_comment": False,
                "date_verified": False,
            }
        )
        return True

    def action_open_verdict_wizard(self):
        """Ask the verdict; the wizard runs `action_record_verdict` as the user."""
        ensure_one(self)
        self._qms_check_transition_named("action_record_verdict")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Verdict"),
            "res_model": "qms.nonconformity.verdict",
            "view_mode": "form",
            "target": "new",
            "context": {"default_nonconformity_id": self.id},
        }

    @transition(
        ("verification",),
        groups=(MANAGER,),
        role="_qms_is_verifier",
        access="read",
        label=_lt("Record Verdict"),
    )
    def action_record_verdict(self, effectiveness, comment=None):
        """The verifier (or the standing office for them) gives the verdict: effective closes the
        NC; not effective sends it back to a new action plan, the previous actions kept."""
        labels = dict(self._fields["effectiveness"]._description_selection(self.env))
        if not isinstance(effectiveness, str) or effectiveness not in labels:
            raise UserError(self.env._("The verdict is either effective or not effective."))
        if comment in (None, False):
            comment = ""
        if not isinstance(comment, str):
            raise UserError(self.env._("The verification comment must be text."))
        comment = comment.strip()
        if effectiveness == "not_effective" and not comment:
            raise UserError(
                self.env._("Say why the actions were not effective: the new plan starts from it.")
            )
        user = self.env.user
        today = fields.Date.context_today(self)
        for nonconformity in self:
            verifier = nonconformity.verified_by_id or user
            if user in nonconformity._qms_doers() or verifier in nonconformity._qms_doers():
                raise UserError(
                    self.env._(
                        "%(user)s carried out or led the actions of %(name)s: the verdict is "
                        "given by someone else.",
                        user=(user if user in nonconformity._qms_doers() else verifier).name,
                        name=nonconformity.name,
                    )
                )
            if nonconformity.open_action_count:
                raise UserError(
                    self.env._(
                        "%(name)s still has open actions: it cannot be verified.",
                        name=nonconformity.name,
                    )
                )
            vals = {
                "effectiveness": effectiveness,
                "effectiveness_comment": comment or False,
                "verified_by_id": verifier.id,
                "date_verified": today,
            }
            if effectiveness == "effective":
                vals.update(state="closed", date_closed=today)
            else:
                vals.update(
                    state="action_plan",
                    reopen_count=nonconformity.reopen_count + 1,
                    approval_request_id=False,
                )
            nonconformity._qms_set(vals)
            who = user.name if verifier == user else f"{user.name} ({verifier.name})"
            if effectiveness == "effective":
                body = self.env._(
                    "Verified as effective by %(user)s: %(comment)s. The nonconformity is closed.",
                    user=who,
                    comment=comment or "-",
                )
            else:
                body = self.env._(
                    "Verified as not effective by %(user)s: %(comment)s. A new action plan is "
                    "needed.",
                    user=who,
                    comment=comment,
                )
            nonconformity.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen"))

    @transition(("closed",), groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        """A closed NC found to recur: back to a new action plan, the previous one kept."""
        self._qms_log_reason(self.env._("Reopen"), reason)
        for nonconformity in self:
            nonconformity._qms_set(
                {
                    "state": "action_plan",
                    "reopen_count": nonconformity.reopen_count + 1,
                    "approval_request_id": False,
                    "date_closed": False,
                    "effectiveness": False,
                    "effectiveness_comment": False,
                    "date_verified": False,
                }
            )
        return True

    def action_cancel_wizard(self):
        self._qms_check_transition_named("action_cancel")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Nonconformity"),
            "res_model": "qms.nonconformity.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_nonconformity_ids": self.ids},
        }

    @transition(CANCELLABLE_STATES, groups=(MANAGER,), label=_lt("Cancel"))
    def action_cancel(self, reason):
        """Only the standing office cancels an NC (never the unit it blames), with a reason."""
        reason = self._qms_log_reason(self.env._("Cancel"), reason)
        for nonconformity in self:
            if nonconformity.approval_state == "pending":
                # Whoever cancels the NC closes its plan's approval, not only the requester.
                nonconformity.sudo().approval_request_id._qms_close("cancelled")
            nonconformity.action_ids.filtered(
                lambda a: a.state in ("open", "in_progress")
            )._qms_cancel_with(reason)
        self._qms_set({"state": "cancelled", "cancel_reason": reason})
        return True

    @transition(("cancelled",), groups=(MANAGER,), label=_lt("Reset to Draft"))
    def action_reset_draft(self):
        self._qms_set({"state": "draft", "cancel_reason": False})
        for nonconformity in self:
            nonconformity.sudo().message_post(
                body=self.env._("Reset to draft by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------ navigation
    def action_open_source(self):
        ensure_one(self)
        source = self._qms_source_record()
        if not source:
            raise UserError(self.env._("The source record no longer exists."))
        if not source.with_env(self.env).has_access("read"):
            raise AccessError(
                self.env._("The source of %(name)s is a record you may not read.", name=self.name)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": source._name,
            "res_id": source.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_actions(self):
        ensure_one(self)
        action = self.env["ir.actions.act_window"]._for_xml_id("qms_iso9001.action_qms_action")
        action["domain"] = [("nonconformity_id", "=", self.id)]
        action["context"] = {"default_nonconformity_id": self.id}
        return action

    @api.model
    def _qms_raise_nonconformity_action(self, record, source=None, **defaults):
        """Window action opening the "raise nonconformity" wizard pre-filled from `record`.

        Other addons call it from their own buttons, e.g.
        ``self.env["qms.nonconformity"]._qms_raise_nonconformity_action(finding,
        source="inspection", department_id=finding.department_id.id)``.
        """
        record.ensure_one()
        context = {
            "active_model": record._name,
            "active_id": record.id,
            "active_ids": record.ids,
        }
        if source:
            context["default_source"] = source
        context.update({f"default_{key}": value for key, value in defaults.items()})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Raise Nonconformity"),
            "res_model": "qms.nonconformity.raise",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }
