from textwrap import shorten

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsIsoClause(models.Model):
    """A clause of an edition of ISO 9001, shipped as data so that audits, checklists and findings
    all refer to the same numbering; users only read it.

    Sub-clauses the standard gives no title (6.1.2, 8.7.1, 9.2.1...) are cited by number with
    the standard's own opening words, never with a title somebody made up.
    """

    _name = "qms.iso.clause"
    _description = "ISO 9001 Clause"
    _order = "standard_id, sort_key, id"
    _rec_names_search = ["code", "name", "name_vi"]
    _parent_store = True

    standard_id = fields.Many2one(
        "qms.iso.standard",
        string="Edition",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "qms_iso9001_audit.iso_9001_2015", raise_if_not_found=False
        ),
    )
    code = fields.Char(required=True, index=True)
    name = fields.Char(
        string="Title (English)",
        required=True,
        help="For an untitled sub-clause, the standard's opening words.",
    )
    name_vi = fields.Char(
        string="Title (Vietnamese)",
        required=True,
        help="For an untitled sub-clause, the opening words of TCVN ISO 9001.",
    )
    untitled = fields.Boolean(
        string="Untitled Sub-clause",
        help="The standard gives this sub-clause no title: it is shown with its opening words.",
    )
    note = fields.Text(string="Amendment Note", help="What an amendment or a new edition changed.")
    mapping_ids = fields.One2many(
        "qms.iso.clause.mapping", "clause_id", string="Comes From (Previous Edition)"
    )
    parent_id = fields.Many2one("qms.iso.clause", string="Parent Clause", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("qms.iso.clause", "parent_id", string="Sub-clauses")
    level = fields.Integer(compute="_compute_sort_key", store=True)
    sort_key = fields.Char(compute="_compute_sort_key", store=True, index=True)

    _code_uniq = models.UniqueIndex(
        "(standard_id, code)", "This clause number already exists in this edition."
    )

    @api.depends("code")
    def _compute_sort_key(self):
        for clause in self:
            parts = (clause.code or "").split(".")
            clause.level = len(parts)
            clause.sort_key = ".".join(part.zfill(3) for part in parts)

    @api.depends_context("lang")
    @api.depends("code", "name", "name_vi", "untitled")
    def _compute_display_name(self):
        vietnamese = (self.env.lang or "").startswith("vi")
        for clause in self:
            title = clause.name_vi if vietnamese else clause.name
            if clause.untitled:
                title = f"“{shorten(title, 60, placeholder='…')}”"
            clause.display_name = f"{clause.code} {title}"

    @api.model
    def _qms_edition_domain(self):
        """Clause pickers offer the edition the agency audits against."""
        standard = self.env.company._qms_audited_edition()
        return [("standard_id", "=", standard.id)] if standard else []

    def _qms_check_single_edition(self, record):
        """One record cites clauses of one edition: 6.1.2 means another requirement in 2026."""
        if len(self.standard_id) > 1:
            raise ValidationError(
                self.env._(
                    "%(record)s cites clauses of several editions of ISO 9001 (%(editions)s): "
                    "keep the clauses of one edition.",
                    record=record.display_name,
                    editions=", ".join(self.standard_id.mapped("name")),
                )
            )
