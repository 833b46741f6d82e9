import base64
import io

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .test_distribution import DocumentCase


@tagged("post_install", "-at_install")
class TestRecordType(DocumentCase):
    def _record_type(self, user=None, **values):
        form = Form(self.env["qms.record.type"].with_user(user or self.qms_manager))
        form.name = values.get("name", "Sổ theo dõi chứng thực")
        form.department_id = values.get("department", self.department_office)
        form.location = "Tủ hồ sơ bộ phận Một cửa"
        form.medium = values.get("medium", "both")
        if values.get("permanent"):
            form.retention_permanent = True
        else:
            form.retention_years = values.get("years", 5)
        form.disposal_method = "Hủy theo Luật Lưu trữ"
        return form.save()

    def test_crud_by_role(self):
        record_type = self._record_type()
        self.assertEqual(record_type.retention_display, "5 years")
        record_type.retention_permanent = True
        self.assertEqual(record_type.retention_display, "Permanent")
        # the unit ISO officer maintains their own unit's lines, not another unit's
        own = self._record_type(user=self.unit_officer, name="Sổ công văn đến")
        own.with_user(self.unit_officer).location = "Phần mềm QLVB"
        with self.assertRaises(AccessError):
            self._record_type(user=self.unit_officer, department=self.department_unit)
        with self.assertRaises(AccessError):
            self._record_type(user=self.qms_user)
        # everyone reads it; nobody but the standing office deletes
        self.assertIn(own, self.env["qms.record.type"].with_user(self.qms_user).search([]))
        with self.assertRaises(AccessError):
            own.with_user(self.unit_officer).unlink()
        own.with_user(self.qms_manager).unlink()
        self.assertFalse(own.exists())

    def test_retention_is_required(self):
        with self.assertRaises(ValidationError):
            self.env["qms.record.type"].create(
                {"name": "Hồ sơ", "department_id": self.department_office.id}
            )

    def test_excel_export(self):
        procedure = self._document()
        first = self._record_type(permanent=True)
        first.document_id = procedure
        second = self._record_type(name="Phiếu tiếp nhận", medium="paper", years=10)
        action = (first | second).with_user(self.qms_user).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        wizard = self.env["qms.master.list.wizard"].search([], order="id desc", limit=1)
        self.assertIn(f"/{wizard.id}/file_data/", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        sheet = book.worksheets[0]
        self.assertEqual(sheet["A1"].value, "DANH MỤC HỒ SƠ")
        self.assertEqual(
            [cell.value for cell in sheet[4]],
            [
                "STT",
                "Tên hồ sơ",
                "Quy trình liên quan",
                "Đơn vị lưu trữ",
                "Nơi lưu trữ",
                "Phương tiện lưu trữ",
                "Thời hạn lưu trữ",
                "Phương pháp hủy",
            ],
        )
        rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
        self.assertEqual(rows["Sổ theo dõi chứng thực"][2], procedure.display_name)
        self.assertEqual(rows["Sổ theo dõi chứng thực"][6], "Permanent")
        self.assertEqual(rows["Phiếu tiếp nhận"][5], "Paper")
        self.assertEqual(rows["Phiếu tiếp nhận"][6], "10 years")

    def test_print(self):
        record_type = self._record_type(name="Sổ theo dõi hồ sơ TTHC")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("qms_iso9001.action_report_qms_record_type", record_type.ids)[0]
            .decode()
        )
        self.assertIn("RECORDS LIST", html)
        self.assertIn("Sổ theo dõi hồ sơ TTHC", html)
        self.assertIn("Tủ hồ sơ bộ phận Một cửa", html)
