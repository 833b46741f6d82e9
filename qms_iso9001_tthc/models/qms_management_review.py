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

    def _qms_review_sections(self):
        """Add the process performance of the procedures (9.3.2 c3) and add the applicants'
        ratings of their dossiers to customer satisfaction (9.3.2 c1)."""
        sections = super()._qms_review_sections()
        sections.append(
            self._qms_section(
                50,
                "tthc_performance",
                self.env._("Process performance: administrative procedures (TTHC)"),
                self._qms_tthc_performance_parts(),
                self._qms_figures_tthc_performance(),
            )
        )
        satisfaction = self._qms_review_section(sections, "satisfaction")
        satisfaction["parts"].append(self._qms_tthc_ratings_part())
        satisfaction["figures"].update(self._qms_tthc_rating_figures())
        return sections

    def _qms_tthc_performance_parts(self):
        self.ensure_one()
        return [
            self._qms_tthc_catalogue_part(),
            self._qms_tthc_dossiers_part(),
            self._qms_tthc_scorecard_part(),
        ]

    def _qms_tthc_ratings_part(self):
        """Ratings of the dossiers given in the period, whatever the channel; one query."""
        counts = tthc_rating_counts(self.env, self.company_id, self.date_from, self.date_to)
        rated = sum(counts.values())
        complaints = self._qms_source("qms.nonconformity").search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("source", "=", "complaint"),
                ("state", "!=", "cancelled"),
                *self._qms_period_domain("date_detected"),
            ]
        )
        good = counts.get("satisfied", 0) + counts.get("acceptable", 0)
        return (
            "qms_iso9001_tthc.review_input_ratings",
            {
                "rated": rated,
                "counts": counts,
                "rate": 100.0 * good / rated if rated else None,
                "complaints": complaints,
            },
        )

    def _qms_tthc_scorecard_part(self):
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
        return "qms_iso9001_tthc.review_input_scorecards", {"cards": cards}

    def _qms_tthc_catalogue_part(self):
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
            return "qms_iso9001_tthc.review_input_catalogue", {"rows": []}
        return (
            "qms_iso9001_tthc.review_input_catalogue",
            {
                "rows": [
                    (field.display_name, count, with_flow.get(field, 0))
                    for field, count in sorted(in_force, key=lambda row: row[0].display_name or "")
                ],
                "total": sum(count for _field, count in in_force),
                "total_with_flow": sum(with_flow.values()),
                "flows": self.env["qms.tthc.flow"].search_count(
                    [*company_domain, *self._qms_period_domain("date_approved", True)]
                ),
                "amended": Procedure.search_count(
                    [*company_domain, *self._qms_period_domain("date_amended")]
                ),
                "abolished": Procedure.with_context(active_test=False).search_count(
                    [*company_domain, *self._qms_period_domain("date_abolished")]
                ),
            },
        )

    def _qms_tthc_dossiers_part(self):
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
        return (
            "qms_iso9001_tthc.review_input_dossiers",
            {
                "received": received,
                "counts": counts,
                "overdue": overdue,
                "late_ncs": late_ncs,
                "rate": tthc_on_time_rate(counts),
            },
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

    def _qms_tthc_rating_figures(self):
        """The applicants' ratings of their dossiers, compared with the previous review."""
        counts = tthc_rating_counts(self.env, self.company_id, self.date_from, self.date_to)
        rated = sum(counts.values())
        good = counts.get("satisfied", 0) + counts.get("acceptable", 0)
        return {
            "tthc_dossiers_rated": self._qms_figure(
                "satisfaction", self.env._("Dossiers rated"), rated
            ),
            "tthc_rating_rate": self._qms_figure(
                "satisfaction",
                self.env._("Dossier ratings satisfied or acceptable"),
                round(100.0 * good / rated, 1) if rated else None,
                "%",
            ),
        }
