import base64
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import QmsCommon

PDF = base64.b64encode(b"%PDF-1.4 dashboard test")


@tagged("post_install", "-at_install")
class TestDashboard(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        procedure = cls.env.ref("qms_iso9001.document_type_business_procedure")
        cls.document_read = cls.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực chữ ký",
                "type_id": procedure.id,
                "department_id": cls.department_unit.id,
                "distribution_employee_ids": [
                    (6, 0, (cls.employee_director | cls.employee_officer).ids)
                ],
            }
        )
        cls.revision_read = cls._issued_revision(cls.document_read)
        cls.revision_read.distribution_ids.filtered(
            lambda line: line.user_id == cls.leader
        ).with_user(cls.leader).action_acknowledge()

        cls.document_due = cls.env["qms.document"].create(
            {
                "name": "Quy trình tiếp công dân",
                "type_id": procedure.id,
                "department_id": cls.department_office.id,
                "review_interval_months": 12,
            }
        )
        cls._issued_revision(cls.document_due)
        cls.document_due.last_review_date = date.today() - timedelta(days=400)

        cls.document_pending = cls.env["qms.document"].create(
            {
                "name": "Quy trình đăng ký hộ tịch",
                "type_id": procedure.id,
                "department_id": cls.department_unit.id,
            }
        )
        cls.revision_pending = cls._revision(cls.document_pending)
        cls.revision_pending.write({"state": "to_approve", "date_submitted": "2026-01-05 08:00:00"})

    @classmethod
    def _revision(cls, document):
        attachment = cls.env["ir.attachment"].create({"name": "qt.pdf", "datas": PDF})
        return cls.env["qms.document.revision"].create(
            {"document_id": document.id, "main_attachment_id": attachment.id}
        )

    @classmethod
    def _issued_revision(cls, document):
        revision = cls._revision(document)
        revision.write({"state": "approved"})
        revision.action_issue()
        return revision

    def test_documents_awaiting_approval_or_review(self):
        Dashboard = self.env["qms.dashboard.document"].with_user(self.leader)
        approval = Dashboard.search([("revision_id", "=", self.revision_pending.id)])
        self.assertEqual(approval.item_type, "approval")
        self.assertEqual(approval.department_id, self.department_unit)
        self.assertEqual(approval.date_reference, date(2026, 1, 5))
        review = Dashboard.search([("document_id", "=", self.document_due.id)])
        self.assertEqual(review.item_type, "review")
        self.assertTrue(review.is_overdue)
        self.assertEqual(
            review.days_waiting, (date.today() - self.document_due.next_review_date).days
        )
        self.assertFalse(Dashboard.search([("document_id", "=", self.document_read.id)]))
        groups = dict(
            Dashboard._read_group(
                [("document_id", "in", (self.document_due | self.document_pending).ids)],
                ["department_id"],
                ["item_count:sum"],
            )
        )
        self.assertEqual(groups, {self.department_unit: 1, self.department_office: 1})

    def test_acknowledgement_rate_by_unit_and_document(self):
        Dashboard = self.env["qms.dashboard.acknowledgement"].with_user(self.qms_manager)
        domain = [("document_id", "=", self.document_read.id)]
        by_unit = dict(
            Dashboard._read_group(domain, ["department_id"], ["acknowledgement_rate:avg"])
        )
        self.assertEqual(by_unit, {self.department_office: 100.0, self.department_unit: 0.0})
        [(document, rate, recipients, read)] = Dashboard._read_group(
            domain,
            ["document_id"],
            ["acknowledgement_rate:avg", "recipient_count:sum", "acknowledged_count:sum"],
        )
        self.assertEqual(document, self.document_read)
        self.assertEqual((rate, recipients, read), (50.0, 2, 1))
        self.assertEqual(rate, self.revision_read.acknowledgement_rate)

    def test_leaders_and_standing_office_only(self):
        menu = self.env.ref("qms_iso9001.menu_qms_dashboard")
        models_with_data = ("qms.dashboard.document", "qms.dashboard.acknowledgement")
        for model in (*models_with_data, "qms.dashboard.objective", "qms.dashboard.plan.task"):
            for user in (self.leader, self.qms_manager):
                records = self.env[model].with_user(user).search([])
                if model in models_with_data:
                    self.assertTrue(records, model)
            for user in (self.qms_user, self.unit_officer):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
        for user in (self.leader, self.qms_manager):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(menu.id, visible)
        for user in (self.qms_user, self.unit_officer):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertNotIn(menu.id, visible)

    def test_dashboard_actions_open_a_graph(self):
        for xmlid in (
            "qms_iso9001.action_qms_dashboard_document",
            "qms_iso9001.action_qms_dashboard_acknowledgement",
            "qms_iso9001.action_qms_dashboard_objective",
            "qms_iso9001.action_qms_dashboard_plan_task",
        ):
            action = self.env.ref(xmlid)
            self.assertEqual(action.view_mode.split(",")[0], "graph")
            self.assertIn("pivot", action.view_mode)
            model = self.env[action.res_model].with_user(self.leader)
            for view_type in ("graph", "pivot", "list", "search"):
                self.assertTrue(model.get_view(view_type=view_type)["arch"])

    def test_objective_achievement_by_unit(self):
        objective = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu chất lượng năm 2026",
                "year": 2026,
                "line_ids": [
                    Command.create(self._objective_line("Hồ sơ đúng hạn", self.department_unit)),
                    Command.create(self._objective_line("Phiếu đúng hạn", self.department_unit)),
                    Command.create(
                        self._objective_line("Văn bản đúng hạn", self.department_office)
                    ),
                ],
            }
        )
        Dashboard = self.env["qms.dashboard.objective"].with_user(self.leader)
        domain = [("objective_id", "=", objective.id)]
        self.assertFalse(Dashboard.search(domain), "draft objectives are not reported")
        objective.sudo().write({"state": "approved"})
        on_time, slips, letters = objective.line_ids
        for line, value in ((on_time, 99.0), (slips, 60.0), (letters, 99.0)):
            self.env["qms.objective.measurement"].create(
                {
                    "line_id": line.id,
                    "date_from": "2026-01-01",
                    "date_to": "2026-03-31",
                    "actual_value": value,
                }
            )
        self.assertEqual(len(Dashboard.search(domain)), 3)
        expected = {}
        for line in objective.line_ids:
            met, judged = expected.get(line.department_id, (0, 0))
            expected[line.department_id] = (
                met + (line.achievement == "met"),
                judged + (line.achievement != "pending"),
            )
        self.assertEqual(on_time.achievement, "met")
        self.assertNotEqual(slips.achievement, "met")
        rows = Dashboard._read_group(
            domain, ["department_id"], ["achievement_rate:avg", "target_count:sum"]
        )
        for department, rate, _targets in rows:
            met, judged = expected[department]
            self.assertAlmostEqual(rate, 100.0 * met / judged)
        self.assertEqual(
            {department: targets for department, _rate, targets in rows},
            {self.department_unit: 2, self.department_office: 1},
        )

    def _objective_line(self, indicator, department):
        return {
            "name": f"Mục tiêu: {indicator}",
            "indicator": indicator,
            "target_operator": ">=",
            "target_value": 95,
            "uom": "%",
            "frequency": "quarterly",
            "department_id": department.id,
            "responsible_id": self.qms_user.id,
        }

    def test_overdue_plan_tasks_by_unit(self):
        yesterday = date.today() - timedelta(days=1)
        plan = self.env["qms.plan"].create(
            {
                "name": f"Kế hoạch duy trì HTQLCL năm {yesterday.year}",
                "year": yesterday.year,
                "department_id": self.department_unit.id,
                "task_ids": [
                    Command.create(
                        {
                            "name": "Rà soát quy trình chứng thực",
                            "department_id": self.department_unit.id,
                            "date_deadline": yesterday,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Cập nhật danh mục tài liệu",
                            "department_id": self.department_office.id,
                            "date_deadline": date.today(),
                        }
                    ),
                ],
            }
        )
        Dashboard = self.env["qms.dashboard.plan.task"].with_user(self.leader)
        domain = [("plan_id", "=", plan.id)]
        self.assertFalse(Dashboard.search(domain), "a draft plan is not followed yet")
        plan.sudo().write({"state": "approved"})
        late, due_today = plan.task_ids
        rows = {row.task_id: row for row in Dashboard.search(domain)}
        self.assertEqual(set(rows), {late, due_today})
        for task, row in rows.items():
            self.assertEqual(row.is_overdue, task.is_overdue, task.name)
        self.assertTrue(rows[late].is_overdue)
        self.assertEqual(rows[late].days_overdue, 1)
        self.assertFalse(rows[due_today].is_overdue)
        by_unit = dict(Dashboard._read_group(domain, ["department_id"], ["overdue_count:sum"]))
        self.assertEqual(by_unit, {self.department_unit: 1, self.department_office: 0})
