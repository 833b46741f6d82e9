import base64
import io
from datetime import date

import openpyxl
from num2words import num2words
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import QmsCommon

PDF = base64.b64encode(b"%PDF-1.4 report test")


class ReportCommon(QmsCommon):
    """An agency with documents issued, revised and withdrawn in 2024, and a report route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "qms_agency_name": "Sở Tư pháp tỉnh Quảng Trị",
                "qms_agency_code": "STP",
                "qms_standing_department_id": cls.department_office.id,
            }
        )
        cls.department_office.manager_id = cls.employee_director
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.approver = cls._create_qms_user("qms_report_approver", "qms_iso9001.group_qms_user")
        report_model = cls.env["ir.model"]._get("qms.report")
        cls.env["qms.approval.route"].search([("model", "=", "qms.report")]).active = False
        cls.route = cls.env["qms.approval.route"].create(
            {
                "name": "Duyệt báo cáo ISO",
                "model_id": report_model.id,
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Trưởng ban chỉ đạo duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )
        procedure = cls.env.ref("qms_iso9001.document_type_business_procedure")
        guideline = cls.env.ref("qms_iso9001.document_type_guideline")
        cls.document_a = cls._create_document("Quy trình chứng thực bản sao", procedure)
        cls.document_a.distribution_employee_ids = cls.employee_director | cls.employee_officer
        cls.document_b = cls._create_document("Quy trình cấp phiếu lý lịch tư pháp", procedure)
        cls.document_c = cls._create_document("Hướng dẫn lưu trữ hồ sơ", guideline)
        cls._issue(cls.document_c, "2023-06-01 09:00:00")
        cls._issue(cls.document_a, "2024-03-10 09:00:00")
        cls._issue(cls.document_b, "2024-05-05 09:00:00")
        cls.revision_a2 = cls._issue(cls.document_a, "2024-09-02 09:00:00")
        cls._issue(cls.document_c, "2024-11-11 09:00:00", withdrawal=True)
        # one of the two recipients of the revised procedure has read it: 50 %
        cls.revision_a2.distribution_ids.filtered(
            lambda line: line.user_id == cls.leader
        ).with_user(cls.leader).action_acknowledge()

    @classmethod
    def _create_document(cls, name, doc_type):
        return cls.env["qms.document"].create(
            {"name": name, "type_id": doc_type.id, "department_id": cls.department_unit.id}
        )

    @classmethod
    def _issue(cls, document, when, withdrawal=False):
        attachment = cls.env["ir.attachment"].create({"name": "qt.pdf", "datas": PDF})
        revision = cls.env["qms.document.revision"].create(
            {
                "document_id": document.id,
                "main_attachment_id": attachment.id,
                "is_withdrawal": withdrawal,
            }
        )
        revision.write({"state": "approved"})
        with freeze_time(when):
            revision.action_issue()
        return revision

    @classmethod
    def _create_report(cls, **values):
        return cls.env["qms.report"].create(
            {
                "report_type": "year",
                "year": 2024,
                "place": "Quảng Trị",
                "recipient": "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                "signer_title": "Giám đốc",
                "signer_name": "Trần Văn Hùng",
                **values,
            }
        )

    @staticmethod
    def _figures(report):
        return {line.code: line for line in report.line_ids}


@tagged("post_install", "-at_install")
class TestReport(ReportCommon):
    def test_period_name_and_bad_input(self):
        form = Form(self.env["qms.report"])
        form.report_type = "half_year"
        form.year = 2024
        self.assertEqual(form.half, "1", "a 6-monthly report starts on the first half")
        report = form.save()
        # the reporting regime's cut-offs: from 15/12 of the year before to 14/06, then 14/12
        self.assertEqual(
            (report.date_from, report.date_to), (date(2023, 12, 15), date(2024, 6, 14))
        )
        self.assertIn("2024", report.name)
        report.half = "2"
        self.assertEqual(
            (report.date_from, report.date_to), (date(2024, 6, 15), date(2024, 12, 14))
        )
        yearly = self._create_report()
        self.assertEqual(
            (yearly.date_from, yearly.date_to), (date(2023, 12, 15), date(2024, 12, 14))
        )
        self.assertFalse(yearly.half)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self._create_report()
        self.assertEqual(caught.exception.diag.constraint_name, "qms_report_period_uniq")
        with self.assertRaises(ValidationError):
            self._create_report(year=1990)
        # an archived report frees its period (once the archiving reached the database)
        yearly.active = False
        yearly.flush_recordset()
        self.assertTrue(self._create_report())

    def test_figures_from_the_data(self):
        report = self._create_report()
        report.action_compute_figures()
        figures = self._figures(report)
        self.assertEqual(figures["documents_issued"].value_integer, 2)
        self.assertEqual(figures["documents_revised"].value_integer, 1)
        self.assertEqual(figures["documents_obsoleted"].value_integer, 1)
        in_force = self.env["qms.document"].search_count(
            [
                ("state", "=", "issued"),
                ("company_id", "=", self.company.id),
                ("kind", "in", ["system_procedure", "business_procedure", "tthc_procedure"]),
            ]
        )
        self.assertEqual(figures["procedures_in_force"].value_integer, in_force)
        self.assertTrue(figures["procedures_in_force"].in_words)
        self.assertEqual(figures["acknowledgement_rate"].value_type, "rate")
        self.assertAlmostEqual(figures["acknowledgement_rate"].value_float, 50.0)
        self.assertEqual(figures["acknowledgement_rate"].value_display, "50.0%")
        # the lines come in the order of the form: section I, then section II
        sections = report.line_ids.sorted("sequence").mapped("section")
        self.assertEqual(sections, sorted(sections, key=["building", "maintaining"].index))
        if "qms.audit" not in self.env:
            self.assertFalse(figures["audits_done"].is_available)
            self.assertEqual(figures["audits_done"].value_display, "-")
            self.assertEqual(figures["audits_done"].note, "Not recorded in this system.")
        # the core's own line names no addon: the audit addon puts its figures in its place
        [audits_line] = report._qms_figures_audits()
        self.assertFalse(audits_line["is_available"])
        self.assertEqual(audits_line["note"], "Not recorded in this system.")

        first_half = self._create_report(report_type="half_year", half="1")
        first_half.action_compute_figures()
        figures = self._figures(first_half)
        self.assertEqual(figures["documents_issued"].value_integer, 2)
        self.assertEqual(figures["documents_revised"].value_integer, 0)
        self.assertEqual(figures["documents_obsoleted"].value_integer, 0)

    def test_figures_from_the_other_registers(self):
        """Trainings, objectives, management reviews and nonconformities of the period."""
        for model in (
            "qms.training",
            "qms.objective",
            "qms.nonconformity",
            "qms.management.review",
            "qms.plan.task",
            "qms.announcement",
        ):
            if model not in self.env:
                self.skipTest(f"{model} is not installed")
        Training = self.env["qms.training"]
        attendee = Command.create({"employee_id": self.employee_officer.id, "result": "passed"})
        absent = Command.create({"employee_id": self.employee_director.id, "result": "absent"})
        Training.create(
            {
                "name": "Nhận thức TCVN ISO 9001:2015",
                "date": "2024-04-10",
                "state": "done",
                "attendee_ids": [attendee, absent],
            }
        )
        Training.create({"name": "Đánh giá viên nội bộ", "date": "2024-10-10", "state": "planned"})
        Training.create({"name": "Năm trước", "date": "2023-10-10", "state": "done"})
        nc_values = {
            "title": "Hồ sơ quá hạn",
            "description": "<p>Trả kết quả trễ 2 ngày</p>",
            "department_id": self.department_unit.id,
        }
        NC = self.env["qms.nonconformity"]
        NC.create({**nc_values, "date_detected": "2024-02-01"})
        NC.create(
            {
                **nc_values,
                "date_detected": "2023-12-10",
                "state": "closed",
                "date_closed": "2024-01-15",
            }
        )
        NC.create({**nc_values, "date_detected": "2023-05-01"})
        self.env["qms.management.review"].create(
            {
                "date": "2024-12-10",
                "date_from": "2024-01-01",
                "date_to": "2024-12-05",
                "chair_id": self.employee_director.id,
                "state": "approved",
            }
        )
        objective = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu chất lượng năm 2024",
                "year": 2024,
                "line_ids": [
                    Command.create(
                        {
                            "name": f"Mục tiêu {index}",
                            "indicator": f"Chỉ tiêu {index}",
                            "target_operator": ">=",
                            "target_value": 90,
                            "frequency": "yearly",
                            "department_id": self.department_unit.id,
                            "responsible_id": self.qms_user.id,
                        }
                    )
                    for index in range(2)
                ],
            }
        )
        objective.sudo().write({"state": "approved"})
        for line, value in zip(objective.line_ids, (95.0, 50.0), strict=True):
            self.env["qms.objective.measurement"].create(
                {
                    "line_id": line.id,
                    "date_from": "2024-01-01",
                    "date_to": "2024-12-31",
                    "actual_value": value,
                }
            )
        self.env["qms.announcement"].create(
            {"name": "45/QĐ-STP", "date_decision": "2024-06-03", "state": "announced"}
        )
        self.env["qms.announcement"].create({"name": "46/QĐ-STP", "date_decision": "2024-07-03"})
        task_values = {"department_id": self.department_unit.id, "name": "Đánh giá nội bộ"}
        self.env["qms.plan"].create(
            {
                "name": "Kế hoạch duy trì HTQLCL năm 2024",
                "year": 2024,
                "state": "approved",
                "task_ids": [
                    Command.create(
                        {
                            **task_values,
                            "date_deadline": "2024-03-31",
                            "state": "done",
                            "date_done": "2024-03-20",
                            "progress": 100,
                        }
                    ),
                    Command.create({**task_values, "date_deadline": "2024-10-15"}),
                    Command.create({**task_values, "date_deadline": "2025-01-15"}),
                ],
            }
        )
        report = self._create_report()
        report.action_compute_figures()
        figures = self._figures(report)
        self.assertEqual(figures["trainings"].value_integer, 1)
        self.assertEqual(figures["training_attendees"].value_integer, 1, "the absent one not")
        self.assertEqual(figures["nc_opened"].value_integer, 1)
        self.assertEqual(figures["nc_closed"].value_integer, 1)
        self.assertEqual(figures["management_reviews"].value_integer, 1)
        self.assertEqual(figures["objective_targets"].value_integer, 2)
        self.assertEqual(figures["objective_targets_met"].value_integer, 1)
        self.assertAlmostEqual(figures["objective_rate"].value_float, 50.0)
        self.assertEqual(figures["announcements"].value_integer, 1, "the draft one not")
        self.assertEqual(figures["plan_tasks_due"].value_integer, 2)
        self.assertEqual(figures["plan_tasks_on_time"].value_integer, 1)
        for code in ("trainings", "nc_opened", "management_reviews", "objective_targets"):
            self.assertTrue(figures[code].is_available, code)

    def test_recompute_keeps_the_drafter_notes(self):
        report = self._create_report()
        report.action_compute_figures()
        line = self._figures(report)["documents_revised"].with_user(self.qms_manager)
        line.note = "Sửa đổi theo Nghị định 118/2025"
        with self.assertRaisesRegex(UserError, "only through its actions"):
            line.value_integer = 99
        self.assertEqual(line.value_integer, 1)
        self._issue(self.document_b, "2024-12-01 09:00:00")
        report.action_compute_figures()
        figures = self._figures(report)
        self.assertEqual(figures["documents_revised"].value_integer, 2)
        self.assertEqual(figures["documents_revised"].note, "Sửa đổi theo Nghị định 118/2025")

    def test_excel_in_the_official_layout(self):
        report = self._create_report(number="125/BC-STP", report_date=date(2024, 12, 5))
        report.advantages = "<p>Lãnh đạo quan tâm chỉ đạo.</p>"
        report.difficulties = "<p>Văn bản thay đổi thường xuyên.</p>"
        report.proposals = "<p>Đề nghị tổ chức tập huấn.</p>"
        report.action_compute_figures()
        action = report.action_export_xlsx()
        self.assertIn(str(report.attachment_id.id), action["url"])
        self.assertEqual(report.attachment_id.res_id, report.id)
        sheet = openpyxl.load_workbook(io.BytesIO(report.attachment_id.raw)).active

        self.assertEqual(sheet["A1"].value, "SỞ TƯ PHÁP TỈNH QUẢNG TRỊ")
        self.assertEqual(sheet["C1"].value, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        self.assertEqual(sheet["C2"].value, "Độc lập - Tự do - Hạnh phúc")
        self.assertEqual(sheet["A4"].value, "Số: 125/BC-STP")
        self.assertEqual(sheet["C4"].value, "Quảng Trị, ngày 05 tháng 12 năm 2024")
        self.assertEqual(sheet["A6"].value, "BÁO CÁO")
        self.assertTrue(sheet["A7"].value.endswith("TCVN ISO 9001 NĂM 2024"))
        self.assertEqual(sheet["A8"].value, "Kính gửi: Sở Khoa học và Công nghệ tỉnh Quảng Trị")

        rows = [tuple(cell.value for cell in row[:4]) for row in sheet.iter_rows()]
        column_a = [row[0] for row in rows]
        section_one = column_a.index("I. TÌNH HÌNH XÂY DỰNG, ÁP DỤNG HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG")
        section_two = column_a.index("II. TÌNH HÌNH DUY TRÌ, CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG")
        self.assertLess(section_one, section_two)
        self.assertLess(section_two, column_a.index("III. ĐÁNH GIÁ CHUNG"))
        self.assertLess(
            column_a.index("III. ĐÁNH GIÁ CHUNG"), column_a.index("IV. KIẾN NGHỊ, ĐỀ XUẤT")
        )
        # every figure, cell by cell, in its section's table
        for section, start, end in (
            ("building", section_one, section_two),
            ("maintaining", section_two, len(rows)),
        ):
            lines = report.line_ids.filtered(lambda line, s=section: line.section == s).sorted(
                "sequence"
            )
            header = next(i for i in range(start, end) if rows[i][:2] == ("STT", "Nội dung"))
            self.assertEqual(rows[header], ("STT", "Nội dung", "Số lượng", "Ghi chú"))
            for index, line in enumerate(lines, start=1):
                number, label, value, note = rows[header + index]
                self.assertEqual(number, index)
                self.assertEqual(label, line.label)
                expected = line._qms_value() if line.is_available else "-"
                self.assertEqual(value, expected, line.code)
                self.assertEqual(note or False, line.note or False, line.code)
        in_force = self._figures(report)["procedures_in_force"]
        words = num2words(in_force.value_integer, lang="vi")
        total_row = next(row[0] for row in rows if row[0] and str(row[0]).startswith("Tổng số"))
        self.assertIn(f": {in_force.value_integer} (bằng chữ: {words[0].upper()}", total_row)
        advantages = column_a.index("1. Thuận lợi")
        self.assertEqual(column_a[advantages + 1], "Lãnh đạo quan tâm chỉ đạo.")
        difficulties = column_a.index("2. Khó khăn, vướng mắc")
        self.assertEqual(column_a[difficulties + 1], "Văn bản thay đổi thường xuyên.")
        proposals = column_a.index("IV. KIẾN NGHỊ, ĐỀ XUẤT")
        self.assertEqual(column_a[proposals + 1], "Đề nghị tổ chức tập huấn.")
        column_c = [row[2] for row in rows]
        self.assertIn("GIÁM ĐỐC", column_c)
        self.assertEqual(column_c[-1], "Trần Văn Hùng")

    def test_leader_exports_what_they_read(self):
        report = self._create_report()
        report.action_compute_figures()
        with self.assertRaises(AccessError):
            report.with_user(self.leader).action_export_xlsx()
        report.with_user(self.qms_manager).action_submit_for_approval()
        action = report.with_user(self.leader).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(report.attachment_id.raw.startswith(b"PK"))

    def test_figures_cost_does_not_grow_with_the_data(self):
        report = self._create_report()

        def queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            report.action_compute_figures()
            return self.env.cr.sql_log_count - before

        queries()
        few = queries()
        procedure = self.env.ref("qms_iso9001.document_type_business_procedure")
        for index in range(6):
            document = self._create_document(f"Quy trình số {index}", procedure)
            document.distribution_employee_ids = self.employee_director | self.employee_officer
            self._issue(document, f"2024-0{index + 1}-15 09:00:00")
        many = queries()
        self.assertEqual(self._figures(report)["documents_issued"].value_integer, 8)
        self.assertLessEqual(many, few)

    def test_excel_never_evaluates_what_users_typed(self):
        """Issue 13: a narrative, number or note starting with '=' stays text in the file."""
        report = self._create_report(
            number="=1+1",
            recipient='=HYPERLINK("http://example.com","Sở KH&CN")',
            signer_name="@SUM(A1:A2)",
            proposals="<p>=cmd|' /C calc'!A0</p>",
        ).with_user(self.qms_manager)
        report.action_compute_figures()
        report.write({"line_ids": [Command.update(report.line_ids[:1].id, {"note": "=2*3"})]})
        report.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(report.attachment_id.raw)).active
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
        self.assertFalse([cell.coordinate for cell in cells if cell.data_type == "f"])
        values = {cell.value for cell in cells}
        for typed in ("=2*3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0", "Số: =1+1"):
            self.assertIn(typed, values)

    def test_excel_half_year_title_and_placeholders(self):
        report = self._create_report(report_type="half_year", half="2", place=False)
        report.action_compute_figures()
        report.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(report.attachment_id.raw)).active
        self.assertTrue(sheet["A7"].value.endswith("6 THÁNG CUỐI NĂM 2024"))
        self.assertEqual(sheet["A4"].value, "Số: ....../BC-STP")
        self.assertTrue(sheet["C4"].value.startswith("......, ngày"))


@tagged("post_install", "-at_install")
class TestReportApproval(ReportCommon):
    def _submitted(self, **values):
        report = self._create_report(**values).with_user(self.qms_manager)
        report.action_compute_figures()
        report.action_submit_for_approval()
        return report

    def test_flow_until_sent_and_archived(self):
        report = self._create_report().with_user(self.qms_manager)
        with self.assertRaises(UserError):
            report.action_submit_for_approval()  # no figures yet
        report.action_compute_figures()
        report.action_submit_for_approval()
        self.assertEqual(report.state, "to_approve")
        self.assertEqual(report.approval_state, "pending")
        self.assertIn(self.leader, report.sudo().activity_ids.user_id)
        with self.assertRaises(UserError):
            report.proposals = "<p>Sửa sau khi trình</p>"
        with self.assertRaises(UserError):
            report.action_compute_figures()
        self.assertFalse(report.can_approve)
        as_leader = report.with_user(self.leader)
        self.assertTrue(as_leader.can_approve)
        as_leader.action_approve("Đồng ý ký ban hành")
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.approver_id, self.leader)
        with self.assertRaisesRegex(UserError, "number"):
            report.action_mark_sent()  # not registered by the clerk yet
        self.assertEqual(report.state, "approved")
        report.write({"number": "125/BC-STP", "report_date": date(2024, 12, 10)})
        with self.assertRaises(UserError):
            report.action_submit_for_approval()
        with self.assertRaises(UserError):
            report.unlink()
        report.action_mark_sent()
        self.assertEqual(report.state, "sent")
        self.assertEqual(report.date_sent, date.today())
        self.assertTrue(report.attachment_id.raw.startswith(b"PK"), "the file sent is kept")
        with self.assertRaises(UserError):
            report.action_mark_sent()
        report.active = False
        self.assertFalse(report.active)
        self.assertTrue(report.exists())

    def test_rejected_returns_to_draft(self):
        report = self._submitted()
        action = report.with_user(self.leader).action_reject()
        wizard = Form(
            self.env["qms.approval.wizard"].with_user(self.leader).with_context(**action["context"])
        )
        wizard.comment = "Bổ sung số liệu đánh giá nội bộ"
        wizard.save().action_confirm()
        self.assertEqual(report.state, "draft")
        report.proposals = "<p>Đã bổ sung</p>"
        self.assertEqual(report.proposals, "<p>Đã bổ sung</p>")

    def test_recall_and_delete_draft(self):
        report = self._submitted(report_type="half_year", half="1")
        report.action_recall()
        self.assertEqual(report.state, "draft")
        report.unlink()
        self.assertFalse(report.exists())


@tagged("post_install", "-at_install")
class TestReportLifecycle(ReportCommon):
    """Issue 13: a report moves only through its actions, its figures only through Compute
    Figures, and once sent it is frozen and kept."""

    def _sent(self):
        report = self._create_report().with_user(self.qms_manager)
        report.action_compute_figures()
        report.action_submit_for_approval()
        report.with_user(self.leader).action_approve()
        report.write({"number": "125/BC-STP", "report_date": date(2024, 12, 10)})
        report.action_mark_sent()
        return report

    def test_no_workflow_by_plain_write(self):
        report = self._create_report().with_user(self.qms_manager)
        report.action_compute_figures()
        for values in (
            {"state": "approved"},
            {"state": "sent"},
            {"approver_id": self.leader.id},
            {"date_approved": "2024-12-10 08:00:00"},
            {"date_submitted": "2024-12-01 08:00:00"},
            {"date_sent": "2024-12-12"},
            {"figures_date": "2020-01-01 08:00:00"},
            {"date_from": "2020-01-01"},
            {"name": "Báo cáo năm 2020"},
        ):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                report.write(values)
        report.invalidate_recordset()
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.approver_id or report.date_approved or report.date_sent)
        # the reporting year of 2024 by the default cut-off (15/12/2023 - 14/12/2024)
        self.assertEqual(
            (report.date_from, report.date_to), (date(2023, 12, 15), date(2024, 12, 14))
        )
        # nor created already approved and sent
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.report"].with_user(self.qms_manager).create(
                {
                    "report_type": "half_year",
                    "half": "2",
                    "year": 2024,
                    "state": "sent",
                    "approver_id": self.leader.id,
                    "date_sent": "2024-12-12",
                }
            )
        self.assertFalse(
            self.env["qms.report"].search([("report_type", "=", "half_year"), ("half", "=", "2")])
        )
        # pending: the approver's decision cannot be written either
        report.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "only through its actions"):
            report.write({"state": "approved", "approver_id": self.qms_manager.id})
        self.assertEqual(report.state, "to_approve")

    def test_sent_report_is_frozen_and_kept(self):
        report = self._sent()
        sent_file = report.attachment_id
        for values in (
            {"number": "126/BC-STP"},
            {"report_date": date(2024, 12, 1)},
            {"proposals": "<p>Sửa sau khi gửi</p>"},
            {"year": 2023},
            {"signer_name": "Người khác"},
        ):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                report.write(values)
        for state in ("draft", "approved"):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                report.write({"state": state})
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            report.unlink()
        with self.assertRaises(UserError):
            report.action_compute_figures()
        line = report.line_ids[:1]
        with self.assertRaises(UserError):
            line.note = "Ghi chú sau khi gửi"
        with self.assertRaises(UserError):
            line.unlink()
        report.invalidate_recordset()
        self.assertEqual((report.state, report.number), ("sent", "125/BC-STP"))
        self.assertEqual(report.report_date, date(2024, 12, 10))
        self.assertFalse(line.note)
        # the Excel file is the one that was sent
        action = report.action_export_xlsx()
        self.assertIn(f"/web/content/{sent_file.id}?", action["url"])
        self.assertEqual(report.attachment_id, sent_file)
        # archiving is the standing office's, and the report is still kept
        with self.assertRaises(AccessError):
            report.with_user(self.leader).write({"active": False})
        report.active = False
        self.assertTrue(report.exists())

    def test_figures_are_computed_never_typed(self):
        report = self._create_report().with_user(self.qms_manager)
        report.action_compute_figures()
        line = self._figures(report)["documents_issued"].with_user(self.qms_manager)
        self.assertEqual(line.value_integer, 2)
        for values in (
            {"value_integer": 40},
            {"value_float": 99.9},
            {"label": "Tài liệu ban hành"},
            {"is_available": False},
            {"code": "other"},
            {"report_id": self._create_report(report_type="half_year").id},
        ):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                line.write(values)
        # the context key that used to let writes through opens nothing
        with self.assertRaisesRegex(UserError, "only through its actions"):
            line.with_context(qms_report_compute=True).write({"value_integer": 40})
        # nor through the report, nor by adding or removing figures
        with self.assertRaisesRegex(UserError, "only through its actions"):
            report.write({"line_ids": [Command.update(line.id, {"value_integer": 40})]})
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.report.line"].with_user(self.qms_manager).create(
                {"report_id": report.id, "code": "extra", "label": "Thêm", "value_integer": 5}
            )
        with self.assertRaisesRegex(UserError, "never deleted by hand"):
            line.unlink()
        line.invalidate_recordset()
        self.assertEqual(line.value_integer, 2)
        self.assertEqual(len(report.line_ids), len(report._qms_compute_figures()))
        # the drafter's note is the one thing written by hand, while the report is a draft
        report.write({"line_ids": [Command.update(line.id, {"note": "Gồm 01 quy trình mới"})]})
        self.assertEqual(line.note, "Gồm 01 quy trình mới")
        report.action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            line.note = "Sửa khi đang trình"
        self.assertEqual(line.note, "Gồm 01 quy trình mới")

    def test_transitions_are_the_standing_office_s(self):
        report = self._create_report()
        for user in (self.leader, self.unit_officer, self.qms_user):
            with self.assertRaises(AccessError):
                report.with_user(user).action_compute_figures()
        self.assertFalse(report.line_ids)
        report.with_user(self.qms_manager).action_compute_figures()
        with self.assertRaises(AccessError):
            report.with_user(self.leader).action_submit_for_approval()
        report.with_user(self.qms_manager).action_submit_for_approval()
        with self.assertRaises(AccessError):
            report.with_user(self.qms_manager).action_approve()  # not an approver of the step
        report.with_user(self.leader).action_approve()
        report.with_user(self.qms_manager).number = "125/BC-STP"
        with self.assertRaises(AccessError):
            report.with_user(self.leader).action_mark_sent()
        self.assertEqual(report.state, "approved")
        self.assertFalse(report.date_sent)

    def test_bad_input_is_refused_in_plain_words(self):
        Report = self.env["qms.report"].with_user(self.qms_manager)
        for year in ("2024", 10**12, -1, None, [2024]):
            with self.assertRaises(ValidationError):
                Report.create({"report_type": "year", "year": year or "x"})
        for values in ({"report_type": "monthly"}, {"report_type": "half_year", "half": "3"}):
            with self.assertRaises(ValidationError):
                Report.create({"year": 2024, **values})
        report = self._create_report().with_user(self.qms_manager)
        for year in ("abc", 10**12, 1):
            with self.assertRaises(ValidationError):
                report.write({"year": year})
        self.assertEqual(report.year, 2024)


@tagged("post_install", "-at_install")
class TestReportAccess(ReportCommon):
    def test_record_rules_per_group(self):
        draft = self._create_report()
        draft.action_compute_figures()
        submitted = self._create_report(report_type="half_year", half="1")
        submitted.action_compute_figures()
        submitted.with_user(self.qms_manager).action_submit_for_approval()

        # the standing office does everything
        draft.with_user(self.qms_manager).check_access("write")
        self.env["qms.report"].with_user(self.qms_manager).create(
            {"report_type": "half_year", "half": "2", "year": 2024}
        )
        # leaders read what was submitted, not the drafts, and change nothing
        submitted.with_user(self.leader).check_access("read")
        submitted.line_ids.with_user(self.leader).check_access("read")
        with self.assertRaises(AccessError):
            draft.with_user(self.leader).check_access("read")
        with self.assertRaises(AccessError):
            draft.line_ids.with_user(self.leader).check_access("read")
        with self.assertRaises(AccessError):
            submitted.with_user(self.leader).check_access("write")
        with self.assertRaises(AccessError):
            self.env["qms.report"].with_user(self.leader).create({"year": 2023})
        # other users and unit officers see no report at all
        for user in (self.qms_user, self.unit_officer):
            with self.assertRaises(AccessError):
                submitted.with_user(user).check_access("read")
            self.assertFalse(self.env["qms.report"].with_user(user).search([]))

    def test_a_user_asked_to_approve_reads_the_report(self):
        self.route.step_ids.user_ids = self.approver
        report = self._create_report()
        report.action_compute_figures()
        with self.assertRaises(AccessError):
            report.with_user(self.approver).check_access("read")
        report.with_user(self.qms_manager).action_submit_for_approval()
        report.with_user(self.approver).check_access("read")
        report.line_ids.with_user(self.approver).check_access("read")
        report.with_user(self.approver).action_approve()
        self.assertEqual(report.state, "approved")


@tagged("post_install", "-at_install")
class TestReportReminder(ReportCommon):
    def _activities(self, report):
        activity_type = self.env.ref("qms_iso9001.mail_activity_type_qms_report")
        return report.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_december_opens_the_yearly_report(self):
        """Not before the cut-off (14/12): on the 15th, with the report due 6 days later."""
        Report = self.env["qms.report"]
        for before in ("2026-03-02", "2026-12-01", "2026-12-14"):
            with freeze_time(before):
                Report._cron_remind_due()
        self.assertFalse(Report.search([("year", "=", 2026), ("report_type", "=", "year")]))
        with freeze_time("2026-12-15"):
            Report._cron_remind_due()
            Report._cron_remind_due()
        report = Report.search(
            [
                ("year", "=", 2026),
                ("report_type", "=", "year"),
                ("company_id", "=", self.company.id),
            ]
        )
        self.assertEqual(len(report), 1)
        self.assertEqual(report.state, "draft")
        self.assertTrue(report.line_ids)
        activities = self._activities(report)
        self.assertEqual(activities.user_id, self.leader, "the standing unit's manager")
        self.assertEqual(len(activities), 1, "reminded once")
        self.assertEqual(activities.date_deadline, date(2026, 12, 20))
        self.assertEqual(report.date_due, date(2026, 12, 20))

    def test_june_reminds_the_existing_half_year_report(self):
        report = self._create_report(report_type="half_year", half="1", year=2026)
        self.department_office.manager_id = False
        with freeze_time("2026-06-14"):
            self.env["qms.report"]._cron_remind_due()
        self.assertFalse(self._activities(report), "not before the cut-off")
        with freeze_time("2026-06-17"):
            self.env["qms.report"]._cron_remind_due()
        activities = self._activities(report)
        self.assertIn(self.qms_manager, activities.user_id)
        self.assertEqual(activities.mapped("date_deadline"), [date(2026, 6, 20)] * len(activities))
        with freeze_time("2026-06-21"):
            self.env["qms.report"]._cron_remind_due()
        self.assertFalse(
            self.env["qms.report"].search([("year", "=", 2026), ("report_type", "=", "year")]),
            "the yearly report waits for its own cut-off",
        )


@tagged("post_install", "-at_install")
class TestReportUi(HttpCase, ReportCommon):
    def test_prepare_then_approve_in_the_web_client(self):
        self.qms_manager.password = "manager_pw"
        self.leader.password = "leader_pw"
        self.start_tour("/odoo", "qms_report_prepare_tour", login="qms_manager")
        report = self.env["qms.report"].search([("year", "=", 2024), ("report_type", "=", "year")])
        self.assertEqual(report.state, "to_approve")
        self.assertTrue(report.line_ids)
        self.start_tour("/odoo", "qms_report_approve_tour", login="qms_leader")
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.approver_id, self.leader)
