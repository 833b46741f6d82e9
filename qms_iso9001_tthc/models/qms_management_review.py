from markupsafe import Markup

from odoo import models
from odoo.fields import Domain

from .qms_objective_line import (
    tthc_on_time_rate,
    tthc_rating_counts,
    tthc_received_domain,
    tthc_resolved_domain,
)


class QmsManagementReview(models.Model):
    """Input 9.3.2 on the administrative procedures: which procedures the agency runs through
    ISO flows, what changed in the catalogue and the flows during the period, and how the
    dossiers were handled (the process performance the leaders judge the QMS on)."""

    _inherit = "qms.management.review"

    def _qms_input_tthc_performance(self):
        self.ensure_one()
        return (
            self._qms_tthc_catalogue_html()
            + self._qms_tthc_dossiers_html()
            + self._qms_tthc_scorecard_html()
        )

    def _qms_input_satisfaction(self):
        """Customer satisfaction (9.3.2 c1): the core's surveys and complaints, when it gathers
        them, then the applicants' ratings of their dossiers."""
        self.ensure_one()
        parent = getattr(super(), "_qms_input_satisfaction", None)
        html = parent() if parent else Markup("")
        return html + self._qms_tthc_ratings_html()

    def _qms_tthc_ratings_html(self):
        """Ratings of the dossiers given in the period, whatever the channel; one query."""
        counts = tthc_rating_counts(self.env, self.company_id, self.date_from, self.date_to)
        rated = sum(counts.values())
        if not rated:
            return self._qms_html_missing(self.env._("No applicant rated a dossier in the period."))
        good = counts.get("satisfied", 0) + counts.get("acceptable", 0)
        complaints = self._qms_source("qms.nonconformity").search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("source", "=", "complaint"),
                ("state", "!=", "cancelled"),
                *self._qms_period_domain("date_detected"),
            ]
        )
        return self._qms_html_table(
            [
                self.env._("Dossiers rated"),
                self.env._("Satisfied"),
                self.env._("Acceptable"),
                self.env._("Not satisfied"),
                self.env._("Satisfaction rate"),
                self.env._("Nonconformities from complaints"),
            ],
            [
                (
                    rated,
                    counts.get("satisfied", 0),
                    counts.get("acceptable", 0),
                    counts.get("dissatisfied", 0),
                    f"{100.0 * good / rated:.1f}%",
                    complaints,
                )
            ],
        )

    def _qms_tthc_scorecard_html(self):
        """The agency's QĐ 766 scorecards of the months in the period, group by group."""
        cards = self._qms_source("qms.tthc.scorecard").search(
            [
                ("company_id", "=", self.company_id.id),
                ("department_id", "=", False),
                ("month", ">=", self.date_from.replace(day=1)),
                ("month", "<=", self.date_to),
            ],
            order="month",
        )
        if not cards:
            return self._qms_html_missing(
                self.env._("No QĐ 766 scorecard was computed for the months of the period.")
            )
        rows = [
            (
                card.month.strftime("%m/%Y"),
                card.score_publicity,
                card.score_progress,
                card.score_digitisation,
                card.score_online,
                card.score_satisfaction,
                card.total,
            )
            for card in cards
        ]
        return self._qms_html_table(
            [
                self.env._("Month"),
                self.env._("Publicity (18)"),
                self.env._("Handling progress (20)"),
                self.env._("Digitisation (22)"),
                self.env._("Online service (22)"),
                self.env._("Satisfaction (18)"),
                self.env._("QĐ 766 total (100)"),
            ],
            rows,
        )

    def _qms_tthc_catalogue_html(self):
        company_domain = [("company_id", "=", self.company_id.id)]
        Procedure = self.env["qms.tthc.procedure"]
        in_force = Procedure._read_group(
            [*company_domain, ("state", "!=", "abolished")],
            ["field_id"],
            ["__count"],
        )
        with_flow = dict(
            Procedure._read_group(
                [*company_domain, ("state", "!=", "abolished"), ("current_flow_id", "!=", False)],
                ["field_id"],
                ["__count"],
            )
        )
        if not in_force:
            return self._qms_html_missing(
                self.env._("No administrative procedure is recorded in the catalogue.")
            )
        rows = [
            (field.display_name, count, with_flow.get(field, 0))
            for field, count in sorted(in_force, key=lambda row: row[0].display_name or "")
        ]
        total = sum(count for _field, count in in_force)
        rows.append((self.env._("Total"), total, sum(with_flow.values())))
        html = self._qms_html_table(
            [
                self.env._("Field"),
                self.env._("Administrative procedures in force"),
                self.env._("With an ISO flow in force"),
            ],
            rows,
        )
        flows = self.env["qms.tthc.flow"].search_count(
            [*company_domain, *self._qms_period_domain("date_approved", True)]
        )
        amended = Procedure.search_count(
            [*company_domain, *self._qms_period_domain("date_amended")]
        )
        abolished = Procedure.with_context(active_test=False).search_count(
            [*company_domain, *self._qms_period_domain("date_abolished")]
        )
        return html + self._qms_html_paragraph(
            self.env._(
                "In the period: %(flows)s flow version(s) approved, %(amended)s procedure(s) "
                "amended and %(abolished)s abolished.",
                flows=flows,
                amended=amended,
                abolished=abolished,
            )
        )

    def _qms_tthc_dossiers_html(self):
        """Dossiers of the whole agency, whoever gathers the inputs; a fixed number of grouped
        queries however many dossiers there are."""
        dossiers = self._qms_source("qms.tthc.dossier").with_context(active_test=False)
        company = self.company_id
        period = (company, self.date_from, self.date_to)
        _start, end = company._qms_day_bounds(self.date_from, self.date_to)
        received = dossiers.search_count(tthc_received_domain(*period))
        counts = dict(
            dossiers._read_group(tthc_resolved_domain(*period), ["timeliness"], ["__count"])
        )
        # Open past the appointment date now, among the dossiers received by the period's end.
        overdue = dossiers.search_count(
            [("company_id", "=", company.id), ("is_overdue", "=", True), ("received_at", "<", end)]
        )
        late_ncs = self._qms_source("qms.nonconformity").search_count(
            Domain(
                [
                    ("company_id", "=", company.id),
                    ("source", "=", "late_dossier"),
                    ("state", "!=", "cancelled"),
                    *self._qms_period_domain("date_detected"),
                ]
            )
        )
        if not (received or counts or overdue or late_ncs):
            return self._qms_html_missing(
                self.env._("No administrative dossier was received or resolved in the period.")
            )
        rate = tthc_on_time_rate(counts)
        html = self._qms_html_table(
            [
                self.env._("Dossiers received"),
                self.env._("Resolved"),
                self.env._("Early"),
                self.env._("On time"),
                self.env._("Late"),
                self.env._("On-time rate"),
                self.env._("Overdue, still open"),
                self.env._("Late-dossier nonconformities"),
            ],
            [
                (
                    received,
                    sum(counts.values()),
                    counts.get("early", 0),
                    counts.get("on_time", 0),
                    counts.get("late", 0),
                    "-" if rate is None else f"{rate:.1f}%",
                    overdue,
                    late_ncs,
                )
            ],
        )
        return html + self._qms_html_paragraph(
            self.env._(
                "The on-time rate counts the dossiers resolved early or on time. Overdue "
                "dossiers are those still open past their appointment date when the inputs were "
                "gathered."
            )
        )

    def _qms_figures_tthc_performance(self):
        """The dossier figures compared with the previous review (see the core's trends)."""
        dossiers = self._qms_source("qms.tthc.dossier").with_context(active_test=False)
        period = (self.company_id, self.date_from, self.date_to)
        counts = dict(
            dossiers._read_group(tthc_resolved_domain(*period), ["timeliness"], ["__count"])
        )
        rate = tthc_on_time_rate(counts)
        return {
            "tthc_received": self._qms_figure(
                "tthc_performance",
                self.env._("Dossiers received"),
                dossiers.search_count(tthc_received_domain(*period)),
            ),
            "tthc_resolved": self._qms_figure(
                "tthc_performance", self.env._("Resolved"), sum(counts.values())
            ),
            "tthc_on_time_rate": self._qms_figure(
                "tthc_performance",
                self.env._("On-time rate"),
                None if rate is None else round(rate, 1),
                "%",
            ),
        }

    def _qms_figures_satisfaction(self):
        """The applicants' ratings of their dossiers, compared with the previous review."""
        figures = super()._qms_figures_satisfaction()
        counts = tthc_rating_counts(self.env, self.company_id, self.date_from, self.date_to)
        rated = sum(counts.values())
        good = counts.get("satisfied", 0) + counts.get("acceptable", 0)
        figures["tthc_dossiers_rated"] = self._qms_figure(
            "satisfaction", self.env._("Dossiers rated"), rated
        )
        figures["tthc_rating_rate"] = self._qms_figure(
            "satisfaction",
            self.env._("Dossier ratings satisfied or acceptable"),
            round(100.0 * good / rated, 1) if rated else None,
            "%",
        )
        return figures
