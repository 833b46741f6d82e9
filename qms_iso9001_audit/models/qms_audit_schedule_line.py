from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsAuditScheduleLine(models.Model):
    """A slot of the audit plan: who audits which unit against which clauses, and when. The
    schedule is drawn up with the plan and may still be adjusted once the plan is approved (the
    notice sends it to the units); from the start of the audit it is a record."""

    _name = "qms.audit.schedule.line"
    _description = "Audit Schedule Line"
    _inherit = ["qms.audit.part.mixin"]
    _order = "audit_id, datetime_start, id"
    _check_company_auto = True

    _qms_creatable_states = ("draft", "approved")
    _qms_deletable_states = ("draft", "approved")
    _qms_editable_fields = dict.fromkeys(
        ("to_approve", "in_progress", "report_to_approve", "reported", "closed", "cancelled"), ()
    )

    audit_id = fields.Many2one("qms.audit", required=True, ondelete="cascade", index=True)
    audit_state = fields.Selection(related="audit_id.state")
    datetime_start = fields.Datetime(string="From", required=True)
    datetime_end = fields.Datetime(string="To", required=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, check_company=True
    )
    auditor_id = fields.Many2one("hr.employee", required=True, check_company=True)
    clause_ids = fields.Many2many(
        "qms.iso.clause",
        string="Clauses",
        domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain(),
    )
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

    @api.constrains("clause_ids")
    def _check_clause_edition(self):
        for record in self:
            record.clause_ids._qms_check_single_edition(record)
