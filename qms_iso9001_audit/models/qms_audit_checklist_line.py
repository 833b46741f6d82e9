from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

RESULTS = [
    ("conform", "Conform"),
    ("minor", "Minor NC"),
    ("major", "Major NC"),
    ("observation", "Observation"),
    ("improvement", "Opportunity for Improvement"),
]
# Preparing the questions before the audit; answering them is fieldwork.
QUESTION_FIELDS = (
    "sequence",
    "question",
    "guidance",
    "clause_id",
    "document_id",
    "department_id",
    "auditor_id",
)
PREPARATION_STATES = ("draft", "to_approve", "approved")
FROZEN_STATES = ("report_to_approve", "reported", "closed", "cancelled")


class QmsAuditChecklistLine(models.Model):
    """A question of the audit checklist as the auditor answers it on site, often on a phone.

    Questions are prepared with the plan, answered by the audit team while the audit is in
    progress, and frozen (never deleted) once the report is submitted."""

    _name = "qms.audit.checklist.line"
    _description = "Audit Checklist Line"
    _inherit = ["qms.audit.part.mixin"]
    _order = "audit_id, department_id, sequence, id"
    _rec_name = "question"
    _check_company_auto = True

    _qms_workflow_fields = ("template_line_id",)
    _qms_creatable_states = (*PREPARATION_STATES, "in_progress")
    _qms_deletable_states = (*PREPARATION_STATES, "in_progress")
    _qms_editable_fields = {
        **dict.fromkeys(PREPARATION_STATES, QUESTION_FIELDS),
        **dict.fromkeys(FROZEN_STATES, ()),
    }

    audit_id = fields.Many2one("qms.audit", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True)
    guidance = fields.Text()
    clause_id = fields.Many2one(
        "qms.iso.clause", domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain()
    )
    document_id = fields.Many2one("qms.document", check_company=True)
    department_id = fields.Many2one("hr.department", string="Unit", index=True, check_company=True)
    auditor_id = fields.Many2one("hr.employee", check_company=True)
    evidence = fields.Text(string="Evidence Seen")
    result = fields.Selection(RESULTS)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "qms_audit_checklist_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Attachments",
    )
    template_line_id = fields.Many2one(
        "qms.audit.checklist.template.line", string="Template Question", readonly=True
    )
    template_id = fields.Many2one(
        related="template_line_id.template_id", string="Template", store=True
    )
    finding_ids = fields.One2many("qms.audit.finding", "checklist_line_id", string="Findings")
    has_finding = fields.Boolean(compute="_compute_has_finding")
    audit_state = fields.Selection(related="audit_id.state")
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)

    @api.depends("finding_ids")
    def _compute_has_finding(self):
        for line in self:
            line.has_finding = bool(line.finding_ids)

    @api.constrains("auditor_id", "department_id")
    def _check_independence(self):
        for line in self:
            line.audit_id._qms_check_independence(line.auditor_id, line.department_id)

    @api.ondelete(at_uninstall=False)
    def _unlink_without_findings(self):
        if self.sudo().finding_ids:
            raise UserError(
                self.env._("A checklist question that gave a finding is kept with its finding.")
            )

    # ------------------------------------------------------------------ roles
    def _qms_is_audit_team(self, user):
        self.ensure_one()
        return self.audit_id._qms_is_audit_team(user)

    # ------------------------------------------------------------------ answering
    def _qms_set_result(self, result):
        self.write({"result": result})
        return True

    @transition(
        ("in_progress",), groups=(MANAGER,), role="_qms_is_audit_team", label=_lt("Conform")
    )
    def action_set_conform(self):
        return self._qms_set_result("conform")

    @transition(
        ("in_progress",), groups=(MANAGER,), role="_qms_is_audit_team", label=_lt("Minor NC")
    )
    def action_set_minor(self):
        return self._qms_set_result("minor")

    @transition(
        ("in_progress",), groups=(MANAGER,), role="_qms_is_audit_team", label=_lt("Major NC")
    )
    def action_set_major(self):
        return self._qms_set_result("major")

    @transition(
        ("in_progress",), groups=(MANAGER,), role="_qms_is_audit_team", label=_lt("Observation")
    )
    def action_set_observation(self):
        return self._qms_set_result("observation")

    @transition(
        ("in_progress",),
        groups=(MANAGER,),
        role="_qms_is_audit_team",
        label=_lt("Opportunity for Improvement"),
    )
    def action_set_improvement(self):
        return self._qms_set_result("improvement")

    @transition(
        ("in_progress",), groups=(MANAGER,), role="_qms_is_audit_team", label=_lt("Record Finding")
    )
    def action_create_finding(self):
        """Record the finding of a non-conform answer (once per line) and open it."""
        self._qms_ensure_one()
        if not self.result or self.result == "conform":
            raise UserError(self.env._("Only a non-conform answer gives a finding."))
        finding = self.finding_ids[:1] or self.env["qms.audit.finding"].create(
            {
                "audit_id": self.audit_id.id,
                "checklist_line_id": self.id,
                "department_id": self.department_id.id or self.audit_id.department_ids[:1].id,
                "clause_id": self.clause_id.id,
                "document_id": self.document_id.id,
                "result": self.result,
                "description": self.question,
                "evidence": self.evidence,
            }
        )
        return finding._get_records_action()
