from odoo import fields, models

CHANGES = [
    ("same", "Unchanged"),
    ("changed", "Requirement Changed"),
    ("split", "Split from an Earlier Clause"),
    ("new", "New Requirement"),
]


class QmsIsoClauseMapping(models.Model):
    """Where a clause of a new edition comes from in the previous one.

    The transition gap plan reads it: audit evidence gathered under an unchanged clause still
    counts under the new number, while a changed, split or new requirement needs fresh evidence.
    """

    _name = "qms.iso.clause.mapping"
    _description = "ISO 9001 Clause Mapping"
    _order = "clause_id, id"

    clause_id = fields.Many2one("qms.iso.clause", required=True, ondelete="cascade", index=True)
    standard_id = fields.Many2one(related="clause_id.standard_id", store=True, index=True)
    source_clause_id = fields.Many2one(
        "qms.iso.clause", string="Previous Clause", ondelete="cascade", index=True
    )
    change = fields.Selection(CHANGES, required=True, default="same")
