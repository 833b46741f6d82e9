"""Shared machinery of the proofs that controlled records stay controlled (issue 13).

Each addon keeps two tables next to its tests, read here:

- `access_matrix.csv`: one row per model of the addon (wizards included, and the models it only
  extends when it adds access lines to them), one column per group, cells made of the letters
  `c`, `r`, `w`, `u` (create, read, write, unlink) or `-` for nothing;
- `record_rules.csv`: one row per (model, fixture record), the record named
  `<state>@<place>[/<variant>]` (`@<place>` for a model without state), where the place is `A` or
  `B` (two units of the main agency) or `X` (a unit of a second agency); cells `rw`, `r`, `w` or
  `-` for what a user of the group, working in unit A of the main agency, may do with it.

Blank lines and lines starting with `#` are comments; cells are stripped, so the columns may be
aligned with spaces.

A test builds one user per group (that group and what it implies, nothing else), an employee in
unit A for each internal one, and creates fixture records as superuser with the factories of
`FACTORIES` (one per model, registered by each addon's `proof_fixtures`), then sets their state
with a plain superuser write (on the parent record when the state is the parent's).
"""

import csv
import itertools
import os
from datetime import date

from odoo import models
from odoo.modules.module import get_module_path

from odoo.addons.base.tests.common import BaseCommon

# column of the tables -> xml id of the group
GROUPS = {
    "user": "qms_iso9001.group_qms_user",
    "officer": "qms_iso9001.group_qms_unit_officer",
    "manager": "qms_iso9001.group_qms_manager",
    "leader": "qms_iso9001.group_qms_leader",
    "auditor": "qms_iso9001_audit.group_qms_auditor",
    "one_stop": "qms_iso9001_tthc.group_qms_tthc_one_stop",
    "handler": "qms_iso9001_tthc.group_qms_tthc_handler",
    "portal": "base.group_portal",
    "public": "base.group_public",
    "connector_api": "qms_iso9001_tthc_connector.group_qms_tthc_connector_api",
}
CORE_COLUMNS = ("user", "officer", "manager", "leader", "portal", "public")
EXTERNAL = ("portal", "public")
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}
PLACES = ("A", "B", "X")

# model -> factory(fixture, place, variant) -> values of a minimal valid record
FACTORIES = {}


def factory(model):
    """Register the decorated function as the fixture factory of `model`.

    The function returns the values of a minimal valid record of `model` in `place`; the key
    `_after` may hold a function called with the created record (lines to add, ...), and the
    key `_state_vals` a {state: values} of what must be written with the state (a date the
    state requires, ...)."""

    def register(function):
        FACTORIES[model] = function
        return function

    return register


# ---------------------------------------------------------------------------------- tables
def table_path(addon, name):
    return os.path.join(get_module_path(addon), "tests", name)


def read_table(addon, name):
    """(header, rows) of a table of the addon's tests; each row a dict of stripped cells."""
    with open(table_path(addon, name), encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader(lines, skipinitialspace=True)
    header = [cell.strip() for cell in next(reader)]
    rows = []
    for number, raw in enumerate(reader, start=2):
        cells = [cell.strip() for cell in raw]
        if len(cells) != len(header):
            raise AssertionError(
                f"{addon}/tests/{name}: row {number} has {len(cells)} cells for "
                f"{len(header)} columns: {cells}"
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return header, rows


def addon_models(env, addon):
    """The models an access table of `addon` must list: its own concrete models (wizards and
    SQL views included) and the models of others it adds access lines to."""
    names = {
        name
        for name in env.registry
        if not env[name]._abstract and env[name]._original_module == addon
    }
    access_ids = (
        env["ir.model.data"]
        .search([("module", "=", addon), ("model", "=", "ir.model.access")])
        .mapped("res_id")
    )
    names |= set(env["ir.model.access"].browse(access_ids).mapped("model_id.model"))
    return names


def parse_record_key(key):
    """'issued@A/private' -> ('issued', 'A', 'private'); '@B' -> (None, 'B', None)."""
    state, _, rest = key.partition("@")
    place, _, variant = rest.partition("/")
    if place not in PLACES:
        raise AssertionError(f"record {key!r}: the place is one of {', '.join(PLACES)}")
    return state or None, place, variant or None


# ---------------------------------------------------------------------------------- fixture
class Fixture:
    """Two units (A, B) of the main agency, one unit (X) of a second agency, one user per group
    working in unit A, and factories of minimal records in any of these places."""

    def __init__(self, env, columns):
        self.env = env
        self._counter = itertools.count(1)
        self._memo = {}
        company = env.company
        other = env["res.company"].create({"name": "Sở Nội vụ (proof)"})
        self.companies = {"A": company, "B": company, "X": other}
        Department = env["hr.department"]
        self.departments = {
            "A": Department.create({"name": "Unit A (proof)", "company_id": company.id}),
            "B": Department.create({"name": "Unit B (proof)", "company_id": company.id}),
            "X": Department.create({"name": "Unit X (proof)", "company_id": other.id}),
        }
        self.columns = tuple(columns)
        self.users = {column: self._user(column) for column in self.columns}
        # people named on records (responsible, receiver, ...): never one of the group users,
        # so that no group user holds a record role by accident
        self.people = {place: self._person(place) for place in PLACES}

    # -------------------------------------------------------------- people
    def _user(self, column):
        group = self.env.ref(GROUPS[column])
        company = self.companies["A"]
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                {
                    "name": f"Proof {column.replace('_', ' ').title()}",
                    "login": f"proof_{column}",
                    "password": f"proof_{column}",
                    "email": f"proof_{column}@example.com",
                    "group_ids": [(6, 0, group.ids)],
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                }
            )
        )
        if column not in EXTERNAL:
            self.env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": self.departments["A"].id,
                    "company_id": company.id,
                }
            )
        return user

    def _person(self, place):
        company = self.companies[place]
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                {
                    "name": f"Proof Colleague {place}",
                    "login": f"proof_colleague_{place.lower()}",
                    "email": f"proof_colleague_{place.lower()}@example.com",
                    "group_ids": [(6, 0, self.env.ref("qms_iso9001.group_qms_user").ids)],
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                }
            )
        )
        employee = self.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "department_id": self.departments[place].id,
                "company_id": company.id,
            }
        )
        return {"user": user, "employee": employee}

    def user(self, place):
        """An internal user of `place` who is none of the group users."""
        return self.people[place]["user"]

    def employee(self, place):
        return self.people[place]["employee"]

    def company(self, place):
        return self.companies[place]

    def department(self, place):
        return self.departments[place]

    def seq(self):
        """A number never given twice in the fixture (codes, years, ...)."""
        return next(self._counter)

    def year(self):
        """A distinct valid year (2000..2099) for records unique per year."""
        return 2000 + self.seq() % 100

    def once(self, key, build):
        """`build()` the first time `key` is asked, the same result afterwards, as long as it
        exists: a record built inside a test is gone once that test is rolled back."""
        remembered = self._memo.get(key)
        gone = isinstance(remembered, models.BaseModel) and not remembered.exists()
        if remembered is None or gone:
            self._memo[key] = build()
        return self._memo[key]

    # -------------------------------------------------------------- records
    def model(self, name, place="A"):
        return (
            self.env[name]
            .sudo()
            .with_company(self.companies[place])
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                mail_create_nosubscribe=True,
                mail_auto_subscribe_no_notify=True,
            )
        )

    def vals(self, name, place="A", variant=None):
        if name not in FACTORIES:
            raise AssertionError(
                f"{name} has no fixture factory: add one to the proof_fixtures of its addon"
            )
        return dict(FACTORIES[name](self, place, variant))

    def make(self, name, state=None, place="A", variant=None, **values):
        """A record of `name` in `place`, created as superuser, then put in `state`."""
        vals = self.vals(name, place, variant)
        after = vals.pop("_after", None)
        state_vals = vals.pop("_state_vals", {})
        vals.update(values)
        record = self.model(name, place).create(vals)
        if after:
            after(record)
        if state is not None:
            self._set_state(record, state, state_vals.get(state, {}))
        return record.with_env(self.env)

    def _set_state(self, record, state, vals):
        """Write the state (and `vals`) as superuser. A state that is the parent's (a related
        field, read-only: an audit question's is its audit's) is written on the parent."""
        name = getattr(record, "_qms_state_field", "state")
        if record[name] == state:
            return
        field = record._fields[name]
        if field.related and not field.inverse:
            *path, parent_name = field.related.split(".")
            if vals:
                record.write(vals)
            record.mapped(".".join(path)).write({parent_name: state})
        else:
            record.write({name: state, **vals})

    def make_key(self, name, key):
        state, place, variant = parse_record_key(key)
        return self.make(name, state=state, place=place, variant=variant)


class ProofCase(BaseCommon):
    """A transaction case with the proof fixture; `_proof_columns` names the groups."""

    _proof_columns = CORE_COLUMNS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fx = Fixture(cls.env, cls._proof_columns)


TODAY = date.today()
