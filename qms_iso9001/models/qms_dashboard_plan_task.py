from odoo import fields, models
from odoo.tools import SQL


class QmsDashboardPlanTask(models.Model):
    """Tasks of the approved ISO plans, with what is overdue, by unit.

    Overdue is computed in the query against today's date, so the figure is right without waiting
    for a scheduled job to flag the tasks.
    """

    _name = "qms.dashboard.plan.task"
    _description = "Dashboard: ISO Plan Tasks"
    _auto = False
    _order = "days_overdue desc, date_deadline, id"
    _rec_name = "task_id"
    _depends = {
        "qms.plan.task": [
            "plan_id",
            "department_id",
            "user_id",
            "date_deadline",
            "date_done",
            "state",
            "progress",
            "company_id",
        ],
        "qms.plan": ["year", "state"],
    }

    task_id = fields.Many2one("qms.plan.task", readonly=True)
    plan_id = fields.Many2one("qms.plan", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    department_id = fields.Many2one("hr.department", string="Assigned Unit", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
        ],
        string="Status",
        readonly=True,
    )
    is_overdue = fields.Boolean(string="Overdue", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    task_count = fields.Integer(string="Tasks", readonly=True, aggregator="sum")
    overdue_count = fields.Integer(string="Overdue Tasks", readonly=True, aggregator="sum")
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT task.id AS id,
                   task.id AS task_id,
                   task.plan_id AS plan_id,
                   plan.year AS year,
                   task.department_id AS department_id,
                   task.user_id AS user_id,
                   task.company_id AS company_id,
                   task.date_deadline AS date_deadline,
                   task.state AS state,
                   overdue.is_overdue AS is_overdue,
                   CASE WHEN overdue.is_overdue THEN CURRENT_DATE - task.date_deadline ELSE 0 END
                       AS days_overdue,
                   1 AS task_count,
                   CASE WHEN overdue.is_overdue THEN 1 ELSE 0 END AS overdue_count,
                   COALESCE(task.progress, 0.0) AS progress
              FROM qms_plan_task task
              JOIN qms_plan plan ON plan.id = task.plan_id
             CROSS JOIN LATERAL (
                    SELECT task.state IN ('todo', 'in_progress')
                           AND task.date_deadline < CURRENT_DATE AS is_overdue
                   ) overdue
             WHERE plan.state IN ('approved', 'done')
               AND task.state != 'cancelled'
            """
        )
