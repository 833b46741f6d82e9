from collections import Counter, defaultdict

from markupsafe import Markup

from odoo import models
from odoo.tools import format_date

# Audits whose fieldwork has started: they have (or are getting) results to review.
AUDIT_CARRIED_OUT_STATES = ("in_progress", "report_to_approve", "reported", "closed")


class QmsManagementReview(models.Model):
    _inherit = "qms.management.review"

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
        not_held = audits.search_count([*in_period, ("state", "not in", AUDIT_CARRIED_OUT_STATES)])
        html = Markup("")
        if held:
            html += self._qms_audit_results_table(held)
        else:
            html += self._qms_html_missing(self.env._("No audit was carried out in the period."))
        if not_held:
            html += self._qms_html_paragraph(
                self.env._(
                    "%(count)s audits planned in the period have not been carried out yet.",
                    count=not_held,
                )
            )
        return html

    def _qms_audit_results_table(self, audits):
        findings = self._qms_source("qms.audit.finding")
        results = defaultdict(Counter)
        for audit, result, count in findings._read_group(
            [("audit_id", "in", audits.ids)], ["audit_id", "result"], ["__count"]
        ):
            results[audit.id][result] += count
        forms = defaultdict(Counter)
        for audit, state, count in findings._read_group(
            [
                ("audit_id", "in", audits.ids),
                ("nonconformity_id", "!=", False),
                ("nonconformity_id.state", "!=", "cancelled"),
            ],
            ["audit_id", "nonconformity_id.state"],
            ["__count"],
        ):
            forms[audit.id]["raised"] += count
            forms[audit.id]["closed"] += count if state == "closed" else 0
        total = sum(results.values(), Counter())
        total_forms = sum(forms.values(), Counter())
        summary = self._qms_html_paragraph(
            self.env._(
                "%(audits)s audits carried out in the period: %(major)s major NCs, %(minor)s minor "
                "NCs, %(observations)s observations and %(improvements)s opportunities for "
                "improvement; %(raised)s nonconformity forms raised, %(closed)s closed.",
                audits=len(audits),
                major=total["major"],
                minor=total["minor"],
                observations=total["observation"],
                improvements=total["improvement"],
                raised=total_forms["raised"],
                closed=total_forms["closed"],
            )
        )
        rows = [
            (
                audit.name,
                self._qms_selection_label(audit, "audit_type", audit.audit_type),
                f"{format_date(self.env, audit.date_start)} - "
                f"{format_date(self.env, audit.date_end)}",
                ", ".join(audit.department_ids.mapped("name")),
                self._qms_selection_label(audit, "state", audit.state),
                results[audit.id]["major"],
                results[audit.id]["minor"],
                results[audit.id]["observation"],
                results[audit.id]["improvement"],
                f"{forms[audit.id]['closed']}/{forms[audit.id]['raised']}",
            )
            for audit in audits
        ]
        return summary + self._qms_html_table(
            [
                self.env._("Audit"),
                self.env._("Type"),
                self.env._("Dates"),
                self.env._("Audited Units"),
                self.env._("Status"),
                self.env._("Major NC"),
                self.env._("Minor NC"),
                self.env._("Observations"),
                self.env._("Improvements"),
                self.env._("NC Forms Closed / Raised"),
            ],
            rows,
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
