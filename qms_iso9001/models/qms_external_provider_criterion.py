from odoo import fields, models

from .qms_external_provider import PROVIDER_KINDS


class QmsExternalProviderCriterion(models.Model):
    """A criterion external providers are evaluated on (ISO 9001 clause 8.4.1).

    The standing office sets the criteria and their weights once for the agency; a new evaluation
    starts with the active criteria that apply to the provider's kind, so that every provider of
    a kind is judged on the same grounds year after year.
    """

    _name = "qms.external.provider.criterion"
    _description = "External Provider Evaluation Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(help="What the evaluator looks at, shown on the evaluation.")
    weight = fields.Float(
        required=True,
        default=1.0,
        digits=(6, 1),
        help="Relative weight of the criterion in the overall score.",
    )
    provider_kind = fields.Selection(
        PROVIDER_KINDS,
        string="Only For",
        help="Kind of provider the criterion applies to; empty for every kind.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _positive_weight = models.Constraint(
        "CHECK(weight > 0)", "The weight of an evaluation criterion must be positive."
    )
