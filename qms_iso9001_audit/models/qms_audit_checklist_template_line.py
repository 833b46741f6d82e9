from odoo import fields, models


class QmsAuditChecklistTemplateLine(models.Model):
    _name = "qms.audit.checklist.template.line"
    _description = "Audit Checklist Template Question"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "qms.audit.checklist.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True)
    clause_id = fields.Many2one("qms.iso.clause")
    document_id = fields.Many2one("qms.document", check_company=True)
    guidance = fields.Text(help="What evidence the auditor should look for.")
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)

    def _qms_checklist_values(self, audit, department, auditor):
        """Values of the audit checklist line asked from this question."""
        self.ensure_one()
        return {
            "audit_id": audit.id,
            "sequence": self.sequence,
            "question": self.question,
            "guidance": self.guidance,
            "clause_id": self.clause_id.id,
            "document_id": (self.document_id or self.template_id.document_id).id,
            "template_line_id": self.id,
            "department_id": department.id,
            "auditor_id": auditor.id,
        }
