from odoo import fields, models


class SurveyUserInputLine(models.Model):
    """The satisfaction level of an answer is kept with it, so that the satisfaction of a period
    is counted in one grouped query over the answers."""

    _inherit = "survey.user_input.line"

    qms_satisfaction_level = fields.Selection(
        related="suggested_answer_id.qms_satisfaction_level", store=True, index="btree_not_null"
    )
