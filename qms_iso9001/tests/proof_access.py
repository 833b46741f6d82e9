"""The access matrix and the record-rule table of an addon, asserted both ways (issue 13).

`AccessMatrixMixin` and `RecordRulesMixin` are mixed into a `ProofCase` of each addon with
`_proof_addon` naming the addon; each test collects every difference and fails once, listing
them all, so a changed access line shows as one readable list.
"""

import logging

from odoo.exceptions import AccessError

from .proof_common import OPERATIONS, addon_models, read_table

_logger = logging.getLogger(__name__)

ACCESS_TABLE = "access_matrix.csv"
RULES_TABLE = "record_rules.csv"


def access_cell(model, user):
    """The letters of `crwu` the user has on the model by its access lines."""
    records = model.with_user(user).browse()
    return "".join(letter for letter, op in OPERATIONS.items() if records.has_access(op)) or "-"


def rule_cell(record, user):
    """What the user may do with this record, access lines and record rules together."""
    records = record.with_user(user)
    cell = "".join(
        letter for letter, op in (("r", "read"), ("w", "write")) if records.has_access(op)
    )
    return cell or "-"


def _normalise(cell, letters):
    cell = cell.replace(" ", "")
    if cell in ("", "-"):
        return "-"
    unknown = set(cell) - set(letters)
    if unknown:
        raise AssertionError(f"cell {cell!r}: only the letters {letters} or '-'")
    return "".join(letter for letter in letters if letter in cell)


class AccessMatrixMixin:
    allow_inherited_tests_method = True  # Odoo's loader collects only a class's own tests
    _proof_addon = None

    def test_access_matrix(self):
        """Every model of the addon has its row, and each group has exactly the access of its
        cell: allowed operations are allowed, the others refused with an AccessError."""
        header, rows = read_table(self._proof_addon, ACCESS_TABLE)
        columns = [column for column in header if column != "model"]
        self.assertEqual(
            sorted(columns),
            sorted(self._proof_columns),
            f"{ACCESS_TABLE} of {self._proof_addon} must have one column per group",
        )
        table = {row["model"]: row for row in rows}
        expected_models = addon_models(self.env, self._proof_addon)
        missing = sorted(expected_models - set(table))
        unknown = sorted(set(table) - expected_models)
        problems = [f"{name}: no row in {ACCESS_TABLE}" for name in missing]
        problems += [
            f"{name}: has a row but is no model of {self._proof_addon} (or it gives it no access)"
            for name in unknown
        ]
        checks = 0
        for name in sorted(expected_models & set(table)):
            model = self.env[name]
            for column in columns:
                user = self.fx.users[column]
                expected = _normalise(table[name][column], "crwu")
                records = model.with_user(user).browse()
                for letter, operation in OPERATIONS.items():
                    checks += 1
                    allowed = records.has_access(operation)
                    refused = False
                    try:
                        records.check_access(operation)
                    except AccessError:
                        refused = True
                    if allowed == refused:
                        problems.append(
                            f"{name}: has_access and check_access disagree on {operation} "
                            f"for {column}"
                        )
                    if allowed != (letter in expected):
                        problems.append(
                            f"{name}: {column} {'may' if allowed else 'may not'} {operation} "
                            f"(table: {table[name][column]}, actual: {access_cell(model, user)})"
                        )
        _logger.info(
            "access matrix of %s: %d models x %d groups, %d access checks",
            self._proof_addon,
            len(expected_models),
            len(columns),
            checks,
        )
        if problems:
            self.fail(
                f"{len(problems)} difference(s) with {self._proof_addon}/tests/{ACCESS_TABLE}:\n"
                + "\n".join(sorted(set(problems)))
            )


class RecordRulesMixin:
    allow_inherited_tests_method = True
    _proof_addon = None
    # models whose rows the record-rule table must have (the main controlled ones)
    _proof_rule_models = ()

    def test_record_rules(self):
        """Records in unit A and unit B of the agency and in a second agency: who of each group
        (working in unit A) reads and writes which, as the table says; another agency's records
        are not even found by a search."""
        header, rows = read_table(self._proof_addon, RULES_TABLE)
        columns = [column for column in header if column not in ("model", "record")]
        self.assertEqual(sorted(columns), sorted(self._proof_columns))
        listed = {row["model"] for row in rows}
        problems = [
            f"{name}: no row in {RULES_TABLE}"
            for name in sorted(set(self._proof_rule_models) - listed)
        ]
        checks = 0
        for row in rows:
            name, key = row["model"], row["record"]
            if name not in self.env:
                problems.append(f"{name}: has a row but is no model")
                continue
            record = self.fx.make_key(name, key)
            for column in columns:
                user = self.fx.users[column]
                expected = _normalise(row[column], "rw")
                actual = rule_cell(record, user)
                checks += 2
                if actual != expected:
                    problems.append(
                        f"{name} {key}: {column} gets {actual!r}, the table says {row[column]!r}"
                    )
                if key.split("/")[0].endswith("@X") and "r" not in expected:
                    checks += 1
                    found = (
                        (
                            record.with_user(user)
                            .with_context(active_test=False)
                            .search_count([("id", "=", record.id)])
                        )
                        if record.browse().with_user(user).has_access("read")
                        else 0
                    )
                    if found:
                        problems.append(f"{name} {key}: {column} finds it with a search")
        _logger.info(
            "record rules of %s: %d records x %d groups, %d checks",
            self._proof_addon,
            len(rows),
            len(columns),
            checks,
        )
        if problems:
            self.fail(
                f"{len(problems)} difference(s) with {self._proof_addon}/tests/{RULES_TABLE}:\n"
                + "\n".join(problems)
            )
