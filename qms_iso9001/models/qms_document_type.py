from odoo import api, fields, models
from odoo.exceptions import ValidationError

DOCUMENT_KINDS = [
    ("quality_manual", "Quality Manual"),
    ("quality_policy", "Quality Policy"),
    ("quality_objectives", "Quality Objectives"),
    ("system_procedure", "System Procedure"),
    ("business_procedure", "Business Procedure"),
    ("tthc_procedure", "TTHC Procedure"),
    ("guideline", "Guideline"),
    ("form", "Form / Template"),
    ("external", "External Document / Legal Text"),
    ("record_list", "Records List"),
]
PATTERN_KEYS = ("prefix", "seq", "unit", "parent", "year")


class QmsDocumentType(models.Model):
    """Document types with the numbering convention each agency writes into its quality manual."""

    _name = "qms.document.type"
    _description = "Controlled Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(DOCUMENT_KINDS, required=True)
    sequence = fields.Integer(default=10)
    prefix = fields.Char(required=True, help="e.g. QT for procedures, BM for forms.")
    code_pattern = fields.Char(
        required=True,
        default="{prefix}.{seq:02d}/{unit}",
        help="Placeholders: {prefix}, {seq} (e.g. {seq:02d}), {unit} (unit code), "
        "{parent} (code of the parent document), {year}.",
    )
    is_external = fields.Boolean(
        compute="_compute_is_external", store=True, help="Listed in the external documents list."
    )
    active = fields.Boolean(default=True)

    @api.depends("kind")
    def _compute_is_external(self):
        for doc_type in self:
            doc_type.is_external = doc_type.kind == "external"

    @api.constrains("code_pattern")
    def _check_code_pattern(self):
        sample = {"prefix": "QT", "seq": 1, "unit": "VP", "parent": "QT.01/VP", "year": 2026}
        for doc_type in self:
            try:
                doc_type.code_pattern.format(**sample)
            except (KeyError, ValueError, IndexError) as error:
                raise ValidationError(
                    self.env._(
                        "The code pattern '%(pattern)s' is not valid (%(error)s). "
                        "Allowed placeholders: %(keys)s.",
                        pattern=doc_type.code_pattern,
                        error=error,
                        keys=", ".join(f"{{{key}}}" for key in PATTERN_KEYS),
                    )
                ) from error

    def _format_code(self, seq, unit="", parent="", year=0):
        self.ensure_one()
        return self.code_pattern.format(
            prefix=self.prefix, seq=seq, unit=unit, parent=parent, year=year
        )
