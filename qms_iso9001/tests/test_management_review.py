import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import QmsCommon


class ManagementReviewCommon(QmsCommon):
    """A draft review of 2025 prepared by the standing office, approved by the leader."""

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


@tagged("post_install", "-at_install")
class TestManagementReview(ManagementReviewCommon):
    # ------------------------------------------------------------------
    # Inputs gathered for the period
    # ------------------------------------------------------------------
    def _create_nonconformity(self, detected, source="other", **values):
        return self.env["qms.nonconformity"].create(
            {
                "title": f"Hồ sơ quá hạn {detected}",
                "description": "<p>Hồ sơ chứng thực trả trễ 2 ngày.</p>",
                "department_id": self.department_unit.id,
                "date_detected": detected,
                "source": source,
                **values,
            }
        )

    def test_nonconformity_input_counts_the_period_only(self):
        self._create_nonconformity("2025-03-01", "complaint")
        self._create_nonconformity("2025-06-15", "monitoring")
        self._create_nonconformity("2025-07-01", "monitoring")
        self._create_nonconformity("2024-12-31", "complaint")  # before the period
        self._create_nonconformity("2025-12-20", "complaint")  # after the period
        self.review.action_gather_inputs()
        content = str(self._section(self.review, "nonconformities").content)
        self.assertIn(
            "3 nonconformities detected in the period: 0 closed (0 on time), 3 still open", content
        )
        self.assertIn("<td>Process Monitoring</td><td>2</td>", content)
        self.assertIn("<td>Citizen Complaint</td><td>1</td>", content)

    def test_inputs_read_in_the_language_of_their_templates(self):
        """The words of a section are its QWeb template's terms: translated, the figures stay in
        their place in the sentence."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env.ref("qms_iso9001.review_input_nonconformities").update_field_translations(
            "arch_db",
            {
                "vi_VN": {
                    "nonconformities detected in the period:": "sự không phù hợp phát hiện "
                    "trong kỳ:",
                    "closed (": "đã đóng (",
                    "on time),": "đúng hạn),",
                    "still open.": "còn đang xử lý.",
                }
            },
        )
        self._create_nonconformity("2025-03-01", "complaint")
        self.review.with_context(lang="vi_VN").action_gather_inputs()
        content = str(self._section(self.review, "nonconformities").content)
        self.assertIn(
            "1 sự không phù hợp phát hiện trong kỳ: 0 đã đóng (0 đúng hạn), 1 còn đang xử lý.",
            content,
        )
        self.assertNotIn("nonconformities detected", content)

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
        codes = self.review.input_ids.mapped("code")
        self.assertEqual(codes[0], "previous_actions")
        # the sections of the optional addons come from them, only when they are installed
        self.assertEqual("audit_results" in codes, "qms.audit" in self.env)
        self.assertEqual("tthc_performance" in codes, "qms.tthc.dossier" in self.env)
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
        other_agency = self.env["res.company"].create({"name": "Sở Tư pháp"})
        self.env["qms.context.issue"].create(
            {
                "name": "Vấn đề của cơ quan khác",
                "last_review_date": "2025-09-15",
                "company_id": other_agency.id,
            }
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
        self.assertNotIn("Vấn đề của cơ quan khác", context)
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
            self.env["qms.management.review.output"].with_user(self.qms_manager).create(
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


@tagged("post_install", "-at_install")
class TestManagementReviewLifecycle(ManagementReviewCommon):
    """Issue 13: minutes move only through their actions, are frozen once submitted and kept;
    a decision is followed up only through its actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decision = (
            cls.env["qms.management.review.output"]
            .with_user(cls.qms_manager)
            .create(
                {
                    "review_id": cls.review.id,
                    "name": "Áp dụng chữ ký số khi phê duyệt tài liệu",
                    "department_id": cls.department_office.id,
                }
            )
        )

    def test_no_approval_by_plain_write(self):
        review = self.review.with_user(self.qms_manager)
        review.action_gather_inputs()
        for values in (
            {"state": "approved"},
            {"state": "to_approve"},
            {"approver_id": self.leader.id},
            {"date_approved": "2025-12-21 08:00:00"},
            {"date_submitted": "2025-12-20 08:00:00"},
            {"date_gathered": "2020-01-01 08:00:00"},
        ):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                review.write(values)
        review.invalidate_recordset()
        self.assertEqual(review.state, "draft")
        self.assertFalse(review.approver_id or review.date_approved)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self._create_review(name="Biên bản giả", state="approved", approver_id=self.leader.id)
        self.assertFalse(self.env["qms.management.review"].search([("name", "=", "Biên bản giả")]))
        # the secretary's own input sections carry no code: gathered ones are the system's
        Input = self.env["qms.management.review.input"].with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            Input.create({"review_id": review.id, "name": "Giả", "code": "objectives"})
        with self.assertRaisesRegex(UserError, "only through its actions"):
            review.input_ids[:1].write({"code": "other"})
        added = Input.create({"review_id": review.id, "name": "Ý kiến của các phòng"})
        self.assertIn(added, review.input_ids)
        # pending: still nothing by hand, and the approval is the approver's
        review.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "only through its actions"):
            review.write({"state": "approved", "approver_id": self.qms_manager.id})
        with self.assertRaises(AccessError):
            review.action_approve()
        self.assertEqual(review.state, "to_approve")

    def test_submitted_minutes_are_frozen_and_kept(self):
        review = self.review.with_user(self.qms_manager)
        review.action_gather_inputs()
        review.action_submit_for_approval()
        decision = self.decision.with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            review.conclusion = "<p>Sửa khi đang trình</p>"
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            decision.write({"responsible_id": self.unit_officer.id})
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            review.unlink()
        self.review.with_user(self.leader).action_approve()
        self.assertEqual(review.state, "approved")
        section = review.input_ids[:1]
        for values in (
            {"conclusion": "<p>Hệ thống không phù hợp</p>"},
            {"date": "2025-12-01"},
            {"date_to": "2025-12-31"},
            {"chair_id": self.employee_secretary.id},
            {"participant_ids": [Command.link(self.employee_member.id)]},
            {"input_ids": [Command.update(section.id, {"content": "<p>Sửa</p>"})]},
        ):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                review.write(values)
        for state in ("draft", "to_approve"):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                review.write({"state": state})
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            review.unlink()
        # the decisions taken are frozen too: wording, type, order, number
        for values in (
            {"name": "Không áp dụng chữ ký số"},
            {"output_type": "resource_need"},
            {"sequence": 1},
        ):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                decision.write(values)
        with self.assertRaisesRegex(UserError, "frozen"):
            review.write({"output_ids": [Command.create({"name": "Quyết định thêm"})]})
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            decision.unlink()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            section.write({"name": "Đầu vào khác"})
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            section.unlink()
        review.invalidate_recordset()
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.approver_id, self.leader)
        self.assertEqual(review.output_ids, decision)
        self.assertEqual(decision.name, "Áp dụng chữ ký số khi phê duyệt tài liệu")
        self.assertEqual(len(review.input_ids), 13)
        self.assertFalse(review.conclusion)
        # what is still settled after the meeting: who carries the decision out, and by when
        review.write(
            {
                "output_ids": [
                    Command.update(
                        decision.id,
                        {"responsible_id": self.unit_officer.id, "date_deadline": "2099-06-30"},
                    )
                ]
            }
        )
        self.assertEqual(decision.responsible_id, self.unit_officer)
        review.message_post(body="Đã gửi biên bản cho các phòng.")

    def test_follow_up_only_through_its_actions(self):
        self._approve(self.review)
        decision = self.decision.with_user(self.qms_manager)
        decision.write({"responsible_id": self.unit_officer.id, "date_deadline": "2099-06-30"})
        forged = self.env["qms.action"].create(
            {
                "name": "Hành động đã xong",
                "action_type": "improvement",
                "department_id": self.department_office.id,
                "responsible_id": self.unit_officer.id,
                "date_deadline": "2099-06-30",
            }
        )
        for values in (
            {"action_id": forged.id},
            {"task_id": False, "action_id": forged.id},
            {"follow_up_state": "done"},
        ):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                decision.write(values)
        self.assertFalse(decision.action_id)
        self.assertEqual(decision.follow_up_state, "not_planned")
        # only the standing office follows a decision up
        for user in (self.leader, self.unit_officer, self.qms_user):
            with self.assertRaises(AccessError):
                self.decision.with_user(user).action_create_action()
        self.assertFalse(decision.action_id)
        decision.action_create_action()
        action = decision.action_id
        self.assertEqual(action.management_review_id, self.review)
        self.assertEqual(decision.follow_up_state, "in_progress")
        # once followed up, the action carries it: the decision no longer changes, nor its link
        with self.assertRaisesRegex(UserError, "followed up by"):
            decision.write({"date_deadline": "2099-12-31"})
        with self.assertRaisesRegex(UserError, "only through its actions"):
            decision.write({"action_id": False})
        with self.assertRaises(UserError):
            decision.action_create_plan_task()
        self.assertEqual(decision.action_id, action)
        self.assertEqual(str(decision.date_deadline), "2099-06-30")

    def test_parts_stay_with_their_minutes(self):
        other = self._create_review(name="Họp bất thường", date="2025-12-22")
        self._approve(self.review)
        Output = self.env["qms.management.review.output"].with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "frozen"):
            Output.create({"review_id": self.review.id, "name": "Quyết định thêm"})
        # moving a decision between minutes, either way, is refused
        draft_decision = Output.create({"review_id": other.id, "name": "Quyết định nháp"})
        with self.assertRaisesRegex(UserError, "stays in the minutes"):
            draft_decision.write({"review_id": self.review.id})
        with self.assertRaisesRegex(UserError, "stays in the minutes"):
            self.decision.with_user(self.qms_manager).write({"review_id": other.id})
        section = self.review.input_ids[:1].with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "stays in the minutes"):
            section.write({"review_id": other.id})
        self.assertEqual(self.decision.review_id, self.review)
        self.assertEqual(draft_decision.review_id, other)
        # bad ids over RPC get a plain answer
        for review_id in (False, "abc", 10**9, [other.id]):
            with self.assertRaises(UserError):
                Output.create({"review_id": review_id, "name": "Quyết định"})
        with self.assertRaises(ValidationError):
            draft_decision.date_deadline = "2001-01-01"  # before the meeting

    def test_transitions_are_the_standing_office_s(self):
        for user in (self.leader, self.unit_officer):
            with self.assertRaises(AccessError):
                self.review.with_user(user).action_gather_inputs()
        self.assertFalse(self.review.input_ids)
        self.review.with_user(self.qms_manager).action_gather_inputs()
        with self.assertRaises(AccessError):
            self.review.with_user(self.leader).action_submit_for_approval()
        self.assertEqual(self.review.state, "draft")
