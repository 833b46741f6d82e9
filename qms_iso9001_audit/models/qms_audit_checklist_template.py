from odoo import api, fields, models
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)


class QmsAuditChecklistTemplate(models.Model):
    """Reusable question list per clause and/or process. A new version is a copy, so that the
    audits that used the old one keep their questions.

    Its state follows its use: a draft is edited freely; once an audit has loaded its questions
    it is "in use" and frozen (changes make a new version); a version replaced by a newer one is
    "superseded". Version numbers and the link to the previous version are the system's."""

    _name = "qms.audit.checklist.template"
    _description = "Audit Checklist Template"
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]
    _order = "name, version desc, id"
    _check_company_auto = True

    _qms_workflow_fields = ("version", "previous_id")
    _qms_editable_fields = {"in_use": ("active",), "superseded": ("active",)}
    _qms_deletable_states = ("draft",)

    name = fields.Char(required=True, tracking=True)
    version = fields.Integer(default=1, required=True, readonly=True, tracking=True)
    clause_ids = fields.Many2many(
        "qms.iso.clause",
        string="Clauses",
        domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain(),
    )
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
    next_version_ids = fields.One2many(
        "qms.audit.checklist.template", "previous_id", string="Next Versions"
    )
    checklist_line_ids = fields.One2many(
        "qms.audit.checklist.line", "template_id", string="Audit Questions"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("in_use", "In Use"), ("superseded", "Superseded")],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
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

    @api.depends("next_version_ids", "checklist_line_ids")
    def _compute_state(self):
        for template in self:
            if template.with_context(active_test=False).next_version_ids:
                template.state = "superseded"
            elif template.checklist_line_ids:
                template.state = "in_use"
            else:
                template.state = "draft"

    def _compute_display_name(self):
        for template in self:
            template.display_name = f"{template.name} (v{template.version})"

    @transition(("draft", "in_use"), groups=(MANAGER,), label=_lt("New Version"))
    def action_new_version(self):
        """Archive this version and open an editable copy numbered one higher."""
        self._qms_ensure_one()
        latest = max(
            self.sudo()
            .with_context(active_test=False)
            .search([("name", "=", self.name), ("company_id", "=", self.company_id.id)])
            .mapped("version")
        )
        new = (
            self.sudo()
            .copy({"version": latest + 1, "previous_id": self.id, "name": self.name})
            .with_env(self.env)
        )
        self._qms_set({"active": False})
        return new._get_records_action()

    @api.constrains("clause_ids")
    def _check_clause_edition(self):
        for record in self:
            record.clause_ids._qms_check_single_edition(record)
