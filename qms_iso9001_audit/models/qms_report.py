from odoo import models
from odoo.fields import Domain

# An internal audit is "done" once its fieldwork is over, i.e. its report was written (submitted,
# approved or followed up to closing). It counts in the period its last day falls in, so that an
# audit held in December and approved in January belongs to the year it was held.
AUDIT_DONE_STATES = ("report_to_approve", "reported", "closed")


class QmsReport(models.Model):
    _inherit = "qms.report"

    def _qms_audits_done_domain(self):
        self.ensure_one()
        return Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("audit_type", "=", "internal"),
                ("state", "in", AUDIT_DONE_STATES),
                ("date_end", ">=", self.date_from),
                ("date_end", "<=", self.date_to),
            ]
        )

    def _qms_report_figures(self):
        """The internal audit figures in place of the core's line saying they are not recorded."""
        return self._qms_replace_figure(
            super()._qms_report_figures(), "audits_done", self._qms_audit_figures()
        )

    def _qms_audit_figures(self):
        """Internal audits of the period, the units they covered, what they found and the
        nonconformity forms they raised; a fixed number of grouped queries."""
        audits = self.env["qms.audit"].sudo()
        findings = self.env["qms.audit.finding"].sudo()
        audit_domain = self._qms_audits_done_domain()
        units = [unit for (unit,) in audits._read_group(audit_domain, ["department_ids"]) if unit]
        finding_domain = Domain("audit_id", "any", audit_domain)
        by_result = dict(findings._read_group(finding_domain, ["result"], ["__count"]))
        forms = dict(
            findings._read_group(
                finding_domain
                & Domain("nonconformity_id", "!=", False)
                & Domain("nonconformity_id.state", "!=", "cancelled"),
                ["nonconformity_id.state"],
                ["__count"],
            )
        )
        section = "maintaining"
        return [
            self._qms_figure(
                section,
                "audits_done",
                self.env._("Internal audits done"),
                audits.search_count(audit_domain),
            ),
            self._qms_figure(
                section, "audit_units", self.env._("Units audited by internal audits"), len(units)
            ),
            self._qms_figure(
                section,
                "audit_findings_major",
                self.env._("Major nonconformities found by internal audits"),
                by_result.get("major", 0),
            ),
            self._qms_figure(
                section,
                "audit_findings_minor",
                self.env._("Minor nonconformities found by internal audits"),
                by_result.get("minor", 0),
            ),
            self._qms_figure(
                section,
                "audit_observations",
                self.env._("Observations made by internal audits"),
                by_result.get("observation", 0),
            ),
            self._qms_figure(
                section,
                "audit_improvements",
                self.env._("Opportunities for improvement found by internal audits"),
                by_result.get("improvement", 0),
            ),
            self._qms_figure(
                section,
                "audit_ncs_raised",
                self.env._("Nonconformity forms raised from internal audits"),
                sum(forms.values()),
            ),
            self._qms_figure(
                section,
                "audit_ncs_closed",
                self.env._("Nonconformity forms from internal audits closed"),
                forms.get("closed", 0),
            ),
        ]
