from odoo import api, fields, models
from odoo.exceptions import UserError

RESULTS = [
    ("conform", "Conform"),
    ("minor", "Minor NC"),
    ("major", "Major NC"),
    ("observation", "Observation"),
    ("improvement", "Opportunity for Improvement"),
]


class QmsAuditChecklistLine(models.Model):
    """A question of the audit checklist as the auditor answers it on site, often on a phone."""

    _name = "qms.audit.checklist.line"
    _description = "Audit Checklist Line"
    _order = "audit_id, department_id, sequence, id"
    _rec_name = "question"

    audit_id = fields.Many2one("qms.audit", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True)
    guidance = fields.Text()
    clause_id = fields.Many2one("qms.iso.clause")
    document_id = fields.Many2one("qms.document", check_company=True)
    department_id = fields.Many2one("hr.department", string="Unit", index=True)
    auditor_id = fields.Many2one("hr.employee")
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

    def write(self, vals):
        if {"result", "evidence"} & set(vals) and self.filtered(
            lambda line: line.audit_id.state in ("reported", "closed", "cancelled")
        ):
            raise UserError(self.env._("The checklist of a reported audit cannot be changed."))
        return super().write(vals)

    def _qms_set_result(self, result):
        self.write({"result": result})
        return True

    def action_set_conform(self):
        return self._qms_set_result("conform")

    def action_set_minor(self):
        return self._qms_set_result("minor")

    def action_set_major(self):
        return self._qms_set_result("major")

    def action_set_observation(self):
        return self._qms_set_result("observation")

    def action_set_improvement(self):
        return self._qms_set_result("improvement")

    def action_create_finding(self):
        """Record the finding of a non-conform answer (once per line) and open it."""
        self.ensure_one()
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
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.audit.finding",
            "res_id": finding.id,
            "view_mode": "form",
        }
