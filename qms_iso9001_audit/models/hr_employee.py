from odoo import models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def _qms_unqualified_auditors(self, lead=False):
        """Employees that the auditor register does not allow on an audit team (ISO 7.2)."""
        if lead:
            return self.filtered(
                lambda e: not (e.qms_is_internal_auditor and e.qms_is_lead_auditor)
            )
        return self.filtered(lambda e: not e.qms_is_internal_auditor)
