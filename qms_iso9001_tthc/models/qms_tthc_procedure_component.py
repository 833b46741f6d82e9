from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsTthcProcedureComponent(models.Model):
    """A paper of the dossier (thành phần hồ sơ) the applicant files, with its form template."""

    _name = "qms.tthc.procedure.component"
    _inherit = ["qms.tthc.procedure.part.mixin"]
    _description = "TTHC Dossier Component"
    _order = "procedure_id, sequence, id"

    procedure_id = fields.Many2one(
        "qms.tthc.procedure", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    original_count = fields.Integer(string="Originals", default=1)
    copy_count = fields.Integer(string="Copies", default=0)
    requirement = fields.Selection(
        [("required", "Required"), ("conditional", "Conditional")],
        required=True,
        default="required",
        help="Conditional: only in the cases the note describes.",
    )
    condition_note = fields.Char(string="Condition", help="When a conditional paper is needed.")
    template_file = fields.Binary(string="Form Template", attachment=True)
    template_filename = fields.Char()
    company_id = fields.Many2one(related="procedure_id.company_id", store=True, index=True)

    @api.constrains("original_count", "copy_count")
    def _check_counts(self):
        for component in self:
            if component.original_count < 0 or component.copy_count < 0:
                raise ValidationError(
                    self.env._("The number of originals and copies cannot be negative.")
                )
            if not component.original_count and not component.copy_count:
                raise ValidationError(
                    self.env._(
                        "Say how many originals or copies of %(name)s the applicant files.",
                        name=component.name,
                    )
                )
