import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


def drop_criteria_and_scores(criteria):
    """`ondelete` of a metric added by an addon: on uninstall the metric can no longer be
    measured, so its criteria go, with the score lines computed from them (their `restrict`
    link would otherwise block the deletion)."""
    for line_model in ("qms.emulation.score.line", "qms.emulation.individual.score.line"):
        lines = criteria.env[line_model].sudo().with_context(active_test=False)
        lines.search([("criterion_id", "in", criteria.ids)]).unlink()
    criteria.sudo().unlink()


class QmsEmulationCriterion(models.Model):
    """One weighted criterion of the yearly emulation (thi đua) score of the ISO work.

    Each metric is measured per unit by a method `_qms_metric_value_<metric>(departments, year)`
    returning ``{department_id: (achieved, counted)}`` for the units that have something to count.
    Other addons add metrics with ``selection_add`` and the matching method (e.g. the TTHC addon:
    on-time rate of dossiers). A metric whose source addon is missing returns ``None``.
    """

    _name = "qms.emulation.criterion"
    _description = "Emulation Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    metric = fields.Selection(
        [
            ("objectives_met", "Quality objectives met"),
            ("plan_tasks_on_time", "ISO plan tasks done on time"),
            ("ncs_closed_on_time", "Nonconformities closed on time"),
            ("documents_reviewed_on_time", "Documents reviewed on time"),
            ("acknowledgement_rate", "Documents read and understood"),
        ],
        required=True,
        help="What is measured for each unit; the value is a percentage from 0 to 100.",
    )
    weight = fields.Float(
        string="Weight (points)",
        required=True,
        default=20.0,
        digits=(6, 1),
        help="Points a unit earns when it reaches 100% on this criterion.",
    )
    applies_to = fields.Selection(
        [
            ("unit", "Units"),
            ("individual", "Civil servants"),
            ("both", "Units and civil servants"),
        ],
        required=True,
        default="unit",
        help="Whose emulation score the criterion counts in: each unit's, each civil servant's "
        "(from their own records: read requests, assigned tasks, actions, dossier steps), or "
        "both.",
    )
    description = fields.Text(help="How the criterion is counted, shown to the units.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _positive_weight = models.Constraint(
        "CHECK(weight > 0)", "The weight of an emulation criterion must be positive."
    )
    _metric_company_uniq = models.UniqueIndex(
        "(company_id, metric) WHERE active",
        "Another active criterion of this agency already measures this metric: change its "
        "weight instead of counting the same thing twice.",
    )

    @api.constrains("weight")
    def _check_weight(self):
        for criterion in self:
            criterion._raise_if_weight_invalid(criterion.weight)

    def _raise_if_weight_invalid(self, weight):
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            raise ValidationError(
                self.env._("The weight of an emulation criterion must be positive.")
            )

    @api.constrains("metric", "applies_to")
    def _check_applies_to(self):
        for criterion in self:
            if criterion.applies_to in ("individual", "both") and not hasattr(
                criterion, f"_qms_individual_value_{criterion.metric}"
            ):
                label = dict(self._fields["metric"]._description_selection(self.env)).get(
                    criterion.metric
                )
                raise ValidationError(
                    self.env._(
                        "%(metric)s is measured for units only: a civil servant has no records "
                        "of their own to count for it.",
                        metric=label,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._raise_if_weight_invalid(vals.get("weight", 20.0))
        # a criterion archived earlier in the same transaction frees its metric for the index
        self.flush_model(["active"])
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Measuring
    # ------------------------------------------------------------------
    def _qms_measure(self, departments, year):
        """Counts of this criterion's metric: ``{department_id: (achieved, counted)}`` or None."""
        self.ensure_one()
        method = getattr(self, f"_qms_metric_value_{self.metric}", None)
        if method is None:
            return None
        return method(departments, year)

    @api.model
    def _qms_year_bounds(self, year):
        """First day, last day and the day the year is judged on (today while it runs)."""
        first = datetime.date(year, 1, 1)
        last = datetime.date(year, 12, 31)
        return first, last, min(last, fields.Date.context_today(self))

    @api.model
    def _qms_source(self, model_name):
        """The model to count on (as superuser: scores count every record), None when missing."""
        if model_name not in self.env:
            return None
        return self.env[model_name].sudo().with_context(active_test=False)

    @api.model
    def _qms_count_by_unit(self, model, domain, unit_field, flag_field=None, flag_value=True):
        """Group `model` records by unit in one query: ``{unit_id: [achieved, counted]}``.

        Without `flag_field` only the `counted` part is filled.
        """
        groupby = [unit_field] + ([flag_field] if flag_field else [])
        counts = {}
        for group in model._read_group(domain, groupby, ["__count"]):
            unit, count = group[0], group[-1]
            if not unit:
                continue
            entry = counts.setdefault(unit.id, [0, 0])
            entry[1] += count
            if flag_field and group[1] == flag_value:
                entry[0] += count
        return counts

    @staticmethod
    def _qms_merge_counts(*parts):
        merged = {}
        for part in parts:
            for unit_id, (achieved, counted) in part.items():
                entry = merged.setdefault(unit_id, [0, 0])
                entry[0] += achieved
                entry[1] += counted
        return {unit_id: tuple(entry) for unit_id, entry in merged.items() if entry[1]}

    def _qms_metric_value_objectives_met(self, departments, year):
        """Measured targets (met, at risk, not met) of the year's approved objectives; a line
        without a unit counts for its objective's unit. Targets not measured yet are left out."""
        lines = self._qms_source("qms.objective.line")
        if lines is None:
            return None
        base = Domain(
            [
                ("objective_id.year", "=", year),
                ("objective_id.company_id", "=", self.company_id.id),
                ("objective_id.state", "in", ["approved", "evaluated"]),
                ("achievement", "in", ["met", "at_risk", "not_met"]),
            ]
        )
        own = self._qms_count_by_unit(
            lines,
            base & Domain("department_id", "in", departments.ids),
            "department_id",
            "achievement",
            "met",
        )
        inherited = self._qms_count_by_unit(
            lines,
            base
            & Domain("department_id", "=", False)
            & Domain("objective_id.department_id", "in", departments.ids),
            "objective_id.department_id",
            "achievement",
            "met",
        )
        return self._qms_merge_counts(own, inherited)

    def _qms_metric_value_plan_tasks_on_time(self, departments, year):
        """Tasks of the year's plans that are due (done, or past their deadline)."""
        tasks = self._qms_source("qms.plan.task")
        if tasks is None:
            return None
        _first, _last, judged_on = self._qms_year_bounds(year)
        domain = Domain(
            [
                ("plan_id.year", "=", year),
                ("company_id", "=", self.company_id.id),
                ("department_id", "in", departments.ids),
                ("state", "!=", "cancelled"),
            ]
        ) & (Domain("state", "=", "done") | Domain("date_deadline", "<", judged_on))
        counts = self._qms_count_by_unit(tasks, domain, "department_id", "is_done_on_time")
        return self._qms_merge_counts(counts)

    def _qms_metric_value_ncs_closed_on_time(self, departments, year):
        """Nonconformities whose deadline falls in the year and which are closed or overdue."""
        ncs = self._qms_source("qms.nonconformity")
        if ncs is None:
            return None
        first, last, judged_on = self._qms_year_bounds(year)
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("department_id", "in", departments.ids),
                ("state", "!=", "cancelled"),
                ("date_deadline", ">=", first),
                ("date_deadline", "<=", last),
            ]
        ) & (Domain("state", "=", "closed") | Domain("date_deadline", "<", judged_on))
        counts = self._qms_count_by_unit(ncs, domain, "department_id", "is_closed_on_time")
        return self._qms_merge_counts(counts)

    def _qms_metric_value_documents_reviewed_on_time(self, departments, year):
        """Issued documents with a review interval whose next review is not overdue on the day
        the year is judged on (31 December, or today while the year runs)."""
        documents = self._qms_source("qms.document")
        _first, _last, judged_on = self._qms_year_bounds(year)
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("department_id", "in", departments.ids),
                ("state", "=", "issued"),
                ("active", "=", True),
                ("review_interval_months", ">", 0),
            ]
        )
        counted = self._qms_count_by_unit(documents, domain, "department_id")
        on_time = self._qms_count_by_unit(
            documents,
            domain
            & (
                Domain("next_review_date", "=", False) | Domain("next_review_date", ">=", judged_on)
            ),
            "department_id",
        )
        return self._qms_merge_counts(
            {unit_id: (0, total) for unit_id, (_zero, total) in counted.items()},
            {unit_id: (total, 0) for unit_id, (_zero, total) in on_time.items()},
        )

    def _qms_metric_value_acknowledgement_rate(self, departments, year):
        """Read requests sent to the unit's staff during the year that they confirmed."""
        distributions = self._qms_source("qms.document.distribution")
        first, last, _judged_on = self._qms_year_bounds(year)
        start, end = self.company_id._qms_day_bounds(first, last)
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("department_id", "in", departments.ids),
                ("state", "!=", "cancelled"),
                ("date_distributed", ">=", start),
                ("date_distributed", "<", end),
            ]
        )
        counts = self._qms_count_by_unit(
            distributions, domain, "department_id", "state", "acknowledged"
        )
        return self._qms_merge_counts(counts)

    # ------------------------------------------------------------------
    # Measuring a civil servant
    # ------------------------------------------------------------------
    def _qms_measure_individuals(self, employees, year):
        """``(model, {employee_id: (achieved_ids, counted_ids)})`` of this criterion's metric
        for `employees`, or None when the metric is not measured for people or its addon is
        missing."""
        self.ensure_one()
        method = getattr(self, f"_qms_individual_value_{self.metric}", None)
        if method is None:
            return None
        return method(employees, year)

    @api.model
    def _qms_employee_by_user(self, employees):
        """{user_id: employee_id} of the employees with a user (a record names its user, the
        score its employee); the first employee of a user in the agency wins."""
        mapping = {}
        people = self.env["hr.employee"].sudo().with_context(active_test=False)
        for employee in people.search_fetch(
            [("id", "in", employees.ids), ("user_id", "!=", False)], ["user_id"], order="id"
        ):
            mapping.setdefault(employee.user_id.id, employee.id)
        return mapping

    @staticmethod
    def _qms_ids_by_person(records, person_of, achieved):
        """Split `records` by person: ``{employee_id: (achieved_ids, counted_ids)}``.

        `person_of(record)` gives the employee id (or None: not counted), `achieved(record)`
        whether the record counts as achieved."""
        result = {}
        for record in records:
            person = person_of(record)
            if not person:
                continue
            achieved_ids, counted_ids = result.setdefault(person, ([], []))
            counted_ids.append(record.id)
            if achieved(record):
                achieved_ids.append(record.id)
        return result

    def _qms_individual_value_acknowledgement_rate(self, employees, year):
        """Read requests the person received during the year, confirmed within the reading
        time (the days before the first reminder, a setting of the agency; with no reminders
        set, any confirmation counts). A request still pending within its reading time on the
        day the year is judged is not counted yet."""
        distributions = self._qms_source("qms.document.distribution")
        first, last, judged_on = self._qms_year_bounds(year)
        start, end = self.company_id._qms_day_bounds(first, last)
        days = self.company_id.qms_ack_reminder_days
        reading_time = datetime.timedelta(days=max(days, 0))
        records = distributions.search_fetch(
            [
                ("company_id", "=", self.company_id.id),
                ("employee_id", "in", employees.ids),
                ("state", "!=", "cancelled"),
                ("date_distributed", ">=", start),
                ("date_distributed", "<", end),
            ],
            ["employee_id", "state", "date_distributed", "date_acknowledged"],
        )

        def counted(line):
            if line.state == "acknowledged" or days <= 0:
                return True
            return (line.date_distributed + reading_time).date() < judged_on

        def on_time(line):
            if line.state != "acknowledged" or not line.date_acknowledged:
                return False
            return days <= 0 or line.date_acknowledged <= line.date_distributed + reading_time

        return distributions._name, self._qms_ids_by_person(
            records.filtered(counted), lambda line: line.employee_id.id, on_time
        )

    def _qms_individual_value_plan_tasks_on_time(self, employees, year):
        """Tasks of the year's plans assigned to the person, done or past their deadline."""
        tasks = self._qms_source("qms.plan.task")
        if tasks is None:
            return None
        _first, _last, judged_on = self._qms_year_bounds(year)
        by_user = self._qms_employee_by_user(employees)
        domain = Domain(
            [
                ("plan_id.year", "=", year),
                ("company_id", "=", self.company_id.id),
                ("user_id", "in", list(by_user)),
                ("state", "!=", "cancelled"),
            ]
        ) & (Domain("state", "=", "done") | Domain("date_deadline", "<", judged_on))
        records = tasks.search_fetch(domain, ["user_id", "is_done_on_time"])
        return tasks._name, self._qms_ids_by_person(
            records, lambda task: by_user.get(task.user_id.id), lambda task: task.is_done_on_time
        )

    def _qms_individual_value_ncs_closed_on_time(self, employees, year):
        """Actions of nonconformities the person is responsible for, due in the year, done or
        overdue: what a civil servant owns of the handling of a nonconformity."""
        actions = self._qms_source("qms.action")
        if actions is None:
            return None
        first, last, judged_on = self._qms_year_bounds(year)
        by_user = self._qms_employee_by_user(employees)
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("nonconformity_id", "!=", False),
                ("responsible_id", "in", list(by_user)),
                ("state", "!=", "cancelled"),
                ("date_deadline", ">=", first),
                ("date_deadline", "<=", last),
            ]
        ) & (Domain("state", "=", "done") | Domain("date_deadline", "<", judged_on))
        records = actions.search_fetch(domain, ["responsible_id", "is_done_on_time"])
        return actions._name, self._qms_ids_by_person(
            records,
            lambda action: by_user.get(action.responsible_id.id),
            lambda action: action.is_done_on_time,
        )

    def _qms_individual_value_documents_reviewed_on_time(self, employees, year):
        """Issued documents the person owns, with a review interval, whose next review is not
        overdue on the day the year is judged on."""
        documents = self._qms_source("qms.document")
        _first, _last, judged_on = self._qms_year_bounds(year)
        records = documents.search_fetch(
            [
                ("company_id", "=", self.company_id.id),
                ("owner_id", "in", employees.ids),
                ("state", "=", "issued"),
                ("active", "=", True),
                ("review_interval_months", ">", 0),
            ],
            ["owner_id", "next_review_date"],
        )
        return documents._name, self._qms_ids_by_person(
            records,
            lambda document: document.owner_id.id,
            lambda document: (
                not document.next_review_date or document.next_review_date >= judged_on
            ),
        )
