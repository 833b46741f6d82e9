import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import QmsCommon


class DocumentCase(QmsCommon):
    """Issued documents without the approval engine (it has its own tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.procedure_type = cls.env.ref("qms_iso9001.document_type_business_procedure")
        cls.form_type = cls.env.ref("qms_iso9001.document_type_form")
        cls.external_type = cls.env.ref("qms_iso9001.document_type_external")
        cls.ack_type = cls.env.ref("qms_iso9001.mail_activity_type_qms_acknowledge")
        cls.reader = cls._create_qms_user("qms_reader", "qms_iso9001.group_qms_user")
        cls.employee_user = cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Mai",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        cls.employee_reader = cls.env["hr.employee"].create(
            {
                "name": "Phạm Minh Tuấn",
                "department_id": cls.department_unit.id,
                "user_id": cls.reader.id,
            }
        )
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Cán bộ ISO",
                "department_id": cls.department_office.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.employee_manager = cls.env["hr.employee"].create(
            {
                "name": "Chánh Văn phòng",
                "department_id": cls.department_office.id,
                "user_id": cls.qms_manager.id,
            }
        )

    def _document(
        self, name="Quy trình chứng thực bản sao", department=None, doc_type=None, **values
    ):
        return self.env["qms.document"].create(
            {
                "name": name,
                "type_id": (doc_type or self.procedure_type).id,
                "department_id": (department or self.department_office).id,
                **values,
            }
        )

    def _issue(self, document, **values):
        """A new revision of the document, approved and issued."""
        revision = self.env["qms.document.revision"].create({"document_id": document.id, **values})
        revision.main_attachment_id = self.env["ir.attachment"].create(
            {
                "name": "quy_trinh.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 test"),
                "mimetype": "application/pdf",
                "res_model": revision._name,
                "res_id": revision.id,
            }
        )
        revision.sudo().write({"state": "approved"})
        revision.action_issue()
        return revision


@tagged("post_install", "-at_install")
class TestDistribution(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls._document(
            cls,
            is_public=False,
            distribution_department_ids=[(6, 0, cls.department_unit.ids)],
            distribution_employee_ids=[
                (6, 0, [cls.employee_director.id, cls.employee_secretary.id])
            ],
        )

    def _line(self, revision, user):
        return revision.distribution_ids.filtered(lambda line: line.user_id == user)

    def _ack_activities(self, revision, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", revision._name),
                ("res_id", "=", revision.id),
                ("activity_type_id", "=", self.ack_type.id),
                ("user_id", "=", user.id),
            ]
        )

    def test_issue_distributes_to_unit_members_and_listed_employees(self):
        revision = self._issue(self.document)
        self.assertEqual(
            revision.distribution_ids.employee_id,
            self.employee_user | self.employee_reader | self.employee_director,
            "members of the unit and listed employees with a user; not the one without a user",
        )
        self.assertEqual(set(revision.distribution_ids.mapped("state")), {"pending"})
        for user in (self.qms_user, self.reader, self.leader):
            activity = self._ack_activities(revision, user)
            self.assertEqual(len(activity), 1)
            self.assertEqual(self._line(revision, user).activity_id, activity)
        self.assertEqual(revision.distribution_count, 3)
        self.assertEqual(revision.acknowledgement_rate, 0.0)

    def test_obsoleting_the_document_closes_pending_reads(self):
        revision = self._issue(self.document)
        self._line(revision, self.qms_user).with_user(self.qms_user).action_acknowledge()
        action = self.document.action_request_obsolete()
        withdrawal = self.env["qms.document.revision"].browse(action["res_id"])
        withdrawal.sudo().write({"state": "approved"})
        withdrawal.action_issue()
        self.assertEqual(self._line(revision, self.qms_user).state, "acknowledged")
        self.assertEqual(self._line(revision, self.leader).state, "cancelled")
        self.assertFalse(self._ack_activities(revision, self.leader))

    def test_acknowledge_from_the_list(self):
        revision = self._issue(self.document)
        line = self._line(revision, self.qms_user)
        activity = line.activity_id
        line.with_user(self.qms_user).action_acknowledge()
        self.assertEqual(line.state, "acknowledged")
        self.assertTrue(line.date_acknowledged)
        self.assertFalse(activity.active, "acknowledging closes the activity")
        self.assertEqual(revision.acknowledged_count, 1)
        self.assertAlmostEqual(revision.acknowledgement_rate, 100.0 / 3, places=1)
        self.assertAlmostEqual(self.document.acknowledgement_rate, 100.0 / 3, places=1)

    def test_acknowledge_from_the_activity(self):
        revision = self._issue(self.document)
        activity = self._ack_activities(revision, self.reader)
        activity.with_user(self.reader).action_feedback(feedback="Đã đọc")
        line = self._line(revision, self.reader)
        self.assertEqual(line.state, "acknowledged")
        self.assertTrue(line.date_acknowledged)
        self.assertEqual(revision.acknowledged_count, 1)

    def test_only_the_recipient_acknowledges(self):
        revision = self._issue(self.document)
        line = self._line(revision, self.qms_user)
        # another QMS user does not even see the line
        with self.assertRaises(AccessError):
            line.with_user(self.reader).action_acknowledge()
        # the standing office sees it but cannot read in someone's place, from the list...
        with self.assertRaises(AccessError):
            line.with_user(self.qms_manager).action_acknowledge()
        # ... nor from the activity
        with self.assertRaises(AccessError):
            line.activity_id.with_user(self.qms_manager).action_feedback()
        self.assertEqual(line.state, "pending")

    def test_rules_recipients_read_the_distributed_revision(self):
        revision = self._issue(self.document)
        # a recipient reads the revision and document of another unit, private to it
        self.assertEqual(revision.with_user(self.qms_user).read(["name"])[0]["id"], revision.id)
        self.document.with_user(self.qms_user).read(["name"])
        outsider = self._create_qms_user("qms_outsider", "qms_iso9001.group_qms_user")
        with self.assertRaises(AccessError):
            revision.with_user(outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.document.with_user(outsider).read(["name"])
        Distribution = self.env["qms.document.distribution"]
        self.assertEqual(
            Distribution.with_user(self.qms_user).search([]).user_id,
            self.qms_user,
            "a user sees their own lines only",
        )
        not_read = Distribution.with_user(self.qms_manager).search([("state", "=", "pending")])
        self.assertEqual(not_read, revision.distribution_ids, "the standing office sees all")

    def test_new_revision_asks_again(self):
        first = self._issue(self.document)
        self._line(first, self.qms_user).with_user(self.qms_user).action_acknowledge()
        pending_activity = self._line(first, self.reader).activity_id
        second = self._issue(self.document)
        self.assertEqual(first.state, "superseded")
        self.assertEqual(self._line(first, self.qms_user).state, "acknowledged")
        self.assertEqual(self._line(first, self.reader).state, "cancelled")
        self.assertFalse(pending_activity.exists(), "the old request to read is closed")
        self.assertEqual(
            self._line(second, self.qms_user).state,
            "pending",
            "an old acknowledgement never counts for a new revision",
        )
        self.assertEqual(second.acknowledgement_rate, 0.0)
        self.assertEqual(self.document.acknowledgement_rate, 0.0)
        self.assertEqual(len(self._ack_activities(second, self.qms_user)), 1)

    def test_reminder_cron_once_per_period(self):
        self.company.qms_ack_reminder_days = 3
        revision = self._issue(self.document)
        read_line = self._line(revision, self.qms_user)
        read_line.with_user(self.qms_user).action_acknowledge()
        Distribution = self.env["qms.document.distribution"]
        Distribution._cron_remind()
        self.assertEqual(
            revision.distribution_ids.mapped("reminder_count"),
            [0, 0, 0],
            "not before the period has passed",
        )
        later = fields.Datetime.now() + timedelta(days=3, hours=1)
        with freeze_time(later):
            Distribution._cron_remind()
            Distribution._cron_remind()
        pending = revision.distribution_ids - read_line
        self.assertEqual(pending.mapped("reminder_count"), [1, 1], "reminded once, not twice")
        self.assertEqual(read_line.reminder_count, 0, "who has read is not reminded")
        message = self.env["mail.message"].search(
            [
                ("model", "=", revision._name),
                ("res_id", "=", revision.id),
                ("partner_ids", "in", self.reader.partner_id.ids),
            ]
        )
        self.assertTrue(message, "the recipient is notified again")
        with freeze_time(later + timedelta(days=3)):
            Distribution._cron_remind()
        self.assertEqual(pending.mapped("reminder_count"), [2, 2])

    def test_reminder_setting_in_settings(self):
        settings = self.env["res.config.settings"].create({"qms_ack_reminder_days": 5})
        settings.execute()
        self.assertEqual(self.company.qms_ack_reminder_days, 5)

    def test_nobody_forges_an_acknowledgement_by_writing(self):
        revision = self._issue(self.document)
        line = self._line(revision, self.qms_user)
        for user in (self.qms_manager, self.qms_user):
            with self.assertRaises(UserError):
                line.with_user(user).write(
                    {"state": "acknowledged", "date_acknowledged": "2020-01-01 08:00:00"}
                )
        self.assertEqual(line.state, "pending")
        line.with_user(self.qms_user).action_acknowledge()
        when = line.date_acknowledged
        with self.assertRaises(UserError):
            line.with_user(self.qms_manager).write({"date_acknowledged": "2020-01-01 08:00:00"})
        with self.assertRaises(AccessError):
            line.with_user(self.qms_manager).unlink()
        self.assertEqual(line.date_acknowledged, when)
