import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestManagementReview(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_staff = cls.env["hr.employee"].create(
            {
                "name": "Lê Minh Tuấn",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.env["qms.approval.route"].search(
            [("model", "=", "qms.management.review")]
        ).active = False
        cls.env["qms.approval.route"].create(
            {
                "name": "Biên bản xem xét của lãnh đạo",
                "model_id": cls.env["ir.model"]._get("qms.management.review").id,
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Giám đốc duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )
        cls.review = cls._create_review()

    @classmethod
    def _create_review(cls, **values):
        return (
            cls.env["qms.management.review"]
            .with_user(cls.qms_manager)
            .create(
                {
                    "name": "Họp xem xét của lãnh đạo năm 2025",
                    "date": "2025-12-20",
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-15",
                    "chair_id": cls.employee_director.id,
                    "secretary_id": cls.employee_secretary.id,
                    "participant_ids": [Command.set(cls.employee_staff.ids)],
                    **values,
                }
            )
        )

    def _approve(self, review):
        review.with_user(self.qms_manager).action_gather_inputs()
        review.with_user(self.qms_manager).action_submit_for_approval()
        review.with_user(self.leader).action_approve()
        self.assertEqual(review.state, "approved")

    def _section(self, review, code):
        return review.input_ids.filtered(lambda line: line.code == code)

    # ------------------------------------------------------------------
    # Inputs gathered for the period
    # ------------------------------------------------------------------
    def _create_nonconformity(self, detected, source="other", **values):
        return self.env["qms.nonconformity"].create(
            {
                "title": f"Hồ sơ trễ hạn {detected}",
                "description": "<p>Hồ sơ chứng thực trả trễ 2 ngày.</p>",
                "department_id": self.department_unit.id,
                "date_detected": detected,
                "source": source,
                **values,
            }
        )

    def test_nonconformity_input_counts_the_period_only(self):
        self._create_nonconformity("2025-03-01", "complaint")
        self._create_nonconformity("2025-06-15", "late_dossier")
        self._create_nonconformity("2025-07-01", "late_dossier")
        self._create_nonconformity("2024-12-31", "complaint")  # before the period
        self._create_nonconformity("2025-12-20", "complaint")  # after the period
        self.review.action_gather_inputs()
        content = str(self._section(self.review, "nonconformities").content)
        self.assertIn(
            "3 nonconformities detected in the period: 0 closed (0 on time), 3 still open", content
        )
        self.assertIn("<td>Late Administrative Dossier</td><td>2</td>", content)
        self.assertIn("<td>Citizen Complaint</td><td>1</td>", content)

    def test_objective_input(self):
        objective = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu chất lượng năm 2025",
                "year": 2025,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Giải quyết hồ sơ đúng hạn",
                            "indicator": "Tỷ lệ hồ sơ đúng hạn",
                            "target_value": 95,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Không có phản ánh",
                            "indicator": "Số phản ánh",
                            "target_operator": "<=",
                            "target_value": 0,
                            "uom": "phản ánh",
                        }
                    ),
                ],
            }
        )
        objective.state = "approved"
        on_time, complaints = objective.line_ids
        self.env["qms.objective.measurement"].create(
            [
                {
                    "line_id": on_time.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-06-30",
                    "actual_value": 97,
                },
                {
                    "line_id": complaints.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-06-30",
                    "actual_value": 2,
                },
            ]
        )
        self.review.action_gather_inputs()
        content = str(self._section(self.review, "objectives").content)
        self.assertIn("1 of 2 targets met.", content)
        self.assertIn("Mục tiêu chất lượng năm 2025", content)
        self.assertIn("50.0%", content)

    def test_documents_input_and_missing_sources(self):
        document = self.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực",
                "type_id": self.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": self.department_unit.id,
            }
        )
        self.env["qms.document.revision"].create(
            {
                "document_id": document.id,
                "state": "issued",
                "effective_date": "2025-04-01",
                "date_issued": datetime.datetime(2025, 4, 1, 8, 0),
            }
        )
        self.review.action_gather_inputs()
        documents = str(self._section(self.review, "documents").content)
        self.assertIn("1 revisions issued in the period", documents)
        self.assertIn("Quy trình chứng thực", documents)
        if "qms.audit" not in self.env:
            self.assertIn(
                "No internal audit module installed",
                str(self._section(self.review, "audit_results").content),
            )
        codes = self.review.input_ids.mapped("code")
        self.assertEqual(codes[0], "previous_actions")
        self.assertIn("tthc_performance", codes)
        self.assertIn("risks", codes)

    def test_context_risk_and_improvement_inputs(self):
        self.env["qms.context.issue"].create(
            [
                {
                    "name": "Sắp xếp tổ chức bộ máy theo Nghị quyết 18",
                    "issue_type": "external",
                    "last_review_date": "2025-09-15",
                },
                {"name": "Vấn đề xem xét năm trước", "last_review_date": "2024-06-01"},
            ]
        )
        self.env["qms.risk"].create(
            [
                {
                    "name": "Hồ sơ TTHC quá hạn do thiếu nhân lực",
                    "department_id": self.department_unit.id,
                    "likelihood": 4,
                    "impact": 4,
                },
                {
                    "name": "Dịch vụ công trực tuyến toàn trình",
                    "risk_type": "opportunity",
                    "department_id": self.department_office.id,
                },
            ]
        )
        self.review.action_gather_inputs()
        context = str(self._section(self.review, "context_changes").content)
        self.assertIn("Sắp xếp tổ chức bộ máy theo Nghị quyết 18", context)
        self.assertIn("External", context)
        self.assertNotIn("Vấn đề xem xét năm trước", context)
        risks = str(self._section(self.review, "risks").content)
        self.assertIn("Hồ sơ TTHC quá hạn do thiếu nhân lực", risks)
        self.assertIn("<td>16</td>", risks)
        self.assertNotIn("Dịch vụ công trực tuyến", risks)
        improvement = str(self._section(self.review, "improvement").content)
        self.assertIn("Dịch vụ công trực tuyến toàn trình", improvement)

    def test_snapshot_is_editable_and_regather_only_in_draft(self):
        self.review.action_gather_inputs()
        section = self._section(self.review, "nonconformities")
        section.content = "<p>Bổ sung: 01 phản ánh qua đường dây nóng.</p>"
        self.assertIn("đường dây nóng", str(section.content))
        self._create_nonconformity("2025-05-05")
        self.review.action_gather_inputs()
        section = self._section(self.review, "nonconformities")
        self.assertIn("1 nonconformities detected", str(section.content))
        self.assertEqual(len(self.review.input_ids.filtered(lambda i: i.code == "risks")), 1)

    def test_previous_review_decisions_are_reported(self):
        previous = self._create_review(
            name="Họp xem xét năm 2024",
            date="2024-12-20",
            date_from="2024-01-01",
            date_to="2024-12-15",
            output_ids=[
                Command.create(
                    {
                        "name": "Cập nhật quy trình chứng thực",
                        "responsible_id": self.unit_officer.id,
                        "date_deadline": "2025-03-31",
                    }
                ),
                Command.create({"name": "Bổ sung máy scan cho Bộ phận Một cửa"}),
            ],
        )
        self._approve(previous)
        action_done = previous.output_ids[0]
        action_done.action_create_action()
        action_done.action_id.sudo().write({"state": "done", "date_done": "2025-03-20"})
        self.review.action_gather_inputs()
        content = str(self._section(self.review, "previous_actions").content)
        self.assertIn("1 of 2 decisions done.", content)
        self.assertIn("Bổ sung máy scan", content)
        self.assertIn("Not Followed Up Yet", content)

    # ------------------------------------------------------------------
    # Approval, frozen minutes and decisions
    # ------------------------------------------------------------------
    def test_period_must_be_ordered(self):
        with self.assertRaises(ValidationError):
            self._create_review(date_from="2025-12-31", date_to="2025-01-01")

    def test_approval_freezes_the_minutes(self):
        review = self.review.with_user(self.qms_manager)
        with self.assertRaises(UserError):
            review.action_submit_for_approval()  # no inputs yet
        review.action_gather_inputs()
        review.action_submit_for_approval()
        self.assertEqual(review.state, "to_approve")
        with self.assertRaises(UserError):
            review.action_gather_inputs()
        review.with_user(self.leader).action_approve()
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.approver_id, self.leader)
        with self.assertRaises(UserError):
            review.name = "Sửa sau khi duyệt"
        with self.assertRaises(UserError):
            review.input_ids[:1].content = "<p>Sửa</p>"
        with self.assertRaises(UserError):
            review.input_ids[:1].unlink()
        with self.assertRaises(UserError):
            self.env["qms.management.review.output"].create(
                {"review_id": review.id, "name": "Quyết định thêm"}
            )
        with self.assertRaises(UserError):
            review.unlink()
        review.message_post(body="Đã gửi biên bản cho các phòng.")

    def test_a_user_asked_to_approve_reads_the_minutes(self):
        route = self.env["qms.approval.route"].search([("model", "=", "qms.management.review")])
        route.step_ids.user_ids = self.qms_user
        self.review.action_gather_inputs()
        with self.assertRaises(AccessError):
            self.review.with_user(self.qms_user).read(["name"])
        self.review.with_user(self.qms_manager).action_submit_for_approval()
        self.review.with_user(self.qms_user).read(["name"])
        self.review.input_ids.with_user(self.qms_user).read(["content"])
        self.review.with_user(self.qms_user).action_approve()
        self.assertEqual(self.review.state, "approved")

    def test_rejection_returns_to_draft(self):
        review = self.review.with_user(self.qms_manager)
        review.action_gather_inputs()
        review.action_submit_for_approval()
        review.with_user(self.leader).action_reject_with_reason("Bổ sung kết luận")
        self.assertEqual(review.state, "draft")
        review.conclusion = "<p>Hệ thống phù hợp và có hiệu lực.</p>"
        draft = self._create_review(name="Nháp")
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_decision_becomes_an_action(self):
        output = self.env["qms.management.review.output"].create(
            {
                "review_id": self.review.id,
                "name": "Áp dụng chữ ký số khi phê duyệt tài liệu",
                "output_type": "improvement",
                "department_id": self.department_office.id,
            }
        )
        with self.assertRaises(UserError):
            output.action_create_action()  # minutes not approved yet
        self._approve(self.review)
        with self.assertRaises(UserError):
            output.with_user(self.qms_manager).action_create_action()  # no responsible
        output.with_user(self.qms_manager).write(
            {"responsible_id": self.unit_officer.id, "date_deadline": "2099-06-30"}
        )
        with self.assertRaises(UserError):
            output.with_user(self.qms_manager).name = "Đổi nội dung quyết định"
        result = output.with_user(self.qms_manager).action_create_action()
        action = output.action_id
        self.assertEqual(result["res_id"], action.id)
        self.assertEqual(action.management_review_id, self.review)
        self.assertEqual(action.action_type, "improvement")
        self.assertEqual(action.responsible_id, self.unit_officer)
        self.assertEqual(output.follow_up_state, "in_progress")
        with self.assertRaises(UserError):
            output.with_user(self.qms_manager).action_create_action()

    # ------------------------------------------------------------------
    # Record rules
    # ------------------------------------------------------------------
    def test_drafts_are_seen_by_the_meeting_only(self):
        outsider = self._create_qms_user("qms_outsider", "qms_iso9001.group_qms_user")
        self.review.action_gather_inputs()
        with self.assertRaises(AccessError):
            self.review.with_user(outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.review.input_ids[:1].with_user(outsider).read(["content"])
        # A participant reads the draft but cannot change it.
        self.assertEqual(
            self.review.with_user(self.unit_officer).read(["name"])[0]["name"], self.review.name
        )
        with self.assertRaises(AccessError):
            self.review.with_user(self.unit_officer).write({"location": "Phòng họp"})
        self._approve(self.review)
        self.assertTrue(self.review.with_user(outsider).read(["name"]))
        self.assertTrue(self.review.input_ids.with_user(outsider).read(["content"]))

    # ------------------------------------------------------------------
    # Printed minutes
    # ------------------------------------------------------------------
    def test_minutes_report(self):
        self.env["qms.management.review.output"].create(
            {
                "review_id": self.review.id,
                "name": "Rà soát quy trình chứng thực bản sao",
                "output_type": "qms_change",
            }
        )
        self.review.action_gather_inputs()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "qms_iso9001.action_report_qms_management_review", self.review.ids
        )
        html = html.decode()
        self.assertIn("MINUTES OF THE MANAGEMENT REVIEW MEETING", html)
        self.assertIn("Trần Văn Hùng", html)
        self.assertIn("Status of actions from previous management reviews", html)
        self.assertIn("Rà soát quy trình chứng thực bản sao", html)
        self.assertIn("Change to the QMS", html)
        self.assertIn("not approved yet", html)
        action = self.review.action_print_minutes()
        self.assertEqual(action["report_name"], "qms_iso9001.report_qms_management_review")

    def test_decision_becomes_a_plan_task(self):
        output = self.env["qms.management.review.output"].create(
            {
                "review_id": self.review.id,
                "name": "Tổ chức đào tạo nhận thức ISO cho công chức mới",
                "output_type": "resource_need",
                "department_id": self.department_office.id,
                "responsible_id": self.unit_officer.id,
                "date_deadline": "2099-09-30",
            }
        )
        self._approve(self.review)
        with self.assertRaises(UserError):
            output.with_user(self.qms_manager).action_create_plan_task()  # no plan this year
        year = datetime.date.today().year
        plan = self.env["qms.plan"].create(
            {"name": f"Kế hoạch duy trì HTQLCL năm {year}", "year": year}
        )
        output.with_user(self.qms_manager).action_create_plan_task()
        task = output.task_id
        self.assertEqual(task.plan_id, plan)
        self.assertEqual(task.user_id, self.unit_officer)
        self.assertEqual(task.department_id, self.department_office)
        self.assertEqual(output.follow_up_state, "in_progress")
        plan.sudo().state = "approved"
        task.sudo().write({"state": "done"})
        output.invalidate_recordset(["follow_up_state"])
        self.assertEqual(output.follow_up_state, "done")
        with self.assertRaises(UserError):
            output.with_user(self.qms_manager).action_create_action()
