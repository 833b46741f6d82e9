from odoo import api, fields, models

from odoo.addons.qms_iso9001.input_checks import check_input

from ..history_columns import TARGET_SELECTION


class QmsTthcImportMappingLine(models.Model):
    """One column of a source system's export and the dossier value it feeds."""

    _name = "qms.tthc.import.mapping.line"
    _description = "TTHC History Column"
    _order = "mapping_id, sequence, id"

    mapping_id = fields.Many2one(
        "qms.tthc.import.mapping", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    target = fields.Selection(TARGET_SELECTION, string="Dossier Value", required=True)
    column = fields.Char(
        string="Column Header",
        required=True,
        help="The header of the column as the file prints it (case, accents and punctuation "
        "do not matter).",
    )
    company_id = fields.Many2one(related="mapping_id.company_id", store=True, index=True)

    _target_uniq = models.Constraint(
        "UNIQUE(mapping_id, target)", "Each dossier value is read from one column only."
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
