"""The workflow sweep (issue 13): every lifecycle, every state, every group.

For each model of an addon's sweep list (a model inheriting `qms.lifecycle.mixin`), a record is
made in each state of its state selection (fixture factory, then a superuser write of the state),
and each group user of the proof fixture

(a) writes every workflow field (`_qms_all_workflow_fields()`) with a value different from the
    current one: refused with a UserError or an AccessError, and the record unchanged; and
    creates a record with each workflow field set to a non-initial value: refused, nothing
    created;
(b) calls every transition (`_qms_transitions()`) on a record in one of its from-states: a user
    in none of the declared groups gets an AccessError (the fixture users hold no record role,
    so role-only transitions are refused to all); a user in one of them gets no AccessError
    (success or a business UserError, both counted); a transition declaring neither groups nor
    role is open to whoever has its access on the record.

Each call runs in a savepoint that is rolled back. Every difference is collected and the test
fails once with the whole list; the figures are logged at INFO.
"""

import inspect
import logging
import time
from collections import Counter
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .proof_common import FACTORIES

_logger = logging.getLogger(__name__)

NO_VALUE = object()

# Arguments of the transitions that take some, by parameter name: a value, or a function of
# (fixture, record) giving it. Extend it (or SWEEP_ARGUMENTS_BY_METHOD) when a transition takes
# a new kind of argument: the sweep fails naming the method and the parameter it cannot fill.
SWEEP_ARGUMENTS = {
    "reason": "Reason given by the workflow sweep.",
    "comment": "Comment given by the workflow sweep.",
    "note": "Note given by the workflow sweep.",
    "verdict": "effective",
    "user": lambda fx, record: fx.user("A"),
    "user_id": lambda fx, record: fx.user("A").id,
    "new_date": lambda fx, record: fields.Datetime.to_string(datetime.now() + timedelta(days=5)),
    "date": lambda fx, record: fields.Date.to_string(date.today()),
}
# (model, method) -> {parameter: value or function}; wins over SWEEP_ARGUMENTS
SWEEP_ARGUMENTS_BY_METHOD = {}


class SweepReport:
    def __init__(self):
        self.counts = Counter()
        self.problems = []

    def fail(self, message):
        self.problems.append(message)


class WorkflowSweepMixin:
    """Mixed into a `ProofCase`; `_sweep_models` is {model: fixture variant (or None)} of the
    models swept (each needs a fixture factory)."""

    allow_inherited_tests_method = True
    _proof_addon = None
    _sweep_models = {}

    # ------------------------------------------------------------------ the test
    def test_sweep_lists_cover_the_lifecycle_models(self):
        """Every lifecycle model of the addon is swept, and each model swept has the lifecycle."""
        Mixin = self.env.registry["qms.lifecycle.mixin"]
        problems = []
        for name in sorted(self.env.registry):
            model = self.env[name]
            if model._abstract or model._original_module != self._proof_addon:
                continue
            if isinstance(model, Mixin) and name not in self._sweep_models:
                problems.append(f"{name} has a lifecycle but is not swept")
        for name in self._sweep_models:
            if name not in self.env or not isinstance(self.env[name], Mixin):
                problems.append(f"{name} is swept but does not inherit qms.lifecycle.mixin")
        for name in self._sweep_models:
            if name in self.env:
                try:
                    self.fx.vals(name, "A")
                except AssertionError as error:
                    problems.append(str(error))
        self.assertFalse(problems, "\n".join(problems))

    def test_workflow_sweep(self):
        started = time.time()
        report = SweepReport()
        for name, variant in self._sweep_models.items():
            self._sweep_model(report, name, variant)
        counts = report.counts
        _logger.info(
            "workflow sweep of %s: %d models, %d checks in %.1f s: %d direct writes and %d "
            "creates of workflow fields refused, %d transition calls refused as declared, %d "
            "allowed as declared (%d succeeded, %d business errors); %d values skipped",
            self._proof_addon,
            len(self._sweep_models),
            sum(counts[key] for key in ("write", "create", "refused", "allowed")),
            time.time() - started,
            counts["write"],
            counts["create"],
            counts["refused"],
            counts["allowed"],
            counts["succeeded"],
            counts["business"],
            counts["skipped"],
        )
        if report.problems:
            self.fail(
                f"{len(report.problems)} problem(s) in the workflow sweep of "
                f"{self._proof_addon}:\n" + "\n".join(report.problems)
            )

    # ------------------------------------------------------------------ one model
    def _sweep_users(self):
        return [self.fx.users[column] for column in self._proof_columns]

    def _sweep_model(self, report, name, variant):  # noqa: PLR0912
        Model = self.env[name]
        if not isinstance(Model, self.env.registry["qms.lifecycle.mixin"]):
            report.fail(f"{name} does not inherit qms.lifecycle.mixin: it cannot be swept")
            return
        state_field = Model._qms_state_field
        states = [
            value for value, _label in Model._fields[state_field]._description_selection(self.env)
        ]
        records = {}
        for state in states:
            try:
                records[state] = self.fx.make(name, state=state, variant=variant)
            except Exception as error:  # reported, the sweep goes on
                report.fail(f"{name}: no fixture in state {state}: {type(error).__name__}: {error}")
        workflow = sorted(Model._qms_all_workflow_fields())
        users = self._sweep_users()
        for state, record in records.items():
            for fname in workflow:
                value = self._other_value(record, fname)
                if value is NO_VALUE:
                    report.counts["skipped"] += 1
                    continue
                for user in users:
                    self._check_write_refused(report, record, user, fname, value, state)
        for fname in workflow:
            value = self._create_value(Model, fname)
            if value is NO_VALUE:
                report.counts["skipped"] += 1
                continue
            for user in users:
                self._check_create_refused(report, Model, user, fname, value, variant)
        for method, spec in sorted(Model._qms_transitions().items()):
            from_states = Model._qms_resolve(spec.states)
            state = next((s for s in (from_states or states) if s in records), None)
            if state is None:
                report.fail(f"{name}.{method}: no fixture in any of its states {from_states}")
                continue
            for user in users:
                self._check_transition(report, records[state], user, method, spec)

    # ------------------------------------------------------------------ (a) direct writes
    def _check_write_refused(self, report, record, user, fname, value, state):  # noqa: PLR0917
        before = record.sudo()[fname]
        label = f"{record._name} {state}: {self._column(user)} writing {fname}={value!r}"
        savepoint = self.env.cr.savepoint()
        try:
            try:
                record.with_user(user).write({fname: value})
            except (UserError, AccessError):
                refused = True
            except Exception as error:
                report.fail(f"{label}: {type(error).__name__} instead of a refusal: {error}")
                return
            else:
                refused = False
            after = record.sudo()[fname]
        finally:
            savepoint.close(rollback=True)
        report.counts["write"] += 1
        if not refused:
            report.fail(f"{label}: accepted")
        elif after != before:
            report.fail(f"{label}: refused, but the value changed from {before!r} to {after!r}")

    def _check_create_refused(self, report, Model, user, fname, value, variant):  # noqa: PLR0917
        label = f"{Model._name}: {self._column(user)} creating with {fname}={value!r}"
        vals = self.fx.vals(Model._name, "A", variant)
        vals.pop("_after", None)
        vals.pop("_state_vals", None)
        vals[fname] = value
        savepoint = self.env.cr.savepoint()
        try:
            count = Model.sudo().with_context(active_test=False).search_count([])
            try:
                Model.with_user(user).create(vals)
            except (UserError, AccessError):
                refused = True
            except Exception as error:
                report.fail(f"{label}: {type(error).__name__} instead of a refusal: {error}")
                return
            else:
                refused = False
            created = Model.sudo().with_context(active_test=False).search_count([]) - count
        finally:
            savepoint.close(rollback=True)
        report.counts["create"] += 1
        if not refused:
            report.fail(f"{label}: accepted")
        elif created:
            report.fail(f"{label}: refused, but {created} record(s) were created")

    # ------------------------------------------------------------------ (b) transitions
    def _check_transition(self, report, record, user, method, spec):  # noqa: PLR0912
        groups = record._qms_resolve(spec.groups) or ()
        column = self._column(user)
        label = f"{record._name}.{method} from {record[record._qms_state_field]} by {column}"
        if spec.role and getattr(record.sudo(), spec.role)(user):
            report.fail(
                f"{label}: the fixture user holds the role {spec.role}; change the factory so "
                "that no group user holds a record role"
            )
            return
        if groups:
            allowed = any(user.has_group(group) for group in groups)
        elif spec.role:
            allowed = False
        else:
            allowed = record.with_user(user).has_access(spec.access)
        try:
            kwargs = self._transition_arguments(record, method)
        except KeyError as error:
            report.fail(f"{label}: no sweep argument for the parameter {error}")
            return
        savepoint = self.env.cr.savepoint()
        try:
            getattr(record.with_user(user), method)(**kwargs)
            outcome = "succeeded"
        except AccessError:
            outcome = "access"
        except UserError:
            outcome = "business"
        except Exception as error:
            outcome = f"{type(error).__name__}: {error}"
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
        if outcome not in ("succeeded", "access", "business"):
            report.fail(f"{label}: crashed with {outcome}")
        elif allowed and outcome == "access":
            report.fail(f"{label}: refused with an AccessError, but the group may run it")
        elif not allowed and outcome != "access":
            report.fail(f"{label}: {outcome} instead of an AccessError")
        elif allowed:
            report.counts["allowed"] += 1
            report.counts[outcome] += 1
        else:
            report.counts["refused"] += 1

    def _transition_arguments(self, record, method):
        function = getattr(type(record), method)
        signature = inspect.signature(inspect.unwrap(function))
        table = {**SWEEP_ARGUMENTS, **SWEEP_ARGUMENTS_BY_METHOD.get((record._name, method), {})}
        kwargs = {}
        for parameter in list(signature.parameters.values())[1:]:
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            if parameter.default is not parameter.empty:
                continue
            if parameter.name not in table:
                raise KeyError(parameter.name)
            value = table[parameter.name]
            kwargs[parameter.name] = value(self.fx, record) if callable(value) else value
        return kwargs

    # ------------------------------------------------------------------ values
    def _column(self, user):
        return next(column for column, proof_user in self.fx.users.items() if proof_user == user)

    def _other_record_id(self, comodel, current):
        """Another record of `comodel` (one is made by its factory when there is none)."""
        Comodel = self.env[comodel].sudo().with_context(active_test=False)
        other = Comodel.search([("id", "not in", current.ids)], limit=1, order="id desc")
        if not other and comodel in FACTORIES:
            other = self.fx.make(comodel)
        return other.id if other else NO_VALUE

    def _other_value(self, record, fname):  # noqa: PLR0911  (one per field type)
        """A value of `fname` different from the record's, as a client would send it."""
        field = record._fields[fname]
        current = record.sudo()[fname]
        kind = field.type
        if kind == "selection":
            values = [value for value, _label in field._description_selection(self.env)]
            return next((value for value in values if value != current), NO_VALUE)
        if kind == "boolean":
            return not current
        if kind == "integer":
            return (current or 0) + 1
        if kind in ("float", "monetary"):
            return (current or 0.0) + 1.5
        if kind in ("char", "text", "html"):
            return f"{current or ''} changed by the sweep"
        if kind == "date":
            return fields.Date.to_string((current or date(2020, 1, 1)) - timedelta(days=3))
        if kind == "datetime":
            moment = current or datetime(2020, 1, 1, 8, 0)
            return fields.Datetime.to_string(moment - timedelta(days=3))
        if kind == "many2one":
            other = self._other_record_id(field.comodel_name, current)
            return other
        if kind == "many2many":
            if current:
                return [(5, 0, 0)]
            other = self._other_record_id(field.comodel_name, current)
            return NO_VALUE if other is NO_VALUE else [(6, 0, [other])]
        if kind == "one2many":
            return [(5, 0, 0)]
        if kind == "many2one_reference":
            return (current or 0) + 1
        return NO_VALUE

    def _create_value(self, Model, fname):  # noqa: PLR0911  (one per field type)
        """A non-empty value of `fname` different from its default, for a new record."""
        field = Model._fields[fname]
        default = Model.default_get([fname]).get(fname)
        kind = field.type
        if kind == "selection":
            values = [value for value, _label in field._description_selection(self.env)]
            return next((value for value in values if value != default), NO_VALUE)
        if kind == "boolean":
            return NO_VALUE if default else True
        if kind == "integer":
            return 7 if default != 7 else 8
        if kind in ("float", "monetary"):
            return 7.5 if default != 7.5 else 8.5
        if kind in ("char", "text", "html"):
            return "set by the sweep"
        if kind == "date":
            return "2020-01-01"
        if kind == "datetime":
            return "2020-01-01 08:00:00"
        if kind in ("many2one", "many2many"):
            other = self._other_record_id(field.comodel_name, self.env[field.comodel_name])
            if other is NO_VALUE:
                return NO_VALUE
            return other if kind == "many2one" else [(6, 0, [other])]
        if kind == "many2one_reference":
            return 1
        return NO_VALUE
