from odoo import api, fields, models
from odoo.exceptions import UserError

SCORES = [
    ("1", "1 - Poor"),
    ("2", "2 - Weak"),
    ("3", "3 - Average"),
    ("4", "4 - Good"),
    ("5", "5 - Very Good"),
]


class QmsExternalProviderEvaluationLine(models.Model):
    """The score of one criterion in an evaluation of an external provider.

    The weight is copied from the criterion when the line is made, so that changing the
    criteria later does not change the score of evaluations already decided. Lines live the
    life of their evaluation: written while it is a draft, frozen afterwards.
    """

    _name = "qms.external.provider.evaluation.line"
    _description = "External Provider Evaluation Score"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "evaluation_id, sequence, id"

    _qms_state_field = "evaluation_state"
    _qms_editable_fields = {"to_decide": (), "decided": (), "cancelled": ()}
    _qms_deletable_states = ("draft",)

    evaluation_id = fields.Many2one(
        "qms.external.provider.evaluation", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "qms.external.provider.criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    description = fields.Text(related="criterion_id.description")
    weight = fields.Float(required=True, default=1.0, digits=(6, 1))
    score = fields.Selection(SCORES)
    comment = fields.Char()
    evaluation_state = fields.Selection(
        related="evaluation_id.state", store=True, string="Evaluation Status"
    )
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True, index=True)

    _weight_positive = models.Constraint(
        "CHECK(weight > 0)", "The weight of a scored criterion must be positive."
    )
    _criterion_uniq = models.UniqueIndex(
        "(evaluation_id, criterion_id)", "A criterion is scored once per evaluation."
    )

    @api.model
    def _qms_check_create_vals(self, vals):
        result = super()._qms_check_create_vals(vals)
        evaluation_id = vals.get("evaluation_id")
        if isinstance(evaluation_id, int) and not isinstance(evaluation_id, bool):
            evaluation = self.env["qms.external.provider.evaluation"].browse(evaluation_id).exists()
            if evaluation and evaluation.sudo().state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: its criteria are no longer changed.",
                        name=evaluation.sudo().display_name,
                        state=evaluation.sudo()._qms_state_label(),
                    )
                )
        return result

    def _qms_check_write_vals(self, vals):
        if "evaluation_id" in vals and any(
            line.evaluation_id.id != vals["evaluation_id"] for line in self
        ):
            raise UserError(self.env._("A score stays in the evaluation it was given in."))
        return super()._qms_check_write_vals(vals)
