import math
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..input_checks import check_input
from . import proof_fixtures  # noqa: F401  (registers the core's fixture factories)
from .proof_common import ProofCase


@tagged("post_install", "-at_install", "qms_proof")
class TestInputCheck(ProofCase):
    """Wrong-typed values sent to a controlled record give a ValidationError naming the field,
    before the ORM turns them into a ValueError, a TypeError or a database error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls.fx.users["officer"]
        cls.revision = cls.fx.make("qms.document.revision", state="draft", place="A")
        cls.document = cls.revision.document_id

    def _refused(self, records, vals):
        with self.assertRaises(ValidationError) as caught:
            records.with_user(self.officer).write(vals)
        return str(caught.exception)

    def test_dates_must_be_dates_of_a_sensible_year(self):
        for value in ([True], {"a": 1}, 20260101, "not a date", "2026-02-30"):
            message = self._refused(self.revision, {"effective_date": value})
            self.assertIn("Effective Date", message)
        for value in ("0001-01-01", "9999-12-31", date(1899, 12, 31)):
            self.assertIn("year", self._refused(self.revision, {"revision_date": value}))
        self.revision.with_user(self.officer).write({"revision_date": "2026-03-02"})
        self.revision.with_user(self.officer).write({"revision_date": date(2026, 3, 3)})
        self.assertEqual(self.revision.revision_date, date(2026, 3, 3))

    def test_numbers_and_booleans(self):
        for value in ("12", [1], 2**31, -(2**40), 1.5, math.nan):
            self._refused(self.document, {"review_interval_months": value})
        self.document.with_user(self.officer).write({"review_interval_months": 24.0})
        self.assertEqual(self.document.review_interval_months, 24)
        for value in ("yes", [], {"x": 1}, 2):
            self._refused(self.document, {"is_public": value})
        line = self.env["qms.objective.line"].with_user(self.officer)
        for value in (math.nan, math.inf, -math.inf, "NaN", 1e300, [1.0]):
            with self.assertRaises(ValidationError):
                check_input(line, [{"target_value": value}])
        check_input(line, [{"target_value": 97.5}, {"target_value": 0}, {"target_value": False}])

    def test_texts(self):
        for value in ([1], {"a": "b"}, "a\x00b", "\ud800", "x" * 4001, 12, 0, 1.5, True):
            self._refused(self.document, {"name": value})
        self.document.with_user(self.officer).write({"name": "=1+1 <b>kept as text</b>"})
        self.assertEqual(self.document.name, "=1+1 <b>kept as text</b>")

    def test_relations(self):
        for value in ("1", [1], [[5, 0, 0]], {"id": 1}, True, -3, 2**40):
            self.assertIn("Owner Unit", self._refused(self.document, {"department_id": value}))
        for value in ("abc", 7, 0, {"a": 1}, [[9, 1]], [[0, 0, "x"]], [[6, 0, ["1"]]], [[4, -1]]):
            self._refused(self.document, {"tag_ids": value})
        self._refused(self.revision, {"change_ids": [[0, 0, {"section": ["not", "text"]}]]})
        self._refused(self.revision, {"change_ids": [[0, 0, {"no_such_field": 1}]]})
        self.revision.with_user(self.officer).write(
            {"change_ids": [Command.create({"section": "3.2", "description": "Thêm bước"})]}
        )
        self.assertEqual(self.revision.change_ids.section, "3.2")
        self.document.with_user(self.officer).write({"owner_id": self.fx.employee("A").id})

    def test_selection_and_unknown_fields(self):
        delegation = self.env["qms.approval.delegation"].with_user(self.officer)
        with self.assertRaises(ValidationError):
            delegation.create({"delegate_id": self.fx.user("A").id, "no_such_field": 1})
        with self.assertRaises(ValidationError):
            self.env["qms.approval.wizard"].with_user(self.officer).create(
                {"res_model": "qms.document.revision", "res_id": 1, "decision": "maybe"}
            )
        with self.assertRaises(ValidationError):
            self.env["qms.approval.wizard"].with_user(self.officer).create(
                {"res_model": "qms.document.revision", "res_id": 2**40, "decision": "approve"}
            )

    def test_delegation_dates(self):
        Delegation = self.env["qms.approval.delegation"].with_user(self.officer)
        base = {"delegate_id": self.fx.user("A").id, "date_from": fields.Date.today()}
        for value in (-1e-05, "Æ", [2026], "9999-12-31"):
            with self.assertRaises(ValidationError):
                Delegation.create({**base, "date_to": value})
        delegation = Delegation.create({**base, "date_to": date.today() + timedelta(days=3)})
        self.assertEqual(delegation.user_id, self.officer)

    def test_server_values_and_superuser_pass(self):
        check_input(
            self.revision.with_user(self.officer),
            [
                {
                    "effective_date": datetime(2026, 1, 1, 8, 0),
                    "drafter_id": self.officer,
                    "attachment_ids": self.env["ir.attachment"],
                }
            ],
        )
        check_input(self.revision, [{"effective_date": "9999-12-31", "drafter_id": [1]}])

    def test_transition_on_several_records(self):
        other = self.fx.make("qms.document", state="issued", place="A")
        both = (self.document | other).with_user(self.officer)
        with self.assertRaisesRegex(UserError, "one record at a time"):
            both.action_new_revision()

    def test_reason_wizard_runs_only_transitions_taking_a_reason(self):
        Wizard = self.env["qms.reason.wizard"].with_user(self.officer)
        values = {"res_model": "qms.document.revision", "res_ids": [self.revision.id]}
        for method in ("action_issue", "action_submit_for_approval", "write", "unlink"):
            with self.assertRaises(ValidationError):
                Wizard.create({**values, "method": method, "reason": "x"})
        wizard = Wizard.create({**values, "method": "action_reject_with_reason", "reason": "x"})
        # (a list equal to the current one, e.g. [True] for [1], would not even be written)
        for ids in ([self.revision.id, True], [False], [2**40], ["1"], [], {"id": 1}):
            wizard.write({"res_ids": ids})
            with self.assertRaisesRegex(UserError, "Choose the records"):
                wizard.action_confirm()
