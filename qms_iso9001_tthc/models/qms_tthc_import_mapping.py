from odoo import api, fields, models

from odoo.addons.qms_iso9001.input_checks import check_input

from ..history_columns import LAYOUTS, guess_target, header_key


class QmsTthcImportMapping(models.Model):
    """How the dossier histories exported by one source system are read by one agency: which
    column of the file feeds which value of the dossiers, and whether a row is a dossier or a
    hand-over. Mapped once, remembered: the next import from the same system proposes it.
    Configuration of the standing office, per agency."""

    _name = "qms.tthc.import.mapping"
    _description = "TTHC History Column Mapping"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(
        string="Source System",
        required=True,
        help="The system the files come from, e.g. the provincial TTHC information system.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    layout = fields.Selection(
        LAYOUTS,
        required=True,
        default="dossier",
        help="One row per dossier, or one row per hand-over with the rows of a dossier sharing "
        "its code.",
    )
    line_ids = fields.One2many(
        "qms.tthc.import.mapping.line", "mapping_id", string="Columns", copy=True
    )
    active = fields.Boolean(default=True)

    _name_company_uniq = models.Constraint(
        "UNIQUE(company_id, name)",
        "A source system is mapped once per agency: edit its mapping instead.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            check_input(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            check_input(self, [vals])
        return super().write(vals)

    @api.model
    def _qms_remembered(self, company, source):
        """The mapping the agency keeps for the source system, if any."""
        if not company or not source:
            return self.browse()
        return self.search(
            [("company_id", "=", company.id), ("name", "=", source.strip())], limit=1
        )

    @api.model
    def _qms_guess_lines(self, headers):
        """Line values for the headers of a file that name a known column, first one wins."""
        lines, seen = [], set()
        for header in headers:
            target = guess_target(header)
            if target and target not in seen:
                seen.add(target)
                lines.append({"target": target, "column": str(header).strip()})
        return lines

    def _qms_columns(self, headers):
        """{target: index of the column in `headers`} for the mapped columns found, and the
        mapped headers not found in the file."""
        keys = [header_key(header) for header in headers]
        columns, missing = {}, []
        for line in self.line_ids:
            key = header_key(line.column)
            if key in keys:
                columns[line.target] = keys.index(key)
            else:
                missing.append(line.column)
        return columns, missing
