import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    `state` to use different approvers for the two (draft: plan, in_progress: report).
    """

    _name = "qms.audit"
    _description = "Audit"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "date_start desc, id desc"

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
    clause_ids = fields.Many2many("qms.iso.clause", string="Clauses")
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
            ncs = audit.finding_ids.nonconformity_id
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

    # ------------------------------------------------------------------ approval hooks
    def _qms_approval_department(self):
        self.ensure_one()
        return self.env["hr.department"]

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
                audit.state = "to_approve"
            elif audit.state == "in_progress":
                if audit.checklist_line_ids.filtered(lambda line: not line.result):
                    raise UserError(
                        self.env._(
                            "Every checklist question needs a result before the report is "
                            "submitted."
                        )
                    )
                audit.state = "report_to_approve"
            else:
                raise UserError(
                    self.env._("Only a plan or a finished audit can be submitted for approval.")
                )

    def _qms_approval_on_approved(self, request):
        for audit in self:
            if audit.state == "to_approve":
                audit.state = "approved"
            elif audit.state == "report_to_approve":
                audit.state = "reported"
                audit._qms_send_report()

    def _qms_approval_on_rejected(self, request):
        for audit in self:
            if audit.state == "to_approve":
                audit.state = "draft"
            elif audit.state == "report_to_approve":
                audit.state = "in_progress"

    # ------------------------------------------------------------------ workflow
    def action_start(self):
        for audit in self:
            if audit.state != "approved":
                raise UserError(self.env._("Only an approved plan can be started."))
        self.write({"state": "in_progress"})

    def action_close(self):
        """The audit is closed once every nonconformity it raised is closed (or cancelled) and
        every other NC finding has been accepted by the lead auditor."""
        for audit in self:
            if audit.state != "reported":
                raise UserError(self.env._("Only a reported audit can be closed."))
            pending = audit.finding_ids.filtered(lambda f: f._qms_blocks_closing())
            if pending:
                raise UserError(
                    self.env._(
                        "%(name)s still has open nonconformities: %(findings)s.",
                        name=audit.name,
                        findings=", ".join(pending.mapped("name")),
                    )
                )
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})

    def action_cancel(self):
        if self.filtered(lambda a: a.state in ("reported", "closed")):
            raise UserError(self.env._("A reported audit cannot be cancelled."))
        self.write({"state": "cancelled"})

    def action_reset_draft(self):
        if self.filtered(lambda a: a.state != "cancelled"):
            raise UserError(self.env._("Only a cancelled audit can be reset to plan."))
        self.write({"state": "draft"})

    @api.ondelete(at_uninstall=False)
    def _unlink_only_plans(self):
        if self.filtered(lambda a: a.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("An audit that has been approved is a QMS record: cancel it instead.")
            )

    # ------------------------------------------------------------------ checklist
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
            self.env["qms.audit.checklist.line"].create(values)
        return True

    def action_view_checklist(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_audit.action_qms_audit_checklist_line"
        )
        action["domain"] = [("audit_id", "=", self.id)]
        action["context"] = {"default_audit_id": self.id, "search_default_group_department": 1}
        return action

    def action_view_findings(self):
        self.ensure_one()
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
        self.ensure_one()
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
    def action_send_notice(self):
        template = self.env.ref("qms_iso9001_audit.mail_template_audit_notice")
        for audit in self:
            if audit.state not in ("approved", "in_progress"):
                raise UserError(self.env._("Only an approved plan can be notified."))
            audit.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=audit.notify_partner_ids.ids,
            )
            audit.date_notice_sent = fields.Datetime.now()
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
            audit.date_report_sent = fields.Datetime.now()

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
