from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.test_governance import GovernanceCommon


@tagged("post_install", "-at_install")
class TestAuditQualification(GovernanceCommon):
    """The auditor register (ISO 7.2) is the audit addon's: passing an auditor course of the
    core's trainings qualifies the employee to audit, and everyone may read who may audit."""

    def _training(self, training_type="internal_auditor", **vals):
        return self.env["qms.training"].create(
            {
                "name": "Đào tạo chuyên gia đánh giá nội bộ ISO 9001:2015",
                "training_type": training_type,
                "date": self.today - relativedelta(days=3),
                "date_end": self.today - relativedelta(days=2),
                "trainer": "Trung tâm Năng suất Việt Nam",
                "organiser_department_id": self.department_office.id,
                **vals,
            }
        )

    def test_passing_auditor_training_qualifies(self):
        training = self._training()
        training.attendee_ids = [
            fields.Command.create(
                {
                    "employee_id": self.employee_member.id,
                    "result": "passed",
                    "certificate_number": "CG-2026-015",
                }
            ),
            fields.Command.create({"employee_id": self.employee_secretary.id, "result": "failed"}),
        ]
        self.assertFalse(self.employee_member.qms_is_internal_auditor, "only once it took place")
        training.action_done()
        self.assertTrue(self.employee_member.qms_is_internal_auditor)
        self.assertFalse(self.employee_member.qms_is_lead_auditor)
        self.assertEqual(self.employee_member.qms_auditor_certificate, "CG-2026-015")
        self.assertEqual(self.employee_member.qms_auditor_certificate_date, training.date_end)
        self.assertFalse(self.employee_secretary.qms_is_internal_auditor)
        # a result that arrives later qualifies too
        training.attendee_ids.filtered(
            lambda a: a.employee_id == self.employee_secretary
        ).result = "passed"
        self.assertTrue(self.employee_secretary.qms_is_internal_auditor)

    def test_lead_auditor_and_awareness(self):
        awareness = self._training("awareness", name="Nhận thức chung về ISO 9001:2015")
        awareness.attendee_ids = [
            fields.Command.create({"employee_id": self.employee_user.id, "result": "passed"})
        ]
        awareness.action_done()
        self.assertFalse(self.employee_user.qms_is_internal_auditor)
        lead = self._training("lead_auditor", name="Chuyên gia đánh giá trưởng")
        lead.attendee_ids = [
            fields.Command.create({"employee_id": self.employee_user.id, "result": "passed"})
        ]
        lead.action_done()
        self.assertTrue(self.employee_user.qms_is_lead_auditor)
        self.assertTrue(self.employee_user.qms_is_internal_auditor)

    def test_late_exam_result_qualifies_once(self):
        training = self._training(
            attendee_ids=[
                fields.Command.create(
                    {"employee_id": self.employee_member.id, "result": "attended"}
                )
            ]
        )
        training.action_done()
        self.assertFalse(self.employee_member.qms_is_internal_auditor)
        training.attendee_ids.write({"result": "passed", "certificate_number": "CG-2026-021"})
        self.assertTrue(self.employee_member.qms_is_internal_auditor)
        self.assertEqual(self.employee_member.qms_auditor_certificate, "CG-2026-021")

    def test_qualification_readable_by_plain_user(self):
        training = self._training()
        training.attendee_ids = [
            fields.Command.create(
                {
                    "employee_id": self.employee_member.id,
                    "result": "passed",
                    "certificate_number": "X1",
                }
            )
        ]
        training.action_done()
        self.env.flush_all()
        self.env.invalidate_all()  # read from the database, as the user's next request would
        self.assertFalse(self.qms_user.has_group("hr.group_hr_user"))
        employee = self.employee_member.with_user(self.qms_user)
        self.assertTrue(employee.qms_is_internal_auditor)
        self.assertEqual(employee.qms_auditor_certificate, "X1")
        public = self.env["hr.employee.public"].with_user(self.qms_user).browse(employee.id)
        self.assertTrue(public.qms_is_internal_auditor)
        auditors = (
            self.env["hr.employee"]
            .with_user(self.qms_user)
            .search([("qms_is_internal_auditor", "=", True)])
        )
        self.assertIn(self.employee_member, auditors)
        with self.assertRaises(AccessError):
            employee.write({"qms_is_internal_auditor": False})
