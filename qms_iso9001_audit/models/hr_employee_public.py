from odoo import fields, models


class HrEmployeePublic(models.Model):
    """Every civil servant may read who is a qualified auditor, to know who may audit them."""

    _inherit = "hr.employee.public"

    qms_is_internal_auditor = fields.Boolean(string="Internal Auditor", readonly=True)
    qms_is_lead_auditor = fields.Boolean(string="Lead Auditor", readonly=True)
    qms_auditor_certificate = fields.Char(string="Auditor Certificate", readonly=True)
    qms_auditor_certificate_date = fields.Date(string="Auditor Certificate Date", readonly=True)
