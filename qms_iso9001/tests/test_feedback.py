from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestFeedback(QmsCommon):
    """Complaints and feedback: recorded with their channel, answered by the standing office
    in time, the answer kept as given; units read what concerns them only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_member.user_id = cls.qms_user
        cls.company.qms_feedback_answer_days = 10
        cls.Feedback = cls.env["qms.feedback"]

    def _receive(self, **values):
        vals = {
            "partner_name": "Nguyễn Văn An",
            "contact_phone": "0912 345 678",
            "description": "Kết quả trả chậm một ngày so với giấy hẹn.",
            "kind": "complaint",
            "channel": "lookup",
            "department_id": self.department_unit.id,
        }
        vals.update(values)
        return self.Feedback._qms_receive(vals)

    def test_receive_numbers_and_dates_the_answer(self):
        received = datetime(2026, 3, 2, 9, 0)  # a Monday
        feedback = self._receive(date_received=received)
        self.assertEqual(feedback.state, "new")
        self.assertRegex(feedback.name, r"^PA-2026-\d{4}$")
        self.assertTrue(feedback.date_due)
        # ten working days: about two weeks later, never on a weekend
        self.assertLess(feedback.date_due.weekday(), 5)
        self.assertTrue(10 <= (feedback.date_due - received).days <= 15)
        self.assertTrue(feedback.is_overdue)
        self.assertIn(feedback, self.Feedback.search([("is_overdue", "=", True)]))
        second = self._receive()
        self.assertNotEqual(second.name, feedback.name)

    def test_receive_refuses_workflow_values_and_bad_contact(self):
        with self.assertRaises(UserError):
            self._receive(state="answered")
        with self.assertRaises(UserError):
            self._receive(answer="Đã trả lời")
        with self.assertRaises(ValidationError):
            self._receive(contact_phone="not a phone")
        with self.assertRaises(ValidationError):
            self._receive(contact_email="an@")

    def test_standing_office_answers_and_closes(self):
        feedback = self._receive()
        as_manager = feedback.with_user(self.qms_manager)
        with self.assertRaises(UserError):
            as_manager.action_answer()
        as_manager.answer = "Bộ phận một cửa đã xin lỗi công dân."
        as_manager.action_answer()
        self.assertEqual(feedback.state, "answered")
        self.assertEqual(feedback.answered_by_id, self.qms_manager)
        self.assertTrue(feedback.date_answered)
        self.assertFalse(feedback.is_overdue)
        with self.assertRaises(UserError):
            as_manager.answer = "Rewritten"
        with self.assertRaises(UserError):
            as_manager.unlink()
        as_manager.action_close()
        self.assertEqual(feedback.state, "closed")
        self.assertTrue(feedback.date_closed)

    def test_answer_given_as_argument(self):
        feedback = self._receive()
        feedback.with_user(self.qms_manager).action_answer("Đã xử lý.")
        self.assertEqual(feedback.answer, "Đã xử lý.")

    def test_units_read_only_their_feedback_and_cannot_answer(self):
        mine = self._receive()
        other = self._receive(department_id=self.department_office.id)
        visible = self.Feedback.with_user(self.qms_user).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(other, visible)
        self.assertEqual(mine.with_user(self.qms_user).answer, False)
        with self.assertRaises(AccessError):
            mine.with_user(self.qms_user).action_answer("Tự trả lời")
        with self.assertRaises(AccessError):
            mine.with_user(self.unit_officer).action_close()
        with self.assertRaises(AccessError):
            self.Feedback.with_user(self.unit_officer).create(
                {"partner_name": "A", "description": "B"}
            )
        # leaders read every unit's, without writing
        self.assertIn(other, self.Feedback.with_user(self.leader).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.leader).write({"description": "Changed"})

    def test_state_and_dates_only_through_actions(self):
        feedback = self._receive()
        with self.assertRaises(UserError):
            feedback.with_user(self.qms_manager).write({"state": "closed"})
        with self.assertRaises(UserError):
            self.Feedback.with_user(self.qms_manager).create(
                {"partner_name": "A", "description": "B", "date_answered": datetime.now()}
            )

    def test_form_records_feedback_by_phone(self):
        form = Form(self.Feedback.with_user(self.qms_manager))
        form.partner_name = "Công ty TNHH An Phát"
        form.kind = "feedback"
        form.channel = "phone"
        form.contact_email = "lienhe@anphat.vn"
        form.description = "Đề nghị niêm yết thêm phí, lệ phí."
        form.department_id = self.department_unit
        feedback = form.save()
        self.assertTrue(feedback.name.startswith("PA-"))
        self.assertTrue(feedback.date_due)

    def test_no_time_limit(self):
        self.company.qms_feedback_answer_days = 0
        feedback = self._receive()
        self.assertFalse(feedback.date_due)
        self.assertFalse(feedback.is_overdue)
        with self.assertRaises(ValidationError):
            self.company.qms_feedback_answer_days = -1
