from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import QmsCommon, access_gaps

GOVERNANCE_MODELS = (
    "qms.context.issue",
    "qms.interested.party",
    "qms.policy",
    "qms.training",
    "qms.training.attendee",
)


class GovernanceCommon(QmsCommon):
    """The agency of QmsCommon with an employee for every QMS user and a standing office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_notrack=True))
        cls.company.qms_standing_department_id = cls.department_office
        cls.department_office.manager_id = cls.employee_director
        cls.employee_user = cls.env["hr.employee"].create(
            {
                "name": "Lê Minh Tuấn",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Đặng Thu Hà",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.employee_manager = cls.env["hr.employee"].create(
            {
                "name": "Hoàng Văn Nam",
                "department_id": cls.department_office.id,
                "user_id": cls.qms_manager.id,
            }
        )
        cls.today = fields.Date.context_today(cls.env["qms.policy"])
        cls.review_activity = cls.env.ref("qms_iso9001.mail_activity_type_qms_yearly_review")

    def _review_activities(self, record):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.review_activity.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestContextReview(GovernanceCommon):
    """Context issues (4.1) and interested parties (4.2) are reviewed every year."""

    def test_new_issue_is_due_in_a_year(self):
        issue = self.env["qms.context.issue"].create(
            {
                "name": "Nghị định 118/2025/NĐ-CP thay đổi quy trình một cửa",
                "issue_type": "external",
            }
        )
        self.assertEqual(issue.last_review_date, self.today)
        self.assertEqual(issue.next_review_date, self.today + relativedelta(years=1))

    def test_cron_reminds_standing_head_once(self):
        issue = self.env["qms.context.issue"].create(
            {
                "name": "Thiếu công chức có chuyên môn công nghệ thông tin",
                "category": "human_resources",
                "last_review_date": self.today - relativedelta(months=13),
            }
        )
        fresh = self.env["qms.context.issue"].create(
            {"name": "Trụ sở mới", "category": "infrastructure"}
        )
        self.env["qms.context.issue"]._cron_review_reminder()
        activities = self._review_activities(issue)
        self.assertEqual(activities.user_id, self.leader, "the standing unit's head is reminded")
        self.assertFalse(self._review_activities(fresh), "a record not due is left alone")
        self.env["qms.context.issue"]._cron_review_reminder()
        self.assertEqual(len(self._review_activities(issue)), 1, "reminded once per review date")

    def test_cron_falls_back_to_qms_managers(self):
        self.department_office.manager_id = False
        party = self.env["qms.interested.party"].create(
            {
                "name": "Người dân, tổ chức, doanh nghiệp",
                "needs": "Giải quyết hồ sơ đúng hạn",
                "last_review_date": self.today - relativedelta(years=2),
            }
        )
        self.env["qms.interested.party"]._cron_review_reminder()
        users = self._review_activities(party).user_id
        self.assertIn(self.qms_manager, users)
        self.assertNotIn(self.leader, users)
        self.assertNotIn(self.env.ref("base.user_root"), users)

    def test_mark_reviewed_closes_the_reminder(self):
        issue = self.env["qms.context.issue"].create(
            {
                "name": "Chuyển đổi số trong giải quyết TTHC",
                "category": "technological",
                "department_id": self.department_unit.id,
                "last_review_date": self.today - relativedelta(months=12, days=1),
            }
        )
        self.env["qms.context.issue"]._cron_review_reminder()
        self.assertTrue(self._review_activities(issue))
        issue.with_user(self.unit_officer).action_mark_reviewed()
        self.assertEqual(issue.last_review_date, self.today)
        self.assertEqual(issue.next_review_date, self.today + relativedelta(years=1))
        self.assertFalse(self._review_activities(issue), "the reminder is marked done")
        self.assertTrue(any("Reviewed by" in message.body for message in issue.message_ids))

    def test_review_refused_to_plain_user_and_other_unit(self):
        issue = self.env["qms.context.issue"].create(
            {"name": "Biến động nhân sự", "department_id": self.department_office.id}
        )
        issue.with_user(self.qms_user).read(["name", "next_review_date"])
        with self.assertRaises(AccessError):
            issue.with_user(self.qms_user).action_mark_reviewed()
        with self.assertRaises(AccessError):
            issue.with_user(self.unit_officer).action_mark_reviewed()
        issue.with_user(self.qms_manager).action_mark_reviewed()
        own = (
            self.env["qms.context.issue"]
            .with_user(self.unit_officer)
            .create({"name": "Cơ sở vật chất phòng", "department_id": self.department_unit.id})
        )
        self.assertEqual(own.department_id, self.department_unit)

    def test_risks_raised_from_an_issue(self):
        issue = self.env["qms.context.issue"].create(
            {"name": "Thay đổi quy định về thời hạn giải quyết TTHC", "issue_type": "external"}
        )
        self.env["qms.risk"].create(
            {
                "name": "Hồ sơ giải quyết quá hạn do quy trình chưa cập nhật",
                "department_id": self.department_unit.id,
                "context_issue_id": issue.id,
            }
        )
        self.assertEqual(issue.risk_count, 1)
        action = issue.action_view_risks()
        self.assertEqual(action["domain"], [("context_issue_id", "=", issue.id)])
        self.assertEqual(action["context"]["default_context_issue_id"], issue.id)

    def test_archived_not_deleted(self):
        issue = self.env["qms.context.issue"].create({"name": "Áp lực tiếp dân"})
        party = self.env["qms.interested.party"].create({"name": "UBND tỉnh"})
        with self.assertRaises(UserError):
            issue.unlink()
        with self.assertRaises(UserError):
            party.unlink()
        issue.action_archive()
        party.action_archive()
        self.assertFalse(issue.active or party.active)
        with self.assertRaises(ValidationError):
            party.review_interval_months = -1


@tagged("post_install", "-at_install")
class TestPolicy(GovernanceCommon):
    """Quality policy: approved by leaders, published to every civil servant as a document."""

    def _new_policy(self, **vals):
        values = {
            "statement": "<p>Công khai, minh bạch, đúng hẹn.</p>",
            "commitments": "<p>Tuân thủ pháp luật, lấy sự hài lòng của người dân làm thước đo.</p>",
            "signer_id": self.employee_director.id,
        }
        values.update(vals)
        return self.env["qms.policy"].with_user(self.qms_manager).create(values)

    def _approve(self, policy):
        policy.with_user(self.qms_manager).action_submit_for_approval()
        self.assertEqual(policy.state, "to_approve")
        policy.with_user(self.leader).action_approve()
        self.assertEqual(policy.state, "approved")

    def _published(self, **vals):
        policy = self._new_policy(**vals)
        self._approve(policy)
        policy.with_user(self.qms_manager).action_publish()
        return policy

    def test_version_numbers_per_company(self):
        first, second = self._new_policy(), self._new_policy()
        self.assertEqual(second.version, first.version + 1)
        other = self.env["res.company"].create({"name": "UBND quận Ba Đình"})
        elsewhere = self.env["qms.policy"].create({"company_id": other.id})
        self.assertEqual(elsewhere.version, 1)
        self.assertIn(str(second.version), second.display_name)

    def test_drafts_only_for_managers(self):
        policy = self._new_policy()
        with self.assertRaises(AccessError):
            policy.with_user(self.qms_user).read(["statement"])
        with self.assertRaises(AccessError):
            policy.with_user(self.leader).read(["statement"])
        policy.with_user(self.qms_manager).read(["statement"])
        with self.assertRaises(AccessError):
            self.env["qms.policy"].with_user(self.leader).create({"statement": "<p>x</p>"})

    def test_submit_needs_a_statement(self):
        policy = self._new_policy(statement="<p><br></p>")
        with self.assertRaises(UserError):
            policy.with_user(self.qms_manager).action_submit_for_approval()
        self.assertEqual(policy.state, "draft")

    def test_approval_flow_and_rejection(self):
        policy = self._new_policy()
        policy.with_user(self.qms_manager).action_submit_for_approval()
        policy.with_user(self.leader).read(["statement"])
        with self.assertRaises(AccessError):
            policy.with_user(self.qms_user).read(["statement"])
        self.assertTrue(policy.with_user(self.leader).can_approve)
        policy.with_user(self.leader).action_reject_with_reason(
            "Cần bổ sung cam kết về cải cách hành chính"
        )
        self.assertEqual(policy.state, "draft")
        self._approve(policy)
        self.assertEqual(policy.approver_id, self.leader)
        with self.assertRaises(UserError):
            policy.with_user(self.qms_manager).write({"statement": "<p>Sửa sau khi duyệt</p>"})

    def test_publish_distributes_to_all_staff(self):
        policy = self._published()
        self.assertEqual(policy.state, "published")
        revision = policy.revision_id
        self.assertEqual(revision.state, "issued")
        self.assertEqual(revision.document_id.kind, "quality_policy")
        printed = revision.main_attachment_id.raw.decode()
        self.assertIn("Công khai, minh bạch, đúng hẹn.", printed, "the printed policy is issued")
        self.assertEqual(revision.approver_id, self.leader)
        recipients = revision.distribution_ids.employee_id
        for employee in (self.employee_user, self.employee_officer, self.employee_director):
            self.assertIn(employee, recipients)
        self.assertEqual(policy.distribution_count, len(recipients))
        self.assertEqual(policy.acknowledgement_rate, 0.0)
        # a civil servant reads the policy in force and confirms it
        policy.with_user(self.qms_user).read(["statement", "acknowledgement_rate"])
        line = revision.distribution_ids.filtered(lambda d: d.user_id == self.qms_user)
        line.with_user(self.qms_user).action_acknowledge()
        self.assertAlmostEqual(policy.acknowledgement_rate, 100.0 / len(recipients), places=1)
        self.assertEqual(policy.acknowledged_count, 1)
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.qms_user)
            ._render_qweb_html("qms_iso9001.action_report_qms_policy", policy.ids)
        )
        self.assertIn("Tuân thủ pháp luật", html.decode())
        self.assertIn(self.employee_director.name, html.decode())
        action = policy.action_view_distribution()
        self.assertEqual(action["domain"], [("revision_id", "=", revision.id)])

    def test_new_version_supersedes_previous(self):
        first = self._published()
        action = first.with_user(self.qms_manager).action_new_version()
        second = self.env["qms.policy"].browse(action["res_id"])
        self.assertEqual(second.state, "draft")
        self.assertEqual(second.statement, first.statement)
        self._approve(second)
        second.with_user(self.qms_manager).action_publish()
        self.assertEqual(first.state, "superseded")
        self.assertEqual(second.previous_id, first)
        self.assertEqual(first.revision_id.state, "superseded")
        self.assertEqual(second.revision_id.document_id, first.revision_id.document_id)
        self.assertEqual(second.revision_id.issue_number, first.revision_id.issue_number + 1)
        old_lines = first.revision_id.distribution_ids
        self.assertFalse(old_lines.filtered(lambda d: d.state == "pending"))
        published = self.env["qms.policy"].search(
            [("state", "=", "published"), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(published, second)

    def test_policy_document_obsoleted_meanwhile(self):
        scan = (
            self.env["ir.attachment"]
            .with_user(self.qms_manager)
            .create({"name": "chinh_sach.pdf", "raw": b"%PDF-1.4 da ky", "res_model": "qms.policy"})
        )
        first = self._published(signed_attachment_id=scan.id)
        old_document = first.revision_id.document_id
        # withdrawn through the documents screens: a withdrawal revision, approved (the chain
        # has its own tests) and issued by the standing office
        action = old_document.with_user(self.qms_manager).action_request_obsolete()
        withdrawal = self.env["qms.document.revision"].browse(action["res_id"])
        withdrawal.sudo().write({"state": "approved", "date_approved": fields.Datetime.now()})
        withdrawal.with_user(self.qms_manager).action_issue()
        self.assertEqual(first.revision_id.state, "obsolete")
        self.assertEqual(old_document.state, "obsolete")
        second = self._published()
        self.assertEqual(second.state, "published")
        self.assertNotEqual(second.revision_id.document_id, old_document)
        self.assertEqual(
            second.revision_id.document_id.code, f"{old_document.code}.V{second.version}"
        )

    def test_publish_refused(self):
        policy = self._new_policy()
        with self.assertRaises(UserError):
            policy.with_user(self.qms_manager).action_publish()  # not approved yet
        self._approve(policy)
        with self.assertRaises(AccessError):
            policy.with_user(self.leader).action_publish()
        with self.assertRaises(AccessError):
            policy.with_user(self.unit_officer).action_publish()
        self.assertEqual(policy.state, "approved")

    def test_published_policy_never_deleted(self):
        draft = self._new_policy()
        draft.with_user(self.qms_manager).unlink()
        policy = self._published()
        with self.assertRaises(UserError):
            policy.with_user(self.qms_manager).unlink()
        with self.assertRaises(AccessError):
            policy.with_user(self.qms_user).unlink()
        self.assertTrue(policy.exists())

    def test_effective_date_before_approval_refused(self):
        policy = self._new_policy(date_effective=self.today - relativedelta(days=10))
        self._approve(policy)
        with self.assertRaises(ValidationError):
            policy.with_user(self.qms_manager).action_publish()
        self.assertEqual(policy.state, "approved")


@tagged("post_install", "-at_install")
class TestTraining(GovernanceCommon):
    """ISO trainings and their results (the auditor register is the audit addon's)."""

    def _training(self, training_type="internal_auditor", **vals):
        values = {
            "name": "Đào tạo chuyên gia đánh giá nội bộ ISO 9001:2015",
            "training_type": training_type,
            "date": self.today - relativedelta(days=3),
            "date_end": self.today - relativedelta(days=2),
            "trainer": "Trung tâm Năng suất Việt Nam",
            "organiser_department_id": self.department_office.id,
        }
        values.update(vals)
        return self.env["qms.training"].create(values)

    def test_results_counted_without_a_register_of_auditors(self):
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
        training.action_done()
        self.assertEqual(training.state, "done")
        self.assertEqual(training.passed_count, 1)
        self.assertEqual(self.employee_member.qms_training_count, 1)

    def test_lead_auditor_and_awareness(self):
        awareness = self._training("awareness", name="Nhận thức chung về ISO 9001:2015")
        awareness.attendee_ids = [
            fields.Command.create({"employee_id": self.employee_user.id, "result": "passed"})
        ]
        awareness.action_done()
        lead = self._training("lead_auditor", name="Chuyên gia đánh giá trưởng")
        lead.attendee_ids = [
            fields.Command.create({"employee_id": self.employee_user.id, "result": "passed"})
        ]
        lead.action_done()
        self.assertEqual(self.employee_user.qms_training_count, 2)

    def test_trainings_readable_by_plain_user(self):
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
        public = (
            self.env["hr.employee.public"].with_user(self.qms_user).browse(self.employee_member.id)
        )
        self.assertEqual(public.qms_training_attendee_ids.training_id, training)
        self.assertEqual(public.qms_training_count, 1)

    def _queries_to_count_trainings(self, employees):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        employees.mapped("qms_training_count")
        return self.cr.sql_log_count - before

    def test_training_count_does_not_grow_with_employees(self):
        employees = self.env["hr.employee"].create(
            [{"name": f"Công chức {index}"} for index in range(8)]
        )
        training = self._training("awareness")
        training.attendee_ids = [
            fields.Command.create({"employee_id": employee.id}) for employee in employees
        ]
        self.env.flush_all()
        one = self._queries_to_count_trainings(employees[:1])
        self.assertEqual(self._queries_to_count_trainings(employees), one)
        self.assertEqual(set(employees.mapped("qms_training_count")), {1})

    def test_bad_input_refused(self):
        training = self._training()
        with self.assertRaises(UserError):
            training.action_done()  # nobody attended
        with self.assertRaises(ValidationError):
            training.date_end = training.date - relativedelta(days=1)
        training.attendee_ids = [fields.Command.create({"employee_id": self.employee_member.id})]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.env["qms.training.attendee"].create(
                {"training_id": training.id, "employee_id": self.employee_member.id}
            )
        self.assertEqual(
            caught.exception.diag.constraint_name, "qms_training_attendee_training_employee_uniq"
        )
        with self.assertRaises(ValidationError):
            training.attendee_ids.write({"result": "absent", "certificate_number": "Y"})
        training.action_done()
        with self.assertRaises(UserError):
            training.unlink()
        with self.assertRaises(UserError):
            training.action_cancel()
        cancelled = self._training(name="Hủy")
        cancelled.action_cancel()
        cancelled.action_reset_planned()
        self.assertEqual(cancelled.state, "planned")
        cancelled.unlink()

    def test_form_fills_unit_of_attendee(self):
        with Form(self.env["qms.training"]) as form:
            form.name = "Nhận thức ISO"
            with form.attendee_ids.new() as line:
                line.employee_id = self.employee_member
                self.assertEqual(line.department_id, self.department_unit)
        self.assertEqual(form.record.attendee_ids.department_id, self.department_unit)
        self.assertEqual(form.record.organiser_department_id, self.department_office)

    def test_record_rules(self):
        Training = self.env["qms.training"]
        own = Training.with_user(self.unit_officer).create(
            {
                "name": "Hướng dẫn áp dụng quy trình",
                "organiser_department_id": self.department_unit.id,
            }
        )
        own.with_user(self.unit_officer).attendee_ids = [
            fields.Command.create({"employee_id": self.employee_user.id})
        ]
        other = self._training()
        other.with_user(self.unit_officer).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(self.unit_officer).write({"name": "Đổi tên"})
        with self.assertRaises(AccessError):
            Training.with_user(self.qms_user).create({"name": "Tự tổ chức"})
        own.with_user(self.qms_user).read(["name", "attendee_ids"])
        other.with_user(self.qms_manager).write({"location": "Hội trường tầng 3"})

    def test_access_lines_and_company_rules(self):
        gaps = [
            gap for gap in access_gaps(self.env, "qms_iso9001") if gap.startswith(GOVERNANCE_MODELS)
        ]
        self.assertEqual(gaps, [])
        other = self.env["res.company"].create({"name": "Sở Nội vụ"})
        foreign = self.env["qms.training"].create({"name": "Đào tạo", "company_id": other.id})
        self.assertFalse(
            self.env["qms.training"].with_user(self.qms_manager).search([("id", "=", foreign.id)])
        )


@tagged("post_install", "-at_install")
class TestTrainingLifecycle(GovernanceCommon):
    """Trainings move by their actions, with their rights; what took place stays recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_office = cls._create_qms_user(
            "qms_officer_office", "qms_iso9001.group_qms_unit_officer"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Thị Mai",
                "department_id": cls.department_office.id,
                "user_id": cls.officer_office.id,
            }
        )

    def _training(self, **vals):
        return self.env["qms.training"].create(
            {
                "name": "Đào tạo chuyên gia đánh giá nội bộ",
                "training_type": "internal_auditor",
                "organiser_department_id": self.department_office.id,
                "attendee_ids": [
                    fields.Command.create(
                        {"employee_id": self.employee_member.id, "result": "attended"}
                    ),
                    fields.Command.create(
                        {"employee_id": self.employee_secretary.id, "result": "absent"}
                    ),
                ],
                **vals,
            }
        )

    def test_training_state_moves_only_by_its_actions(self):
        training = self._training()
        for user in (self.officer_office, self.qms_manager):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                training.with_user(user).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.training"].with_user(self.officer_office).create(
                {
                    "name": "Đã xong",
                    "organiser_department_id": self.department_office.id,
                    "state": "done",
                }
            )
        for user in (self.qms_user, self.leader, self.unit_officer):
            with self.assertRaises(AccessError):
                training.with_user(user).action_done()
            with self.assertRaises(AccessError):
                training.with_user(user).action_cancel()
        self.assertEqual(training.state, "planned")
        training.with_user(self.officer_office).action_done()  # the organising unit's officer
        self.assertEqual(training.state, "done")
        with self.assertRaises(UserError):
            training.with_user(self.qms_manager).action_cancel()
        with self.assertRaises(UserError):
            training.with_user(self.qms_manager).unlink()

    def test_done_training_attendance_is_frozen(self):
        training = self._training()
        training.with_user(self.officer_office).action_done()
        as_officer = training.with_user(self.officer_office)
        member, absent = training.attendee_ids.sorted(lambda a: a.result != "attended")
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.env["qms.training.attendee"].with_user(self.officer_office).create(
                {"training_id": training.id, "employee_id": self.employee_user.id}
            )
        with self.assertRaisesRegex(UserError, "can no longer change"):
            as_officer.write(
                {"attendee_ids": [fields.Command.create({"employee_id": self.employee_user.id})]}
            )
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            member.with_user(self.officer_office).write({"employee_id": self.employee_user.id})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_officer.write({"name": "Khóa khác", "date": "2020-01-01"})
        with self.assertRaises(UserError):
            absent.with_user(self.qms_manager).write({"result": "passed"})
        with self.assertRaises(UserError):
            absent.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            as_officer.write({"attendee_ids": [fields.Command.delete(absent.id)]})
        planned = self._training(name="Khóa sau")
        with self.assertRaisesRegex(UserError, "can no longer change"):
            planned.attendee_ids[:1].with_user(self.officer_office).write(
                {"training_id": training.id}
            )
        self.assertEqual(len(training.attendee_ids), 2)
        self.assertEqual(absent.result, "absent")
        # the exam result that arrives after the course is recorded once, then final
        member.with_user(self.officer_office).write(
            {"result": "passed", "certificate_number": "CG-2026-021"}
        )
        self.assertEqual(member.certificate_number, "CG-2026-021")
        with self.assertRaises(UserError):
            member.with_user(self.qms_manager).write({"result": "failed"})
        self.assertEqual(member.result, "passed")


@tagged("post_install", "-at_install")
class TestReviewDates(GovernanceCommon):
    """The date of the last review of the context and the parties is set by the review."""

    def test_review_dates_are_set_by_the_review(self):
        issue = self.env["qms.context.issue"].create(
            {"name": "Chuyển đổi số", "department_id": self.department_unit.id}
        )
        party = self.env["qms.interested.party"].create(
            {"name": "Người dân", "department_id": self.department_unit.id}
        )
        for record in (issue, party):
            for user in (self.unit_officer, self.qms_manager):
                for name in ("last_review_date", "review_reminded_date"):
                    with self.assertRaisesRegex(UserError, "only through its actions"):
                        record.with_user(user).write({name: "2030-01-01"})
            with self.assertRaises(AccessError):
                record.with_user(self.unit_officer).action_archive()
            with self.assertRaises(UserError):
                record.with_user(self.qms_manager).unlink()
            self.assertEqual(record.last_review_date, self.today)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.context.issue"].with_user(self.unit_officer).create(
                {
                    "name": "Rà soát cũ",
                    "department_id": self.department_unit.id,
                    "last_review_date": "2030-01-01",
                }
            )
        new = (
            self.env["qms.interested.party"]
            .with_user(self.unit_officer)
            .create(
                {
                    "name": "Doanh nghiệp",
                    "department_id": self.department_unit.id,
                    "last_review_date": fields.Date.to_string(self.today),
                }
            )
        )
        self.assertEqual(new.last_review_date, self.today, "the form sends today back")
        issue.with_user(self.unit_officer).write({"response": "Số hóa hồ sơ"})
        issue.with_user(self.unit_officer).action_mark_reviewed()
        self.assertEqual(issue.last_review_date, self.today)
