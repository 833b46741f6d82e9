import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .test_nonconformity import NonconformityCommon

OVERDUE_TYPE = "qms_iso9001.mail_activity_type_qms_action_overdue"


@tagged("post_install", "-at_install")
class TestAction(NonconformityCommon):
    def _overdue_activities(self, action, user=None):
        activities = action.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(OVERDUE_TYPE)
        )
        return activities.filtered(lambda a: a.user_id == user) if user else activities

    def test_done_requires_result_or_evidence(self):
        nc = self._to_action_plan(self._create_nc())
        action = self._add_action(nc).with_user(self.unit_member)
        with self.assertRaises(UserError):
            action.action_done()
        self.assertEqual(action.state, "open")
        action.result = "Đã tập huấn lại cho công chức một cửa."
        action.action_done()
        self.assertEqual(action.state, "done")
        self.assertTrue(action.date_done)
        with_file = self._add_action(nc, name="Niêm yết lại thủ tục")
        with_file.attachment_ids = self.env["ir.attachment"].create(
            {"name": "anh_niem_yet.pdf", "datas": base64.b64encode(b"%PDF-1.4 proof")}
        )
        with_file.with_user(self.unit_member).action_done()
        self.assertEqual(with_file.state, "done")
        with self.assertRaises(UserError):  # done is final
            with_file.action_cancel()
        with self.assertRaises(UserError):  # evidence is not deleted
            with_file.unlink()

    def test_standalone_action_keeps_its_origin(self):
        document = self.env["qms.document"].create(
            {
                "name": "Sổ tay chất lượng",
                "type_id": self.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": self.department_office.id,
            }
        )
        action = self.env["qms.action"].create(
            {
                "name": "Rà soát sổ tay chất lượng",
                "action_type": "improvement",
                "res_model": "qms.document",
                "res_id": document.id,
                "responsible_id": self.unit_officer.id,
                "date_deadline": date(2026, 12, 31),
            }
        )
        self.assertEqual(action.origin_name, document.display_name)
        self.assertEqual(action.action_open_origin()["res_id"], document.id)
        self.assertIn(self.unit_officer.partner_id, action.message_partner_ids)

    def test_overdue_is_searchable(self):
        nc = self._to_action_plan(self._create_nc())
        with freeze_time("2026-06-10"):
            late = self._add_action(nc, deadline=date(2026, 6, 1))
            due = self._add_action(nc, deadline=date(2026, 6, 30), name="Chưa đến hạn")
            finished = self._add_action(nc, deadline=date(2026, 6, 1), result="Xong")
            finished.action_done()
            overdue = self.env["qms.action"].search(
                [("is_overdue", "=", True), ("nonconformity_id", "=", nc.id)]
            )
            self.assertEqual(overdue, late)
            self.assertTrue(late.is_overdue)
            self.assertFalse(due.is_overdue)
            not_overdue = self.env["qms.action"].search(
                [("is_overdue", "=", False), ("nonconformity_id", "=", nc.id)]
            )
            self.assertEqual(not_overdue, due | finished)

    def test_cron_reminds_once_then_escalates_once_to_the_manager(self):
        nc = self._to_action_plan(self._create_nc())
        action = self._add_action(nc, deadline=date(2026, 6, 1))
        manager = self.unit_officer  # the member's employee reports to the officer's employee
        with freeze_time("2026-06-01"):
            self.env["qms.action"]._cron_remind_overdue()
        self.assertFalse(self._overdue_activities(action), "not overdue on its deadline")
        with freeze_time("2026-06-02"):
            self.env["qms.action"]._cron_remind_overdue()
            self.env["qms.action"]._cron_remind_overdue()
        self.assertEqual(len(self._overdue_activities(action, self.unit_member)), 1)
        self.assertEqual(action.date_reminded, date(2026, 6, 2))
        with freeze_time("2026-06-04"):  # 2 days later: default delay is 3
            self.env["qms.action"]._cron_remind_overdue()
        self.assertFalse(self._overdue_activities(action, manager))
        with freeze_time("2026-06-05"):
            self.env["qms.action"]._cron_remind_overdue()
        with freeze_time("2026-06-09"):
            self.env["qms.action"]._cron_remind_overdue()
        self.assertEqual(len(self._overdue_activities(action, manager)), 1)
        self.assertEqual(len(self._overdue_activities(action)), 2)
        self.assertEqual(action.date_escalated, date(2026, 6, 5))
        action.with_user(self.unit_member).write({"result": "Đã hoàn thành"})
        action.with_user(self.unit_member).action_done()
        self.assertFalse(self._overdue_activities(action), "done closes the reminders")

    def test_escalation_delay_is_a_company_setting_and_falls_back_to_unit_manager(self):
        self.env.company.qms_action_escalation_days = 1
        self.department_office.manager_id = self.employee_director  # the leader
        nc = self._to_action_plan(
            self._create_nc(department_id=self.department_office.id, responsible_id=self.leader.id),
            user=self.leader,
        )
        action = self._add_action(nc, responsible=self.office_user, deadline=date(2026, 6, 1))
        with freeze_time("2026-06-02"):
            self.env["qms.action"]._cron_remind_overdue()
        with freeze_time("2026-06-03"):
            self.env["qms.action"]._cron_remind_overdue()
        self.assertEqual(len(self._overdue_activities(action, self.leader)), 1)

    def test_new_deadline_restarts_the_reminders(self):
        nc = self._to_action_plan(self._create_nc())
        action = self._add_action(nc, deadline=date(2026, 6, 1))
        with freeze_time("2026-06-02"):
            self.env["qms.action"]._cron_remind_overdue()
        self.assertEqual(action.date_reminded, date(2026, 6, 2))
        action.date_deadline = date(2026, 7, 1)
        self.assertFalse(action.date_reminded)
        with freeze_time("2026-07-02"):
            self.env["qms.action"]._cron_remind_overdue()
        self.assertEqual(action.date_reminded, date(2026, 7, 2))

    def test_my_actions_query_count_does_not_grow(self):
        nc = self._to_action_plan(self._create_nc())
        for index in range(3):
            self._add_action(nc, name=f"Hành động {index}")
        actions = self.env["qms.action"].with_user(self.unit_member)
        actions.search([("responsible_id", "=", self.unit_member.id)]).read(
            ["name", "is_overdue", "nonconformity_id", "state"]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            actions.search([("responsible_id", "=", self.unit_member.id)]).read(
                ["name", "is_overdue", "nonconformity_id", "state"]
            )
        for index in range(10):
            self._add_action(nc, name=f"Hành động thêm {index}")
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            actions.search([("responsible_id", "=", self.unit_member.id)]).read(
                ["name", "is_overdue", "nonconformity_id", "state"]
            )
