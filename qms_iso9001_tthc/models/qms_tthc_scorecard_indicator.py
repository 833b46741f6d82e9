from odoo import api, fields, models
from odoo.exceptions import ValidationError

# QĐ 766/QĐ-TTg (23 June 2022): 100 points in five groups [confirmed: groups and weights].
SCORE_GROUPS = [
    ("publicity", "Publicity and Transparency"),
    ("progress", "Progress and Results of Handling"),
    ("digitisation", "Digitisation of Dossiers and Results"),
    ("online", "Online Public Services"),
    ("satisfaction", "Satisfaction"),
]
GROUP_WEIGHTS = {
    "publicity": 18.0,
    "progress": 20.0,
    "digitisation": 22.0,
    "online": 22.0,
    "satisfaction": 18.0,
}
# What an indicator counts, computed by `qms.tthc.scorecard` (see its `_qms_measure_domains`).
MEASURES = [
    ("procedure_flow", "Procedures in force with an ISO flow in force"),
    ("procedure_published", "Procedures in force published in full"),
    ("dossier_on_time", "Dossiers resolved early or on time"),
    ("dossier_not_late", "Dossiers received neither late nor overdue"),
    ("late_apologised", "Late dossiers with a written apology"),
    ("papers_digitised", "Dossiers received with every paper digitised"),
    ("results_digitised", "Dossiers resolved with a digitised result"),
    ("results_reused", "Dossiers received reusing a digitised result"),
    ("procedures_online_full", "Procedures in force offered fully online"),
    ("procedures_online", "Procedures in force offered online (fully or partly)"),
    ("dossiers_online", "Dossiers received online"),
    ("rating_satisfied", "Ratings satisfied or acceptable"),
    ("dossiers_rated", "Returned dossiers the applicant rated"),
    ("feedback_answered", "Complaints and feedback answered in time"),
]


class QmsTthcScorecardIndicator(models.Model):
    """An indicator of the QĐ 766/QĐ-TTg scorecard: what it counts, in which group, how much
    of the group it weighs and which rate earns its full points.

    The five groups and their weights are the decision's; the indicators inside them are not
    settled in the texts we have [to verify], so they are settings: the defaults name their
    source in their help, and the standing office may change points, targets, or archive one.
    Inside a group the points are relative: the group always weighs its weight."""

    _name = "qms.tthc.scorecard.indicator"
    _description = "QĐ 766 Scorecard Indicator"
    _order = "group, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    group = fields.Selection(SCORE_GROUPS, required=True)
    measure = fields.Selection(MEASURES, required=True)
    points = fields.Float(
        default=1.0,
        required=True,
        help="Weight of the indicator inside its group: the group's weight (QĐ 766) is shared "
        "among its active indicators in proportion to these points.",
    )
    target_rate = fields.Float(
        string="Rate for Full Points (%)",
        default=100.0,
        required=True,
        help="The rate at which the indicator earns all its points; below it, points in "
        "proportion.",
    )
    source_note = fields.Text(
        string="Source",
        translate=True,
        help="Where the indicator comes from (the QĐ 766 group, the province's guidance) and "
        "which data of the system it counts.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the indicator applies to every agency of the database.",
    )

    _code_unique = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))", "An indicator with this code already exists."
    )

    @api.constrains("points", "target_rate")
    def _check_points(self):
        for indicator in self:
            if indicator.points <= 0 or not 0 < indicator.target_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "An indicator weighs more than 0 points, and its rate for full points "
                        "is above 0 and at most 100%."
                    )
                )
