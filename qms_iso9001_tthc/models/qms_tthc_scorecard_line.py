from odoo import fields, models
from odoo.exceptions import UserError

from .qms_tthc_scorecard_indicator import SCORE_GROUPS


class QmsTthcScorecardLine(models.Model):
    """One indicator of a month's scorecard: the counts behind its points, and the way to the
    dossiers, procedures or complaints that lost them."""

    _name = "qms.tthc.scorecard.line"
    _description = "QĐ 766 Scorecard Indicator Result"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "scorecard_id, group, id"

    _qms_state_field = None
    _qms_workflow_fields = (
        "scorecard_id",
        "indicator_id",
        "group",
        "numerator",
        "denominator",
        "rate",
        "max_points",
        "points",
        "no_data",
    )

    scorecard_id = fields.Many2one(
        "qms.tthc.scorecard", required=True, ondelete="cascade", index=True, readonly=True
    )
    indicator_id = fields.Many2one(
        "qms.tthc.scorecard.indicator", required=True, ondelete="restrict", readonly=True
    )
    name = fields.Char(related="indicator_id.name")
    source_note = fields.Text(related="indicator_id.source_note")
    group = fields.Selection(SCORE_GROUPS, required=True, readonly=True)
    numerator = fields.Integer(string="Earning Points", readonly=True)
    denominator = fields.Integer(string="Counted", readonly=True)
    rate = fields.Float(string="Rate (%)", readonly=True, digits=(5, 2))
    max_points = fields.Float(string="Points", readonly=True, digits=(5, 2))
    points = fields.Float(string="Points Earned", readonly=True, digits=(5, 2))
    lost_points = fields.Float(compute="_compute_lost_points", digits=(5, 2))
    no_data = fields.Boolean(
        readonly=True, help="Nothing to count in the month: the indicator keeps its points."
    )
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True, index=True)
    department_id = fields.Many2one(related="scorecard_id.department_id", store=True)
    month = fields.Date(related="scorecard_id.month", store=True)

    def _compute_lost_points(self):
        for line in self:
            line.lost_points = round(line.max_points - line.points, 2)

    def action_view_lost(self):
        """The records that lost the points of this line, read with the user's own rights."""
        if len(self) != 1:
            raise UserError(self.env._("Open the records of one indicator at a time."))
        self.check_access("read")
        scorecard = self.scorecard_id.sudo()
        Scorecard = self.env["qms.tthc.scorecard"]
        measure = self.indicator_id.sudo().measure
        base, good = Scorecard._qms_measure_domains(
            measure, scorecard.company_id, scorecard.month, scorecard.department_id
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lost points: %(indicator)s", indicator=self.sudo().name),
            "res_model": Scorecard._qms_measure_model(measure),
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": list(base & ~good),
            "context": {"active_test": False, "create": False},
        }
