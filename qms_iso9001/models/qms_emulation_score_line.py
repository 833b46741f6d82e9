from odoo import fields, models

from . import qms_emulation_score_line_mixin  # noqa: F401 (the mixin is defined first)


class QmsEmulationScoreLine(models.Model):
    """One criterion of a unit's score: the counts it came from, so the unit can check it.

    Lines are written by the computation of their score only, and kept with a confirmed score.
    """

    _name = "qms.emulation.score.line"
    _description = "Emulation Score Line"
    _inherit = ["qms.emulation.score.line.mixin"]

    score_id = fields.Many2one("qms.emulation.score", required=True, ondelete="cascade", index=True)
    score_state = fields.Selection(related="score_id.state", string="Score Status")
    year = fields.Integer(related="score_id.year", store=True, aggregator=False)
    department_id = fields.Many2one(related="score_id.department_id", store=True, string="Unit")
    company_id = fields.Many2one(related="score_id.company_id", store=True, index=True)
