from odoo import fields, models
from odoo.fields import Domain

# A dossier is resolved once the result is ready, whether or not it was handed back yet.
RESOLVED_STATES = ("resolved", "returned")
# Resolved early or on time both count as "on time" in the one-stop rates (Thông tư
# 03/2025/TT-VPCP).
ON_TIME_RESULTS = ("early", "on_time")


def tthc_received_domain(company, date_from, date_to):
    """Dossiers the agency received during the period."""
    start, end = company._qms_day_bounds(date_from, date_to)
    return Domain(
        [
            ("company_id", "=", company.id),
            ("received_at", ">=", start),
            ("received_at", "<", end),
        ]
    )


def tthc_resolved_domain(company, date_from, date_to):
    """Dossiers of the agency resolved during the period."""
    start, end = company._qms_day_bounds(date_from, date_to)
    return Domain(
        [
            ("company_id", "=", company.id),
            ("state", "in", RESOLVED_STATES),
            ("resolved_at", ">=", start),
            ("resolved_at", "<", end),
        ]
    )


def tthc_on_time_rate(counts):
    """Percentage of early and on-time dossiers in ``{timeliness: count}``, None without any."""
    resolved = sum(counts.values())
    if not resolved:
        return None
    on_time = sum(counts.get(result, 0) for result in ON_TIME_RESULTS)
    return 100.0 * on_time / resolved


def tthc_rating_counts(env, company, date_from, date_to, department=None):
    """{rating: count} of the dossiers the applicants rated in the period (QĐ 766,
    satisfaction), for a unit and its sub-units or the whole agency."""
    start, end = company._qms_day_bounds(date_from, date_to)
    domain = Domain(
        [
            ("company_id", "=", company.id),
            ("rating", "!=", False),
            ("rated_at", ">=", start),
            ("rated_at", "<", end),
        ]
    )
    if department:
        domain &= Domain("department_id", "child_of", department.id)
    dossiers = env["qms.tthc.dossier"].sudo().with_context(active_test=False)
    return dict(dossiers._read_group(domain, ["rating"], ["__count"]))


def tthc_satisfaction_rate(env, company, date_from, date_to, department=None):
    """Percentage of ratings satisfied or acceptable in the period, None without any."""
    counts = tthc_rating_counts(env, company, date_from, date_to, department)
    rated = sum(counts.values())
    if not rated:
        return None
    return 100.0 * (counts.get("satisfied", 0) + counts.get("acceptable", 0)) / rated


def tthc_scorecard_total(env, company, date_from, date_to, department=None):
    """Average total of the monthly QĐ 766 scorecards of the period (the agency's, or the
    unit's), None when none was computed."""
    cards = (
        env["qms.tthc.scorecard"]
        .sudo()
        .search(
            [
                ("company_id", "=", company.id),
                ("department_id", "=", department.id if department else False),
                ("month", ">=", date_from.replace(day=1)),
                ("month", "<=", date_to),
            ]
        )
    )
    if not cards:
        return None
    return round(sum(cards.mapped("total")) / len(cards), 2)


class QmsObjectiveLine(models.Model):
    _inherit = "qms.objective.line"

    indicator_source = fields.Selection(
        selection_add=[
            ("tthc_on_time_rate", "TTHC dossiers resolved on time (%)"),
            ("tthc_satisfaction_rate", "TTHC ratings satisfied or acceptable (%)"),
            ("tthc_scorecard_total", "QĐ 766 scorecard total (points, monthly average)"),
        ],
        ondelete={
            "tthc_on_time_rate": "set default",
            "tthc_satisfaction_rate": "set default",
            "tthc_scorecard_total": "set default",
        },
    )

    def _qms_compute_indicator_value(self, date_from, date_to):
        """On-time rate of the dossiers resolved in the period, for the objective's unit (and
        its sub-units) or the whole agency; None while no dossier was resolved."""
        self.ensure_one()
        if self.indicator_source == "tthc_satisfaction_rate":
            rate = tthc_satisfaction_rate(
                self.env, self.company_id, date_from, date_to, self.scope_department_id
            )
            return None if rate is None else round(rate, 2)
        if self.indicator_source == "tthc_scorecard_total":
            return tthc_scorecard_total(
                self.env, self.company_id, date_from, date_to, self.scope_department_id
            )
        if self.indicator_source != "tthc_on_time_rate":
            return super()._qms_compute_indicator_value(date_from, date_to)
        domain = tthc_resolved_domain(self.company_id, date_from, date_to)
        if self.scope_department_id:
            domain &= Domain("department_id", "child_of", self.scope_department_id.id)
        dossiers = self.env["qms.tthc.dossier"].sudo().with_context(active_test=False)
        counts = dict(dossiers._read_group(domain, ["timeliness"], ["__count"]))
        rate = tthc_on_time_rate(counts)
        return None if rate is None else round(rate, 2)
