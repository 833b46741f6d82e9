from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsAuditChecklistTemplateLine(models.Model):
    """A question of a checklist template; frozen with its template once an audit used it."""

    _name = "qms.audit.checklist.template.line"
    _description = "Audit Checklist Template Question"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "template_id, sequence, id"
    _check_company_auto = True

    _qms_state_field = "template_state"
    _qms_editable_fields = {"in_use": (), "superseded": ()}
    _qms_deletable_states = ("draft",)

    template_id = fields.Many2one(
        "qms.audit.checklist.template", required=True, ondelete="cascade", index=True
    )
    template_state = fields.Selection(related="template_id.state", string="Template Status")
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True)
    clause_id = fields.Many2one(
        "qms.iso.clause", domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain()
    )
    document_id = fields.Many2one("qms.document", check_company=True)
    guidance = fields.Text(help="What evidence the auditor should look for.")
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)

    @api.model
    def _qms_check_create_vals(self, vals):
        result = super()._qms_check_create_vals(vals)
        template_id = vals.get("template_id")
        if type(template_id) is not int:
            return result
        template = self.env["qms.audit.checklist.template"].sudo().browse(template_id).exists()
        if template and template.state != "draft":
            raise UserError(
                self.env._(
                    "%(template)s is %(state)s: make a new version to add questions.",
                    template=template.display_name,
                    state=template._qms_state_label(),
                )
            )
        return result

    def _qms_check_write_vals(self, vals):
        result = super()._qms_check_write_vals(vals)
        if "template_id" in vals and self._qms_value_changes("template_id", vals["template_id"]):
            raise UserError(self.env._("A question never moves to another checklist template."))
        return result

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
