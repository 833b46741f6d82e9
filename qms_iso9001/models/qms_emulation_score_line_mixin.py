from odoo import api, fields, models

# The fields only the computation of the score sets, common to every kind of score line; each
# model adds those of its subject and evidence. Computed and related values are listed too: the
# ORM would otherwise store them as written.
LINE_WORKFLOW_FIELDS = (
    "score_id",
    "criterion_id",
    "sequence",
    "weight",
    "achieved_count",
    "counted_count",
    "source_missing",
    "has_data",
    "value",
    "points",
    "metric",
    "year",
    "department_id",
    "company_id",
)


class QmsEmulationScoreLineMixin(models.AbstractModel):
    """One criterion of an emulation score (see `qms.emulation.score.mixin`): the counts it came
    from, and the points they earn by the one rule of every score, so that the subject can
    check each figure.

    Lines are written by the computation of their score only, and kept with a confirmed score.
    A model using it defines `score_id` (its score model) and the related fields read from the
    score (`score_state`, `year`, `department_id`, `company_id`).
    """

    _name = "qms.emulation.score.line.mixin"
    _description = "Emulation Score Line (shared rules)"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "score_id, sequence, id"

    _qms_state_field = "score_state"
    _qms_workflow_fields = LINE_WORKFLOW_FIELDS
    _qms_editable_fields = {"draft": (), "confirmed": ()}
    _qms_deletable_states = ("draft",)

    criterion_id = fields.Many2one(
        "qms.emulation.criterion", required=True, ondelete="restrict", index=True
    )
    sequence = fields.Integer(default=10)
    metric = fields.Selection(related="criterion_id.metric", store=True)
    weight = fields.Float(
        string="Weight (points)",
        digits=(6, 1),
        aggregator=False,
        help="Weight of the criterion when the score was computed.",
    )
    achieved_count = fields.Integer(string="Achieved")
    counted_count = fields.Integer(string="Counted")
    source_missing = fields.Boolean(
        help="The addon that provides this metric is not installed.",
    )
    has_data = fields.Boolean(compute="_compute_value", store=True)
    value = fields.Float(
        string="Value (%)", compute="_compute_value", store=True, digits=(5, 1), aggregator="avg"
    )
    points = fields.Float(compute="_compute_value", store=True, digits=(6, 2))
    detail = fields.Char(compute="_compute_detail")

    @api.depends("achieved_count", "counted_count", "weight")
    def _compute_value(self):
        for line in self:
            line.has_data = line.counted_count > 0
            line.value = (
                100.0 * line.achieved_count / line.counted_count if line.counted_count else 0.0
            )
            # From the counts, not the rounded percentage, so that points add up exactly.
            line.points = (
                round(line.weight * line.achieved_count / line.counted_count, 2)
                if line.counted_count
                else 0.0
            )

    @api.depends("achieved_count", "counted_count", "source_missing")
    def _compute_detail(self):
        for line in self:
            if line.source_missing:
                line.detail = self.env._("Source module not installed")
            elif not line.has_data:
                line.detail = self.env._("No data")
            else:
                line.detail = self.env._(
                    "%(achieved)s of %(counted)s",
                    achieved=line.achieved_count,
                    counted=line.counted_count,
                )
