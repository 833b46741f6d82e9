import io
from datetime import date

import openpyxl
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .announcement_fixtures import issue_document
from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestReportPeriods(QmsCommon):
    """Periods end at the reporting regime's cut-off (a company setting), figures are computed
    after it and never before, and reports are due some days later (issue 17)."""

    def _report(self, **values):
        return self.env["qms.report"].create({"report_type": "year", "year": 2026, **values})

    def test_default_cutoff_15_december_to_14_december(self):
        yearly = self._report()
        self.assertEqual(
            (yearly.date_from, yearly.date_to), (date(2025, 12, 15), date(2026, 12, 14))
        )
        self.assertEqual(yearly.date_due, date(2026, 12, 20))
        first = self._report(report_type="half_year", half="1")
        self.assertEqual((first.date_from, first.date_to), (date(2025, 12, 15), date(2026, 6, 14)))
        second = self._report(report_type="half_year", half="2")
        self.assertEqual(
            (second.date_from, second.date_to), (date(2026, 6, 15), date(2026, 12, 14))
        )

    def test_cutoff_is_a_company_setting(self):
        settings = self.env["res.config.settings"].create(
            {"qms_report_cutoff_day": 31, "qms_report_cutoff_month": 12, "qms_report_due_days": 10}
        )
        settings.execute()
        yearly = self._report()
        self.assertEqual((yearly.date_from, yearly.date_to), (date(2026, 1, 1), date(2026, 12, 31)))
        self.assertEqual(yearly.date_due, date(2027, 1, 10))
        first = self._report(report_type="half_year", half="1")
        self.assertEqual(first.date_to, date(2026, 6, 30))
        for day, month in ((30, 2), (0, 12), (14, 13), (31, 4)):
            with self.assertRaises(ValidationError):
                self.company.write({"qms_report_cutoff_day": day, "qms_report_cutoff_month": month})
        with self.assertRaises(ValidationError):
            self.company.qms_report_due_days = -1
        # a report already made keeps its period
        self.company.write({"qms_report_cutoff_day": 14, "qms_report_cutoff_month": 12})
        yearly.invalidate_recordset()
        self.assertEqual(yearly.date_to, date(2026, 12, 31))

    def test_figures_only_after_the_cutoff(self):
        first = self._report(report_type="half_year", half="1")
        for before in ("2026-01-10", "2026-06-14"):
            with freeze_time(before), self.assertRaisesRegex(UserError, "after the cut-off"):
                first.action_compute_figures()
        self.assertFalse(first.line_ids)
        with freeze_time("2026-06-15"):
            first.action_compute_figures()
        self.assertTrue(first.line_ids)


@tagged("post_install", "-at_install")
class TestReportUnit(QmsCommon):
    """Units send their six-monthly reports to the standing office; the agency report
    consolidates them and carries the decision in force and the governing body (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "qms_agency_name": "Sở Tư pháp tỉnh Quảng Trị",
                "qms_governing_body": "Ủy ban nhân dân tỉnh Quảng Trị",
                "qms_standing_department_id": cls.department_office.id,
            }
        )
        cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.other_officer = cls._create_qms_user(
            "qms_officer_office", "qms_iso9001.group_qms_unit_officer"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Phạm Văn Nam",
                "department_id": cls.department_office.id,
                "user_id": cls.other_officer.id,
            }
        )
        cls.env["qms.nonconformity"].create(
            {
                "title": "Hồ sơ quá hạn",
                "description": "<p>Trả kết quả quá hạn</p>",
                "department_id": cls.department_unit.id,
                "date_detected": "2026-03-02",
            }
        )

    def _unit_report(self, user=None, **values):
        return (
            self.env["qms.report.unit"]
            .with_user(user or self.unit_officer)
            .create(
                {
                    "department_id": self.department_unit.id,
                    "year": 2026,
                    "half": "1",
                    **values,
                }
            )
        )

    def test_unit_reports_then_agency_consolidates(self):
        unit_report = self._unit_report()
        self.assertEqual(unit_report.date_to, date(2026, 6, 14))
        self.assertEqual(unit_report.date_due, date(2026, 6, 17))
        with freeze_time("2026-06-10"), self.assertRaisesRegex(UserError, "after the cut-off"):
            unit_report.action_compute_figures()
        with self.assertRaisesRegex(UserError, "Compute the figures"):
            unit_report.action_submit()
        with freeze_time("2026-06-15"):
            unit_report.action_compute_figures()
        self.assertEqual(unit_report.nc_count, 1)
        self.assertEqual(unit_report.nc_open_count, 1)
        with self.assertRaisesRegex(UserError, "only through its actions"):
            unit_report.write({"nc_count": 0})
        with self.assertRaisesRegex(UserError, "Describe how the unit applied"):
            unit_report.action_submit()
        unit_report.write(
            {
                "situation": "<p>Áp dụng đầy đủ 12 quy trình</p>",
                "proposals": "<p>Tập huấn chuyên gia đánh giá nội bộ</p>",
            }
        )
        # until submitted, the unit and the standing office only
        for user in (self.other_officer, self.leader, self.qms_user):
            with self.assertRaises(AccessError):
                unit_report.with_user(user).read(["situation"])
        with self.assertRaises(AccessError):
            unit_report.with_user(self.other_officer).action_submit()
        unit_report.action_submit()
        self.assertEqual(unit_report.state, "submitted")
        self.assertEqual(unit_report.submitted_by_id, self.unit_officer)
        self.assertIn("Áp dụng đầy đủ", unit_report.with_user(self.leader).situation)
        with self.assertRaises(AccessError):
            unit_report.with_user(self.other_officer).read(["situation"])
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            unit_report.write({"situation": "<p>Sửa sau khi gửi</p>"})
        with self.assertRaises(UserError):
            unit_report.unlink()
        # the standing office returns it for completion, with a reason; the unit resubmits
        with self.assertRaises(AccessError):
            unit_report.action_return("Bổ sung")
        manager_view = unit_report.with_user(self.qms_manager)
        manager_view.action_return("Bổ sung số liệu đánh giá nội bộ")
        self.assertEqual(unit_report.state, "draft")
        self.assertIn("Bổ sung số liệu", unit_report.message_ids[0].body)
        unit_report.action_submit()
        # a second report for the same period is refused by the index (whose message users
        # read over JSON-RPC: see test_unique_rpc)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self._unit_report()
        self.assertEqual(caught.exception.diag.constraint_name, "qms_report_unit_unit_period_uniq")

    def _submitted(self):
        unit_report = self._unit_report(
            situation="<p>Áp dụng đầy đủ 12 quy trình</p>",
            proposals="<p>Tập huấn chuyên gia đánh giá nội bộ</p>",
        )
        with freeze_time("2026-06-15"):
            unit_report.action_compute_figures()
        unit_report.action_submit()
        return unit_report

    def test_agency_report_consolidates_the_units(self):
        unit_report = self._submitted()
        manager_view = unit_report.with_user(self.qms_manager)
        report = (
            self.env["qms.report"]
            .with_user(self.qms_manager)
            .create({"report_type": "half_year", "half": "1", "year": 2026})
        )
        with freeze_time("2026-06-18"):
            report.action_compute_figures()
        self.assertEqual(report.unit_report_ids, unit_report)
        self.assertEqual(unit_report.report_id, report)
        self.assertEqual(
            {line.code: line for line in report.line_ids}["unit_reports"].value_integer, 1
        )
        self.assertIn(self.department_unit.name, report.unit_summary_html)
        self.assertIn("Tập huấn chuyên gia đánh giá nội bộ", report.unit_summary_html)
        self.assertEqual(report.governing_body, "Ủy ban nhân dân tỉnh Quảng Trị")
        with self.assertRaisesRegex(UserError, "only through its actions"):
            report.write({"unit_report_ids": [(5, 0, 0)]})
        report.action_export_xlsx()
        workbook = openpyxl.load_workbook(io.BytesIO(report.sudo().attachment_id.raw))
        units_sheet = workbook["Báo cáo đơn vị"]
        cells = [cell.value for row in units_sheet.iter_rows() for cell in row]
        self.assertIn(self.department_unit.name, cells)
        self.assertIn("Áp dụng đầy đủ 12 quy trình", cells)
        header = [cell.value for row in workbook["Báo cáo"].iter_rows(max_row=2) for cell in row]
        self.assertIn("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", header)
        # once the agency report left the draft stage, the unit's is final
        report.sudo()._qms_set({"state": "sent"})
        with self.assertRaisesRegex(UserError, "can no longer be returned"):
            manager_view.action_return("Quá muộn")

    def test_report_carries_the_announcement_in_force(self):
        Announcement = self.env["qms.announcement"]
        Announcement.create(
            {
                "name": "12/QĐ-STP",
                "date_decision": "2025-03-02",
                "activity_scope": "chứng thực",
                "state": "superseded",
            }
        )
        in_force = Announcement.create(
            {
                "name": "48/QĐ-STP",
                "date_decision": "2026-02-10",
                "activity_scope": "chứng thực, hộ tịch, lý lịch tư pháp",
                "state": "announced",
            }
        )
        Announcement.create({"name": "90/QĐ-STP", "date_decision": "2026-12-30"})
        report = self.env["qms.report"].create({"report_type": "year", "year": 2026})
        with freeze_time("2026-12-16"):
            report.action_compute_figures()
        self.assertEqual(report.announcement_id, in_force)
        self.assertEqual(report.announcement_date, date(2026, 2, 10))
        self.assertIn("lý lịch tư pháp", report.announcement_scope)
        report.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(report.sudo().attachment_id.raw))["Báo cáo"]
        text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
        self.assertIn("Quyết định số 48/QĐ-STP ngày 10/02/2026", text)
        self.assertIn("lý lịch tư pháp", text)
        with self.assertRaisesRegex(UserError, "only through its actions"):
            report.with_user(self.qms_manager).write({"announcement_id": False})

    def test_province_summary_lists_subordinate_agencies(self):
        province = self.company
        announced = self.env["res.company"].create(
            {
                "name": "Sở Y tế",
                "parent_id": province.id,
                "qms_agency_name": "Sở Y tế tỉnh Quảng Trị",
            }
        )
        silent = self.env["res.company"].create({"name": "Sở Xây dựng", "parent_id": province.id})
        self.env["qms.announcement"].create(
            {
                "name": "7/QĐ-SYT",
                "date_decision": "2026-04-01",
                "activity_scope": "khám chữa bệnh",
                "state": "announced",
                "company_id": announced.id,
            }
        )
        report = (
            self.env["qms.report"]
            .with_user(self.qms_manager)
            .create({"report_type": "year", "year": 2025})
        )
        self.assertTrue(report.has_subordinates)
        self.assertIn("Sở Y tế tỉnh Quảng Trị", report.subordinate_html)
        self.assertIn("7/QĐ-SYT", report.subordinate_html)
        self.assertIn(silent.name, report.subordinate_html)
        self.assertIn("Not announced", report.subordinate_html)
        report.action_compute_figures()
        figures = {line.code: line.value_integer for line in report.line_ids}
        self.assertEqual(figures["subordinate_agencies"], 2)
        self.assertEqual(figures["subordinate_announced"], 1)
        report.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(report.sudo().attachment_id.raw))[
            "Cơ quan trực thuộc"
        ]
        self.assertIn("7/QĐ-SYT", [cell.value for row in sheet.iter_rows() for cell in row])
        # an agency without subordinates has no such summary
        self.assertFalse(
            self.env["qms.report"]
            .create(
                {
                    "report_type": "year",
                    "year": 2025,
                    "company_id": silent.id,
                    "department_id": False,
                }
            )
            .has_subordinates
        )

    def test_cutoff_opens_the_units_reports(self):
        """After the half-year's cut-off the units in scope get their report to complete."""
        self.env["qms.document"].search([("company_id", "=", self.company.id)]).active = False
        issue_document(
            self.env,
            "Quy trình chứng thực",
            "RU.QT.01",
            "qms_iso9001.document_type_business_procedure",
            self.department_unit,
        )
        Unit = self.env["qms.report.unit"]
        with freeze_time("2026-06-14"):
            self.env["qms.report"]._cron_remind_due()
        self.assertFalse(Unit.search([("year", "=", 2026)]), "never before the cut-off")
        with freeze_time("2026-06-15"):
            self.env["qms.report"]._cron_remind_due()
            self.env["qms.report"]._cron_remind_due()
        unit_report = Unit.search([("year", "=", 2026), ("half", "=", "1")])
        self.assertEqual(unit_report.department_id, self.department_unit)
        self.assertTrue(unit_report.figures_date)
        self.assertEqual(unit_report.procedures_count, 1)
        self.assertEqual(unit_report.activity_ids.user_id, self.unit_officer)
        self.assertEqual(unit_report.activity_ids.date_deadline, date(2026, 6, 17))
