from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsAuditScheduleLine(models.Model):
    """A slot of the audit plan: who audits which unit against which clauses, and when."""

    _name = "qms.audit.schedule.line"
    _description = "Audit Schedule Line"
    _order = "audit_id, datetime_start, id"

    audit_id = fields.Many2one("qms.audit", required=True, ondelete="cascade", index=True)
    datetime_start = fields.Datetime(string="From", required=True)
    datetime_end = fields.Datetime(string="To", required=True)
    department_id = fields.Many2one("hr.department", string="Unit", required=True)
    auditor_id = fields.Many2one("hr.employee", required=True)
    clause_ids = fields.Many2many("qms.iso.clause", string="Clauses")
    note = fields.Char(string="Content")
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)

    @api.constrains("datetime_start", "datetime_end")
    def _check_times(self):
        for line in self:
            if line.datetime_end < line.datetime_start:
                raise ValidationError(self.env._("A schedule slot cannot end before it starts."))

    @api.constrains("auditor_id", "department_id")
    def _check_independence_and_team(self):
        for line in self:
            audit = line.audit_id
            audit._qms_check_independence(line.auditor_id, line.department_id)
            if line.auditor_id not in audit.lead_auditor_id | audit.auditor_ids:
                raise ValidationError(
                    self.env._(
                        "%(auditor)s is not on the team of %(audit)s.",
                        auditor=line.auditor_id.name,
                        audit=audit.name,
                    )
                )
            if line.department_id not in audit.department_ids:
                raise ValidationError(
                    self.env._(
                        "%(unit)s is not among the units audited by %(audit)s.",
                        unit=line.department_id.name,
                        audit=audit.name,
                    )
                )
