from odoo import fields, models

from ..models.qms_tthc_processing_time import FILING_METHODS as CHANNELS


class QmsTthcStatisticsLine(models.TransientModel):
    """One row of the one-stop statistics: the figures of a field, procedure, unit or channel,
    or the agency's total. Kept as records so that the list, pivot and graph views can show
    them."""

    _name = "qms.tthc.statistics.line"
    _description = "One-stop Statistics Line"
    _order = "wizard_id, is_total, sequence, id"

    wizard_id = fields.Many2one("qms.tthc.statistics", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    is_total = fields.Boolean(string="Total Line")
    name = fields.Char(string="Group", required=True)
    field_id = fields.Many2one("qms.tthc.field")
    procedure_id = fields.Many2one("qms.tthc.procedure")
    department_id = fields.Many2one("hr.department", string="Unit")
    channel = fields.Selection(CHANNELS)
    reception_centre_id = fields.Many2one("qms.tthc.service.centre", string="Receiving Centre")
    company_id = fields.Many2one("res.company", string="Deciding Agency")

    received_count = fields.Integer(string="Received in Period", help="Received in the period.")
    received_online_count = fields.Integer(
        string="Received Online", help="Received online in the period."
    )
    received_direct_count = fields.Integer(
        string="Received Directly or by Post",
        help="Received at the desk or by post in the period.",
    )
    carried_over_count = fields.Integer(
        string="Carried Over",
        help="Received before the period and still being handled when it started.",
    )
    total_count = fields.Integer(
        string="Total to Handle", help="Received in the period plus carried over."
    )
    resolved_count = fields.Integer(string="Resolved in Period", help="Resolved in the period.")
    resolved_early_count = fields.Integer(string="Resolved Early")
    resolved_on_time_count = fields.Integer(string="Resolved On Time")
    resolved_late_count = fields.Integer(string="Resolved Late")
    in_progress_count = fields.Integer(
        string="In Progress at End",
        help="Still being handled at the end of the period (not waiting for a supplement).",
    )
    in_progress_not_due_count = fields.Integer(string="In Progress, Not Yet Due")
    in_progress_overdue_count = fields.Integer(string="In Progress, Overdue")
    waiting_supplement_count = fields.Integer(
        string="Waiting for Supplement at End",
        help="Waiting for a supplement at the end of the period.",
    )
    refused_count = fields.Integer(string="Refused in Period", help="Refused in the period.")
    withdrawn_count = fields.Integer(string="Withdrawn in Period", help="Withdrawn in the period.")
    returned_count = fields.Integer(
        string="Returned in Period", help="Results returned to the applicant in the period."
    )
    guidance_count = fields.Integer(
        string="Guided, Not Received",
        help="Guidances issued in the period: incomplete dossiers the desk did not receive and "
        "for which it guided the applicant (form 02). They are no dossier: not counted in any "
        "other figure.",
    )
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        digits=(5, 2),
        aggregator=None,
        help="Resolved early or on time, out of all resolved in the period.",
    )
    average_processing_days = fields.Float(
        string="Average Processing Time (days)",
        digits=(6, 2),
        aggregator=None,
        help="Average working days taken by the dossiers resolved in the period.",
    )
