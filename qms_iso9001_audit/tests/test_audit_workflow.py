from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditWorkflow(AuditCommon):
    def test_plan_and_report_go_through_the_approval_route(self):
        audit = self._create_audit()
        as_lead = audit.with_user(self.auditor_user)
        with self.assertRaises(UserError):
            as_lead.action_submit_for_approval()  # no schedule yet
        self.assertEqual(audit.state, "draft")
        self._add_schedule(audit)
        as_lead.action_submit_for_approval()
        self.assertEqual(audit.state, "to_approve")
        self.assertTrue(audit.with_user(self.leader).can_approve)
        self.assertFalse(audit.with_user(self.auditor_user).can_approve)
        audit.with_user(self.leader).action_approve()
        self.assertEqual(audit.state, "approved")
        self.assertEqual(audit.plan_approver_id, self.leader)
        self.assertTrue(audit.date_plan_approved)
        self.assertFalse(audit.report_approver_id)
        as_lead.action_start()
        self.assertEqual(audit.state, "in_progress")
        as_lead.action_submit_for_approval()
        self.assertEqual(audit.state, "report_to_approve")
        audit.with_user(self.leader).action_reject_with_reason("Bổ sung kết luận")
        self.assertEqual(audit.state, "in_progress")
        self.assertFalse(audit.report_approver_id)
        as_lead.action_submit_for_approval()
        audit.with_user(self.leader).action_approve()
        self.assertEqual(audit.state, "reported")
        self.assertEqual(audit.report_approver_id, self.leader)
        self.assertTrue(audit.date_report_approved)
        self.assertTrue(audit.date_report_sent)
        report_message = audit.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertIn(audit.name, report_message.attachment_ids.name)
        # Tests render reports as HTML instead of PDF; the content is the general report.
        self.assertIn(audit.name, report_message.attachment_ids.raw.decode())
        self.assertIn(self.employee_member.work_contact_id, report_message.partner_ids)

    def test_report_needs_every_answer(self):
        audit = self._create_audit(state="in_progress")
        audit.checklist_template_ids = self._create_template(
            "Mẫu", [(self.clause["7.5.3"], "Tài liệu có kiểm soát?")]
        )
        audit.action_load_checklist()
        with self.assertRaises(UserError):
            audit.action_submit_for_approval()
        self.assertEqual(audit.state, "in_progress")
        audit.checklist_line_ids.result = "conform"
        audit.action_submit_for_approval()
        self.assertEqual(audit.state, "report_to_approve")

    def test_notice_sent_once_n_days_before(self):
        today = fields.Date.context_today(self.env["qms.audit"])
        self.company.qms_audit_notice_days = 5
        soon = self._create_audit(
            date_start=today + timedelta(days=5), date_end=today + timedelta(days=6)
        )
        later = self._create_audit(
            name="Đợt 2",
            date_start=today + timedelta(days=6),
            date_end=today + timedelta(days=7),
        )
        self._add_schedule(soon)
        (soon | later).state = "approved"
        self.env["qms.audit"]._cron_send_notices()
        self.assertTrue(soon.date_notice_sent)
        self.assertFalse(later.date_notice_sent)
        notice = soon.message_ids.filtered(lambda m: soon.name in (m.subject or ""))
        self.assertEqual(len(notice), 1)
        self.assertIn(self.employee_member.work_contact_id, notice.partner_ids)
        self.assertIn(self.department_unit.name, notice.body)
        self.env["qms.audit"]._cron_send_notices()
        notice = soon.message_ids.filtered(lambda m: soon.name in (m.subject or ""))
        self.assertEqual(len(notice), 1, "the notice is sent once")

    def test_approved_audit_is_not_deleted(self):
        audit = self._create_audit()
        self._add_schedule(audit)
        audit.with_user(self.auditor_user).action_submit_for_approval()
        audit.with_user(self.leader).action_approve()
        as_office = audit.with_user(self.qms_manager)
        with self.assertRaises(UserError):
            as_office.unlink()
        with self.assertRaises(UserError):
            as_office.action_reset_draft()
        as_office.action_cancel("Trùng lịch kiểm tra của Sở Nội vụ")
        self.assertEqual(audit.state, "cancelled")
        self.assertTrue(
            audit.message_ids.filtered(lambda m: "Trùng lịch kiểm tra" in str(m.body or ""))
        )
        with self.assertRaises(UserError):
            as_office.unlink()
        # Planned again, it is still the plan the director approved once: kept.
        as_office.action_reset_draft()
        self.assertEqual(audit.state, "draft")
        with self.assertRaises(UserError):
            as_office.unlink()
        self.assertTrue(audit.exists())
        draft = self._create_audit(name="Đợt lập nhầm")
        draft.with_user(self.qms_manager).unlink()
        self.assertFalse(draft.exists())
