from datetime import date, timedelta

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_approval import ApprovalCommon


@tagged("post_install", "-at_install")
class TestApprovalTrail(ApprovalCommon):
    """The abuses of issue 13 on the approval engine, reproduced as the user would over
    JSON-RPC (the same ORM calls), and refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Sở Y tế"})
        cls.forger = cls._create_qms_user("qms_forger", "qms_iso9001.group_qms_unit_officer")
        cls.Delegation = cls.env["qms.approval.delegation"]

    def _delegate(self, user, **values):
        return self.Delegation.with_user(user).create(
            {"date_from": date.today(), "date_to": date.today() + timedelta(days=5), **values}
        )

    def test_a_user_cannot_forge_a_delegation_from_someone_else(self):
        with self.assertRaises(AccessError):
            self._delegate(self.forger, user_id=self.leader.id, delegate_id=self.forger.id)
        with self.assertRaises(AccessError):
            self._delegate(self.forger, user_id=self.reviewer_1.id, delegate_id=self.forger.id)
        self.assertFalse(self.Delegation.search([("delegate_id", "=", self.forger.id)]))
        # an existing delegation cannot be turned into one from the director either
        own = self._delegate(self.forger, delegate_id=self.reviewer_2.id)
        with self.assertRaises(AccessError):
            own.with_user(self.forger).write({"user_id": self.leader.id})
        self.assertEqual(own.user_id, self.forger)

    def test_forged_delegation_does_not_approve_in_the_victims_name(self):
        revision = self._submit(self._create_revision()).with_user(self.forger)
        with self.assertRaises(AccessError):
            revision.action_approve()
        request = revision.sudo().approval_request_id
        self.assertFalse(request.decision_ids)
        self.assertEqual(request.current_step_id.name, "Review")

    def test_standing_office_records_a_delegation_for_an_absent_leader(self):
        delegate = self._create_qms_user("qms_deputy_2", "qms_iso9001.group_qms_leader")
        delegation = self._delegate(
            self.qms_manager, user_id=self.leader.id, delegate_id=delegate.id
        )
        self.assertEqual(delegation.created_by_id, self.qms_manager)
        self.assertEqual(self.Delegation._qms_delegators(delegate), self.leader)

    def test_delegation_stays_inside_one_agency_and_is_bounded(self):
        outsider = self._create_qms_user("qms_outsider", "qms_iso9001.group_qms_user")
        outsider.write(
            {"company_ids": [Command.set(self.company_2.ids)], "company_id": self.company_2.id}
        )
        with self.assertRaisesRegex(ValidationError, "stays inside one agency"):
            self._delegate(self.leader, delegate_id=outsider.id)
        portal = self.env["res.users"].create(
            {
                "name": "Công dân",
                "login": "citizen_delegate",
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaisesRegex(ValidationError, "internal user"):
            self._delegate(self.leader, delegate_id=portal.id)
        with self.assertRaisesRegex(ValidationError, "at most 90 days"):
            self._delegate(
                self.leader,
                delegate_id=self.reviewer_1.id,
                date_to=date.today() + timedelta(days=91),
            )
        self._delegate(self.leader, delegate_id=self.reviewer_1.id)

    def test_delegation_of_another_agency_does_not_count(self):
        """A delegation recorded in agency 2 does not let its delegate decide in agency 1."""
        self.leader.company_ids = [Command.link(self.company_2.id)]
        self.reviewer_1.company_ids = [Command.link(self.company_2.id)]
        revision = self._submit()
        revision.with_user(self.reviewer_2).action_approve()  # step 2 awaits the director
        self.Delegation.sudo().create(
            {
                "user_id": self.leader.id,
                "delegate_id": self.reviewer_1.id,
                "date_to": date.today(),
                "company_id": self.company_2.id,
            }
        )
        with self.assertRaises(AccessError):
            revision.with_user(self.reviewer_1).action_approve()
        inbox = self.env["qms.approval.request.step"].with_user(self.reviewer_1)
        self.assertFalse(inbox.search([("is_waiting_on_me", "=", True)]))

    def test_delegate_who_cannot_read_the_record_cannot_decide(self):
        revision = self._submit()
        revision.with_user(self.reviewer_2).action_approve()
        stranger = self._create_qms_user("qms_stranger", "base.group_user")
        self.Delegation.sudo().create(
            {"user_id": self.leader.id, "delegate_id": stranger.id, "date_to": date.today()}
        )
        with self.assertRaises(AccessError):
            revision.with_user(stranger).action_approve()
        self.assertEqual(revision.state, "to_approve")

    def test_started_delegation_is_evidence(self):
        delegation = self._delegate(self.leader, delegate_id=self.reviewer_1.id)
        with self.assertRaises(UserError):
            delegation.with_user(self.leader).write({"delegate_id": self.reviewer_2.id})
        with self.assertRaises(UserError):
            delegation.with_user(self.leader).unlink()
        delegation.with_user(self.leader).write({"date_to": date.today()})
        later = self._delegate(
            self.leader,
            delegate_id=self.reviewer_2.id,
            date_from=date.today() + timedelta(days=10),
            date_to=date.today() + timedelta(days=12),
        )
        later.with_user(self.leader).unlink()

    def test_requests_and_decisions_are_append_only(self):
        revision = self._submit()
        revision.with_user(self.reviewer_1).action_approve("Đồng ý")
        request = revision.sudo().approval_request_id
        decision = request.decision_ids
        step = request.step_ids[0]
        for user in (self.qms_manager, self.reviewer_1, self.unit_officer):
            with self.assertRaises(AccessError):
                request.with_user(user).write({"state": "approved"})
            with self.assertRaises(AccessError):
                request.with_user(user).unlink()
            with self.assertRaises(AccessError):
                decision.with_user(user).write({"comment": "Sửa lại"})
            with self.assertRaises(AccessError):
                decision.with_user(user).unlink()
            with self.assertRaises(AccessError):
                step.with_user(user).write({"state": "pending"})
            with self.assertRaises(AccessError):
                self.env["qms.approval.decision"].with_user(user).create(
                    {
                        "request_id": request.id,
                        "step_id": step.id,
                        "user_id": self.leader.id,
                        "decision": "approved",
                    }
                )
        # not even the superuser rewrites or deletes a decision
        with self.assertRaises(UserError):
            decision.write({"comment": "Sửa lại"})
        with self.assertRaises(UserError):
            decision.unlink()
        with self.assertRaises(UserError):
            request.unlink()
        self.assertEqual(decision.comment, "Đồng ý")
        self.assertEqual(request.state, "pending")

    def test_approval_by_plain_write_is_refused(self):
        revision = self._create_revision()
        director = self.leader
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                revision.with_user(user).write({"state": "issued", "approver_id": director.id})
        self.assertEqual(revision.state, "draft")
        self.assertFalse(revision.approver_id)
        submitted = self._submit(revision)
        request = submitted.approval_request_id
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                submitted.with_user(user).write({"approval_request_id": False})
        self.assertEqual(submitted.approval_request_id, request)

    def test_overdue_step_is_reminded_then_escalated_once(self):
        office_head = self._create_qms_user("qms_office_head", "qms_iso9001.group_qms_manager")
        self.department_office.manager_id = self.env["hr.employee"].create(
            {"name": "Chánh Văn phòng", "user_id": office_head.id}
        )
        self.company.qms_standing_department_id = self.department_office
        self.company.qms_approval_escalation_days = 2
        self.route.step_ids[0].deadline_days = 1
        with freeze_time("2026-11-16 02:00:00"):  # Monday
            revision = self._submit()
        step = revision.sudo().approval_request_id.current_step_id
        Step = self.env["qms.approval.request.step"]
        with freeze_time("2026-11-17 02:00:00"):  # deadline day: nothing yet
            Step._cron_remind_overdue()
        self.assertFalse(step.reminded_on)
        with freeze_time("2026-11-18 02:00:00"):
            Step._cron_remind_overdue()
            Step._cron_remind_overdue()
        self.assertEqual(step.reminded_on, date(2026, 11, 18))
        reminders = revision.sudo().message_ids.filtered(lambda m: "Reminder" in (m.body or ""))
        self.assertEqual(len(reminders), 1)
        self.assertEqual(set(reminders.partner_ids.ids), set(step.approver_ids.partner_id.ids))
        self.assertFalse(step.escalated_on, "one working day late: reminded only")
        with freeze_time("2026-11-19 02:00:00"):  # the 2nd working day after the deadline
            Step._cron_remind_overdue()
            Step._cron_remind_overdue()
        self.assertEqual(step.escalated_on, date(2026, 11, 19))
        escalations = revision.sudo().activity_ids.filtered(
            lambda a: a.user_id == office_head and "Escalated" in (a.summary or "")
        )
        self.assertEqual(len(escalations), 1)

    def test_form_gets_the_approval_buttons_from_the_declaration(self):
        arch = self.env["qms.document.revision"].get_view(view_type="form")["arch"]
        tree = etree.fromstring(arch)
        header = tree.find(".//header")
        names = [button.get("name") for button in header.iter("button")]
        for name in (
            "action_submit_for_approval",
            "action_approve_with_comment",
            "action_reject",
            "action_recall",
        ):
            self.assertEqual(names.count(name), 1, name)
        submit = header.find("button[@name='action_submit_for_approval']")
        self.assertIn("state not in ['draft']", submit.get("invisible"))
        self.assertTrue(tree.xpath("//sheet//field[@name='approval_step_id']"))

    def test_approval_wizard_refuses_an_unknown_model(self):
        Wizard = self.env["qms.approval.wizard"].with_user(self.unit_officer)
        for model in ("no.such.model", "res.partner", "res.users"):
            with self.assertRaises(ValidationError):
                Wizard.create({"res_model": model, "res_id": 1, "decision": "approve"})
        wizard = Wizard.create(
            {"res_model": "qms.document.revision", "res_id": 999999, "decision": "approve"}
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
