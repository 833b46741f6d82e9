from odoo import fields, models
from odoo.fields import Domain

from odoo.addons.qms_iso9001.models.qms_emulation_criterion import drop_criteria_and_scores


class QmsEmulationCriterion(models.Model):
    _inherit = "qms.emulation.criterion"

    metric = fields.Selection(
        selection_add=[("audit_ncs_closed_on_time", "Audit nonconformities closed on time")],
        ondelete={"audit_ncs_closed_on_time": drop_criteria_and_scores},
    )

    def _qms_metric_value_audit_ncs_closed_on_time(self, departments, year):
        """Nonconformity forms raised from audit findings (internal audits and inspections) whose
        deadline falls in the year and which are closed or overdue: the follow-up of audits is
        judged on its own, apart from the complaints and late dossiers."""
        ncs = self._qms_source("qms.nonconformity")
        first, last, judged_on = self._qms_year_bounds(year)
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("res_model", "=", "qms.audit.finding"),
                ("department_id", "in", departments.ids),
                ("state", "!=", "cancelled"),
                ("date_deadline", ">=", first),
                ("date_deadline", "<=", last),
            ]
        ) & (Domain("state", "=", "closed") | Domain("date_deadline", "<", judged_on))
        counts = self._qms_count_by_unit(ncs, domain, "department_id", "is_closed_on_time")
        return self._qms_merge_counts(counts)
