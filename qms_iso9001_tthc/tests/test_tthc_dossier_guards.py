"""What a user may change by hand on a dossier, its papers and its flow, and who may refuse,
return or archive: everything else moves only through the dossier's actions."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_tthc_dossier import DossierCommon, local


@tagged("post_install", "-at_install")
class TestDossierGuards(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.procedure.component_ids = [
            Command.create({"name": "Tờ khai thay đổi hộ tịch", "original_count": 1}),
            Command.create(
                {
                    "name": "Giấy ủy quyền",
                    "original_count": 1,
                    "requirement": "conditional",
                }
            ),
        ]

    def test_holder_cannot_rewrite_the_workflow_fields(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        as_handler = dossier.with_user(self.handler)
        for values in (
            {"current_user_id": self.signer.id},
            {"processing_days": 0.1},
            {"is_overdue": True},
            {"appointment_date": local(2026, 9, 30, 16, 30)},
            {"supplement_requested_at": local(2026, 8, 24, 10, 0)},
        ):
            with (
                self.subTest(values=values),
                freeze_time(local(2026, 8, 24, 9, 30)),
                self.assertRaises(UserError),
            ):
                as_handler.write(values)
        self.assertEqual(dossier.current_user_id, self.handler)
        with freeze_time(local(2026, 8, 24, 9, 0)):
            self.assertFalse(dossier.is_overdue)
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 16, 30))
        # what the unit may still note while it holds the dossier
        as_handler.write({"result_note": "Đã cải chính họ tên", "fee_amount": 8000})
        self.assertEqual(dossier.fee_amount_in_words, "Tám nghìn đồng")

    def test_applicant_is_edited_at_the_desk_only_while_received(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        dossier.with_user(self.one_stop).write({"applicant_phone": "0912 000 111"})
        self.assertEqual(dossier.applicant_phone, "0912 000 111")
        self._resolve(dossier, local(2026, 8, 25, 10, 0))
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"applicant_phone": "0999 999 999"})
        with freeze_time(local(2026, 8, 25, 11, 0)):
            dossier.with_user(self.one_stop).action_return()
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"fee_amount": 1})
        self.assertEqual(dossier.applicant_phone, "0912 000 111")

    def test_papers_follow_the_procedure_and_freeze_after_reception(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        form, power = dossier.component_ids.sorted("sequence")
        desk = self.one_stop
        with self.assertRaises(UserError):
            form.with_user(desk).write({"required_original_count": 0})
        with self.assertRaises(UserError):
            power.with_user(desk).write({"requirement": "required", "name": "Khác"})
        with self.assertRaises(UserError):
            form.with_user(desk).unlink()
        # the desk records what it received, and adds a paper the applicant brought
        form.with_user(desk).write({"original_count": 0})
        self.assertTrue(form.is_missing)
        form.with_user(desk).write({"original_count": 1, "required_original_count": 1})
        extra = dossier.with_user(desk).component_ids.create(
            {"dossier_id": dossier.id, "name": "Bản sao CCCD", "copy_count": 1}
        )
        extra.with_user(desk).unlink()
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        with self.assertRaises(UserError):
            form.with_user(self.handler).write({"original_count": 3})
        with self.assertRaises(UserError):
            dossier.component_ids.with_user(self.handler).create(
                {"dossier_id": dossier.id, "name": "Giấy tờ khác", "copy_count": 1}
            )
        self.assertEqual(form.original_count, 1)

    def test_only_managers_archive_closed_dossiers(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with self.assertRaises(UserError):
            dossier.with_user(self.qms_manager).action_archive()
        with freeze_time(local(2026, 8, 24, 9, 0)):
            dossier.with_user(self.one_stop).action_withdraw("Người nộp xin rút")
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_archive()
        self.assertTrue(dossier.active)
        dossier.with_user(self.qms_manager).action_archive()
        self.assertFalse(dossier.active)
        self.assertEqual(dossier.with_context(active_test=False).state, "withdrawn")

    def test_refusal_and_return_belong_to_the_desk(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        with self.assertRaises(UserError):
            dossier.with_user(self.handler).action_refuse("Không đủ điều kiện")
        self.assertEqual(dossier.state, "in_progress")
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.signer)
        self._hand_over(dossier, local(2026, 8, 24, 11, 0))
        with self.assertRaises(UserError):
            dossier.with_user(self.signer).action_return()
        with freeze_time(local(2026, 8, 24, 14, 0)):
            dossier.with_user(self.one_stop).action_return()
        self.assertEqual(dossier.state, "returned")
        other = self._receive(local(2026, 8, 24, 8, 30))
        with freeze_time(local(2026, 8, 24, 8, 40)):
            other.with_user(self.one_stop).action_refuse("Thủ tục không thuộc thẩm quyền")
        self.assertEqual(other.state, "refused")
        self.assertEqual(other.refused_by_id, self.one_stop)

    def test_apology_date_must_be_a_date(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_apologize("abc", "Cần xác minh")

    def test_dossier_forms_refuse_wrong_values_with_a_message(self):
        """What a client sends to the refusal, hand-over and apology forms is checked before use:
        a wrong value or several forms at once get a message, and the dossier does not move."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        desk = self.env["qms.tthc.dossier.refusal"].with_user(self.one_stop)
        for values in (
            {"dossier_id": "2038-11-07", "reason": "Không đủ điều kiện"},
            {"dossier_id": [[5, 1, 1]], "reason": "Không đủ điều kiện"},
            {"dossier_id": dossier.id, "reason": ["Không đủ điều kiện"]},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                desk.create(values)
        Handover = self.env["qms.tthc.dossier.handover"].with_user(self.one_stop)
        with self.assertRaises(ValidationError):
            Handover.create({"dossier_id": dossier.id, "user_id": 10**150})
        Apology = self.env["qms.tthc.dossier.apology"].with_user(self.one_stop)
        with self.assertRaises(ValidationError):
            Apology.create(
                {"dossier_id": dossier.id, "new_appointment_date": "9999-12-31", "reason": "x"}
            )
        two = desk.create({"dossier_id": dossier.id, "reason": "Không đủ điều kiện"}) | desk.create(
            {"dossier_id": dossier.id, "reason": "Thủ tục không thuộc thẩm quyền"}
        )
        with freeze_time(local(2026, 8, 24, 9, 0)):
            with self.assertRaises(UserError):
                two.action_confirm()
            self.assertEqual(dossier.state, "received")
            two[:1].action_confirm()
        self.assertEqual(dossier.state, "refused")

    def test_restart_after_supplement_allows_a_new_apology(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        as_handler = dossier.with_user(self.handler)
        with freeze_time(local(2026, 8, 25, 9, 0)):
            as_handler.action_apologize(local(2026, 8, 28, 16, 30), "Chờ xác minh nơi cư trú")
            as_handler.action_request_supplement("Bản sao giấy khai sinh")
        with freeze_time(local(2026, 8, 27, 8, 0)):
            as_handler.action_supplement_received()
        self.assertFalse(dossier.apology_date)
        self.assertFalse(dossier.new_appointment_date)
        closed = [
            body
            for body in dossier.message_ids.mapped("body")
            if "Chờ xác minh nơi cư trú" in body and "28/08/2026" in body
        ]
        self.assertEqual(len(closed), 1, "the closed apology is kept in the chatter")
        with freeze_time(local(2026, 8, 27, 9, 0)):
            # Saturday 29/8 is worked, Monday 31/8 is its day off and 1-2/9 National Day
            as_handler.action_apologize(
                self._working_day_from(dossier, dossier.appointment_date + timedelta(days=2)),
                "Chờ cơ quan khác trả lời",
            )
        self.assertEqual(dossier.apology_reason, "Chờ cơ quan khác trả lời")
        with self.assertRaises(UserError):
            as_handler.action_apologize(dossier.appointment_date + timedelta(days=3), "Lần nữa")

    def test_catalogue_changes_do_not_move_past_dossiers(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.procedure.write(
            {"department_id": self.department_office.id, "field_id": self.field_cert.id}
        )
        self.assertEqual(dossier.department_id, self.department_unit)
        self.assertEqual(dossier.field_id, self.field_civil)
        self.assertEqual(
            self._receive(local(2026, 8, 24, 9, 0)).department_id, self.department_office
        )

    def test_new_legal_time_asks_for_a_new_flow_once(self):
        limit = self.procedure.processing_time_ids.filtered(
            lambda time: time.filing_method == "direct"
        )
        limit.duration = 5
        activities = self.procedure.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertIn("2", activities.summary)
        limit.duration = 6
        self.assertEqual(self.procedure.activity_ids, activities)
        # the law applies at once to new dossiers: 6 working days after Monday 24/08 (issue 14:
        # the reception day does not count), Saturday 29/08 being worked (swapped) -> Tue 25,
        # Wed 26, Thu 27, Fri 28, Sat 29, [31/08-02/09 off] Thu 03/09
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 9, 3, 16, 30))

    def test_flow_is_put_in_force_by_its_approval_only(self):
        draft = self.flow.with_user(self.qms_manager).copy()
        with self.assertRaises(UserError):
            draft.with_user(self.unit_officer).write({"state": "approved"})
        with self.assertRaises(UserError):
            self.flow.with_user(self.unit_officer).write({"state": "superseded"})
        self.assertEqual(self.flow.state, "approved")
        self.assertEqual(draft.state, "draft")

    def test_holder_of_a_late_step_is_reminded_once(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        # 2 working days from Monday 9:00, counted as the appointment is (issue 14): Tuesday,
        # Wednesday -> Wednesday 26/08 at 16:30, before the appointment (Thursday 16:30)
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 26, 16, 30))
        Dossier = self.env["qms.tthc.dossier"]
        with freeze_time(local(2026, 8, 26, 16, 29)):
            Dossier._cron_qms_dossier_deadlines()
        summary = "Step Công chức tư pháp - hộ tịch thẩm định is past its deadline"
        self.assertNotIn(summary, dossier.activity_ids.mapped("summary"))
        for _run in range(2):
            with freeze_time(local(2026, 8, 27, 10, 0)):
                Dossier._cron_qms_dossier_deadlines()
        reminders = dossier.activity_ids.filtered(lambda activity: activity.summary == summary)
        self.assertEqual(reminders.user_id, self.handler)
        self.assertEqual(len(reminders), 1)
        dossier.invalidate_recordset(["is_overdue"])
        with freeze_time(local(2026, 8, 27, 10, 0)):
            self.assertFalse(dossier.is_overdue)
