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
