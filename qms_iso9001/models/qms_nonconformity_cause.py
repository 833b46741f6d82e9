from odoo import fields, models


class QmsNonconformityCause(models.Model):
    """One "why?" of the 5-whys analysis of a nonconformity, with the kind of cause it reveals."""

    _name = "qms.nonconformity.cause"
    _description = "Nonconformity Cause (5 Whys)"
    _order = "nonconformity_id, sequence, id"

    nonconformity_id = fields.Many2one(
        "qms.nonconformity", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    question = fields.Char(string="Why?", required=True)
    answer = fields.Text(string="Because", required=True)
    category_id = fields.Many2one("qms.cause.category", ondelete="restrict")
    is_root_cause = fields.Boolean(string="Root Cause")
    company_id = fields.Many2one(related="nonconformity_id.company_id", store=True, index=True)
