import base64
from datetime import date
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.sql_db import Cursor
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL

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
            with_file.action_cancel("Không cần nữa")
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

    def _create_ncs_with_actions(self, count):
        """`count` NCs with two actions each (officer and member), in one create."""
        self.env.flush_all()
        queries = self.env.cr.sql_log_count
        ncs = self.env["qms.nonconformity"].create(
            [
                {
                    "title": f"Hồ sơ quá hạn {index}",
                    "department_id": self.department_unit.id,
                    "description": "<p>Hồ sơ trả kết quả quá hạn.</p>",
                    "action_ids": [
                        Command.create(
                            {
                                "name": "Tập huấn lại công chức một cửa",
                                "responsible_id": user.id,
                                "date_deadline": date(2026, 12, 31),
                            }
                        )
                        for user in (self.unit_officer, self.unit_member)
                    ],
                }
                for index in range(count)
            ]
        )
        self.env.flush_all()
        return ncs, self.env.cr.sql_log_count - queries

    def test_batch_creation_cost_per_nc(self):
        """Issue 16: NCs created with their actions in one go (an import, `make bench`) cost a
        few queries each, not a follower subscription and an existence check per action; each
        action's responsible still follows it."""
        self._create_ncs_with_actions(2)  # caches warm (sequence, rules, subtypes)
        _ncs, two = self._create_ncs_with_actions(2)
        ncs, twelve = self._create_ncs_with_actions(12)
        self.assertLessEqual((twelve - two) / 10, 5, "queries per extra NC with two actions")
        for action in ncs.action_ids:
            self.assertIn(action.responsible_id.partner_id, action.message_partner_ids)
        self.assertEqual(len(ncs.action_ids), 24)

    def test_list_counts_open_actions_without_reading_them(self):
        """Issue 16: the NC list shows the open actions of each NC from the NC's own row: a page
        of the list reads no action, and the count follows the actions' progress."""
        ncs, _queries = self._create_ncs_with_actions(3)
        ncs[0].action_ids[:1].sudo()._qms_set({"state": "cancelled"})
        self.env.flush_all()
        self.env.invalidate_all()
        queries = []
        execute = Cursor.execute

        def recorded(cursor, query, params=None, log_exceptions=None):
            queries.append(str(query.code if isinstance(query, SQL) else query))
            return execute(cursor, query, params, log_exceptions)

        spec = {"title": {}, "action_count": {}, "open_action_count": {}}
        with patch("odoo.sql_db.Cursor.execute", recorded):
            rows = self.env["qms.nonconformity"].web_search_read([("id", "in", ncs.ids)], spec)
        self.assertFalse([query for query in queries if "qms_action" in query])
        counts = {
            row["id"]: (row["open_action_count"], row["action_count"]) for row in rows["records"]
        }
        self.assertEqual(counts, {ncs[0].id: (1, 2), ncs[1].id: (2, 2), ncs[2].id: (2, 2)})


@tagged("post_install", "-at_install")
class TestActionLifecycle(NonconformityCommon):
    """Issue 13: an action is done on the day its responsible (or the unit's officer) marks it,
    never by typing the state and a back date."""

    WORKFLOW = ("state", "date_done", "is_done_on_time", "date_reminded", "date_escalated")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls._create_qms_user("qms_colleague", "qms_iso9001.group_qms_user")
        cls.env["hr.employee"].create(
            {
                "name": "Hoàng Văn Nam",
                "department_id": cls.department_unit.id,
                "user_id": cls.colleague.id,
            }
        )

    def test_done_with_a_back_date_by_plain_write_is_refused(self):
        nc, action = self._to_in_progress(self._create_nc())
        action.with_user(self.unit_member).write({"result": "Đã làm"})
        before = self._snapshot(action, self.WORKFLOW)
        for user in (self.unit_member, self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                action.with_user(user).write({"state": "done", "date_done": date(2020, 1, 1)})
            with self.assertRaises(UserError):
                action.with_user(user).write({"date_done": date(2020, 1, 1)})
            with self.assertRaises(UserError):
                action.with_user(user).write({"date_reminded": date(2020, 1, 1)})
        self.assertEqual(self._snapshot(action, self.WORKFLOW), before)
        with freeze_time("2026-06-15"):
            action.with_user(self.unit_member).action_done()
        self.assertEqual((action.state, action.date_done), ("done", date(2026, 6, 15)))
        for user in (self.unit_member, self.qms_manager):
            with self.assertRaises(UserError):  # the day it was done is not retyped
                action.with_user(user).write({"date_done": date(2026, 1, 1)})
            with self.assertRaises(UserError):  # nor what was done
                action.with_user(user).write({"result": "Viết lại"})
            with self.assertRaises(UserError):
                action.with_user(user).write({"state": "open"})
        self.assertEqual(action.date_done, date(2026, 6, 15))
        self.assertEqual(nc.state, "in_progress")

    def test_workflow_values_are_not_given_at_creation(self):
        nc = self._to_action_plan(self._create_nc())
        Action = self.env["qms.action"].with_user(self.unit_officer)
        values = {
            "name": "Đã xong từ trước",
            "nonconformity_id": nc.id,
            "responsible_id": self.unit_member.id,
            "date_deadline": date(2026, 6, 30),
        }
        for name, value in (("state", "done"), ("date_done", "2020-01-01")):
            with self.assertRaises(UserError):
                Action.create(dict(values, **{name: value}))
        action = Action.with_context(default_state="done", default_date_done="2020-01-01").create(
            values
        )
        self.assertEqual((action.state, action.date_done), ("open", False))

    def test_done_by_its_responsible_or_the_unit_officer_only(self):
        nc, action = self._to_in_progress(self._create_nc())
        action.with_user(self.unit_member).write({"result": "Đã làm"})
        # a colleague of the unit, the standing office and a leader do not mark it done
        for user in (self.colleague, self.qms_manager, self.leader, self.office_user):
            with self.assertRaises(AccessError):
                action.with_user(user).action_done()
            with self.assertRaises(AccessError):
                action.with_user(user).action_start()
        self.assertEqual(action.state, "open")
        action.with_user(self.unit_officer).action_start()
        action.with_user(self.unit_officer).action_done()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.date_done, fields.Date.today())
        self.assertEqual(nc.open_action_count, 0)

    def test_cancel_by_the_unit_officer_or_the_office_with_a_reason(self):
        nc, action = self._to_in_progress(self._create_nc())
        for user in (self.unit_member, self.colleague):  # the responsible does not drop it
            with self.assertRaises(AccessError):
                action.with_user(user).action_cancel("Không kịp làm")
            with self.assertRaises(AccessError):
                action.with_user(user).action_cancel_wizard()
        with self.assertRaises(UserError):
            action.with_user(self.unit_officer).action_cancel(" ")
        self.assertEqual(action.state, "open")
        wizard_action = action.with_user(self.unit_officer).action_cancel_wizard()
        self.env["qms.reason.wizard"].with_user(self.unit_officer).with_context(
            **wizard_action["context"]
        ).create({"reason": "Thay bằng giải pháp phần mềm"}).action_confirm()
        self.assertEqual(action.state, "cancelled")
        self.assertIn("Thay bằng giải pháp phần mềm", self._chatter(action))
        self.assertEqual(nc.open_action_count, 0)

    def test_office_reopens_a_done_action_with_a_reason(self):
        nc, action = self._to_verification(self._create_nc())
        for user in (self.unit_member, self.unit_officer, self.leader):
            with self.assertRaises(AccessError):
                action.with_user(user).action_reopen("Chưa làm xong")
        with self.assertRaises(UserError):
            action.with_user(self.qms_manager).action_reopen("")
        self.assertEqual(action.state, "done")
        action.with_user(self.qms_manager).action_reopen("Quy trình sửa đổi chưa được ký ban hành")
        self.assertEqual((action.state, action.date_done), ("open", False))
        self.assertIn("chưa được ký ban hành", self._chatter(action))
        self.assertEqual(nc.state, "in_progress", "the NC goes back to its actions")
        action.with_user(self.unit_member).action_done()
        nc.action_to_verification()
        self.assertEqual(nc.state, "verification")

    def test_origin_is_set_at_creation_only(self):
        first = self._to_action_plan(self._create_nc())
        second = self._to_action_plan(self._create_nc(title="Phiếu khác"))
        action = self._add_action(first)
        for values in (
            {"nonconformity_id": second.id},
            {"nonconformity_id": False},
            {"res_model": "qms.nonconformity", "res_id": second.id},
        ):
            with self.assertRaises(UserError, msg=str(values)):
                action.with_user(self.unit_officer).write(values)
        self.assertEqual(action.nonconformity_id, first)

    def test_no_action_slipped_into_an_nc_one_cannot_change(self):
        office_nc = self._create_nc(
            department_id=self.department_office.id, responsible_id=self.leader.id
        )
        count = self.env["qms.action"].search_count([])
        # naming oneself responsible would open the office's NC to the unit member
        with self.assertRaises(AccessError):
            self.env["qms.action"].with_user(self.unit_member).create(
                {
                    "name": "Hành động tự gán",
                    "nonconformity_id": office_nc.id,
                    "responsible_id": self.unit_member.id,
                    "date_deadline": date(2030, 1, 1),
                }
            )
        for bad in ("1", [office_nc.id], 10**9):
            with self.assertRaises(UserError):
                self.env["qms.action"].with_user(self.unit_member).create(
                    {
                        "name": "Giá trị lạ",
                        "nonconformity_id": bad,
                        "responsible_id": self.unit_member.id,
                        "date_deadline": date(2030, 1, 1),
                    }
                )
        self.assertEqual(self.env["qms.action"].search_count([]), count)
        with self.assertRaises(AccessError):
            office_nc.with_user(self.unit_member).read(["title"])
