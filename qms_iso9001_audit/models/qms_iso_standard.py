import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate, file_open

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

CATALOGUE_COLUMNS = ("code", "parent", "name", "name_vi", "untitled", "maps_from", "change", "note")


class QmsIsoStandard(models.Model):
    """One edition of the standard whose clauses audits cite.

    Clauses belong to an edition because ISO 9001:2026 renumbers and splits clauses of 2015:
    an agency keeps auditing against the edition it announced until it has made the transition,
    and a finding keeps the clause number of the edition it was written against. A later edition
    ships as a catalogue file loaded when the agency adopts it, so nobody picks its clauses before.
    """

    _name = "qms.iso.standard"
    _description = "ISO 9001 Edition"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "sequence, id"

    _qms_workflow_fields = ("date_loaded",)

    name = fields.Char(required=True)
    code = fields.Char(required=True, help="E.g. 9001:2015.")
    sequence = fields.Integer(default=10)
    reliability = fields.Selection(
        [("published", "Published Text"), ("provisional", "Provisional Structure")],
        default="published",
        required=True,
        help="Provisional: the clause structure as reported before publication; replace the "
        "catalogue file with the published one before auditing against it.",
    )
    note = fields.Text(help="Amendments included and what changed from the previous edition.")
    catalogue_file = fields.Char(
        help="File of the addon holding the clauses, loaded on demand (CSV: code, parent, name, "
        "name_vi, untitled, maps_from, change, note)."
    )
    previous_id = fields.Many2one(
        "qms.iso.standard",
        string="Previous Edition",
        help="The edition its clause mapping starts from.",
    )
    state = fields.Selection(
        [("available", "Not Loaded"), ("loaded", "Loaded")],
        default="available",
        required=True,
        readonly=True,
    )
    date_loaded = fields.Datetime(string="Loaded On", readonly=True)
    clause_ids = fields.One2many("qms.iso.clause", "standard_id", string="Clauses")
    clause_count = fields.Integer(compute="_compute_clause_count")

    _code_uniq = models.UniqueIndex("(code)", "This edition of the standard already exists.")

    @api.depends("clause_ids")
    def _compute_clause_count(self):
        counts = dict(
            self.env["qms.iso.clause"]._read_group(
                [("standard_id", "in", self.ids)], ["standard_id"], ["__count"]
            )
        )
        for standard in self:
            standard.clause_count = counts.get(standard, 0)

    @transition(("available",), groups=(MANAGER,), access="read", label=_lt("Load Catalogue"))
    def action_load_catalogue(self):
        """Create the edition's clauses and their mapping to the previous edition from the file
        shipped with the addon; the catalogue is shared by every agency of the database."""
        self.ensure_one()
        rows = self._qms_read_catalogue()
        standard = self.sudo()
        clauses = self.env["qms.iso.clause"].sudo()
        by_code = {}
        for row in rows:
            by_code[row["code"]] = clauses.create(standard._qms_clause_vals(row, by_code))
        standard._qms_create_mappings(rows, by_code)
        standard._qms_set({"state": "loaded", "date_loaded": fields.Datetime.now()})
        return True

    def _qms_read_catalogue(self):
        if not self.catalogue_file:
            raise UserError(
                self.env._("%(edition)s has no catalogue file to load.", edition=self.name)
            )
        try:
            with file_open(self.catalogue_file, "rb") as handle:
                rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))
        except FileNotFoundError as error:
            raise UserError(
                self.env._(
                    "The catalogue file %(file)s of %(edition)s is missing.",
                    file=self.catalogue_file,
                    edition=self.name,
                )
            ) from error
        if not rows or set(CATALOGUE_COLUMNS) - set(rows[0]):
            raise UserError(
                self.env._(
                    "The catalogue file %(file)s must have the columns %(columns)s.",
                    file=self.catalogue_file,
                    columns=", ".join(CATALOGUE_COLUMNS),
                )
            )
        return rows

    def _qms_clause_vals(self, row, by_code):
        parent = by_code.get(row["parent"]) if row["parent"] else False
        if row["parent"] and not parent:
            raise UserError(
                self.env._(
                    "Clause %(code)s names the parent %(parent)s, which comes later or not at "
                    "all in the catalogue file.",
                    code=row["code"],
                    parent=row["parent"],
                )
            )
        return {
            "standard_id": self.id,
            "code": row["code"],
            "name": row["name"],
            "name_vi": row["name_vi"],
            "untitled": row["untitled"] == "1",
            "note": row["note"] or False,
            "parent_id": parent and parent.id,
        }

    def _qms_create_mappings(self, rows, by_code):
        if not self.previous_id:
            return
        previous = {clause.code: clause for clause in self.previous_id.clause_ids}
        mappings = []
        for row in rows:
            sources = row["maps_from"].split()
            for code in sources:
                if code not in previous:
                    raise UserError(
                        self.env._(
                            "Clause %(code)s is mapped from %(source)s, which %(edition)s "
                            "does not have.",
                            code=row["code"],
                            source=code,
                            edition=self.previous_id.name,
                        )
                    )
            mappings += [
                {
                    "clause_id": by_code[row["code"]].id,
                    "source_clause_id": previous[code].id if code else False,
                    "change": row["change"] or "same",
                }
                for code in sources or [""]
            ]
        self.env["qms.iso.clause.mapping"].create(mappings)
