import base64
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import QmsCommon

REMINDER = "qms_iso9001.mail_activity_type_qms_plan_task"


class PlanCommon(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            [
                {
                    "name": "Lê Thị Hoa",
                    "department_id": cls.department_unit.id,
                    "user_id": cls.unit_officer.id,
                },
                {
                    "name": "Phan Văn Bình",
                    "department_id": cls.department_unit.id,
                    "user_id": cls.qms_user.id,
                },
            ]
        )
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
        cls.user_office = cls._create_qms_user("qms_user_office", "qms_iso9001.group_qms_user")
        cls.env["hr.employee"].create(
            {
                "name": "Bùi Văn Khoa",
                "department_id": cls.department_office.id,
                "user_id": cls.user_office.id,
            }
        )
        cls.env["qms.approval.route"].search([("model", "=", "qms.plan")]).active = False
        cls.env["qms.approval.route"].create(
            {
                "name": "Lãnh đạo Sở phê duyệt kế hoạch",
                "model_id": cls.env["ir.model"]._get_id("qms.plan"),
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Phê duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _create_plan(cls, year=2026, department=None, tasks=None):
        department = department or cls.department_unit
        if tasks is None:
            tasks = [
                {
                    "name": "Rà soát, cập nhật quy trình chứng thực",
                    "department_id": department.id,
                    "user_id": cls.qms_user.id,
                    "date_start": f"{year}-02-01",
                    "date_deadline": f"{year}-03-31",
                },
                {
                    "name": "Đánh giá nội bộ HTQLCL",
                    "department_id": department.id,
                    "user_id": cls.unit_officer.id,
                    "date_start": f"{year}-09-01",
                    "date_deadline": f"{year}-10-15",
                    "deliverable_required": True,
                    "deliverable_name": "Báo cáo đánh giá nội bộ",
                },
            ]
        return cls.env["qms.plan"].create(
            {
                "name": f"Kế hoạch duy trì, cải tiến HTQLCL năm {year}",
                "year": year,
                "department_id": department.id,
                "task_ids": [Command.create(task) for task in tasks],
            }
        )

    def _approve(self, plan):
        plan.with_user(self.unit_officer).action_submit_for_approval()
        plan.with_user(self.leader).action_approve()
        self.assertEqual(plan.state, "approved")
        return plan


@tagged("post_install", "-at_install")
class TestPlanApproval(PlanCommon):
    def test_approval_flow(self):
        plan = self._create_plan()
        plan.with_user(self.unit_officer).action_submit_for_approval()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.approval_state, "pending")
        self.assertFalse(plan.with_user(self.qms_user).can_approve)
        with self.assertRaises(UserError):
            plan.with_user(self.qms_user).action_approve()
        self.assertTrue(plan.with_user(self.leader).can_approve)
        plan.with_user(self.leader).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approver_id, self.leader)
        self.assertTrue(plan.date_approved)

    def test_rejection_returns_to_draft(self):
        plan = self._create_plan()
        plan.with_user(self.unit_officer).action_submit_for_approval()
        plan.with_user(self.leader).action_reject_with_reason(
            "Bổ sung nhiệm vụ khắc phục sau đánh giá"
        )
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.approval_state, "rejected")

    def test_cannot_submit_empty_or_incomplete_plan(self):
        empty = self._create_plan(tasks=[])
        with self.assertRaises(UserError):
            empty.with_user(self.unit_officer).action_submit_for_approval()
        self.assertEqual(empty.state, "draft")
        incomplete = self._create_plan(tasks=[{"name": "Xem xét của lãnh đạo"}])
        with self.assertRaises(UserError):
            incomplete.with_user(self.unit_officer).action_submit_for_approval()
        self.assertEqual(incomplete.state, "draft")

    def test_approved_plan_is_kept(self):
        plan = self._approve(self._create_plan())
        with self.assertRaises(UserError):
            plan.unlink()
        draft = self._create_plan(year=2027)
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_completion_needs_closed_tasks(self):
        plan = self._approve(self._create_plan())
        with self.assertRaises(UserError):
            plan.action_done()
        first, second = plan.task_ids
        first.action_done()
        second.write({"deliverable_note": "Báo cáo số 25/BC-STP"})
        second.action_done()
        self.assertEqual(plan.progress, 100.0)
        plan.with_user(self.qms_manager).action_done()
        self.assertEqual(plan.state, "done")
        with self.assertRaises(UserError):
            first.with_user(self.qms_manager).write({"progress": 50})
        self.assertEqual(first.progress, 100.0)

    def test_cancel_pending_plan_closes_its_request(self):
        plan = self._create_plan()
        plan.with_user(self.unit_officer).action_submit_for_approval()
        plan.with_user(self.qms_manager).action_cancel("Sáp nhập vào kế hoạch chung của Sở")
        self.assertEqual(plan.state, "cancelled")
        self.assertEqual(plan.approval_state, "none")
        self.assertTrue(
            any("Sáp nhập vào kế hoạch chung của Sở" in m.body for m in plan.message_ids)
        )
        plan.with_user(self.qms_manager).action_reset_to_draft("Đơn vị lập kế hoạch riêng")
        self.assertEqual(plan.state, "draft")


@tagged("post_install", "-at_install")
class TestPlanTask(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._create_plan()

    def test_progress_only_once_approved(self):
        task = self.plan.task_ids[0]
        with self.assertRaises(UserError):
            task.with_user(self.unit_officer).write({"progress": 30})
        self.assertEqual(task.progress, 0.0)
        self._approve(self.plan)
        task.with_user(self.qms_user).write({"progress": 30})
        self.assertEqual(task.state, "in_progress", "reporting progress starts the task")
        self.assertAlmostEqual(self.plan.progress, 15.0)

    def test_assignee_cannot_change_the_plan(self):
        self._approve(self.plan)
        task = self.plan.task_ids[0].with_user(self.qms_user)
        with self.assertRaises(UserError):
            task.write({"date_deadline": "2026-12-31"})
        with self.assertRaises(UserError):
            self.plan.task_ids[0].with_user(self.unit_officer).write({"name": "Việc khác"})
        self.plan.task_ids[0].with_user(self.qms_manager).write({"date_deadline": "2026-04-30"})
        self.assertEqual(self.plan.task_ids[0].date_deadline, date(2026, 4, 30))

    @freeze_time("2026-03-20")
    def test_done_sets_progress_and_date(self):
        self._approve(self.plan)
        task = self.plan.task_ids[0].with_user(self.qms_user)
        task.write({"progress": 40})
        task.action_done()
        self.assertEqual(task.progress, 100.0)
        self.assertEqual(task.date_done, date(2026, 3, 20))
        self.assertTrue(task.is_done_on_time)
        task.with_user(self.qms_manager).action_reopen("Báo cáo chưa đầy đủ")
        self.assertEqual(task.state, "in_progress")
        self.assertFalse(task.date_done)
        self.assertFalse(task.is_done_on_time)

    def test_done_needs_the_deliverable(self):
        self._approve(self.plan)
        task = self.plan.task_ids[1].with_user(self.unit_officer)
        with self.assertRaises(ValidationError):
            task.action_done()
        self.assertEqual(task.state, "todo")
        report = (
            self.env["ir.attachment"]
            .with_user(self.unit_officer)
            .create({"name": "bao_cao_danh_gia_noi_bo.pdf", "datas": base64.b64encode(b"%PDF-1.4")})
        )
        task.write({"deliverable_attachment_ids": [Command.link(report.id)]})
        task.action_done()
        self.assertEqual(task.state, "done")

    def test_invalid_values(self):
        task = self.plan.task_ids[0]
        with self.assertRaises(ValidationError):
            task.write({"date_deadline": "2026-01-15"})
        self._approve(self.plan)
        with self.assertRaises(ValidationError):
            task.write({"progress": 120})
        with self.assertRaises(ValidationError):
            task.write({"progress": -5})

    def test_overdue_is_computed_and_searchable(self):
        self._approve(self.plan)
        first, second = self.plan.task_ids
        Task = self.env["qms.plan.task"]
        with freeze_time("2026-04-01"):
            first.invalidate_recordset(["is_overdue"])
            self.assertTrue(first.is_overdue)
            self.assertFalse(second.is_overdue)
            self.assertEqual(Task.search([("is_overdue", "=", True)]) & self.plan.task_ids, first)
            self.assertEqual(self.plan.overdue_task_count, 1)
            first.action_done()
            first.invalidate_recordset(["is_overdue"])
            self.assertFalse(first.is_overdue)
            self.assertFalse(Task.search([("is_overdue", "=", True)]) & self.plan.task_ids)
            self.assertFalse(first.is_done_on_time, "done after the deadline")
            self.assertEqual(
                Task.search([("is_overdue", "=", False)]) & self.plan.task_ids, self.plan.task_ids
            )

    def test_cron_reminds_without_duplicates(self):
        self._approve(self.plan)
        task = self.plan.task_ids[0]
        Task = self.env["qms.plan.task"]

        def reminders():
            return task.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(REMINDER)
            )

        with freeze_time("2026-03-01"):
            Task._cron_remind_deadlines()
            self.assertFalse(reminders(), "30 days before the deadline: too early")
        with freeze_time("2026-03-26"):
            Task._cron_remind_deadlines()
            Task._cron_remind_deadlines()
            self.assertEqual(len(reminders()), 1)
            self.assertEqual(reminders().user_id, self.qms_user)
            self.assertEqual(task.reminder_stage, "due_soon")
        with freeze_time("2026-04-02"):
            Task._cron_remind_deadlines()
            Task._cron_remind_deadlines()
            self.assertEqual(len(reminders()), 1, "the open reminder is moved, not duplicated")
            self.assertEqual(reminders().date_deadline, date(2026, 4, 2))
            self.assertEqual(task.reminder_stage, "overdue")
            task.with_user(self.qms_user).action_done()
            self.assertFalse(reminders(), "a done task is no longer reminded")

    def test_gantt_list_groups_by_deadline_month(self):
        groups = self.env["qms.plan.task"].read_group(
            [("plan_id", "=", self.plan.id)], ["progress:avg"], ["date_deadline:month"]
        )
        self.assertEqual(len(groups), 2)
        kanban = self.env["qms.plan.task"]._read_group(
            [("plan_id", "=", self.plan.id)], ["state"], ["__count"]
        )
        self.assertEqual(dict(kanban), {"todo": 2})

    def test_my_unit_filter(self):
        Task = self.env["qms.plan.task"]
        domain = [("plan_id", "=", self.plan.id), ("is_my_unit", "=", True)]
        self.assertEqual(Task.with_user(self.unit_officer).search(domain), self.plan.task_ids)
        self.assertFalse(Task.with_user(self.officer_office).search(domain))
        self.assertTrue(all(self.plan.task_ids.with_user(self.qms_user).mapped("is_my_unit")))

    def test_task_form_prefills_unit_from_assignee(self):
        form = Form(self.env["qms.plan.task"].with_context(default_plan_id=self.plan.id))
        form.name = "Khảo sát sự hài lòng của người dân"
        form.user_id = self.user_office
        self.assertEqual(form.department_id, self.department_office)


@tagged("post_install", "-at_install")
class TestPlanCopy(PlanCommon):
    def test_copy_to_next_year(self):
        plan = self._create_plan(
            year=2028,
            tasks=[
                {
                    "name": "Báo cáo tình hình áp dụng HTQLCL",
                    "department_id": self.department_unit.id,
                    "user_id": self.qms_user.id,
                    "date_start": "2028-02-01",
                    "date_deadline": "2028-02-29",
                    "deliverable_required": True,
                },
                {
                    "name": "Công bố lại HTQLCL",
                    "department_id": self.department_unit.id,
                    "date_deadline": "2028-12-15",
                },
                {
                    "name": "Nhiệm vụ đã hủy",
                    "department_id": self.department_unit.id,
                    "date_deadline": "2028-06-30",
                },
            ],
        )
        self._approve(plan)
        first = plan.task_ids.filtered(lambda t: t.name == "Báo cáo tình hình áp dụng HTQLCL")
        cancelled = plan.task_ids.filtered(lambda t: t.name == "Nhiệm vụ đã hủy")
        attachment = self.env["ir.attachment"].create(
            {"name": "bao_cao.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        first.write({"deliverable_attachment_ids": [Command.link(attachment.id)]})
        first.action_done()
        cancelled.with_user(self.qms_manager).action_cancel("Không còn phù hợp")

        wizard_form = Form(
            self.env["qms.plan.copy.wizard"]
            .with_user(self.unit_officer)
            .with_context(default_plan_id=plan.id)
        )
        self.assertEqual(wizard_form.year, 2029)
        self.assertEqual(wizard_form.name, "Kế hoạch duy trì, cải tiến HTQLCL năm 2029")
        action = wizard_form.save().action_copy()
        new_plan = self.env["qms.plan"].browse(action["res_id"])

        self.assertEqual(new_plan.year, 2029)
        self.assertEqual(new_plan.state, "draft")
        self.assertEqual(new_plan.source_plan_id, plan)
        self.assertEqual(len(new_plan.task_ids), 2, "cancelled tasks are left out")
        copied = new_plan.task_ids.sorted("date_deadline")
        self.assertEqual(copied[0].date_deadline, date(2029, 2, 28), "29 February -> 28")
        self.assertEqual(copied[0].date_start, date(2029, 2, 1))
        self.assertEqual(copied[1].date_deadline, date(2029, 12, 15))
        self.assertEqual(copied.mapped("state"), ["todo", "todo"])
        self.assertEqual(copied.mapped("progress"), [0.0, 0.0])
        self.assertFalse(copied.deliverable_attachment_ids)
        self.assertFalse(copied.mapped("date_done")[0])
        self.assertTrue(copied[0].deliverable_required)
        self.assertEqual(plan.task_ids[0].state, "done", "the source plan is untouched")

        wizard = self.env["qms.plan.copy.wizard"].create(
            {"plan_id": plan.id, "year": 2027, "name": "Kế hoạch năm 2027"}
        )
        with self.assertRaises(UserError):
            wizard.action_copy()

    def test_copy_over_leap_year(self):
        """A task due on 29 February 2024 copied four years later keeps 29 February."""
        plan = self._create_plan(
            year=2024,
            tasks=[
                {
                    "name": "Tổng hợp kết quả đo lường mục tiêu chất lượng",
                    "department_id": self.department_unit.id,
                    "date_deadline": "2024-02-29",
                }
            ],
        )
        wizard = self.env["qms.plan.copy.wizard"].create(
            {"plan_id": plan.id, "year": 2028, "name": "Kế hoạch năm 2028"}
        )
        new_plan = self.env["qms.plan"].browse(wizard.action_copy()["res_id"])
        self.assertEqual(new_plan.task_ids.date_deadline, date(2028, 2, 29))


@tagged("post_install", "-at_install")
class TestPlanSecurity(PlanCommon):
    def test_draft_plans_stay_in_their_unit(self):
        plan = self._create_plan()
        plan.with_user(self.qms_user).read(["name"])
        with self.assertRaises(AccessError):
            plan.with_user(self.user_office).read(["name"])
        with self.assertRaises(AccessError):
            plan.task_ids[0].with_user(self.user_office).read(["name"])
        self._approve(plan)
        plan.with_user(self.user_office).read(["name"])
        plan.task_ids.with_user(self.user_office).read(["name"])

    def test_officers_draft_their_unit_plans_only(self):
        plan = self._create_plan()
        plan.with_user(self.unit_officer).write({"reference": "12/KH-STP"})
        with self.assertRaises(AccessError):
            plan.with_user(self.officer_office).write({"reference": "13/KH-STP"})
        with self.assertRaises(AccessError):
            self.env["qms.plan"].with_user(self.qms_user).create({"name": "Kế hoạch", "year": 2026})
        own = (
            self.env["qms.plan"]
            .with_user(self.officer_office)
            .create(
                {
                    "name": "Kế hoạch của Văn phòng",
                    "year": 2026,
                    "department_id": self.department_office.id,
                }
            )
        )
        self.assertEqual(own.state, "draft")

    def test_tasks_reported_by_their_person_or_unit(self):
        plan = self._approve(self._create_plan())
        task = plan.task_ids[0]
        task.with_user(self.qms_user).write({"progress": 20})
        task.with_user(self.unit_officer).write({"progress": 60})
        with self.assertRaises(AccessError):
            task.with_user(self.user_office).write({"progress": 90})
        with self.assertRaises(AccessError):
            task.with_user(self.officer_office).write({"progress": 90})
        with self.assertRaises(AccessError):
            task.with_user(self.qms_user).unlink()
        self.assertEqual(task.progress, 60)

    def test_only_managers_adjust_approved_plans(self):
        plan = self._approve(self._create_plan())
        with self.assertRaises(UserError):
            self.env["qms.plan.task"].with_user(self.unit_officer).create(
                {"plan_id": plan.id, "name": "Việc bổ sung", "date_deadline": "2026-11-30"}
            )
        self.env["qms.plan.task"].with_user(self.qms_manager).create(
            {"plan_id": plan.id, "name": "Việc bổ sung", "date_deadline": "2026-11-30"}
        )
        self.assertEqual(len(plan.task_ids), 3)


@tagged("post_install", "-at_install")
class TestPlanPerformance(PlanCommon):
    def _count_queries(self, plans):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        plans.with_user(self.qms_manager).read(["progress", "overdue_task_count", "task_count"])
        return self.cr.sql_log_count - before

    def test_plan_list_stats_do_not_grow_with_plans(self):
        """Progress and overdue counts of a list of plans are read in a fixed number of queries."""
        few = self._create_plan(year=2021) | self._create_plan(year=2022)
        many = few
        for year in range(2023, 2031):
            many |= self._create_plan(year=year)
        self._count_queries(many)  # warm the caches of rules and groups
        self.assertEqual(self._count_queries(few), self._count_queries(many))
        self.assertLessEqual(self._count_queries(many), 12)


@tagged("post_install", "-at_install")
class TestPlanLifecycle(PlanCommon):
    """Plans and tasks move only through their actions, each reserved to those who may."""

    def test_plan_workflow_fields_are_not_written(self):
        plan = self._create_plan()
        forged = {
            "state": "approved",
            "approver_id": self.leader.id,
            "date_approved": "2026-01-05",
            "source_plan_id": self._create_plan(year=2025).id,
        }
        for user in (self.unit_officer, self.qms_manager):
            for name, value in forged.items():
                with self.assertRaisesRegex(UserError, "only through its actions"):
                    plan.with_user(user).write({name: value})
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.plan"].with_user(self.qms_manager).create(
                {"name": "Kế hoạch đã duyệt sẵn", "year": 2026, "state": "approved"}
            )
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.approver_id or plan.date_approved or plan.source_plan_id)

    def test_cancel_approved_plan_is_the_standing_office_s_with_a_reason(self):
        plan = self._approve(self._create_plan())
        for user in (self.qms_user, self.unit_officer, self.leader):
            with self.assertRaises(AccessError):
                plan.with_user(user).action_cancel("Không cần nữa")
            with self.assertRaises(AccessError):
                plan.with_user(user).action_reset_to_draft("Làm lại")
        with self.assertRaisesRegex(UserError, "reason"):
            plan.with_user(self.qms_manager).action_cancel("  ")
        self.assertEqual(plan.state, "approved")
        plan.with_user(self.qms_manager).action_cancel("Thay bằng kế hoạch chung của Sở")
        self.assertEqual(plan.state, "cancelled")
        self.assertTrue(any("Thay bằng kế hoạch chung của Sở" in m.body for m in plan.message_ids))
        with self.assertRaises(UserError):
            plan.with_user(self.qms_manager).unlink()
        with self.assertRaisesRegex(UserError, "reason"):
            plan.with_user(self.qms_manager).action_reset_to_draft(False)
        plan.with_user(self.qms_manager).action_reset_to_draft("Đơn vị vẫn thực hiện")
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.approver_id, "approved again before it is in force again")

    def test_reason_wizard_runs_the_transition_as_the_user(self):
        plan = self._approve(self._create_plan())
        action = plan.with_user(self.qms_manager).action_open_cancel_wizard()
        Wizard = self.env["qms.reason.wizard"].with_context(**action["context"])
        wizard = Wizard.with_user(self.unit_officer).create({"reason": "Thử hủy"})
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(plan.state, "approved")
        Wizard.with_user(self.qms_manager).create(
            {"reason": "Đã có kế hoạch thay thế"}
        ).action_confirm()
        self.assertEqual(plan.state, "cancelled")

    def test_done_plan_is_never_reset_edited_or_deleted(self):
        plan = self._approve(self._create_plan())
        for task in plan.task_ids:
            task.with_user(self.qms_manager).action_cancel("Chuyển sang năm sau")
        plan.with_user(self.qms_manager).action_done()
        manager = plan.with_user(self.qms_manager)
        with self.assertRaises(UserError):
            manager.action_reset_to_draft("Làm lại")
        with self.assertRaises(UserError):
            manager.action_cancel("Hủy")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager.write({"name": "Kế hoạch khác"})
        with self.assertRaisesRegex(UserError, "only through its actions"):
            manager.write({"state": "draft"})
        with self.assertRaises(UserError):
            manager.unlink()
        with self.assertRaises(UserError):
            plan.task_ids[0].with_user(self.qms_manager).unlink()
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.name, "Kế hoạch duy trì, cải tiến HTQLCL năm 2026")

    def test_approved_plan_content_is_frozen(self):
        plan = self._approve(self._create_plan())
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            plan.with_user(self.qms_manager).write({"year": 2027})
        plan.with_user(self.qms_manager).write({"reference": "12/KH-STP", "reminder_days": 3})
        self.assertEqual((plan.year, plan.reference), (2026, "12/KH-STP"))
        with self.assertRaises(UserError):
            plan.with_user(self.qms_manager).action_done()  # open tasks

    @freeze_time("2026-03-20")
    def test_task_done_with_a_back_date_is_refused(self):
        plan = self._approve(self._create_plan())
        task = plan.task_ids[0]
        for user in (self.qms_user, self.unit_officer, self.qms_manager):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                task.with_user(user).write({"state": "done", "date_done": "2026-03-01"})
            with self.assertRaisesRegex(UserError, "only through its actions"):
                task.with_user(user).write({"date_done": "2026-03-01"})
            with self.assertRaisesRegex(UserError, "only through its actions"):
                task.with_user(user).write({"is_done_on_time": True})
        self.assertEqual(task.state, "todo")
        self.assertFalse(task.date_done)
        task.with_user(self.qms_user).action_done()
        self.assertEqual(task.date_done, date(2026, 3, 20), "the day it is reported")
        self.assertEqual(task.progress, 100.0)

    def test_only_the_assignee_or_the_unit_officer_reports_done(self):
        plan = self._approve(self._create_plan())
        first, second = plan.task_ids
        for user in (self.user_office, self.officer_office, self.leader):
            with self.assertRaises(AccessError):
                first.with_user(user).action_done()
            with self.assertRaises(AccessError):
                first.with_user(user).action_start()
        with self.assertRaises(AccessError):
            second.with_user(self.qms_user).action_done()  # a colleague's task
        self.assertEqual(plan.task_ids.mapped("state"), ["todo", "todo"])
        first.with_user(self.unit_officer).action_done()  # the officer of the task's unit
        self.assertEqual(first.state, "done")

    def test_done_task_is_frozen_and_reopened_by_the_standing_office(self):
        plan = self._approve(self._create_plan())
        task = plan.task_ids[0]
        task.with_user(self.qms_user).write({"result_note": "Đã cập nhật 12 quy trình"})
        task.with_user(self.qms_user).action_done()
        for user in (self.qms_user, self.unit_officer):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                task.with_user(user).write({"result_note": "Khác"})
            with self.assertRaisesRegex(UserError, "only through its actions"):
                task.with_user(user).write({"state": "in_progress"})
            with self.assertRaises(AccessError):
                task.with_user(user).action_reopen("Sửa báo cáo")
            with self.assertRaises(AccessError):
                task.with_user(user).action_cancel("Không làm nữa")
        with self.assertRaises(UserError):
            task.with_user(self.qms_manager).unlink()
        with self.assertRaisesRegex(UserError, "reason"):
            task.with_user(self.qms_manager).action_reopen("")
        self.assertEqual(task.state, "done")
        self.assertEqual(task.result_note, "Đã cập nhật 12 quy trình")
        task.with_user(self.qms_manager).action_reopen("Thiếu quy trình chứng thực chữ ký")
        self.assertEqual(task.state, "in_progress")
        self.assertTrue(
            any("Thiếu quy trình chứng thực chữ ký" in m.body for m in task.message_ids)
        )

    def test_cancelling_a_task_is_the_standing_office_s(self):
        plan = self._approve(self._create_plan())
        task = plan.task_ids[0]
        for user in (self.qms_user, self.unit_officer):
            with self.assertRaises(AccessError):
                task.with_user(user).action_cancel("Không cần")
        with self.assertRaisesRegex(UserError, "reason"):
            task.with_user(self.qms_manager).action_cancel(None)
        with self.assertRaises(UserError):
            task.with_user(self.qms_manager).unlink()  # cancelled, never deleted
        self.assertEqual(task.state, "todo")
        task.with_user(self.qms_manager).action_cancel("Gộp vào nhiệm vụ đánh giá nội bộ")
        self.assertEqual(task.state, "cancelled")

    def test_reminder_stage_is_the_cron_s(self):
        plan = self._approve(self._create_plan())
        task = plan.task_ids[0]
        with self.assertRaisesRegex(UserError, "only through its actions"):
            task.with_user(self.qms_user).write({"reminder_stage": "overdue"})
        self.assertEqual(task.reminder_stage, "none")

    def test_copy_checks_its_arguments_and_rights(self):
        plan = self._approve(self._create_plan())
        as_officer = plan.with_user(self.unit_officer)
        for year, name in (("2027", "Kế hoạch"), (True, "Kế hoạch"), (99999, "Kế hoạch")):
            with self.assertRaises(ValidationError):
                as_officer.action_copy_plan(year, name)
        for name in (None, 12, "   "):
            with self.assertRaises(UserError):
                as_officer.action_copy_plan(2027, name)
        with self.assertRaises(AccessError):
            plan.with_user(self.qms_user).action_copy_plan(2027, "Kế hoạch năm 2027")
        new_plan = as_officer.action_copy_plan(2027, "Kế hoạch năm 2027")
        self.assertEqual(new_plan.source_plan_id, plan)
        self.assertEqual(new_plan.state, "draft")
