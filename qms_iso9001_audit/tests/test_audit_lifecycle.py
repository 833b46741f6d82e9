"""Issue 13 in the internal audit: every abuse reproduced as the user would do it over JSON-RPC
(ORM calls `with_user`), refused, with the record left unchanged; next to it the allowed path."""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditLifecycle(AuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audit = cls._create_audit()
        cls._add_schedule(cls.audit)
        cls.template = cls._create_template(
            "Kiểm soát tài liệu", [(cls.clause["7.5.3"], "Tài liệu có kiểm soát?")]
        )
        cls.audit.checklist_template_ids = cls.template

    # ------------------------------------------------------------------ helpers
    def _approve_plan(self, audit=None):
        audit = audit or self.audit
        audit.with_user(self.auditor_user).action_submit_for_approval()
        audit.with_user(self.leader).action_approve()
        self.assertEqual(audit.state, "approved")

    def _start(self, audit=None):
        audit = audit or self.audit
        self._approve_plan(audit)
        audit.with_user(self.auditor_user).action_start()
        self.assertEqual(audit.state, "in_progress")

    def _report(self, audit=None):
        audit = audit or self.audit
        audit.checklist_line_ids.write({"result": "conform"})
        audit.with_user(self.auditor_user).action_submit_for_approval()
        self.assertEqual(audit.state, "report_to_approve")

    def _reported(self, audit=None):
        audit = audit or self.audit
        self._report(audit)
        audit.with_user(self.leader).action_approve()
        self.assertEqual(audit.state, "reported")

    def _finding(self, department=None, result="minor"):
        return (
            self.env["qms.audit.finding"]
            .with_user(self.auditor2_user)
            .create(
                {
                    "audit_id": self.audit.id,
                    "department_id": (department or self.department_unit).id,
                    "result": result,
                    "description": "Sổ theo dõi hồ sơ ghi chép không đầy đủ.",
                }
            )
        )

    def _logged_by(self, record, text):
        """Authors of the chatter notes of `record` that contain `text`."""
        return record.message_ids.filtered(lambda m: text in str(m.body or "")).author_id

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return {name: record[name] for name in names}

    # ------------------------------------------------------------------ audit: plain writes
    def test_audit_workflow_fields_are_not_written_by_hand(self):
        """`write({'state': 'closed'})`, a forged plan approver or report approval, a back-dated
        closing: refused for the lead auditor and the standing office alike."""
        names = [
            "state",
            "plan_approver_id",
            "date_plan_approved",
            "report_approver_id",
            "date_report_approved",
            "date_closed",
            "date_notice_sent",
            "date_report_sent",
            "approval_request_id",
        ]
        before = self._snapshot(self.audit, names)
        forged = [
            {"state": "closed"},
            {"state": "approved", "plan_approver_id": self.leader.id},
            {"plan_approver_id": self.leader.id},
            {"date_plan_approved": "2026-01-01 08:00:00"},
            {"report_approver_id": self.leader.id, "date_report_approved": "2026-01-01"},
            {"date_closed": "2020-01-01"},
            {"date_notice_sent": "2026-01-01 08:00:00"},
            {"date_report_sent": "2026-01-01 08:00:00"},
        ]
        for user in (self.auditor_user, self.qms_manager):
            for vals in forged:
                with self.subTest(user=user.login, vals=vals), self.assertRaises(UserError):
                    self.audit.with_user(user).write(vals)
        self.assertEqual(self._snapshot(self.audit, names), before)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.audit"].with_user(self.qms_manager).create(
                {
                    "name": "Đợt đã đóng sẵn",
                    "date_start": "2026-06-01",
                    "date_end": "2026-06-01",
                    "department_ids": [Command.set(self.department_unit.ids)],
                    "lead_auditor_id": self.lead_auditor.id,
                    "state": "closed",
                    "date_closed": "2026-06-01",
                }
            )

    def test_auditor_users_are_computed_not_written(self):
        """The record rules read `auditor_user_ids`: nobody adds a colleague to it by hand."""
        with self.assertRaisesRegex(UserError, "computed"):
            self.audit.with_user(self.auditor_user).write(
                {"auditor_user_ids": [Command.link(self.other_auditor_user.id)]}
            )
        self.assertNotIn(self.other_auditor_user, self.audit.auditor_user_ids)
        with self.assertRaises(AccessError):
            self.audit.with_user(self.other_auditor_user).read(["name"])

    def test_approved_plan_is_frozen(self):
        self._approve_plan()
        as_office = self.audit.with_user(self.qms_manager)
        before = self._snapshot(
            self.audit, ["date_start", "date_end", "lead_auditor_id", "department_ids"]
        )
        for vals in (
            {"date_start": "2026-05-04", "date_end": "2026-05-05"},
            {"lead_auditor_id": self.other_auditor.id},
            {"department_ids": [Command.link(self.department_office.id)]},
            {"auditor_ids": [Command.clear()]},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "no longer"):
                as_office.write(vals)
        self.assertEqual(
            self._snapshot(
                self.audit, ["date_start", "date_end", "lead_auditor_id", "department_ids"]
            ),
            before,
        )
        # The schedule may still be adjusted before the audit starts, and the questions loaded.
        slot = self.audit.schedule_line_ids[:1].with_user(self.auditor_user)
        slot.note = "Đổi sang phòng họp số 2"
        self.audit.with_user(self.auditor2_user).action_load_checklist()
        self.assertEqual(len(self.audit.checklist_line_ids), 2)
        self.audit.with_user(self.auditor_user).action_start()
        with self.assertRaisesRegex(UserError, "no longer"):
            slot.note = "Đổi lịch sau khi đã bắt đầu"
        with self.assertRaises(UserError):
            slot.unlink()
        with self.assertRaises(UserError):
            self.audit.with_user(self.auditor_user).write(
                {
                    "schedule_line_ids": [
                        Command.create(
                            {
                                "datetime_start": "2026-05-12 06:30:00",
                                "datetime_end": "2026-05-12 08:30:00",
                                "department_id": self.department_unit.id,
                                "auditor_id": self.auditor.id,
                            }
                        )
                    ]
                }
            )
        self.assertEqual(slot.note, "Đổi sang phòng họp số 2")
        self.assertEqual(len(self.audit.schedule_line_ids), 2)

    def test_form_has_the_approval_controls_of_both_phases(self):
        arch = self.env["qms.audit"].with_user(self.auditor_user).get_view(view_type="form")["arch"]
        tree = etree.fromstring(arch)
        submits = tree.xpath("//header/button[@name='action_submit_for_approval']")
        self.assertEqual(
            [(button.get("string"), button.get("invisible")) for button in submits],
            [
                ("Submit Plan", "state != 'draft' or approval_state == 'pending'"),
                ("Submit Report", "state != 'in_progress' or approval_state == 'pending'"),
            ],
        )
        for name in ("action_approve_with_comment", "action_reject", "action_recall"):
            self.assertEqual(len(tree.xpath(f"//header/button[@name='{name}']")), 1, name)
        self.assertEqual(len(tree.xpath("//sheet//field[@name='approval_step_id']")), 1)

    # ------------------------------------------------------------------ audit: transitions
    def test_only_the_lead_auditor_or_the_office_moves_the_audit(self):
        team_member = self.audit.with_user(self.auditor2_user)
        unit_user = self.audit.with_user(self.qms_user)
        for audit in (team_member, unit_user):
            with self.subTest(user=audit.env.user.login), self.assertRaises(AccessError):
                audit.action_submit_for_approval()
        self.assertEqual(self.audit.state, "draft")
        self.assertFalse(self.audit.approval_request_id)
        self._approve_plan()
        for method in ("action_start", "action_send_notice"):
            for audit in (team_member, unit_user):
                login = audit.env.user.login
                with self.subTest(method=method, user=login), self.assertRaises(AccessError):
                    getattr(audit, method)()
        self.assertEqual(self.audit.state, "approved")
        self.assertFalse(self.audit.date_notice_sent)
        self.audit.with_user(self.qms_manager).action_send_notice()
        self.assertTrue(self.audit.date_notice_sent)
        self.audit.with_user(self.auditor_user).action_start()
        with self.assertRaises(AccessError):
            team_member.action_submit_for_approval()
        self.assertEqual(self.audit.state, "in_progress")
        self._reported()
        for audit in (
            team_member,
            unit_user,
            self.audit.with_user(self.other_auditor_user),
            self.audit.with_user(self.leader),
        ):
            with self.subTest(user=audit.env.user.login), self.assertRaises(AccessError):
                audit.action_close()
        self.assertEqual(self.audit.state, "reported")
        self.assertFalse(self.audit.date_closed)
        self.audit.with_user(self.auditor_user).action_close()
        self.assertEqual(self.audit.state, "closed")
        self.assertTrue(self.audit.date_closed)

    def test_standing_office_closes_an_audit_too(self):
        self._start()
        self._reported()
        self.audit.with_user(self.qms_manager).action_close()
        self.assertEqual(self.audit.state, "closed")

    def test_reopen_by_the_standing_office_with_a_reason(self):
        self._start()
        self._reported()
        self.audit.with_user(self.auditor_user).action_close()
        closed_on = self.audit.date_closed
        with self.assertRaises(AccessError):
            self.audit.with_user(self.auditor_user).action_reopen("Tôi muốn sửa báo cáo")
        as_office = self.audit.with_user(self.qms_manager)
        for bad in ("", "   ", None, 42, ["x"], {"reason": "x"}):
            with self.subTest(reason=bad), self.assertRaises(UserError):
                as_office.action_reopen(bad)
        self.assertEqual(self.audit.state, "closed")
        self.assertEqual(self.audit.date_closed, closed_on)
        # Over the reason wizard of the form, as the user.
        wizard_action = as_office.action_open_reopen_wizard()
        wizard = (
            self.env["qms.reason.wizard"]
            .with_user(self.qms_manager)
            .with_context(**wizard_action["context"])
            .create({"reason": "Phiếu NC-2026-0003 đóng nhầm, cần theo dõi tiếp."})
        )
        wizard.action_confirm()
        self.assertEqual(self.audit.state, "reported")
        self.assertFalse(self.audit.date_closed)
        self.assertEqual(
            self._logged_by(self.audit, "Phiếu NC-2026-0003 đóng nhầm"),
            self.qms_manager.partner_id,
        )

    def test_cancel_by_the_standing_office_with_a_reason(self):
        self.audit.with_user(self.auditor_user).action_submit_for_approval()
        request = self.audit.approval_request_id
        with self.assertRaises(AccessError):
            self.audit.with_user(self.auditor_user).action_cancel("Không cần nữa")
        with self.assertRaises(UserError):
            self.audit.with_user(self.qms_manager).action_cancel("")
        self.assertEqual(self.audit.state, "to_approve")
        self.audit.with_user(self.qms_manager).action_cancel("Sở tổ chức kiểm tra cùng thời gian")
        self.assertEqual(self.audit.state, "cancelled")
        self.assertEqual(request.state, "cancelled", "the waiting approval is withdrawn")
        self.assertFalse(self.audit.with_user(self.leader).can_approve)
        with self.assertRaises(AccessError):
            self.audit.with_user(self.leader).action_approve()
        self.assertEqual(self.audit.state, "cancelled")
        with self.assertRaises(AccessError):
            self.audit.with_user(self.auditor_user).action_reset_draft()
        self.audit.with_user(self.qms_manager).action_reset_draft()
        self.assertEqual(self.audit.state, "draft")

    def test_closed_audit_is_kept_and_frozen(self):
        self._start()
        self._reported()
        self.audit.with_user(self.auditor_user).action_close()
        as_office = self.audit.with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "no longer"):
            as_office.write({"summary": "<p>Viết lại kết luận</p>"})
        with self.assertRaisesRegex(UserError, "only through its actions"):
            as_office.write({"state": "in_progress"})
        with self.assertRaises(UserError):
            as_office.unlink()
        with self.assertRaises(UserError):
            as_office.action_cancel("Huỷ sau khi đóng")
        self.assertEqual(self.audit.state, "closed")

    # ------------------------------------------------------------------ findings
    def test_findings_are_the_teams_while_in_progress_then_frozen_and_kept(self):
        with self.assertRaisesRegex(UserError, "can no longer be added"):
            self._finding()  # the audit has not started
        self._start()
        finding = self._finding()
        self.assertTrue(finding.name.startswith("PH-"))
        finding.write({"description": "Sổ theo dõi thiếu 03 hồ sơ tháng 4."})
        other = self._finding(self.department_legal, "observation")
        other.unlink()
        # The audited unit reads its finding, never changes it.
        with self.assertRaises(AccessError):
            finding.with_user(self.qms_user).write({"description": "Đơn vị tự sửa"})
        # An auditor outside the team cannot add findings to it.
        with self.assertRaises(AccessError):
            self.env["qms.audit.finding"].with_user(self.other_auditor_user).create(
                {
                    "audit_id": self.audit.id,
                    "department_id": self.department_unit.id,
                    "description": "Phát hiện của người ngoài đoàn",
                }
            )
        self._report()
        as_team = finding.with_user(self.auditor2_user)
        for vals in ({"description": "Sửa sau khi nộp báo cáo"}, {"result": "observation"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "no longer"):
                as_team.write(vals)
        with self.assertRaises(UserError):
            as_team.unlink()
        with self.assertRaisesRegex(UserError, "can no longer be added"):
            self._finding()
        self.audit.with_user(self.leader).action_approve()
        for user in (self.auditor2_user, self.qms_manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "no longer"):
                    finding.with_user(user).write({"evidence": "Bằng chứng bổ sung"})
                with self.assertRaises(UserError):
                    finding.with_user(user).unlink()
        self.assertEqual(finding.description, "Sổ theo dõi thiếu 03 hồ sơ tháng 4.")
        self.assertEqual(finding.result, "minor")

    def test_finding_workflow_fields_are_set_by_their_actions_only(self):
        self._start()
        finding = self._finding()
        other_nc = self.env["qms.nonconformity"].create(
            {
                "title": "Phiếu không liên quan",
                "description": "<p>Khác</p>",
                "department_id": self.department_unit.id,
            }
        )
        as_team = finding.with_user(self.auditor2_user)
        for vals in (
            {"nonconformity_id": other_nc.id},
            {"is_accepted": True},
            {"accepted_by_id": self.auditor_user.id},
            {"name": "PH-2026-9999"},
            {"is_nonconformity": False},
            {"company_id": self.env["res.company"].create({"name": "Sở khác"}).id},
            {"audit_id": self._create_audit(name="Đợt khác", state="in_progress").id},
        ):
            for user in (self.auditor2_user, self.qms_manager):
                with self.subTest(vals=vals, user=user.login), self.assertRaises(UserError):
                    finding.with_user(user).write(vals)
        finding.invalidate_recordset()
        self.assertFalse(finding.nonconformity_id)
        self.assertFalse(finding.is_accepted)
        self.assertTrue(finding.is_nonconformity)
        self.assertEqual(finding.company_id, self.company)
        self.assertEqual(finding.audit_id, self.audit)
        with self.assertRaises(UserError):
            self.env["qms.audit.finding"].with_user(self.auditor2_user).create(
                {
                    "audit_id": self.audit.id,
                    "department_id": self.department_unit.id,
                    "description": "Đã có phiếu sẵn",
                    "nonconformity_id": other_nc.id,
                }
            )
        # The raise action is the one way to the form, for the team.
        with self.assertRaises(AccessError):
            finding.with_user(self.qms_user).action_raise_nonconformity()
        as_team.action_raise_nonconformity()
        self.assertTrue(finding.nonconformity_id)
        self.assertNotEqual(finding.nonconformity_id, other_nc)
        self.assertEqual(finding.nonconformity_id.res_id, finding.id)

    def test_accepting_without_form_is_the_lead_auditors(self):
        self._start()
        finding = self._finding()
        with self.assertRaises(AccessError):
            finding.with_user(self.auditor2_user).action_accept("Đơn vị đã khắc phục")
        with self.assertRaises(UserError):
            finding.with_user(self.auditor_user).action_accept("")
        self.assertFalse(finding.is_accepted)
        finding.with_user(self.auditor_user).action_accept("Đơn vị đã cập nhật sổ tại chỗ")
        self.assertTrue(finding.is_accepted)
        self.assertEqual(finding.accepted_by_id, self.auditor_user)
        self.assertTrue(finding.date_accepted)
        self.assertEqual(
            self._logged_by(finding, "Đơn vị đã cập nhật sổ tại chỗ"), self.auditor_user.partner_id
        )
        with self.assertRaises(UserError):
            finding.with_user(self.auditor_user).action_raise_nonconformity()
        observation = self._finding(result="observation")
        with self.assertRaises(UserError):
            observation.with_user(self.auditor_user).action_accept("Không phải NC")

    def test_bad_input_over_rpc_gives_plain_errors(self):
        self._start()
        Finding = self.env["qms.audit.finding"].with_user(self.auditor2_user)
        findings = self._finding() | self._finding(self.department_legal)
        with self.assertRaises(UserError):
            Finding.action_raise_nonconformity()  # no record
        with self.assertRaises(UserError):
            findings.action_raise_nonconformity()  # several
        with self.assertRaises(MissingError):
            Finding.browse(987654321).action_raise_nonconformity()
        for bad in (None, 0, ["x"], {"reason": "x"}, "   "):
            with self.subTest(reason=bad), self.assertRaises(UserError):
                findings[:1].with_user(self.auditor_user).action_accept(bad)
        with self.assertRaises(UserError):
            self.env["qms.audit.checklist.line"].with_user(
                self.auditor2_user
            ).action_create_finding()
        with self.assertRaises(UserError):
            self.env["qms.audit.checklist.template"].with_user(
                self.qms_manager
            ).action_new_version()
        with self.assertRaises(ValidationError):
            self.env["qms.reason.wizard"].with_user(self.qms_manager).create(
                {
                    "res_model": "qms.audit",
                    "res_ids": self.audit.ids,
                    "method": "unlink",
                    "reason": "Xoá cho gọn",
                }
            )
        self.assertFalse(findings.nonconformity_id)
        self.assertFalse(findings.filtered("is_accepted"))

    # ------------------------------------------------------------------ checklist lines
    def test_checklist_answers_during_the_audit_then_frozen(self):
        self.audit.with_user(self.auditor_user).action_load_checklist()
        line = self.audit.checklist_line_ids.filtered(
            lambda line: line.department_id == self.department_unit
        ).with_user(self.auditor2_user)
        # Preparing: the wording, not the answers.
        line.question = "Tài liệu sử dụng có phải bản hiện hành?"
        with self.assertRaisesRegex(UserError, "no longer"):
            line.write({"result": "conform", "evidence": "Đã xem trước"})
        with self.assertRaisesRegex(UserError, "computed|actions"):
            line.write({"template_line_id": False})
        self._start()
        line.write({"result": "minor", "evidence": "03 hồ sơ dùng mẫu cũ"})
        with self.assertRaises(AccessError):
            line.with_user(self.qms_user).write({"evidence": "Đơn vị tự sửa"})
        with self.assertRaises(AccessError):
            line.with_user(self.other_auditor_user).action_set_conform()
        line.action_create_finding()
        self.audit.checklist_line_ids.result = "minor"
        self.audit.with_user(self.auditor_user).action_submit_for_approval()
        for vals in ({"result": "conform"}, {"evidence": "Sửa"}, {"question": "Sửa câu hỏi"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "no longer"):
                line.write(vals)
        with self.assertRaises(UserError):
            line.action_set_conform()
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            line.with_user(self.qms_manager).unlink()
        with self.assertRaisesRegex(UserError, "can no longer be added"):
            self.env["qms.audit.checklist.line"].with_user(self.auditor2_user).create(
                {"audit_id": self.audit.id, "question": "Câu hỏi thêm sau báo cáo"}
            )
        with self.assertRaises(UserError):
            self.audit.with_user(self.auditor_user).action_load_checklist()
        self.assertEqual(line.result, "minor")
        self.assertEqual(line.evidence, "03 hồ sơ dùng mẫu cũ")

    # ------------------------------------------------------------------ programme
    def _program(self):
        return (
            self.env["qms.audit.program"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": "Chương trình đánh giá nội bộ năm 2026",
                    "year": 2026,
                    "department_ids": [Command.set(self.department_unit.ids)],
                    "clause_ids": [Command.set(self.clause["7.5"].ids)],
                }
            )
        )

    def test_programme_moves_by_the_standing_office_only(self):
        program = self._program()
        for user in (self.qms_user, self.unit_officer, self.auditor_user, self.leader):
            for method, args in (
                ("action_approve", ()),
                ("action_cancel", ("Không cần",)),
            ):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(program.with_user(user), method)(*args)
        for vals in (
            {"state": "approved"},
            {"approved_by_id": self.leader.id},
            {"date_approved": "2026-01-01 08:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                program.write(vals)
        self.assertEqual(program.state, "draft")
        self.assertFalse(program.approved_by_id)
        program.action_approve()
        self.assertEqual(program.state, "approved")
        self.assertEqual(program.approved_by_id, self.qms_manager)
        self.assertTrue(program.date_approved)
        for vals in (
            {"clause_ids": [Command.link(self.clause["8.5"].id)]},
            {"planned_round_count": 3},
            {"state": "draft"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                program.write(vals)
        with self.assertRaises(UserError):
            program.unlink()
        with self.assertRaises(AccessError):
            program.with_user(self.auditor_user).action_done()
        program.action_done()
        self.assertEqual(program.state, "done")
        self.assertTrue(program.date_done)
        with self.assertRaises(ValidationError):
            self._create_audit(name="Đợt thêm vào chương trình đã xong", program_id=program.id)
        with self.assertRaises(UserError):
            program.action_reopen("")
        program.action_reopen("Bổ sung đợt đánh giá đột xuất")
        self.assertEqual(program.state, "approved")
        self.assertFalse(program.date_done)
        program.action_cancel("Sáp nhập đơn vị, lập chương trình mới")
        program.action_reset_draft()
        self.assertEqual(program.state, "draft")
        with self.assertRaises(UserError):
            program.unlink()  # once approved, kept
        self.assertTrue(program.exists())
        never_approved = self._program()
        never_approved.unlink()
        self.assertFalse(never_approved.exists())

    # ------------------------------------------------------------------ templates
    def test_used_template_is_frozen_until_a_new_version(self):
        template = self.template.with_user(self.qms_manager)
        self.assertEqual(template.state, "draft")
        template.line_ids.question = "Tài liệu có được kiểm soát theo quy trình?"
        for vals in ({"version": 7}, {"previous_id": self.template.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                template.write(vals)
        self.audit.with_user(self.auditor_user).action_load_checklist()
        self.assertEqual(template.state, "in_use")
        with self.assertRaisesRegex(UserError, "no longer"):
            template.line_ids.question = "Sửa câu hỏi đã dùng"
        with self.assertRaisesRegex(UserError, "no longer"):
            template.write({"line_ids": [Command.create({"question": "Câu hỏi mới"})]})
        with self.assertRaisesRegex(UserError, "new version"):
            self.env["qms.audit.checklist.template.line"].with_user(self.qms_manager).create(
                {"template_id": template.id, "question": "Câu hỏi mới"}
            )
        with self.assertRaises(UserError):
            template.line_ids.unlink()
        with self.assertRaises(UserError):
            template.unlink()
        with self.assertRaises(AccessError):
            template.with_user(self.auditor_user).action_new_version()
        action = template.action_new_version()
        new_version = self.env["qms.audit.checklist.template"].browse(action["res_id"])
        self.assertEqual((new_version.version, new_version.previous_id), (2, self.template))
        self.assertEqual(self.template.state, "superseded")
        self.assertFalse(self.template.active)
        new_version.with_user(self.qms_manager).line_ids.question = "Câu hỏi đã sửa"
        self.assertEqual(
            self.audit.checklist_line_ids.mapped("question"),
            ["Tài liệu có được kiểm soát theo quy trình?"] * 2,
        )

    # ------------------------------------------------------------------ auditor register
    def test_auditor_register_is_kept_by_the_standing_office(self):
        hr_officer = self._create_qms_user(
            "hr_officer", "qms_iso9001.group_qms_user", "hr.group_hr_user"
        )
        own = self.env["hr.employee"].create({"name": "Phạm Văn Tổ Chức", "user_id": hr_officer.id})
        with self.assertRaises(AccessError):
            own.with_user(hr_officer).write(
                {"qms_is_internal_auditor": True, "qms_is_lead_auditor": True}
            )
        with self.assertRaises(AccessError):
            self.env["hr.employee"].with_user(hr_officer).create(
                {"name": "Đánh giá viên tự phong", "qms_is_lead_auditor": True}
            )
        own.invalidate_recordset()
        self.assertFalse(own.qms_is_internal_auditor or own.qms_is_lead_auditor)
        own.with_user(hr_officer).write({"job_title": "Chuyên viên tổ chức cán bộ"})
        office_hr = self._create_qms_user(
            "office_hr", "qms_iso9001.group_qms_manager", "hr.group_hr_user"
        )
        own.with_user(office_hr).write({"qms_is_internal_auditor": True})
        self.assertTrue(own.qms_is_internal_auditor)
