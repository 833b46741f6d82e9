from odoo import fields, models
from odoo.fields import Domain

from odoo.addons.qms_iso9001.models.qms_emulation_criterion import drop_criteria_and_scores

from .qms_objective_line import ON_TIME_RESULTS, tthc_resolved_domain


class QmsEmulationCriterion(models.Model):
    _inherit = "qms.emulation.criterion"

    metric = fields.Selection(
        selection_add=[("tthc_on_time", "TTHC dossiers resolved on time")],
        ondelete={"tthc_on_time": drop_criteria_and_scores},
    )

    def _qms_metric_value_tthc_on_time(self, departments, year):
        """Dossiers resolved during the year, early or on time out of all, counted for the unit
        in charge of the procedure: the unit answers for the whole processing time, including
        the steps other units hold."""
        dossiers = self._qms_source("qms.tthc.dossier")
        if dossiers is None:
            return None
        first, last, _judged_on = self._qms_year_bounds(year)
        domain = tthc_resolved_domain(self.company_id, first, last) & Domain(
            "department_id", "in", departments.ids
        )
        counts = {}
        for unit, timeliness, count in dossiers._read_group(
            domain, ["department_id", "timeliness"], ["__count"]
        ):
            entry = counts.setdefault(unit.id, [0, 0])
            entry[1] += count
            if timeliness in ON_TIME_RESULTS:
                entry[0] += count
        return self._qms_merge_counts(counts)

    def _qms_individual_value_tthc_on_time(self, employees, year):
        """Dossier steps the person held (took over) during the year: handed on by the step's
        own deadline (early or on time) out of those handed on in the year and those still
        open past their deadline. The person answers for their own step, not for the whole
        dossier (that is the unit's criterion)."""
        steps = self._qms_source("qms.tthc.dossier.step")
        if steps is None:
            return None
        first, last, _judged_on = self._qms_year_bounds(year)
        start, end = self.company_id._qms_day_bounds(first, last)
        by_user = self._qms_employee_by_user(employees)
        base = Domain("user_id", "in", list(by_user)) & Domain(
            "company_id", "=", self.company_id.id
        )
        handed_on = Domain(
            [("state", "=", "done"), ("date_done", ">=", start), ("date_done", "<", end)]
        )
        overdue = Domain(
            [
                ("state", "=", "open"),
                ("deadline", ">=", start),
                ("deadline", "<", min(end, fields.Datetime.now())),
            ]
        )
        records = steps.search_fetch(base & (handed_on | overdue), ["user_id", "state", "result"])
        return steps._name, self._qms_ids_by_person(
            records,
            lambda step: by_user.get(step.user_id.id),
            lambda step: step.state == "done" and step.result in ON_TIME_RESULTS,
        )
