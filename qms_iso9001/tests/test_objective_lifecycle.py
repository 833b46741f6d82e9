"""Issue 13 in the quality objectives: what a user could do over JSON-RPC and may no longer.

Every abuse is played as the user would (`with_user`, the same ORM calls the web client makes)
and must be refused with the record left as it was; the allowed path is played next to it.
"""

import base64
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_objective import ObjectiveCommon

BAD_NUMBERS = ("NaN", "nan", "inf", "-Infinity", float("nan"), float("inf"), 1e300, "abc", [1])


@tagged("post_install", "-at_install")
class TestObjectiveLifecycle(ObjectiveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env["qms.objective"].create(
            {
                "name": "Mục tiêu của Phòng Hành chính tư pháp",
                "year": 2026,
                "department_id": cls.department_unit.id,
                "line_ids": [Command.create(cls._line_vals("Phiếu LLTP đúng hạn", ">=", 99))],
            }
        )
        cls.plain_users = (cls.qms_user, cls.unit_officer, cls.leader)

    def _snapshot(self, objective):
        objective.invalidate_recordset()
        return objective.read(
            ["state", "approver_id", "date_approved", "evaluator_id", "date_evaluated", "name"]
        )[0]

    def _evaluated(self):
        self._approve(self.agency)
        self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 99)
        self.agency.with_user(self.leader).action_evaluate()
        self.assertEqual(self.agency.state, "evaluated")
        return self.agency

    # ------------------------------------------------------------------ workflow by plain write
    def test_workflow_fields_refused_to_every_group(self):
        """`write({'state': 'approved', 'approver_id': <director>})` approved objectives with no
        approval; now nobody moves them by a write, the standing office included."""
        forged = {
            "state": "approved",
            "approver_id": self.leader.id,
            "date_approved": "2026-01-05 08:00:00",
            "evaluator_id": self.leader.id,
            "date_evaluated": "2026-12-31",
            "achievement": "met",
            "achievement_rate": 100.0,
            "line_met_count": 3,
        }
        before = self._snapshot(self.unit)
        for user in (self.unit_officer, self.qms_manager):
            for name, value in forged.items():
                with (
                    self.subTest(user=user.login, field=name),
                    self.assertRaisesRegex(UserError, "only through its actions"),
                ):
                    self.unit.with_user(user).write({name: value})
        for user in (self.qms_user, self.leader):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.unit.with_user(user).write({"state": "approved"})
        self.assertEqual(self._snapshot(self.unit), before)

        # created already approved: refused too
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.objective"].with_user(self.qms_manager).create(
                {
                    "name": "Giả mạo",
                    "year": 2030,
                    "state": "approved",
                    "approver_id": self.leader.id,
                }
            )
        self.assertFalse(self.env["qms.objective"].search([("year", "=", 2030)]))

    def test_approved_objectives_not_written_back(self):
        self._approve(self.agency)
        before = self._snapshot(self.agency)
        manager = self.agency.with_user(self.qms_manager)
        for vals in (
            {"state": "draft"},
            {"state": "evaluated", "evaluator_id": self.qms_manager.id},
            {"approver_id": self.qms_manager.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                manager.write(vals)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager.write({"name": "Đổi tên sau khi duyệt"})
        self.assertEqual(self._snapshot(self.agency), before)

    # ------------------------------------------------------------------ cancel and reset
    def test_cancel_and_reset_refused_to_plain_users(self):
        """A plain QMS user cancelled or reset the agency's approved objectives (the methods
        wrote as superuser with no check)."""
        self._approve(self.agency)
        before = self._snapshot(self.agency)
        for user in self.plain_users:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.agency.with_user(user).action_cancel("Không cần nữa")
                with self.assertRaises(AccessError):
                    self.agency.with_user(user).action_reset_to_draft("Sửa lại")
        self.assertEqual(self._snapshot(self.agency), before)

    def test_standing_office_cancels_with_a_reason(self):
        self._approve(self.agency)
        manager = self.agency.with_user(self.qms_manager)
        for reason in (None, "", "   ", 42, ["x"]):
            with self.subTest(reason=reason), self.assertRaisesRegex(UserError, "reason"):
                manager.action_cancel(reason)
        self.assertEqual(self.agency.state, "approved")
        manager.action_cancel("Sở được hợp nhất, mục tiêu ban hành lại")
        self.assertEqual(self.agency.state, "cancelled")
        self.assertTrue(
            any("hợp nhất" in message.body for message in self.agency.message_ids),
            "the reason is kept in the chatter",
        )
        with self.assertRaises(UserError):  # cancelled after approval: kept
            manager.unlink()
        with self.assertRaisesRegex(UserError, "reason"):
            manager.action_reset_to_draft()
        manager.action_reset_to_draft("Ban hành lại theo tổ chức mới")
        self.assertEqual(self.agency.state, "draft")

    def test_cancel_through_the_reason_wizard(self):
        self._approve(self.agency)
        # the button's form is refused to whoever the transition refuses
        with self.assertRaises(AccessError):
            self.agency.with_user(self.qms_user).action_cancel_ask_reason()
        action = self.agency.with_user(self.qms_manager).action_cancel_ask_reason()
        for user, allowed in ((self.qms_user, False), (self.qms_manager, True)):
            wizard = (
                self.env["qms.reason.wizard"]
                .with_user(user)
                .with_context(**action["context"])
                .create({"reason": "Không còn phù hợp"})
            )
            if allowed:
                wizard.action_confirm()
                self.assertEqual(self.agency.state, "cancelled")
            else:
                with self.assertRaises(AccessError):
                    wizard.action_confirm()
                self.assertEqual(self.agency.state, "approved")

    def test_pending_objectives_cancelled_close_their_request(self):
        self.unit.with_user(self.unit_officer).action_submit_for_approval()
        request = self.unit.approval_request_id
        self.unit.with_user(self.qms_manager).action_cancel("Đơn vị giải thể")
        self.assertEqual((self.unit.state, request.state), ("cancelled", "cancelled"))
        self.assertFalse(self.unit.with_user(self.leader).can_approve)

    # ------------------------------------------------------------------ evaluated: kept for ever
    def test_evaluated_objectives_never_change_go_back_or_disappear(self):
        objective = self._evaluated()
        before = self._snapshot(objective)
        measurement = self.on_time.measurement_ids
        manager = objective.with_user(self.qms_manager)
        with self.assertRaises(UserError):
            manager.write({"state": "draft"})
        with self.assertRaises(UserError):
            manager.action_reset_to_draft("Sửa lại")
        with self.assertRaises(UserError):
            manager.action_cancel("Hủy")
        with self.assertRaises(UserError):
            manager.unlink()
        with self.assertRaises(UserError):
            manager.write({"evaluation": "<p>Viết lại</p>"})
        with self.assertRaises(UserError):
            self.on_time.with_user(self.qms_manager).target_value = 50
        with self.assertRaises(UserError):
            self.on_time.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            manager.write({"line_ids": [Command.delete(self.complaints.id)]})
        with self.assertRaises(UserError):
            measurement.with_user(self.qms_manager).actual_value = 10
        with self.assertRaises(UserError):
            measurement.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            self._measure_as(self.qms_manager, self.on_time, date(2026, 4, 1), date(2026, 6, 30))
        self.assertEqual(self._snapshot(objective), before)
        self.assertEqual(self.on_time.target_value, 98)
        self.assertEqual(len(objective.line_ids), 3)
        self.assertEqual(self.on_time.measurement_ids, measurement)
        self.assertEqual(measurement.actual_value, 99)

    def test_reopen_evaluation_by_the_standing_office_only(self):
        objective = self._evaluated()
        before = self._snapshot(objective)
        for user in self.plain_users:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                objective.with_user(user).action_reopen("Số liệu quý IV sai")
        with self.assertRaisesRegex(UserError, "reason"):
            objective.with_user(self.qms_manager).action_reopen("")
        self.assertEqual(self._snapshot(objective), before)
        objective.with_user(self.qms_manager).action_reopen("Số liệu quý IV sai")
        self.assertEqual(objective.state, "approved")
        self.assertFalse(objective.evaluator_id)
        self.assertTrue(any("quý IV sai" in message.body for message in objective.message_ids))
        # approved targets stay approved; the evaluation is closed again by a leader
        self.assertEqual(objective.approver_id, self.leader)
        with self.assertRaises(UserError):
            self.on_time.with_user(self.qms_manager).target_value = 50
        objective.with_user(self.leader).action_evaluate()
        self.assertEqual(objective.state, "evaluated")

    def test_evaluation_by_leaders_while_approved(self):
        with self.assertRaises(UserError):  # not approved yet
            self.agency.with_user(self.leader).evaluation = "<p>Sớm quá</p>"
        self._approve(self.agency)
        self._approve(self.unit)
        with self.assertRaises(AccessError):  # the unit's officer does not evaluate
            self.unit.with_user(self.unit_officer).evaluation = "<p>Tự đánh giá</p>"
        with self.assertRaises(AccessError):
            self.unit.with_user(self.unit_officer).action_evaluate()
        with self.assertRaises(AccessError):
            self.agency.with_user(self.qms_user).action_evaluate()
        self.assertFalse(self.unit.evaluation)
        self.assertEqual(self.unit.state, "approved")
        self.agency.with_user(self.leader).evaluation = "<p>Đạt</p>"
        self.assertIn("Đạt", self.agency.evaluation)

    # ------------------------------------------------------------------ lines
    def test_lines_frozen_as_the_objectives_state_says(self):
        officer = self.unit_officer
        line = self.unit.line_ids
        line.with_user(officer).target_value = 99.5  # draft: the officer drafts
        self.unit.with_user(officer).action_submit_for_approval()
        for action in (
            lambda: line.with_user(officer).write({"target_value": 50}),
            lambda: line.with_user(officer).unlink(),
            lambda: (
                self.env["qms.objective.line"]
                .with_user(officer)
                .create({**self._line_vals("Thêm sau", ">=", 1), "objective_id": self.unit.id})
            ),
        ):
            with self.assertRaises(UserError):
                action()
        self.unit.with_user(self.leader).action_approve()
        with self.assertRaises(UserError):  # approved: the targets are those approved
            line.with_user(self.qms_manager).target_value = 10
        with self.assertRaises(UserError):  # no line added to approved objectives
            self.unit.with_user(self.qms_manager).write(
                {"line_ids": [Command.create(self._line_vals("Thêm sau", ">=", 1))]}
            )
        draft = self.env["qms.objective"].create(
            {
                "name": "Nháp",
                "year": 2026,
                "department_id": self.department_other.id,
                "line_ids": [Command.create(self._line_vals("Khác", ">=", 1))],
            }
        )
        with self.assertRaises(UserError):  # nor moved into them from a draft
            draft.line_ids.with_user(self.qms_manager).objective_id = self.unit
        with self.assertRaisesRegex(UserError, "only through its actions"):
            line.with_user(self.qms_manager).write({"achievement": "met", "actual_value": 100})
        self.assertEqual((line.target_value, line.achievement), (99.5, "pending"))
        self.assertEqual(len(self.unit.line_ids), 1)
        # what stays open while approved: the evaluation, by a leader
        line.with_user(self.leader).evaluation = "Đạt"
        self.assertEqual(line.evaluation, "Đạt")

    def test_line_target_must_be_a_number(self):
        line = self.unit.line_ids.with_user(self.unit_officer)
        for value in BAD_NUMBERS:
            with self.subTest(value=value), self.assertRaises(ValidationError):
                line.write({"target_value": value})
        self.assertEqual(line.target_value, 99)
        for value in ("NaN", "inf"):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.env["qms.objective.line"].with_user(self.unit_officer).create(
                    {
                        **self._line_vals("Sai", ">=", 1),
                        "objective_id": self.unit.id,
                        "target_value": value,
                    }
                )
        for vals in (
            {"target_operator": "~"},
            {"frequency": 12},
            {"date_deadline": "not a date"},
            {"responsible_id": "admin"},
            {"sequence": 10**20},
            {"no_such_field": 1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                line.write(vals)
        with self.assertRaises(ValidationError):
            self.unit.with_user(self.unit_officer).write({"year": "hai nghìn"})
        for year in (1, 9999, 10**9, -(2**31)):
            with self.subTest(year=year), self.assertRaises(ValidationError):
                self.unit.with_user(self.unit_officer).write({"year": year})
        self.assertEqual(self.unit.year, 2026)

    # ------------------------------------------------------------------ measurements
    def _measure_as(self, user, line, date_from, date_to, value=95):
        return (
            self.env["qms.objective.measurement"]
            .with_user(user)
            .create(
                {
                    "line_id": line.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "actual_value": value,
                }
            )
        )

    def test_measurements_only_while_approved(self):
        q1 = (date(2026, 1, 1), date(2026, 3, 31))
        with self.assertRaisesRegex(UserError, "approved objectives only"):
            self._measure_as(self.qms_user, self.on_time, *q1)
        self._approve(self.agency)
        measurement = self._measure_as(self.qms_user, self.on_time, *q1, value=97)
        measurement.with_user(self.qms_user).actual_value = 98  # corrected while approved
        self.agency.with_user(self.qms_manager).action_reset_to_draft("Điều chỉnh chỉ tiêu")
        with self.assertRaises(UserError):
            measurement.with_user(self.qms_user).actual_value = 100
        with self.assertRaises(UserError):
            measurement.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            self._measure_as(self.qms_manager, self.on_time, date(2026, 4, 1), date(2026, 6, 30))
        with self.assertRaises(UserError):  # measured: cancelled rather than deleted
            self.agency.with_user(self.qms_manager).unlink()
        self.assertEqual(measurement.actual_value, 98)
        self.assertEqual(self.on_time.measurement_count, 1)

    def test_measurement_values_must_be_numbers(self):
        """A value of 'NaN' over RPC crashed the addon; NaN passes float()."""
        self._approve(self.agency)
        q1 = (date(2026, 1, 1), date(2026, 3, 31))
        for value in BAD_NUMBERS:
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self._measure_as(self.qms_user, self.on_time, *q1, value=value)
        self.assertFalse(self.on_time.measurement_ids)
        measurement = self._measure_as(self.qms_user, self.on_time, *q1, value=99)
        for value in BAD_NUMBERS:
            with self.subTest(value=value), self.assertRaises(ValidationError):
                measurement.with_user(self.qms_user).write({"actual_value": value})
        for vals in (
            {"date_from": "hôm qua"},
            {"date_to": 20260331},
            {"date_to": "9999-12-31"},
            {"date_from": "0001-01-01"},
            {"line_id": "on_time"},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                measurement.with_user(self.qms_user).write(vals)
        self.env.invalidate_all()
        self.assertEqual(
            (measurement.actual_value, measurement.date_from, measurement.date_to),
            (99, *q1),
        )
        self.assertEqual(self.on_time.actual_value, 99)

    def test_measurement_evidence_checked_by_content(self):
        self._approve(self.agency)
        program = base64.b64encode(b"MZ\x90\x00\x03" + b"\x00" * 200)
        with self.assertRaises(ValidationError):
            self.env["qms.objective.measurement"].with_user(self.qms_user).create(
                {
                    "line_id": self.on_time.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "actual_value": 99,
                    "evidence": program,
                    "evidence_name": "bao_cao.pdf",
                }
            )
        measurement = self._measure_as(
            self.qms_user, self.on_time, date(2026, 1, 1), date(2026, 3, 31)
        )
        with self.assertRaises(ValidationError):
            measurement.with_user(self.qms_user).write(
                {"evidence": program, "evidence_name": "bao_cao.exe"}
            )
        measurement.with_user(self.qms_user).write(
            {"evidence": base64.b64encode(b"%PDF-1.4 so lieu"), "evidence_name": "so_lieu.pdf"}
        )
        self.assertEqual(measurement.evidence_name, "so_lieu.pdf")

    def test_automatic_measurements_are_not_typed_over(self):
        self._approve(self.agency)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.objective.measurement"].with_user(self.qms_user).create(
                {
                    "line_id": self.on_time.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "actual_value": 100,
                    "is_automatic": True,
                }
            )
        automatic = (
            self.env["qms.objective.measurement"]
            .sudo()
            .create(
                {
                    "line_id": self.on_time.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "actual_value": 91.5,
                    "is_automatic": True,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "computed automatically"):
            automatic.with_user(self.qms_user).actual_value = 100
        with self.assertRaisesRegex(UserError, "only through its actions"):
            automatic.with_user(self.qms_manager).is_automatic = False
        automatic.with_user(self.qms_user).note = "Số liệu từ phần mềm một cửa"
        self.assertEqual((automatic.actual_value, automatic.is_automatic), (91.5, True))

    def test_measure_now_by_who_records_the_measurements(self):
        self._approve(self.agency)
        with self.assertRaises(AccessError):  # another unit's officer
            self.on_time.with_user(self.other_officer).action_measure_now()
        self.on_time.sudo().responsible_id = self.leader
        with self.assertRaises(AccessError):  # no longer the responsible person
            self.on_time.with_user(self.qms_user).action_measure_now()
        # the officer of the responsible unit passes the checks (a manual value is typed)
        with self.assertRaisesRegex(UserError, "enter the measurement by hand"):
            self.on_time.with_user(self.unit_officer).action_measure_now()
        self.assertFalse(self.on_time.measurement_ids)
