from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsTthcDossierComponent(models.Model):
    """A paper the applicant handed in, against what the procedure asks for: the desk checks
    the dossier is complete before it moves on, and the receipt lists what was received."""

    _name = "qms.tthc.dossier.component"
    _description = "TTHC Dossier Component Received"
    _order = "dossier_id, sequence, id"

    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, ondelete="cascade", index=True)
    component_id = fields.Many2one(
        "qms.tthc.procedure.component", string="Required Component", ondelete="restrict"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    requirement = fields.Selection(
        [("required", "Required"), ("conditional", "Conditional")],
        required=True,
        default="required",
    )
    required_original_count = fields.Integer(string="Originals Required")
    required_copy_count = fields.Integer(string="Copies Required")
    original_count = fields.Integer(string="Originals Received")
    copy_count = fields.Integer(string="Copies Received")
    is_missing = fields.Boolean(string="Missing", compute="_compute_is_missing", store=True)
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)

    @api.depends(
        "requirement",
        "original_count",
        "copy_count",
        "required_original_count",
        "required_copy_count",
    )
    def _compute_is_missing(self):
        for line in self:
            line.is_missing = line.requirement == "required" and (
                line.original_count < line.required_original_count
                or line.copy_count < line.required_copy_count
            )

    @api.constrains("original_count", "copy_count")
    def _check_counts(self):
        if any(line.original_count < 0 or line.copy_count < 0 for line in self):
            raise ValidationError(
                self.env._("The number of originals and copies received cannot be negative.")
            )

    @api.model
    def _qms_values_from_procedure(self, procedure):
        """Lines for a new dossier, one per paper of the procedure, counted as received."""
        return [
            {
                "component_id": component.id,
                "sequence": component.sequence,
                "name": component.name,
                "requirement": component.requirement,
                "required_original_count": component.original_count,
                "required_copy_count": component.copy_count,
                "original_count": component.original_count
                if component.requirement == "required"
                else 0,
                "copy_count": component.copy_count if component.requirement == "required" else 0,
            }
            for component in procedure.component_ids
        ]
