from odoo import fields, models
from odoo.tools import SQL


class QmsDashboardAcknowledgement(models.Model):
    """Read-and-understood rates by unit and document.

    One row per recipient of an issued document; the rate is the average of 100 (read) and 0 (not
    read yet), so any grouping (unit, document, type) gives its own rate.
    """

    _name = "qms.dashboard.acknowledgement"
    _description = "Dashboard: Read-and-Understood Rates"
    _auto = False
    _order = "date_distributed desc, id"
    _rec_name = "document_id"
    _depends = {
        "qms.document.distribution": [
            "state",
            "document_id",
            "revision_id",
            "employee_id",
            "department_id",
            "company_id",
            "date_distributed",
        ],
        "qms.document.revision": ["state", "type_id"],
    }

    document_id = fields.Many2one("qms.document", readonly=True)
    revision_id = fields.Many2one("qms.document.revision", readonly=True)
    type_id = fields.Many2one("qms.document.type", string="Document Type", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Recipient", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_distributed = fields.Date(string="Distributed On", readonly=True)
    is_acknowledged = fields.Boolean(string="Read", readonly=True)
    recipient_count = fields.Integer(string="Recipients", readonly=True, aggregator="sum")
    acknowledged_count = fields.Integer(string="Read (count)", readonly=True, aggregator="sum")
    acknowledgement_rate = fields.Float(
        string="Read Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   line.document_id AS document_id,
                   line.revision_id AS revision_id,
                   revision.type_id AS type_id,
                   line.employee_id AS employee_id,
                   line.department_id AS department_id,
                   line.company_id AS company_id,
                   line.date_distributed::date AS date_distributed,
                   line.state = 'acknowledged' AS is_acknowledged,
                   1 AS recipient_count,
                   CASE WHEN line.state = 'acknowledged' THEN 1 ELSE 0 END AS acknowledged_count,
                   CASE WHEN line.state = 'acknowledged' THEN 100.0 ELSE 0.0 END
                       AS acknowledgement_rate
              FROM qms_document_distribution line
              JOIN qms_document_revision revision ON revision.id = line.revision_id
             WHERE line.state != 'cancelled'
               AND revision.state = 'issued'
            """
        )
