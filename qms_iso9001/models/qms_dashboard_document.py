from odoo import fields, models
from odoo.tools import SQL

# Periodic reviews falling due within this many days are already shown, so they can be planned.
REVIEW_HORIZON_DAYS = 30


class QmsDashboardDocument(models.Model):
    """Documents that wait on someone: revisions to approve and documents due for review.

    A live SQL query rather than stored figures, so that leaders see the queue as it is now.
    """

    _name = "qms.dashboard.document"
    _description = "Dashboard: Documents Awaiting Action"
    _auto = False
    _order = "days_waiting desc, id"
    _rec_name = "document_id"
    _depends = {
        "qms.document.revision": [
            "state",
            "document_id",
            "type_id",
            "department_id",
            "company_id",
            "date_submitted",
        ],
        "qms.document": [
            "state",
            "active",
            "type_id",
            "department_id",
            "company_id",
            "next_review_date",
            "current_revision_id",
        ],
    }

    item_type = fields.Selection(
        [("approval", "Awaiting Approval"), ("review", "Due for Periodic Review")],
        string="Waiting For",
        readonly=True,
    )
    document_id = fields.Many2one("qms.document", readonly=True)
    revision_id = fields.Many2one("qms.document.revision", readonly=True)
    type_id = fields.Many2one("qms.document.type", string="Document Type", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_reference = fields.Date(
        string="Since / Due On",
        readonly=True,
        help="Submission date of a revision to approve; review date of a document to review.",
    )
    days_waiting = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Days since submission, or days past the review date (negative: not yet due).",
    )
    is_overdue = fields.Boolean(string="Overdue", readonly=True)
    item_count = fields.Integer(string="Count", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT revision.id * 2 AS id,
                   'approval' AS item_type,
                   revision.document_id AS document_id,
                   revision.id AS revision_id,
                   revision.type_id AS type_id,
                   revision.department_id AS department_id,
                   revision.company_id AS company_id,
                   revision.date_submitted::date AS date_reference,
                   (CURRENT_DATE - revision.date_submitted::date) AS days_waiting,
                   FALSE AS is_overdue,
                   1 AS item_count
              FROM qms_document_revision revision
             WHERE revision.state = 'to_approve'
            UNION ALL
            SELECT document.id * 2 + 1,
                   'review',
                   document.id,
                   document.current_revision_id,
                   document.type_id,
                   document.department_id,
                   document.company_id,
                   document.next_review_date,
                   (CURRENT_DATE - document.next_review_date),
                   document.next_review_date < CURRENT_DATE,
                   1
              FROM qms_document document
             WHERE document.state = 'issued'
               AND document.active
               AND document.next_review_date <= CURRENT_DATE + %(horizon)s
            """,
            horizon=REVIEW_HORIZON_DAYS,
        )
