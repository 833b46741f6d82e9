from odoo import fields, models


class QmsPlanTask(models.Model):
    _inherit = "qms.plan.task"

    iso_clause_id = fields.Many2one(
        "qms.iso.clause",
        string="ISO Clause",
        index="btree_not_null",
        help="The clause of a new edition this transition task gathers evidence for.",
    )
