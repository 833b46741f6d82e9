from odoo import api, fields, models


class QmsIsoClause(models.Model):
    """A clause of TCVN ISO 9001:2015, shipped as data so that audits, checklists and findings all
    refer to the same numbering; users only read it."""

    _name = "qms.iso.clause"
    _description = "ISO 9001 Clause"
    _order = "sort_key, id"
    _rec_names_search = ["code", "name", "name_vi"]
    _parent_store = True

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Title (English)", required=True)
    name_vi = fields.Char(string="Title (Vietnamese)", required=True)
    parent_id = fields.Many2one("qms.iso.clause", string="Parent Clause", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("qms.iso.clause", "parent_id", string="Sub-clauses")
    level = fields.Integer(compute="_compute_sort_key", store=True)
    sort_key = fields.Char(compute="_compute_sort_key", store=True, index=True)

    _code_uniq = models.UniqueIndex("(code)", "This clause number already exists.")

    @api.depends("code")
    def _compute_sort_key(self):
        for clause in self:
            parts = (clause.code or "").split(".")
            clause.level = len(parts)
            clause.sort_key = ".".join(part.zfill(3) for part in parts)

    @api.depends_context("lang")
    @api.depends("code", "name", "name_vi")
    def _compute_display_name(self):
        vietnamese = (self.env.lang or "").startswith("vi")
        for clause in self:
            title = clause.name_vi if vietnamese else clause.name
            clause.display_name = f"{clause.code} {title}"
