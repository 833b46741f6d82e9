import base64
import copy
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

AUDITOR = "qms_iso9001_audit.group_qms_auditor"

_lt = LazyTranslate(__name__)

AUDIT_TYPES = [
    ("internal", "Internal Audit"),
    ("inspection", "Inspection by the Supervising Body"),
    ("external", "Other External Audit"),
]
NC_RESULTS = ("minor", "major")


class QmsAudit(models.Model):
    """Cuộc đánh giá: one audit round of the programme, from the plan approved by the head of the
    agency to the report sent to the audited units and the follow-up of its nonconformities.

    The plan and then the report go through the core approval route; routes may filter on
    `state` to use different approvers for the two (draft: plan, in_progress: report). The
    standing office or the lead auditor submits, starts, notifies and closes; only the standing
    office cancels and reopens, with a reason. Once the plan is approved its dates, units, team
    and scope are frozen; once the report is submitted the whole audit is.
    """

    _name = "qms.audit"
    _description = "Audit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "qms.approval.mixin",
        "qms.lifecycle.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # Two approval phases on one request field: the plan (draft -> to_approve -> approved) and
    # the report (in_progress -> report_to_approve -> reported); the hooks below pick the phase
    # from the state, the mixin's single pending/approved/rejected states are not used.
    _qms_approval_submit_states = ("draft", "in_progress")
    _qms_approval_submit_groups = (MANAGER, AUDITOR)
    _qms_approval_pending_state = None
    _qms_approval_approved_state = None
    _qms_approval_rejected_state = None
    _qms_approval_submit_label = _lt("Submit Plan")

    _qms_workflow_fields = (
        "plan_approver_id",
        "date_plan_approved",
        "report_approver_id",
        "date_report_approved",
        "date_notice_sent",
        "date_report_sent",
        "date_closed",
    )
    _qms_editable_fields = {
        "to_approve": ("color", "checklist_template_ids", "checklist_line_ids"),
        "approved": ("color", "schedule_line_ids", "checklist_template_ids", "checklist_line_ids"),
        "in_progress": (
            "color",
            "checklist_template_ids",
            "checklist_line_ids",
            "finding_ids",
            "summary",
            "conclusion",
        ),
        "report_to_approve": ("color",),
        "reported": ("color",),
        "closed": ("color",),
        "cancelled": ("color",),
    }
    _qms_deletable_states = ("draft",)

    name = fields.Char(string="Round", required=True, tracking=True)
    program_id = fields.Many2one(
        "qms.audit.program", string="Programme", index=True, check_company=True, tracking=True
    )
    audit_type = fields.Selection(
        AUDIT_TYPES, string="Type", required=True, default="internal", tracking=True
    )
    department_ids = fields.Many2many(
        "hr.department", string="Audited Units", required=True, check_company=True
    )
    document_ids = fields.Many2many(
        "qms.document", string="Processes / Documents Audited", check_company=True
    )
    clause_ids = fields.Many2many(
        "qms.iso.clause",
        string="Clauses",
        domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain(),
    )
    objective = fields.Text(string="Objective and Scope")
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    lead_auditor_id = fields.Many2one(
        "hr.employee", required=True, tracking=True, check_company=True
    )
    auditor_ids = fields.Many2many("hr.employee", string="Audit Team", check_company=True)
    auditor_user_ids = fields.Many2many(
        "res.users",
        "qms_audit_auditor_user_rel",
        string="Auditor Users",
        compute="_compute_auditor_user_ids",
        store=True,
    )
    schedule_line_ids = fields.One2many("qms.audit.schedule.line", "audit_id", string="Schedule")
    checklist_template_ids = fields.Many2many(
        "qms.audit.checklist.template", string="Checklist Templates", check_company=True
    )
    checklist_line_ids = fields.One2many("qms.audit.checklist.line", "audit_id", string="Checklist")
    finding_ids = fields.One2many("qms.audit.finding", "audit_id", string="Findings")
    checklist_line_count = fields.Integer(compute="_compute_counts")
    checklist_done_count = fields.Integer(compute="_compute_counts")
    finding_count = fields.Integer(compute="_compute_counts")
    nonconformity_count = fields.Integer(compute="_compute_counts")
    open_nonconformity_count = fields.Integer(compute="_compute_counts")
    summary = fields.Html(string="Summary of Results")
    conclusion = fields.Html()
    state = fields.Selection(
        [
            ("draft", "Plan"),
            ("to_approve", "Plan to Approve"),
            ("approved", "Plan Approved"),
            ("in_progress", "In Progress"),
            ("report_to_approve", "Report to Approve"),
            ("reported", "Reported"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    plan_approver_id = fields.Many2one(
        "res.users", string="Plan Approved By", readonly=True, copy=False, tracking=True
    )
    date_plan_approved = fields.Datetime(string="Plan Approved On", readonly=True, copy=False)
    report_approver_id = fields.Many2one(
        "res.users", string="Report Approved By", readonly=True, copy=False, tracking=True
    )
    date_report_approved = fields.Datetime(string="Report Approved On", readonly=True, copy=False)
    date_notice_sent = fields.Datetime(string="Notice Sent On", readonly=True, copy=False)
    date_report_sent = fields.Datetime(string="Report Sent On", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    color = fields.Integer()
    notify_partner_ids = fields.Many2many(
        "res.partner",
        string="Heads of the Audited Units",
        compute="_compute_notify_partner_ids",
        help="Receive the audit notice and the approved report.",
    )

    @api.depends("lead_auditor_id.user_id", "auditor_ids.user_id")
    def _compute_auditor_user_ids(self):
        for audit in self:
            audit.auditor_user_ids = (audit.lead_auditor_id | audit.auditor_ids).user_id

    @api.depends("department_ids.manager_id")
    def _compute_notify_partner_ids(self):
        for audit in self:
            audit.notify_partner_ids = audit.department_ids.sudo().manager_id.work_contact_id

    @api.depends("checklist_line_ids.result", "finding_ids.nonconformity_id.state")
    def _compute_counts(self):
        for audit in self:
            lines = audit.checklist_line_ids
            audit.checklist_line_count = len(lines)
            audit.checklist_done_count = len(lines.filtered("result"))
            audit.finding_count = len(audit.finding_ids)
            # the auditors count the forms of the units they audited without reading them
            ncs = audit.finding_ids.sudo().nonconformity_id
            audit.nonconformity_count = len(ncs)
            audit.open_nonconformity_count = len(
                ncs.filtered(lambda nc: nc.state not in ("closed", "cancelled"))
            )

    # ------------------------------------------------------------------ rules
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for audit in self:
            if audit.date_end < audit.date_start:
                raise ValidationError(
                    self.env._("The audit %(name)s ends before it starts.", name=audit.name)
                )

    @api.constrains("lead_auditor_id", "auditor_ids", "audit_type")
    def _check_auditor_qualification(self):
        """Only employees on the auditor register may audit (ISO 7.2, 9.2.2 c)."""
        for audit in self.filtered(lambda a: a.audit_type == "internal"):
            if audit.lead_auditor_id._qms_unqualified_auditors(lead=True):
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a qualified lead auditor: tick 'Internal Auditor' and "
                        "'Lead Auditor' on the employee's auditor register first.",
                        name=audit.lead_auditor_id.name,
                    )
                )
            unqualified = audit.auditor_ids._qms_unqualified_auditors()
            if unqualified:
                raise ValidationError(
                    self.env._(
                        "Not on the internal auditor register: %(names)s. Only qualified "
                        "internal auditors can be put on an audit team.",
                        names=", ".join(unqualified.mapped("name")),
                    )
                )

    def _qms_check_independence(self, auditor, department):
        """ISO 9.2.2 c: auditors must not audit their own work, i.e. the unit they belong to
        (directly or through one of its sub-units)."""
        if not auditor or not department:
            return
        own = auditor.sudo().department_id
        if own and str(department.id) in own.parent_path.split("/"):
            raise ValidationError(
                self.env._(
                    "Independence rule: %(auditor)s belongs to %(unit)s and cannot audit it. "
                    "Assign another auditor.",
                    auditor=auditor.name,
                    unit=department.name,
                )
            )

    @api.constrains("lead_auditor_id", "department_ids")
    def _check_lead_independence(self):
        """A single audited unit cannot be audited by a team led from inside it."""
        for audit in self:
            if len(audit.department_ids) == 1:
                self._qms_check_independence(audit.lead_auditor_id, audit.department_ids)

    @api.constrains("program_id")
    def _check_program_open(self):
        for audit in self:
            if audit.program_id and audit.program_id.state not in ("draft", "approved"):
                raise ValidationError(
                    self.env._(
                        "The programme %(program)s is %(state)s: audits can no longer be added "
                        "to it.",
                        program=audit.program_id.display_name,
                        state=audit.program_id._qms_state_label(),
                    )
                )

    # ------------------------------------------------------------------ roles
    def _qms_is_lead_auditor(self, user):
        """The user of the audit's lead auditor (trưởng đoàn đánh giá)."""
        self.ensure_one()
        return bool(user) and self.sudo().lead_auditor_id.user_id == user

    def _qms_is_audit_team(self, user):
        """The lead auditor or a member of the audit team."""
        self.ensure_one()
        return bool(user) and user in self.sudo().auditor_user_ids

    # ------------------------------------------------------------------ approval
    def _qms_approval_department(self):
        self.ensure_one()
        return self.env["hr.department"]

    @transition(
        ("draft", "in_progress"),
        groups=(MANAGER,),
        role="_qms_is_lead_auditor",
        label=_lt("Submit Plan or Report"),
    )
    def action_submit_for_approval(self):
        """The plan (from draft) or the report (from in progress) goes to the approval route;
        the standing office or the lead auditor submits it."""
        return super().action_submit_for_approval()

    def _qms_approval_on_submit(self):
        for audit in self:
            if audit.state == "draft":
                if not audit.schedule_line_ids:
                    raise UserError(
                        self.env._(
                            "Add the schedule of %(name)s before submitting the plan.",
                            name=audit.name,
                        )
                    )
                audit._qms_set({"state": "to_approve"})
            elif audit.state == "in_progress":
                if audit.checklist_line_ids.filtered(lambda line: not line.result):
                    raise UserError(
                        self.env._(
                            "Every checklist question needs a result before the report is "
                            "submitted."
                        )
                    )
                audit._qms_set({"state": "report_to_approve"})
            else:
                raise UserError(
                    self.env._("Only a plan or a finished audit can be submitted for approval.")
                )

    def _qms_approval_on_approved(self, request):
        approver = request._qms_last_approver()
        now = fields.Datetime.now()
        for audit in self:
            if audit.state == "to_approve":
                audit._qms_set(
                    {
                        "state": "approved",
                        "plan_approver_id": approver.id,
                        "date_plan_approved": now,
                    }
                )
            elif audit.state == "report_to_approve":
                audit._qms_set(
                    {
                        "state": "reported",
                        "report_approver_id": approver.id,
                        "date_report_approved": now,
                    }
                )
                audit._qms_send_report()

    def _qms_approval_on_rejected(self, request):
        for audit in self:
            if audit.state == "to_approve":
                audit._qms_set({"state": "draft"})
            elif audit.state == "report_to_approve":
                audit._qms_set({"state": "in_progress"})

    @api.model
    def _qms_add_approval_controls(self, arch):
        """One submit button per phase, "Submit Plan" and "Submit Report", instead of the
        mixin's single one."""
        header = arch.find(".//header")
        had_submit = (
            header is not None
            and header.find("button[@name='action_submit_for_approval']") is not None
        )
        super()._qms_add_approval_controls(arch)
        if had_submit or header is None:
            return
        plan = header.find("button[@name='action_submit_for_approval']")
        if plan is None:
            return
        report = copy.deepcopy(plan)
        plan.set("string", self.env._("Submit Plan"))
        plan.set("invisible", "state != 'draft' or approval_state == 'pending'")
        report.set("string", self.env._("Submit Report"))
        report.set("invisible", "state != 'in_progress' or approval_state == 'pending'")
        plan.addnext(report)

    # ------------------------------------------------------------------ workflow
    @transition(
        ("approved",), groups=(MANAGER,), role="_qms_is_lead_auditor", label=_lt("Start Audit")
    )
    def action_start(self):
        self._qms_set({"state": "in_progress"})
        return True

    @transition(
        ("reported",), groups=(MANAGER,), role="_qms_is_lead_auditor", label=_lt("Close Audit")
    )
    def action_close(self):
        """The audit is closed once every nonconformity it raised is closed (or cancelled) and
        every other NC finding has been accepted by the lead auditor."""
        for audit in self:
            pending = audit.finding_ids.filtered(lambda f: f._qms_blocks_closing())
            if pending:
                raise UserError(
                    self.env._(
                        "%(name)s still has open nonconformities: %(findings)s.",
                        name=audit.name,
                        findings=", ".join(pending.mapped("name")),
                    )
                )
        self._qms_set({"state": "closed", "date_closed": fields.Date.context_today(self)})
        return True

    @transition(("closed",), groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        """Back to the follow-up of its nonconformities; the standing office gives the reason."""
        self._qms_log_reason(self.env._("Reopen"), reason)
        self._qms_set({"state": "reported", "date_closed": False})
        return True

    @transition(
        ("draft", "to_approve", "approved", "in_progress", "report_to_approve"),
        groups=(MANAGER,),
        label=_lt("Cancel"),
    )
    def action_cancel(self, reason):
        """Cancel the round with a reason; an approval waiting on it is withdrawn."""
        self._qms_log_reason(self.env._("Cancel"), reason)
        for audit in self:
            request = audit.sudo().approval_request_id
            if request.state == "pending":
                request._qms_close("cancelled")
                request._qms_post(
                    self.env._(
                        "Approval request withdrawn: the audit was cancelled by %(user)s.",
                        user=self.env.user.name,
                    )
                )
        self._qms_set({"state": "cancelled"})
        return True

    @transition(("cancelled",), groups=(MANAGER,), label=_lt("Reset to Plan"))
    def action_reset_draft(self):
        """A cancelled round is planned again; its plan needs a new approval."""
        self._qms_set({"state": "draft"})
        return True

    def action_open_cancel_wizard(self):
        return self._qms_reason_wizard_action("action_cancel", self.env._("Cancel Audit"))

    def action_open_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Audit"))

    @api.ondelete(at_uninstall=False)
    def _unlink_never_approved(self):
        """A plan the head of the agency approved stays a record, even if reset to plan."""
        if self.filtered("date_plan_approved"):
            raise UserError(
                self.env._("An audit whose plan has been approved is a QMS record: it is kept.")
            )

    # ------------------------------------------------------------------ checklist
    @transition(
        ("draft", "to_approve", "approved", "in_progress"),
        groups=(MANAGER,),
        role="_qms_is_audit_team",
        label=_lt("Load Questions"),
    )
    def action_load_checklist(self):
        """Ask every question of the chosen templates to every audited unit, once each; the
        auditor is the one the schedule sends to the unit."""
        for audit in self:
            if not audit.checklist_template_ids:
                raise UserError(self.env._("Choose at least one checklist template."))
            known = {
                (line.template_line_id.id, line.department_id.id)
                for line in audit.checklist_line_ids
            }
            values = []
            for department in audit.department_ids:
                auditor = audit.schedule_line_ids.filtered(
                    lambda slot, d=department: slot.department_id == d
                )[:1].auditor_id
                for template_line in audit.checklist_template_ids.line_ids:
                    if (template_line.id, department.id) in known:
                        continue
                    values.append(template_line._qms_checklist_values(audit, department, auditor))
            # the link to the template question is the system's, the transition checked the rest
            self.env["qms.audit.checklist.line"]._qms_create_checked(values)
        return True

    def action_view_checklist(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_audit.action_qms_audit_checklist_line"
        )
        action["domain"] = [("audit_id", "=", self.id)]
        action["context"] = {"default_audit_id": self.id, "search_default_group_department": 1}
        return action

    def action_view_findings(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_audit.action_qms_audit_finding"
        )
        action["domain"] = [("audit_id", "=", self.id)]
        action["context"] = {"default_audit_id": self.id}
        return action

    # ------------------------------------------------------------------ report data
    def _qms_result_counts(self, department=None):
        """Counts of checklist results (and findings) by result, for the reports."""
        self.ensure_one()
        lines = self.checklist_line_ids
        findings = self.finding_ids
        if department:
            lines = lines.filtered(lambda line: line.department_id == department)
            findings = findings.filtered(lambda f: f.department_id == department)
        selection = self.env["qms.audit.checklist.line"]._fields["result"]
        labels = dict(selection._description_selection(self.env))
        return [
            {
                "result": key,
                "label": labels[key],
                "questions": len(lines.filtered(lambda line, key=key: line.result == key)),
                "findings": len(findings.filtered(lambda f, key=key: f.result == key)),
            }
            for key in labels
        ]

    def _qms_findings_by_unit(self):
        self.ensure_one()
        return [
            (department, self.finding_ids.filtered(lambda f, d=department: f.department_id == d))
            for department in self.department_ids
        ]

    def action_print_general_report(self):
        return self.env.ref("qms_iso9001_audit.action_report_qms_audit_general").report_action(self)

    def action_print_unit_report(self):
        return self.env.ref("qms_iso9001_audit.action_report_qms_audit_unit").report_action(self)

    def action_export_xlsx(self):
        self._qms_ensure_one()
        data = self.env["qms.audit.report.xlsx"]._qms_build(self)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.xlsx",
                "datas": base64.b64encode(data),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------ mails
    @transition(
        ("approved", "in_progress"),
        groups=(MANAGER,),
        role="_qms_is_lead_auditor",
        label=_lt("Send Notice"),
    )
    def action_send_notice(self):
        template = self.env.ref("qms_iso9001_audit.mail_template_audit_notice")
        for audit in self:
            audit.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=audit.notify_partner_ids.ids,
            )
            audit._qms_set({"date_notice_sent": fields.Datetime.now()})
        return True

    def _qms_send_report(self):
        """The approved report goes to the heads of the audited units, PDF attached by the
        template."""
        template = self.env.ref("qms_iso9001_audit.mail_template_audit_report")
        for audit in self:
            audit.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=audit.notify_partner_ids.ids,
            )
            audit._qms_set({"date_report_sent": fields.Datetime.now()})

    @api.model
    def _cron_send_notices(self):
        """Send the schedule to the audited units N days before the audit, once."""
        today = fields.Date.context_today(self)
        audits = self.search(
            [
                ("state", "=", "approved"),
                ("date_notice_sent", "=", False),
                ("date_start", ">=", today),
            ]
        )
        for audit in audits:
            notice_days = audit.company_id.qms_audit_notice_days
            if audit.date_start - timedelta(days=notice_days) <= today:
                audit.action_send_notice()

    @api.constrains("clause_ids")
    def _check_clause_edition(self):
        for record in self:
            record.clause_ids._qms_check_single_edition(record)
