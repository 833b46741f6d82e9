from odoo import models

from .qms_objective_line import (
    tthc_on_time_rate,
    tthc_rating_counts,
    tthc_received_domain,
    tthc_resolved_domain,
    tthc_scorecard_total,
)


class QmsReport(models.Model):
    _inherit = "qms.report"

    def _qms_report_figures(self):
        return [
            *super()._qms_report_figures(),
            *self._qms_figures_tthc_dossiers(),
            *self._qms_figures_tthc_satisfaction(),
        ]

    def _qms_figures_tthc_satisfaction(self):
        """The applicants' ratings and the QĐ 766 scorecard of the period (0 when none)."""
        self.ensure_one()
        counts = tthc_rating_counts(self.env, self.company_id, self.date_from, self.date_to)
        rated = sum(counts.values())
        good = counts.get("satisfied", 0) + counts.get("acceptable", 0)
        total = tthc_scorecard_total(self.env, self.company_id, self.date_from, self.date_to)
        return [
            self._qms_figure(
                "building", "tthc_rated", self.env._("Administrative dossiers rated"), rated
            ),
            self._qms_figure(
                "building",
                "tthc_satisfaction_rate",
                self.env._("Ratings satisfied or acceptable"),
                100.0 * good / rated if rated else 0.0,
                value_type="rate",
            ),
            self._qms_figure(
                "building",
                "tthc_scorecard_total",
                self.env._("QĐ 766 scorecard, average monthly total (of 100 points)"),
                total or 0.0,
                value_type="rate",
            ),
        ]

    def _qms_figures_tthc_dossiers(self):
        """Dossiers received and resolved in the period: the procedures run through the ISO
        flows, applied at the one-stop desk. Two queries, whatever the number of dossiers."""
        self.ensure_one()
        dossiers = self.env["qms.tthc.dossier"].sudo().with_context(active_test=False)
        period = (self.company_id, self.date_from, self.date_to)
        received = dossiers.search_count(tthc_received_domain(*period))
        counts = dict(
            dossiers._read_group(tthc_resolved_domain(*period), ["timeliness"], ["__count"])
        )
        counts_by_code = [
            ("tthc_received", self.env._("Administrative dossiers received"), received),
            ("tthc_resolved", self.env._("Administrative dossiers resolved"), sum(counts.values())),
            (
                "tthc_resolved_early",
                self.env._("Administrative dossiers resolved early"),
                counts.get("early", 0),
            ),
            (
                "tthc_resolved_on_time",
                self.env._("Administrative dossiers resolved on time"),
                counts.get("on_time", 0),
            ),
            (
                "tthc_resolved_late",
                self.env._("Administrative dossiers resolved late"),
                counts.get("late", 0),
            ),
        ]
        figures = [
            self._qms_figure("building", code, label, value)
            for code, label, value in counts_by_code
        ]
        # As for the other rates of the report, 0 when nothing was resolved: the figure above
        # tells the reader why.
        figures.append(
            self._qms_figure(
                "building",
                "tthc_on_time_rate",
                self.env._("On-time rate of the administrative dossiers resolved"),
                tthc_on_time_rate(counts) or 0.0,
                value_type="rate",
            )
        )
        return figures
