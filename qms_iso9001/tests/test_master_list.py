import base64
import io

import openpyxl

from odoo.tests import Form, HttpCase, tagged

from .test_distribution import DocumentCase


@tagged("post_install", "-at_install")
class TestMasterList(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.procedure = cls._document(cls, "Quy trình chứng thực bản sao")
        cls.procedure_unit = cls._document(
            cls, "Quy trình đăng ký khai sinh", department=cls.department_unit
        )
        cls.form = cls._document(
            cls, "Mẫu sổ theo dõi", doc_type=cls.form_type, parent_id=cls.procedure.id
        )
        cls.law = cls._document(cls, "Nghị định 118/2025/NĐ-CP", doc_type=cls.external_type)
        cls.draft = cls._document(cls, "Quy trình chưa ban hành")
        for document in (cls.procedure, cls.procedure_unit, cls.form, cls.law):
            cls._issue(cls, document, effective_date="2026-03-01")

    def _export(self, **values):
        form = Form(self.env["qms.master.list.wizard"].with_user(self.qms_user))
        form.list_kind = values.get("list_kind", "internal")
        for department in values.get("departments", []):
            form.department_ids.add(department)
        for doc_type in values.get("types", []):
            form.type_ids.add(doc_type)
        wizard = form.save()
        wizard.action_export_xlsx()
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))

    def test_typed_text_never_becomes_a_formula_or_link(self):
        """A title starting with "=" is written and read back as text, not evaluated."""
        self.procedure.name = '=HYPERLINK("http://attacker.example","Bấm vào đây")'
        self.procedure_unit.name = "@SUM(1+1)"
        sheet = self._export()["Business Procedure"]
        titles = {row[1].value: row[2] for row in sheet.iter_rows(min_row=5)}
        for document in (self.procedure, self.procedure_unit):
            cell = titles[document.code]
            self.assertEqual(cell.value, document.name)
            self.assertEqual(cell.data_type, "s", "stored as a string, not as a formula")
            self.assertIsNone(cell.hyperlink)

    def test_internal_list_one_sheet_per_type(self):
        book = self._export()
        self.assertEqual(book.sheetnames, ["Business Procedure", "Form - Template"])
        sheet = book["Business Procedure"]
        self.assertEqual(sheet["A1"].value, "DANH MỤC TÀI LIỆU NỘI BỘ")
        self.assertEqual(
            [cell.value for cell in sheet[4]],
            [
                "STT",
                "Mã",
                "Tên tài liệu",
                "Đơn vị chủ trì",
                "Lần ban hành",
                "Ngày hiệu lực",
                "Trạng thái",
                "Chữ ký số",
            ],
        )
        rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
        self.assertEqual(
            set(rows),
            {self.procedure.code, self.procedure_unit.code},
            "issued internal documents only, not drafts nor external ones",
        )
        row = rows[self.procedure.code]
        self.assertEqual(row[2], "Quy trình chứng thực bản sao")
        self.assertEqual(row[3], "Văn phòng")
        self.assertEqual(row[4], 1)
        self.assertEqual(row[5].date().isoformat(), "2026-03-01")
        self.assertEqual(row[6], "In Force")

    def test_filters_by_unit_and_type(self):
        book = self._export(departments=[self.department_unit])
        self.assertEqual(book.sheetnames, ["Business Procedure"])
        codes = [row[1] for row in book.active.iter_rows(min_row=5, values_only=True)]
        self.assertEqual(codes, [self.procedure_unit.code])
        book = self._export(types=[self.form_type])
        self.assertEqual(book.sheetnames, ["Form - Template"])

    def test_external_list(self):
        book = self._export(list_kind="external")
        self.assertEqual(book.sheetnames, ["External Document - Legal Text"])
        sheet = book.active
        self.assertEqual(sheet["A1"].value, "DANH MỤC TÀI LIỆU BÊN NGOÀI")
        self.assertEqual(sheet["C5"].value, "Nghị định 118/2025/NĐ-CP")

    def test_print(self):
        wizard = self.env["qms.master.list.wizard"].create({"list_kind": "internal"})
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "qms_iso9001.report_qms_master_list")
        documents = wizard._get_documents()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("qms_iso9001.action_report_qms_master_list", documents.ids)[0]
            .decode()
        )
        self.assertIn("MASTER LIST OF INTERNAL DOCUMENTS", html)
        self.assertIn(self.procedure.code, html)
        self.assertIn("Business Procedure", html)
        self.assertNotIn("Nghị định 118", html)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("qms_iso9001.action_report_qms_master_list", self.law.ids)[0]
            .decode()
        )
        self.assertIn("LIST OF EXTERNAL DOCUMENTS", html)


@tagged("post_install", "-at_install")
class TestMasterListDownload(HttpCase):
    def test_the_button_returns_the_file(self):
        user = self.env["res.users"].create(
            {
                "name": "Chuyên viên",
                "login": "qms_download",
                "password": "qms_download_pw",
                "group_ids": [(6, 0, [self.env.ref("qms_iso9001.group_qms_user").id])],
            }
        )
        wizard = (
            self.env["qms.master.list.wizard"].with_user(user).create({"list_kind": "external"})
        )
        action = wizard.action_export_xlsx()
        self.authenticate("qms_download", "qms_download_pw")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("danh_muc_tai_lieu_ben_ngoai.xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.active["A1"].value, "DANH MỤC TÀI LIỆU BÊN NGOÀI")
