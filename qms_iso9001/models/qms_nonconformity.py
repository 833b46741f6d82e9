from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SOURCES = [
    ("internal_audit", "Internal Audit"),
    ("inspection", "Inspection by the Supervising Body"),
    ("complaint", "Citizen Complaint"),
    ("late_dossier", "Late Administrative Dossier"),
    ("monitoring", "Process Monitoring"),
    ("management_review", "Management Review"),
    ("other", "Other"),
]
PLAN_ACTION_TYPES = ("corrective", "preventive", "improvement")
# What the closed form records; changing it afterwards would falsify the QMS records.
FROZEN_WHEN_CLOSED = {
    "title",
    "source",
    "department_id",
    "clause",
    "document_id",
    "description",
    "severity",
    "date_detected",
    "detected_by_id",
    "responsible_id",
    "correction",
    "cause_ids",
    "cause_category_ids",
    "root_cause",
    "action_ids",
    "date_deadline",
    "effectiveness",
    "effectiveness_comment",
    "verified_by_id",
}
CANCELLABLE_STATES = ("draft", "analysis", "action_plan", "in_progress", "verification")


class QmsNonconformity(models.Model):
    """Phiếu xử lý sự không phù hợp (ISO 9001 clause 10.2).

    The workflow enforces what an auditor checks: a cause analysis before the action plan, an
    approved plan before acting, every action finished before verification, and an effectiveness
    verdict given by someone who did not carry out the actions.
    """

    _name = "qms.nonconformity"
    _description = "Nonconformity"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "date_detected desc, id desc"
    _rec_names_search = ["name", "title"]

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    title = fields.Char(string="Subject", required=True, tracking=True)
    source = fields.Selection(SOURCES, required=True, default="other", tracking=True)
    res_model = fields.Char(string="Source Model", index=True, readonly=True, copy=False)
    res_id = fields.Many2oneReference(
        string="Source Record ID", model_field="res_model", readonly=True, copy=False
    )
    source_record_name = fields.Char(string="Source Record", compute="_compute_source_record_name")
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
        string="Detected On", required=True, default=fields.Date.context_today, tracking=True
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
    action_count = fields.Integer(compute="_compute_action_counts")
    open_action_count = fields.Integer(compute="_compute_action_counts")
    plan_approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_plan_approved = fields.Date(string="Plan Approved On", readonly=True, copy=False)
    date_deadline = fields.Date(string="Deadline", tracking=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    is_closed_on_time = fields.Boolean(
        string="Closed on Time", compute="_compute_is_closed_on_time", store=True
    )
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")],
        copy=False,
        tracking=True,
    )
    effectiveness_comment = fields.Text(string="Verification Comment", copy=False)
    verified_by_id = fields.Many2one(
        "res.users",
        copy=False,
        tracking=True,
        domain="[('share', '=', False)]",
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
    @api.depends("res_model", "res_id")
    def _compute_source_record_name(self):
        for nonconformity in self:
            nonconformity.source_record_name = nonconformity._qms_source_record().display_name

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

    def _qms_source_record(self):
        """The record the NC was raised from, if it still exists (read as superuser: a unit may
        see the NC but not, say, the audit it came from)."""
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return self.env["qms.nonconformity"]
        return self.env[self.res_model].sudo().browse(self.res_id).exists()

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("res_model") and vals["res_model"] not in self.env:
                raise ValidationError(
                    self.env._("Unknown source model %(model)s.", model=vals["res_model"])
                )
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self._qms_next_number(company, vals.get("date_detected"))
        self._check_unique_numbers(vals_list)
        return super().create(vals_list)

    def _check_unique_numbers(self, vals_list):
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            if (
                self.sudo()
                .with_context(active_test=False)
                .search_count(
                    [("name", "=", vals["name"]), ("company_id", "=", company_id)], limit=1
                )
            ):
                raise ValidationError(
                    self.env._(
                        "The nonconformity number %(name)s is already used.", name=vals["name"]
                    )
                )

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
        if FROZEN_WHEN_CLOSED & set(vals) and any(nc.state == "closed" for nc in self):
            raise UserError(self.env._("A closed nonconformity cannot be changed."))
        return super().write(vals)

    def copy_data(self, default=None):
        default = dict(default or {}, name="/")
        return super().copy_data(default=default)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for nonconformity in self:
            if nonconformity.state != "draft":
                raise UserError(
                    self.env._(
                        "The nonconformity %(name)s is a QMS record and cannot be deleted once "
                        "handled: cancel or archive it instead.",
                        name=nonconformity.name,
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
            lambda nc: nc.verified_by_id and nc.state in ("verification", "closed")
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

    def _check_verdict_recorder(self):
        """The verdict is recorded by the verifier, or by the standing office on their behalf;
        never by someone who did the work, whatever name they type as verifier."""
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        is_standing_office = user.has_group("qms_iso9001.group_qms_manager")
        if user in self._qms_doers() or (user != self.verified_by_id and not is_standing_office):
            raise UserError(
                self.env._(
                    "Only %(verifier)s, who verified %(name)s, or the ISO standing office can "
                    "record the verdict, and not someone who carried out its actions.",
                    verifier=self.verified_by_id.name,
                    name=self.name,
                )
            )

    # ------------------------------------------------------------------ workflow
    def _check_state(self, allowed, action_label):
        for nonconformity in self:
            if nonconformity.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: it cannot be %(action)s.",
                        name=nonconformity.name,
                        state=dict(nonconformity._fields["state"]._description_selection(self.env))[
                            nonconformity.state
                        ],
                        action=action_label,
                    )
                )

    def action_start_analysis(self):
        self._check_state(("draft",), self.env._("sent to cause analysis"))
        for nonconformity in self:
            if not nonconformity.responsible_id:
                raise UserError(
                    self.env._(
                        "Choose who handles %(name)s before analysing its causes.",
                        name=nonconformity.name,
                    )
                )
        self.write({"state": "analysis"})
        return True

    def action_to_action_plan(self):
        self._check_state(("analysis",), self.env._("moved to the action plan"))
        for nonconformity in self:
            if not nonconformity.cause_ids and not (nonconformity.root_cause or "").strip():
                raise UserError(
                    self.env._(
                        "Analyse the causes of %(name)s (5 whys or root cause) before planning "
                        "actions.",
                        name=nonconformity.name,
                    )
                )
        self.write({"state": "action_plan"})
        return True

    def _qms_planned_actions(self):
        self.ensure_one()
        return self.action_ids.filtered(
            lambda a: a.action_type in PLAN_ACTION_TYPES and a.state in ("open", "in_progress")
        )

    def _qms_approval_on_submit(self):
        self._check_state(("action_plan",), self.env._("submitted for approval"))
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
            nonconformity.write(vals)
            nonconformity.message_post(
                body=self.env._("Action plan approved: the actions can be carried out."),
                subtype_xmlid="mail.mt_note",
            )

    def _qms_approval_on_rejected(self, request):
        self.message_post(
            body=self.env._("The action plan was not approved: revise it and submit it again."),
            subtype_xmlid="mail.mt_note",
        )

    def action_to_verification(self):
        self._check_state(("in_progress",), self.env._("sent to verification"))
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
        self.write({"state": "verification", "effectiveness": False, "verified_by_id": False})
        return True

    def action_record_verdict(self):
        """Close the NC when effective; reopen it with a new action plan when not."""
        self._check_state(("verification",), self.env._("verified"))
        for nonconformity in self:
            if not nonconformity.effectiveness or not nonconformity.verified_by_id:
                raise UserError(
                    self.env._(
                        "Give the effectiveness verdict of %(name)s and who verified it.",
                        name=nonconformity.name,
                    )
                )
            nonconformity._check_verifier_independent()
            nonconformity._check_verdict_recorder()
            if nonconformity.open_action_count:
                raise UserError(
                    self.env._(
                        "%(name)s still has open actions: it cannot be closed.",
                        name=nonconformity.name,
                    )
                )
            # the verifier may be a leader who only reads NCs: the verdict is their authority
            if nonconformity.effectiveness == "effective":
                nonconformity.sudo()._qms_close()
            else:
                nonconformity.sudo()._qms_reopen()
        return True

    def _qms_close(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        self.write({"state": "closed", "date_closed": today, "date_verified": today})

    def _qms_reopen(self):
        """Not effective: previous actions stay as the history, a new plan must be approved."""
        self.ensure_one()
        self.message_post(
            body=self.env._(
                "Verified as not effective by %(user)s: %(comment)s. A new action plan is needed.",
                user=self.verified_by_id.name,
                comment=self.effectiveness_comment or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.write(
            {
                "state": "action_plan",
                "date_verified": fields.Date.context_today(self),
                "reopen_count": self.reopen_count + 1,
                "approval_request_id": False,
            }
        )

    def action_cancel_wizard(self):
        self._check_state(CANCELLABLE_STATES, self.env._("cancelled"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Nonconformity"),
            "res_model": "qms.nonconformity.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_nonconformity_ids": self.ids},
        }

    def _qms_cancel(self, reason):
        self._check_state(CANCELLABLE_STATES, self.env._("cancelled"))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for cancelling the nonconformity."))
        for nonconformity in self:
            if nonconformity.approval_state == "pending":
                # Whoever cancels the NC closes its plan's approval, not only the requester.
                nonconformity.sudo().approval_request_id._qms_close("cancelled")
            nonconformity.action_ids.filtered(
                lambda a: a.state in ("open", "in_progress")
            ).action_cancel()
        self.write({"state": "cancelled", "cancel_reason": reason})
        return True

    def action_reset_draft(self):
        self._check_state(("cancelled",), self.env._("reset to draft"))
        self.write({"state": "draft", "cancel_reason": False})
        return True

    # ------------------------------------------------------------------ navigation
    def action_open_source(self):
        self.ensure_one()
        source = self._qms_source_record()
        if not source:
            raise UserError(self.env._("The source record no longer exists."))
        return {
            "type": "ir.actions.act_window",
            "res_model": source._name,
            "res_id": source.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("qms_iso9001.action_qms_action")
        action["domain"] = [("nonconformity_id", "=", self.id)]
        action["context"] = {"default_nonconformity_id": self.id}
        return action

    @api.model
    def _qms_raise_nonconformity_action(self, record, source=None, **defaults):
        """Window action opening the "raise nonconformity" wizard pre-filled from `record`.

        Other addons call it from their own buttons, e.g.
        ``self.env["qms.nonconformity"]._qms_raise_nonconformity_action(finding,
        source="internal_audit", department_id=finding.department_id.id)``.
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
