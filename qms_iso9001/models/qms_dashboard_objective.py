from odoo import fields, models
from odoo.tools import SQL

from .qms_objective import ACHIEVEMENT_SELECTION


class QmsDashboardObjective(models.Model):
    """Achievement of the quality objectives by unit and year.

    One row per objective target of approved or evaluated objectives. The rate averages 100 (met)
    and 0 (at risk, not met) and leaves out targets not measured yet, so a unit is not marked down
    for what cannot be judged.
    """

    _name = "qms.dashboard.objective"
    _description = "Dashboard: Quality Objective Achievement"
    _auto = False
    _order = "year desc, department_id, id"
    _rec_name = "line_id"
    _depends = {
        "qms.objective.line": ["objective_id", "department_id", "achievement"],
        "qms.objective": ["year", "department_id", "company_id", "state"],
    }

    line_id = fields.Many2one("qms.objective.line", string="Objective", readonly=True)
    objective_id = fields.Many2one("qms.objective", string="Objectives", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    department_id = fields.Many2one("hr.department", string="Responsible Unit", readonly=True)
    scope_department_id = fields.Many2one("hr.department", string="Objective Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    achievement = fields.Selection(ACHIEVEMENT_SELECTION, readonly=True)
    target_count = fields.Integer(string="Targets", readonly=True, aggregator="sum")
    met_count = fields.Integer(string="Targets Met", readonly=True, aggregator="sum")
    achievement_rate = fields.Float(
        string="Achievement Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS line_id,
                   line.objective_id AS objective_id,
                   objective.year AS year,
                   COALESCE(line.department_id, objective.department_id) AS department_id,
                   objective.department_id AS scope_department_id,
                   objective.company_id AS company_id,
                   line.achievement AS achievement,
                   1 AS target_count,
                   CASE WHEN line.achievement = 'met' THEN 1 ELSE 0 END AS met_count,
                   CASE line.achievement
                        WHEN 'met' THEN 100.0
                        WHEN 'pending' THEN NULL
                        ELSE 0.0
                   END AS achievement_rate
              FROM qms_objective_line line
              JOIN qms_objective objective ON objective.id = line.objective_id
             WHERE objective.state IN ('approved', 'evaluated')
            """
        )
