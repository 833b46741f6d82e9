from odoo import fields, models


class QmsAuditChecklistTemplate(models.Model):
    """Reusable question list per clause and/or process. A new version is a copy, so that the
    audits that used the old one keep their questions."""

    _name = "qms.audit.checklist.template"
    _description = "Audit Checklist Template"
    _inherit = ["mail.thread"]
    _order = "name, version desc, id"

    name = fields.Char(required=True, tracking=True)
    version = fields.Integer(default=1, required=True, tracking=True)
    clause_ids = fields.Many2many("qms.iso.clause", string="Clauses")
    document_id = fields.Many2one(
        "qms.document", string="Process / Document", check_company=True, index="btree_not_null"
    )
    line_ids = fields.One2many(
        "qms.audit.checklist.template.line", "template_id", string="Questions", copy=True
    )
    line_count = fields.Integer(string="Questions Count", compute="_compute_line_count")
    previous_id = fields.Many2one(
        "qms.audit.checklist.template", string="Previous Version", readonly=True, copy=False
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _version_uniq = models.UniqueIndex(
        "(company_id, name, version)", "This version of the checklist already exists."
    )

    def _compute_line_count(self):
        for template in self:
            template.line_count = len(template.line_ids)

    def _compute_display_name(self):
        for template in self:
            template.display_name = f"{template.name} (v{template.version})"

    def action_new_version(self):
        """Archive this version and open an editable copy numbered one higher."""
        self.ensure_one()
        latest = max(
            self.with_context(active_test=False)
            .search([("name", "=", self.name), ("company_id", "=", self.company_id.id)])
            .mapped("version")
        )
        new = self.copy({"version": latest + 1, "previous_id": self.id, "name": self.name})
        self.active = False
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }
