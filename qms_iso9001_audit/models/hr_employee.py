from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.qms_iso9001.lifecycle import MANAGER

# The auditor register (ISO 7.2): who may audit and who may lead an audit team.
QUALIFICATION_FIELDS = (
    "qms_is_internal_auditor",
    "qms_is_lead_auditor",
    "qms_auditor_certificate",
    "qms_auditor_certificate_date",
)


class HrEmployee(models.Model):
    """The auditor register lives with the audits: the core knows no auditors."""

    _inherit = "hr.employee"

    qms_is_internal_auditor = fields.Boolean(
        string="Internal Auditor",
        tracking=True,
        help="Qualified to carry out internal QMS audits. Set when the employee passes an "
        "internal or lead auditor training.",
    )
    qms_is_lead_auditor = fields.Boolean(
        string="Lead Auditor",
        tracking=True,
        help="Qualified to lead an internal audit team.",
    )
    qms_auditor_certificate = fields.Char(string="Auditor Certificate", tracking=True)
    qms_auditor_certificate_date = fields.Date(string="Auditor Certificate Date", tracking=True)

    def _qms_unqualified_auditors(self, lead=False):
        """Employees that the auditor register does not allow on an audit team (ISO 7.2)."""
        if lead:
            return self.filtered(
                lambda e: not (e.qms_is_internal_auditor and e.qms_is_lead_auditor)
            )
        return self.filtered(lambda e: not e.qms_is_internal_auditor)

    def _qms_check_qualification_change(self, names):
        """The register is kept by the ISO standing office (or filled by a passed auditor
        training): an HR officer cannot make anyone, themself included, an auditor."""
        if self.env.su or not set(names) & set(QUALIFICATION_FIELDS):
            return
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Only the ISO standing office (QMS managers) may change the auditor "
                    "register of an employee."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._qms_check_qualification_change(
                [name for name in QUALIFICATION_FIELDS if vals.get(name)]
            )
        return super().create(vals_list)

    def _qms_changes(self, name, value):
        field = self._fields[name]
        for employee in self.sudo():
            try:
                new = field.convert_to_record(field.convert_to_cache(value, employee), employee)
            except (TypeError, ValueError):
                return True
            if new != employee[name]:
                return True
        return False

    def write(self, vals):
        if not self.env.su:
            self._qms_check_qualification_change(
                [
                    name
                    for name in QUALIFICATION_FIELDS
                    if name in vals and self._qms_changes(name, vals[name])
                ]
            )
        return super().write(vals)
