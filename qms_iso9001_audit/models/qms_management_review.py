from collections import Counter, defaultdict

from odoo import models
from odoo.tools import format_date

# Audits whose fieldwork has started: they have (or are getting) results to review.
AUDIT_CARRIED_OUT_STATES = ("in_progress", "report_to_approve", "reported", "closed")


class QmsManagementReview(models.Model):
    _inherit = "qms.management.review"

    def _qms_review_sections(self):
        """Add the audit results (9.3.2 c6) and tell the qualified internal auditors among the
        resources (9.3.2 e)."""
        sections = super()._qms_review_sections()
        sections.append(
            self._qms_section(
                80,
                "audit_results",
                self.env._("Internal audit results"),
                [self._qms_input_audit_results()],
                self._qms_figures_audit_results(),
            )
        )
        self._qms_review_section(sections, "resources")["parts"].append(
            (
                "qms_iso9001_audit.review_input_auditors",
                {
                    "count": self._qms_source("hr.employee").search_count(
                        [
                            ("company_id", "=", self.company_id.id),
                            ("qms_is_internal_auditor", "=", True),
                        ]
                    )
                },
            )
        )
        return sections

    def _qms_input_audit_results(self):
        """Audit results (ISO 9.3.2 c 6): every audit held during the period, internal or by the
        supervising body, with what it found and how far its nonconformity forms got."""
        audits = self._qms_source("qms.audit")
        in_period = [
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
            ("date_start", "<=", self.date_to),
            ("date_end", ">=", self.date_from),
        ]
        held = audits.search(
            [*in_period, ("state", "in", AUDIT_CARRIED_OUT_STATES)], order="date_start, id"
        )
        findings = self._qms_source("qms.audit.finding")
        results = defaultdict(Counter)
        for audit, result, count in findings._read_group(
            [("audit_id", "in", held.ids)], ["audit_id", "result"], ["__count"]
        ):
            results[audit.id][result] += count
        forms = defaultdict(Counter)
        for audit, state, count in findings._read_group(
            [
                ("audit_id", "in", held.ids),
                ("nonconformity_id", "!=", False),
                ("nonconformity_id.state", "!=", "cancelled"),
            ],
            ["audit_id", "nonconformity_id.state"],
            ["__count"],
        ):
            forms[audit.id]["raised"] += count
            forms[audit.id]["closed"] += count if state == "closed" else 0
        return (
            "qms_iso9001_audit.review_input_audit_results",
            {
                "audits": held,
                "not_held": audits.search_count(
                    [*in_period, ("state", "not in", AUDIT_CARRIED_OUT_STATES)]
                ),
                "results": results,
                "forms": forms,
                "total": sum(results.values(), Counter()),
                "total_forms": sum(forms.values(), Counter()),
                "audit_types": dict(held._fields["audit_type"]._description_selection(self.env)),
                "states": dict(held._fields["state"]._description_selection(self.env)),
                "format_date": lambda date: format_date(self.env, date),
            },
        )

    def _qms_figures_audit_results(self):
        """The audit figures compared with the previous review (see the core's trends)."""
        audits = self._qms_source("qms.audit").search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", AUDIT_CARRIED_OUT_STATES),
                ("date_start", "<=", self.date_to),
                ("date_end", ">=", self.date_from),
            ]
        )
        counts = dict(
            self._qms_source("qms.audit.finding")._read_group(
                [("audit_id", "in", audits.ids)], ["result"], ["__count"]
            )
        )
        return {
            "audits_held": self._qms_figure(
                "audit_results", self.env._("Audits carried out"), len(audits)
            ),
            "audit_major": self._qms_figure(
                "audit_results", self.env._("Major nonconformities found"), counts.get("major", 0)
            ),
            "audit_minor": self._qms_figure(
                "audit_results", self.env._("Minor nonconformities found"), counts.get("minor", 0)
            ),
        }
