from odoo import fields, models

SATISFACTION_LEVELS = [
    ("satisfied", "Satisfied"),
    ("acceptable", "Acceptable"),
    ("not_satisfied", "Not Satisfied"),
]


class SurveyQuestionAnswer(models.Model):
    """A suggested answer of a survey question says which level of satisfaction it expresses,
    so that the agency's satisfaction surveys (ISO 9001 clause 9.1.2) are counted the way the
    agency reports them (hài lòng / chấp nhận được / không hài lòng), whatever the wording."""

    _inherit = "survey.question.answer"

    qms_satisfaction_level = fields.Selection(
        SATISFACTION_LEVELS,
        string="Satisfaction Level",
        help="Level of satisfaction this answer counts as in the QMS satisfaction rate; empty "
        "for an answer that is not counted.",
    )
