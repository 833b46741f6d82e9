from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qms_agency_name = fields.Char(related="company_id.qms_agency_name", readonly=False)
    qms_governing_body = fields.Char(related="company_id.qms_governing_body", readonly=False)
    qms_agency_code = fields.Char(related="company_id.qms_agency_code", readonly=False)
    qms_standard_version = fields.Char(related="company_id.qms_standard_version", readonly=False)
    qms_standing_department_id = fields.Many2one(
        related="company_id.qms_standing_department_id", readonly=False
    )
    qms_calendar_id = fields.Many2one(related="company_id.qms_calendar_id", readonly=False)
    qms_ack_reminder_days = fields.Integer(
        related="company_id.qms_ack_reminder_days", readonly=False
    )
    qms_objective_reminder_days = fields.Integer(
        related="company_id.qms_objective_reminder_days", readonly=False
    )
    qms_risk_likelihood_max = fields.Integer(
        related="company_id.qms_risk_likelihood_max", readonly=False
    )
    qms_risk_impact_max = fields.Integer(related="company_id.qms_risk_impact_max", readonly=False)
    qms_action_escalation_days = fields.Integer(
        related="company_id.qms_action_escalation_days", readonly=False
    )
    qms_delegation_max_days = fields.Integer(
        related="company_id.qms_delegation_max_days", readonly=False
    )
    qms_approval_escalation_days = fields.Integer(
        related="company_id.qms_approval_escalation_days", readonly=False
    )
    qms_upload_max_mb = fields.Integer(related="company_id.qms_upload_max_mb", readonly=False)
    qms_require_signature = fields.Boolean(
        related="company_id.qms_require_signature", readonly=False
    )
    qms_feedback_answer_days = fields.Integer(
        related="company_id.qms_feedback_answer_days", readonly=False
    )
    qms_report_cutoff_day = fields.Integer(
        related="company_id.qms_report_cutoff_day", readonly=False
    )
    qms_report_cutoff_month = fields.Integer(
        related="company_id.qms_report_cutoff_month", readonly=False
    )
    qms_unit_report_due_days = fields.Integer(
        related="company_id.qms_unit_report_due_days", readonly=False
    )
    qms_report_due_days = fields.Integer(related="company_id.qms_report_due_days", readonly=False)
