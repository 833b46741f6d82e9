import base64
import io
import re
from datetime import date, timedelta

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon


class NonconformityCommon(QmsCommon):
    """A unit with its ISO officer, a leader approving action plans and the standing office."""

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
        cls.unit_member = cls._create_qms_user("qms_unit_member", "qms_iso9001.group_qms_user")
        cls.employee_unit_member = cls.env["hr.employee"].create(
            {
                "name": "Phạm Minh Tuấn",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_member.id,
                "parent_id": cls.employee_officer.id,
            }
        )
        cls.office_user = cls._create_qms_user("qms_office_user", "qms_iso9001.group_qms_user")
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Thu Trang",
                "department_id": cls.department_office.id,
                "user_id": cls.office_user.id,
            }
        )
        cls.env["qms.approval.route"].search([("model", "=", "qms.nonconformity")]).active = False
        cls.route = cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt kế hoạch khắc phục",
                "model_id": cls.env["ir.model"]._get_id("qms.nonconformity"),
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Lãnh đạo phê duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )
        cls.category_method = cls.env.ref("qms_iso9001.cause_category_method")

    @classmethod
    def _create_nc(cls, **values):
        return cls.env["qms.nonconformity"].create(
            {
                "title": "Hồ sơ trả kết quả quá hạn",
                "source": "monitoring",
                "department_id": cls.department_unit.id,
                "description": "<p>Hồ sơ cấp phiếu lý lịch tư pháp trả trễ 2 ngày.</p>",
                "severity": "minor",
                "responsible_id": cls.unit_officer.id,
                **values,
            }
        )

    def _to_action_plan(self, nc, user=None):
        nc = nc.with_user(user or self.unit_officer)
        nc.action_start_analysis()
        nc.write(
            {
                "cause_ids": [
                    Command.create(
                        {
                            "question": "Vì sao hồ sơ quá hạn?",
                            "answer": "Chuyên viên chuyển hồ sơ sang bước ký chậm",
                            "category_id": self.category_method.id,
                        }
                    )
                ],
                "root_cause": "Quy trình chưa quy định thời gian chuyển bước.",
            }
        )
        nc.action_to_action_plan()
        return nc

    def _add_action(self, nc, responsible=None, deadline=None, **values):
        return self.env["qms.action"].create(
            {
                "name": "Sửa đổi quy trình, bổ sung thời gian từng bước",
                "action_type": "corrective",
                "nonconformity_id": nc.id,
                "responsible_id": (responsible or self.unit_member).id,
                "date_deadline": deadline or fields.Date.today() + timedelta(days=10),
                **values,
            }
        )

    def _to_in_progress(self, nc):
        nc = self._to_action_plan(nc)
        action = self._add_action(nc)
        nc.action_submit_for_approval()
        nc.with_user(self.leader).action_approve()
        return nc, action

    def _to_verification(self, nc):
        nc, action = self._to_in_progress(nc)
        action.with_user(self.unit_member).write({"result": "Đã ban hành quy trình sửa đổi."})
        action.with_user(self.unit_member).action_done()
        nc.action_to_verification()
        return nc, action

    def _close(self, nc, verifier=None, comment="Ba tháng không phát sinh hồ sơ quá hạn."):
        """From verification to closed: the standing office designates the verifier, who
        records the verdict."""
        verifier = verifier or self.qms_manager
        nc.with_user(self.qms_manager).write({"verified_by_id": verifier.id})
        nc.with_user(verifier).action_record_verdict("effective", comment)
        return nc

    def _chatter(self, record):
        return " ".join(record.sudo().message_ids.mapped("body"))

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return {name: record.sudo()[name] for name in names}


@tagged("post_install", "-at_install")
class TestNonconformityWorkflow(NonconformityCommon):
    def test_number_per_company_and_year(self):
        first = self._create_nc(date_detected=date(2026, 3, 2))
        second = self._create_nc(date_detected=date(2026, 3, 3))
        self.assertRegex(first.name, r"^NC-2026-\d{4}$")
        self.assertEqual(int(second.name.rsplit("-", 1)[1]), int(first.name.rsplit("-", 1)[1]) + 1)
        self.assertRegex(self._create_nc(date_detected=date(2019, 5, 1)).name, r"^NC-2019-\d{4}$")
        other_company = self.env["res.company"].create({"name": "UBND xã Hải Lăng"})
        department = self.env["hr.department"].create(
            {"name": "Bộ phận Một cửa", "company_id": other_company.id}
        )
        other = self._create_nc(
            company_id=other_company.id, department_id=department.id, date_detected=date(2026, 1, 5)
        )
        self.assertEqual(other.name, "NC-2026-0001")

    def test_duplicate_number_refused(self):
        nc = self._create_nc()
        with self.assertRaises(ValidationError):
            self._create_nc(name=nc.name)

    def test_gates_refuse_each_skipped_step(self):
        nc = self._create_nc(responsible_id=False).with_user(self.unit_officer)
        with self.assertRaises(UserError):  # nobody handles it yet
            nc.action_start_analysis()
        nc.responsible_id = self.unit_officer
        with self.assertRaises(UserError):  # wrong state
            nc.action_to_verification()
        nc.action_start_analysis()
        with self.assertRaises(UserError):  # no cause analysed
            nc.action_to_action_plan()
        nc.root_cause = "Thiếu nhân lực tại bộ phận một cửa."
        nc.action_to_action_plan()
        with self.assertRaises(UserError):  # no action planned
            nc.action_submit_for_approval()
        self.assertEqual(nc.approval_state, "none")
        action = self._add_action(nc)
        self.route.active = False
        with self.assertRaises(UserError):  # no approval route
            nc.action_submit_for_approval()
        self.route.active = True
        nc.action_submit_for_approval()
        self.assertEqual(nc.state, "action_plan")
        self.assertEqual(nc.approval_state, "pending")
        with self.assertRaises(UserError):  # the plan is not approved yet
            nc.action_to_verification()
        nc.with_user(self.leader).action_approve()
        self.assertEqual(nc.state, "in_progress")
        with self.assertRaises(UserError):  # an action is still open
            nc.action_to_verification()
        action.action_cancel("Không còn cần thiết")
        with self.assertRaises(UserError):  # nothing was done
            nc.action_to_verification()
        self.assertEqual(nc.state, "in_progress")

    def test_approved_plan_starts_the_actions(self):
        nc, action = self._to_in_progress(self._create_nc())
        self.assertEqual(nc.state, "in_progress")
        self.assertEqual(nc.plan_approved_by_id, self.leader)
        self.assertEqual(nc.date_deadline, action.date_deadline)

    def test_rejected_plan_stays_to_revise(self):
        nc = self._to_action_plan(self._create_nc())
        self._add_action(nc)
        nc.action_submit_for_approval()
        nc.with_user(self.leader).action_reject_with_reason("Thời hạn chưa hợp lý")
        self.assertEqual(nc.state, "action_plan")
        self.assertEqual(nc.approval_state, "rejected")
        nc.action_submit_for_approval()
        self.assertEqual(nc.approval_state, "pending")

    def test_close_needs_verdict_by_someone_else(self):
        nc, action = self._to_verification(self._create_nc())
        self.assertEqual(nc.state, "verification")
        with self.assertRaises(UserError):  # no verdict given
            nc.with_user(self.qms_manager).action_record_verdict(False)
        with self.assertRaises(ValidationError):  # carried out the action
            nc.with_user(self.qms_manager).write({"verified_by_id": action.responsible_id.id})
        with self.assertRaises(ValidationError):  # handled the NC
            nc.with_user(self.qms_manager).write({"verified_by_id": nc.responsible_id.id})
        self._close(nc)
        self.assertEqual(nc.state, "closed")
        self.assertEqual(nc.effectiveness, "effective")
        self.assertEqual(nc.verified_by_id, self.qms_manager)
        self.assertEqual(nc.effectiveness_comment, "Ba tháng không phát sinh hồ sơ quá hạn.")
        self.assertEqual(nc.date_closed, fields.Date.today())
        self.assertEqual(nc.date_verified, fields.Date.today())
        self.assertTrue(nc.is_closed_on_time)

    def test_verdict_recorded_by_the_verifier_not_by_the_doers(self):
        nc, _action = self._to_verification(self._create_nc())
        nc.with_user(self.unit_officer).write({"verified_by_id": self.leader.id})
        for doer in (self.unit_officer, self.unit_member):  # handled the NC, did the action
            with self.assertRaises(AccessError):
                nc.with_user(doer).action_record_verdict("effective")
            with self.assertRaises(AccessError):
                nc.with_user(doer).action_open_verdict_wizard()
        with self.assertRaises(AccessError):  # neither the verifier nor the standing office
            nc.with_user(self.office_user).action_record_verdict("effective")
        self.assertEqual(nc.state, "verification")
        self.assertFalse(nc.effectiveness)
        # the verifier only reads the unit's NCs: the verdict is theirs, given in the wizard
        wizard_action = nc.with_user(self.leader).action_open_verdict_wizard()
        wizard = (
            self.env[wizard_action["res_model"]]
            .with_user(self.leader)
            .with_context(**wizard_action["context"])
            .create({"effectiveness": "effective", "comment": "Đã kiểm tra 20 hồ sơ."})
        )
        wizard.action_confirm()
        self.assertEqual(nc.state, "closed")
        self.assertEqual(nc.verified_by_id, self.leader)
        self.assertIn("Đã kiểm tra 20 hồ sơ.", self._chatter(nc))

    def test_standing_office_records_the_verdict_for_the_verifier(self):
        nc, _action = self._to_verification(self._create_nc())
        nc.with_user(self.qms_manager).write({"verified_by_id": self.leader.id})
        nc.with_user(self.qms_manager).action_record_verdict("effective", "Theo biên bản kiểm tra")
        self.assertEqual(nc.state, "closed")
        self.assertEqual(nc.verified_by_id, self.leader, "recorded in the verifier's name")
        self.assertIn(f"{self.qms_manager.name} ({self.leader.name})", self._chatter(nc))

    def test_verdict_arguments_are_checked(self):
        nc, _action = self._to_verification(self._create_nc())
        manager_nc = nc.with_user(self.qms_manager)
        for bad in ("maybe", 1, None, ["effective"], {"a": 1}):
            with self.assertRaises(UserError):
                manager_nc.action_record_verdict(bad)
        with self.assertRaises(UserError):
            manager_nc.action_record_verdict("effective", 42)
        with self.assertRaises(UserError):  # not effective: say why
            manager_nc.action_record_verdict("not_effective", "  ")
        self.assertEqual(nc.state, "verification")

    def test_late_closure_is_not_on_time(self):
        yesterday = fields.Date.today() - timedelta(days=1)
        nc, _action = self._to_verification(self._create_nc(date_deadline=yesterday))
        self.assertEqual(nc.date_deadline, yesterday, "the approved plan kept its deadline")
        self._close(nc)
        self.assertEqual(nc.state, "closed")
        self.assertFalse(nc.is_closed_on_time)

    def test_not_effective_reopens_with_a_new_plan(self):
        nc, first_action = self._to_verification(self._create_nc())
        nc.with_user(self.qms_manager).write({"verified_by_id": self.leader.id})
        nc.with_user(self.leader).action_record_verdict(
            "not_effective", "Vẫn còn hồ sơ quá hạn trong tháng 5."
        )
        self.assertEqual(nc.state, "action_plan")
        self.assertEqual(nc.reopen_count, 1)
        self.assertEqual(nc.approval_state, "none")
        self.assertEqual(nc.effectiveness, "not_effective")
        self.assertEqual(first_action.state, "done", "the previous actions are kept")
        self.assertIn("Vẫn còn hồ sơ quá hạn", nc.message_ids[0].body)
        with self.assertRaises(UserError):  # only the done action: a new one is needed
            nc.action_submit_for_approval()
        second_action = self._add_action(nc, name="Phần mềm cảnh báo hồ sơ sắp đến hạn")
        nc.action_submit_for_approval()
        nc.with_user(self.leader).action_approve()
        self.assertEqual(nc.state, "in_progress")
        self.assertEqual(nc.action_ids, first_action | second_action)
        second_action.with_user(self.unit_member).write({"result": "Đã cài đặt cảnh báo."})
        second_action.with_user(self.unit_member).action_done()
        nc.action_to_verification()
        self.assertFalse(nc.effectiveness, "a new verification starts from a blank verdict")
        nc.with_user(self.leader).action_record_verdict("effective")
        self.assertEqual(nc.state, "closed")

    def test_cancel_needs_reason_and_cancels_open_actions(self):
        nc = self._to_action_plan(self._create_nc())
        action = self._add_action(nc)
        wizard_action = nc.with_user(self.qms_manager).action_cancel_wizard()
        Wizard = (
            self.env[wizard_action["res_model"]]
            .with_user(self.qms_manager)
            .with_context(**wizard_action["context"])
        )
        with self.assertRaises(UserError):
            Wizard.create({"reason": " "}).action_confirm()
        self.assertEqual(nc.state, "action_plan")
        Wizard.create({"reason": "Trùng với phiếu đã lập"}).action_confirm()
        self.assertEqual(nc.state, "cancelled")
        self.assertEqual(nc.cancel_reason, "Trùng với phiếu đã lập")
        self.assertIn("Trùng với phiếu đã lập", self._chatter(nc))
        self.assertEqual(action.state, "cancelled")
        with self.assertRaises(AccessError):  # the unit does not bring it back
            nc.with_user(self.unit_officer).action_reset_draft()
        nc.with_user(self.qms_manager).action_reset_draft()
        self.assertEqual(nc.state, "draft")
        self.assertFalse(nc.cancel_reason)

    def test_office_cancels_a_plan_waiting_for_approval(self):
        nc = self._to_action_plan(self._create_nc())
        self._add_action(nc)
        nc.action_submit_for_approval()
        nc.with_user(self.qms_manager).action_cancel("Đã xử lý trong phiếu NC khác")
        self.assertEqual(nc.state, "cancelled")
        self.assertEqual(nc.approval_state, "none")
        self.assertFalse(nc.with_user(self.leader).can_approve)

    def test_closed_cannot_be_deleted_but_archived(self):
        draft = self._create_nc()
        draft.with_user(self.unit_officer).unlink()
        self.assertFalse(draft.exists())
        nc, _action = self._to_verification(self._create_nc())
        self._close(nc)
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                nc.with_user(user).unlink()
            with self.assertRaises(UserError):
                nc.with_user(user).write({"correction": "Sửa sau khi đã kết thúc"})
            with self.assertRaises(UserError):
                nc.with_user(user).write({"effectiveness": "not_effective"})
        with self.assertRaises(UserError):
            self._add_action(nc, name="Thêm sau khi đã kết thúc")
        with self.assertRaises(AccessError):  # archiving is the standing office's
            nc.with_user(self.unit_officer).action_archive()
        self.assertTrue(nc.active)
        nc.with_user(self.qms_manager).action_archive()
        self.assertFalse(nc.active)
        self.assertTrue(nc.exists())

    def test_office_reopens_a_closed_nc_with_a_reason(self):
        nc, first_action = self._to_verification(self._create_nc())
        self._close(nc)
        for user in (self.unit_officer, self.unit_member, self.leader):
            with self.assertRaises(AccessError):
                nc.with_user(user).action_reopen("Tái diễn")
        with self.assertRaises(AccessError):
            nc.with_user(self.unit_officer).action_reopen_wizard()
        with self.assertRaises(UserError):
            nc.with_user(self.qms_manager).action_reopen("  ")
        self.assertEqual(nc.state, "closed")
        wizard_action = nc.with_user(self.qms_manager).action_reopen_wizard()
        self.assertEqual(wizard_action["context"]["default_method"], "action_reopen")
        self.env["qms.reason.wizard"].with_user(self.qms_manager).with_context(
            **wizard_action["context"]
        ).create({"reason": "Tháng 9 lại phát sinh 3 hồ sơ quá hạn"}).action_confirm()
        self.assertEqual(nc.state, "action_plan")
        self.assertEqual(nc.reopen_count, 1)
        self.assertFalse(nc.date_closed)
        self.assertFalse(nc.is_closed_on_time)
        self.assertFalse(nc.effectiveness)
        self.assertEqual(nc.approval_state, "none")
        self.assertEqual(first_action.state, "done")
        self.assertIn("Tháng 9 lại phát sinh 3 hồ sơ quá hạn", self._chatter(nc))
        with self.assertRaises(UserError):  # a new plan is needed
            nc.action_submit_for_approval()


@tagged("post_install", "-at_install")
class TestNonconformityRaise(NonconformityCommon):
    def test_raise_from_document_keeps_the_link(self):
        document = self.env["qms.document"].create(
            {
                "name": "Quy trình cấp phiếu lý lịch tư pháp",
                "type_id": self.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": self.department_unit.id,
            }
        )
        wizard_form = Form(
            self.env["qms.nonconformity.raise"].with_context(
                active_model="qms.document", active_id=document.id
            )
        )
        self.assertEqual(wizard_form.department_id, self.department_unit)
        self.assertEqual(wizard_form.document_id, document)
        wizard_form.source = "inspection"
        wizard_form.title = "Biểu mẫu trong quy trình chưa cập nhật"
        wizard_form.description = "<p>Đoàn kiểm tra phát hiện biểu mẫu cũ.</p>"
        action = wizard_form.save().action_raise()
        nc = self.env["qms.nonconformity"].browse(action["res_id"])
        self.assertEqual((nc.res_model, nc.res_id), ("qms.document", document.id))
        self.assertEqual(nc.source, "inspection")
        self.assertEqual(nc.source_record_name, document.display_name)
        source_action = nc.action_open_source()
        self.assertEqual(
            (source_action["res_model"], source_action["res_id"]), ("qms.document", document.id)
        )

    def test_helper_prefills_source_for_other_addons(self):
        partner = self.env["res.partner"].create({"name": "Nguyễn Văn Bình"})
        action = self.env["qms.nonconformity"]._qms_raise_nonconformity_action(
            partner, source="complaint", department_id=self.department_unit.id
        )
        wizard = self.env[action["res_model"]].with_context(**action["context"])
        defaults = wizard.default_get(["source", "res_model", "res_id", "department_id", "title"])
        self.assertEqual(defaults["source"], "complaint")
        self.assertEqual((defaults["res_model"], defaults["res_id"]), ("res.partner", partner.id))
        self.assertEqual(defaults["department_id"], self.department_unit.id)
        nc = self._create_nc(source="complaint", res_model="res.partner", res_id=partner.id)
        self.assertEqual(nc.source_record_name, "Nguyễn Văn Bình")

    def test_unknown_source_model_refused(self):
        with self.assertRaises(ValidationError):
            self._create_nc(res_model="no.such.model", res_id=1)


@tagged("post_install", "-at_install")
class TestNonconformityOutputs(NonconformityCommon):
    def _closed_nc(self):
        nc, action = self._to_verification(
            self._create_nc(correction="Liên hệ công dân xin lỗi và trả kết quả ngay.")
        )
        return self._close(nc), action

    def test_pdf_form_holds_the_whole_handling(self):
        nc, action = self._closed_nc()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "qms_iso9001.action_report_qms_nonconformity", nc.ids
        )
        html = html.decode()
        for text in (
            "NONCONFORMITY HANDLING FORM",
            nc.name,
            "Hồ sơ trả kết quả quá hạn",
            "Liên hệ công dân xin lỗi",
            "Vì sao hồ sơ quá hạn?",
            action.name,
            "Đã ban hành quy trình sửa đổi.",
            self.qms_manager.name,
            self.leader.name,
        ):
            self.assertIn(text, html)

    def test_register_xlsx_one_row_per_nonconformity(self):
        closed, _action = self._closed_nc()
        open_nc = self._create_nc(title="Khiếu nại về thái độ tiếp dân", source="complaint")
        cancelled = self._create_nc(title="Phiếu lập nhầm")
        cancelled.action_cancel("Lập nhầm")
        wizard = self.env["qms.nonconformity.register"].create(
            {"department_ids": [Command.set(self.department_unit.ids)]}
        )
        workbook = openpyxl.load_workbook(io.BytesIO(wizard._build_xlsx()))
        sheet = workbook.active
        rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
        self.assertEqual(set(rows), {closed.name, open_nc.name})
        closed_row = rows[closed.name]
        self.assertEqual(closed_row[2], "Hồ sơ trả kết quả quá hạn")
        self.assertEqual(closed_row[8], "Closed")
        self.assertEqual(closed_row[9], 1)
        self.assertEqual(closed_row[12], "Yes")
        self.assertEqual(closed_row[13], "Effective")
        self.assertEqual(rows[open_nc.name][3], "Citizen Complaint")
        action = wizard.action_export_xlsx()
        self.assertIn("so_theo_doi_su_khong_phu_hop.xlsx", action["url"])
        self.assertTrue(base64.b64decode(wizard.file_data).startswith(b"PK"))

    def test_register_from_selected_records(self):
        first = self._create_nc()
        self._create_nc()
        wizard = (
            self.env["qms.nonconformity.register"]
            .with_context(active_model="qms.nonconformity", active_ids=first.ids)
            .create({})
        )
        sheet = openpyxl.load_workbook(io.BytesIO(wizard._build_xlsx())).active
        numbers = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
        self.assertEqual(numbers, [first.name])


@tagged("post_install", "-at_install")
class TestNonconformityRules(NonconformityCommon):
    def test_unit_sees_its_own_the_office_all(self):
        unit_nc = self._create_nc()
        office_nc = self._create_nc(
            department_id=self.department_office.id, responsible_id=self.leader.id
        )
        visible = self.env["qms.nonconformity"].with_user(self.unit_member).search([])
        self.assertIn(unit_nc, visible)
        self.assertNotIn(office_nc, visible)
        with self.assertRaises(AccessError):
            office_nc.with_user(self.unit_member).read(["title"])
        with self.assertRaises(AccessError):
            office_nc.with_user(self.unit_member).write({"title": "Sửa trái phép"})
        manager_visible = self.env["qms.nonconformity"].with_user(self.qms_manager).search([])
        self.assertIn(office_nc, manager_visible)
        self.assertIn(unit_nc, manager_visible)
        office_nc.with_user(self.qms_manager).write({"clause": "8.5.1"})

    def test_leader_reads_all_but_does_not_edit(self):
        unit_nc = self._create_nc()
        self.assertEqual(unit_nc.with_user(self.leader).title, "Hồ sơ trả kết quả quá hạn")
        with self.assertRaises(AccessError):
            unit_nc.with_user(self.leader).write({"title": "Sửa"})

    def test_actions_follow_the_unit_and_the_responsible(self):
        unit_nc = self._to_action_plan(self._create_nc())
        unit_action = self._add_action(unit_nc)
        office_nc = self._create_nc(
            department_id=self.department_office.id, responsible_id=self.leader.id
        )
        office_action = self._add_action(office_nc, responsible=self.leader)
        assigned = self._add_action(office_nc, responsible=self.unit_member, name="Hỗ trợ")
        actions = self.env["qms.action"].with_user(self.unit_member).search([])
        self.assertIn(unit_action, actions)
        self.assertIn(assigned, actions, "the responsible sees an action of another unit")
        self.assertNotIn(office_action, actions)
        with self.assertRaises(AccessError):
            office_action.with_user(self.unit_member).read(["name"])
        self.assertIn(
            office_nc, self.env["qms.nonconformity"].with_user(self.unit_member).search([])
        )
        self.assertIn(office_action, self.env["qms.action"].with_user(self.office_user).search([]))
        self.assertNotIn(unit_action, self.env["qms.action"].with_user(self.office_user).search([]))
        all_actions = self.env["qms.action"].with_user(self.qms_manager).search([])
        self.assertTrue(unit_action | office_action | assigned <= all_actions)

    def test_number_readable_in_list(self):
        nc = self._create_nc()
        self.assertTrue(re.match(r"^NC-\d{4}-\d{4}$", nc.name))
        found = self.env["qms.nonconformity"].name_search(nc.title[:10])
        self.assertIn(nc.id, [record_id for record_id, _name in found])
