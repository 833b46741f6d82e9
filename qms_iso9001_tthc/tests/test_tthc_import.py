import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import file_open

from .common_tthc import HEADERS, TthcCommon


@tagged("post_install", "-at_install")
class TestTthcImport(TthcCommon):
    def _wizard(self, file_data):
        return self.env["qms.tthc.import"].create(
            {"file_data": file_data, "file_name": "tthc.xlsx"}
        )

    def test_sample_file_imports_every_procedure(self):
        with file_open("qms_iso9001_tthc/data/qms_tthc_sample_catalogue.xlsx", "rb") as sample:
            data = base64.b64encode(sample.read())
        wizard = self._wizard(data)
        wizard.action_preview()
        self.assertEqual(wizard.error_count, 0, wizard.line_ids.mapped("message"))
        self.assertEqual((wizard.create_count, wizard.update_count), (11, 1))
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        Procedure = self.env["qms.tthc.procedure"]
        birth = Procedure.search([("code", "=", "1.001193")])
        self.assertEqual(birth.field_id, self.field_civil)
        self.assertEqual(birth.level, "commune")
        self.assertEqual(birth.online_level, "full")
        self.assertEqual(birth.decision_number, "1520/QĐ-UBND")
        self.assertEqual(str(birth.decision_date), "2025-07-15")
        self.assertEqual(
            {(t.filing_method, t.duration, t.unit) for t in birth.processing_time_ids},
            {("direct", 4.0, "hour"), ("online", 4.0, "hour"), ("postal", 4.0, "hour")},
        )
        copy = Procedure.search([("code", "=", "2.000815")])
        self.assertEqual(copy.field_id, self.field_cert)
        self.assertEqual(copy.fee_ids.fee_type, "fee")
        self.assertEqual(copy.fee_ids.amount, 2000)
        self.assertEqual(copy.fee_ids.note, "/trang")
        self.assertEqual(copy.fee_ids.amount_in_words, "Hai nghìn đồng")
        updated = self.procedure
        self.assertEqual(
            {(t.filing_method, t.duration) for t in updated.processing_time_ids},
            {("direct", 3.0), ("online", 2.0)},
        )
        self.assertEqual(updated.fee_ids.amount, 15000)

    def test_mixed_file_imports_nothing_and_lists_every_error(self):
        rows = [
            (1, "1.001193", "Đăng ký khai sinh", "Hộ tịch", "Cấp xã", "04 giờ làm việc", "Không"),
            (2, "1.00119", "Mã sai", "Hộ tịch", "Cấp xã", "04 giờ làm việc", "Không"),
            (3, "1.000894", "Đăng ký kết hôn", "Đất đai", "Cấp xã", "04 giờ", "Không"),
            (4, "1.000656", "Đăng ký khai tử", "Hộ tịch", "Cấp xã", "theo quy định", "Không"),
            (5, "2.000635", "Trích lục", "Hộ tịch", "Cấp xã", "1 ngày", "Lệ phí: tám nghìn"),
            (
                6,
                "2.000884",
                "Chứng thực chữ ký",
                "Chứng thực",
                "Cấp xã",
                "Trong ngày",
                "Phí: 10.000 đồng",
            ),
            (7, "2.000884", "Chứng thực chữ ký (trùng)", "CT", "Cấp xã", "Trong ngày", ""),
        ]
        wizard = self._wizard(self._xlsx(rows))
        wizard.action_preview()
        lines = {line.row_number: line for line in wizard.line_ids}
        self.assertEqual(len(lines), 7)
        self.assertEqual(lines[4].status, "create")
        self.assertIn("1.00119", lines[5].message)
        self.assertIn("Đất đai", lines[6].message)
        self.assertIn("theo quy định", lines[7].message)
        self.assertIn("tám nghìn", lines[8].message)
        self.assertIn("2.000884", lines[9].message)
        self.assertIn("2.000884", lines[10].message)
        self.assertEqual(wizard.error_count, 6)
        with self.assertRaises(UserError) as error:
            wizard.action_import()
        for row in (5, 6, 7, 8, 9, 10):
            self.assertIn(str(row), str(error.exception))
        self.assertFalse(
            self.env["qms.tthc.procedure"].search_count(
                [("code", "in", ["1.001193", "2.000884", "1.000894"])]
            )
        )

    def test_reimport_updates_by_code(self):
        rows = [
            (
                1,
                "1.004859",
                "Thay đổi, cải chính hộ tịch (sửa đổi)",
                "HT",
                "Cấp xã",
                "Trực tiếp: 5 ngày làm việc",
                "Lệ phí: 15.000 đồng",
            )
        ]
        wizard = self._wizard(self._xlsx(rows))
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.status, "update")
        self.assertEqual(wizard.line_ids.procedure_id, self.procedure)
        wizard.action_import()
        self.assertEqual(
            self.env["qms.tthc.procedure"].search_count([("code", "=", "1.004859")]), 1
        )
        self.assertEqual(self.procedure.name, "Thay đổi, cải chính hộ tịch (sửa đổi)")
        self.assertEqual(self.procedure.processing_time_ids.filing_method, "direct")
        self.assertEqual(self.procedure.processing_time_ids.duration, 5.0)
        self.assertEqual(self.procedure.fee_ids.amount_in_words, "Mười lăm nghìn đồng")

    def test_abolished_procedure_is_a_row_error(self):
        """An abolished procedure is frozen: the file does not rewrite it behind the standing
        office's back."""
        self.procedure.action_abolish("2026-01-01")
        row = (1, "1.004859", "Tên mới", "HT", "Cấp xã", "Trực tiếp: 5 ngày làm việc", "Không")
        wizard = self._wizard(self._xlsx([row]))
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.status, "error")
        self.assertIn("abolished", wizard.line_ids.message)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertEqual(self.procedure.name, "Thay đổi, cải chính, bổ sung thông tin hộ tịch")

    def test_unknown_iso_code_is_a_row_error(self):
        headers = (*HEADERS, "Mã quy trình ISO")
        row = (
            "1",
            "1.001193",
            "Đăng ký khai sinh",
            "Hộ tịch",
            "Cấp xã",
            "3 ngày làm việc",
            "Không",
            "Toàn trình",
            "QT.99/XX",
        )
        wizard = self._wizard(self._xlsx([row], headers=headers))
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.status, "error")
        self.assertIn("QT.99/XX", wizard.line_ids.message)

    def test_missing_column_or_not_an_excel_file(self):
        wizard = self._wizard(self._xlsx([(1, "1.001193")], headers=["STT", "Mã thủ tục"]))
        with self.assertRaises(UserError):
            wizard.action_preview()
        wizard = self._wizard(base64.b64encode(b"not an excel file"))
        with self.assertRaises(UserError):
            wizard.action_preview()

    def test_export_reads_back_into_the_same_catalogue(self):
        document = self.env["qms.document"].create(
            {
                "name": "Quy trình thay đổi, cải chính hộ tịch",
                "type_id": self.env.ref("qms_iso9001.document_type_tthc_procedure").id,
                "department_id": self.department_unit.id,
                "code": "QT.05/HCTP",
            }
        )
        self.procedure.write(
            {
                "document_id": document.id,
                "decision_number": "1520/QĐ-UBND",
                "decision_date": "2025-07-15",
                "online_level": "partial",
                "fee_ids": [
                    (0, 0, {"name": "Lệ phí", "amount": 15000, "fee_type": "charge"}),
                    (
                        0,
                        0,
                        {
                            "name": "Phí sao y",
                            "amount": 2000,
                            "fee_type": "fee",
                            "note": "/trang; tối đa 200.000 đồng/bản",
                        },
                    ),
                ],
            }
        )
        wizard = self.env["qms.tthc.list.wizard"].create(
            {"procedure_ids": [(6, 0, self.procedure.ids)]}
        )
        wizard.action_export_catalogue()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        sheet = book.active
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(headers[:4], ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực"])
        row = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
        self.assertEqual(
            row["Thời hạn giải quyết"], "Trực tiếp: 3 ngày làm việc; Trực tuyến: 2 ngày làm việc"
        )
        self.assertEqual(
            row["Phí, lệ phí"],
            "Lệ phí: 15.000 đồng; Phí sao y: 2.000 đồng/trang, tối đa 200.000 đồng/bản",
        )
        before = self.procedure.read(
            ["name", "level", "online_level", "decision_number", "decision_date"]
        )
        times = {(t.filing_method, t.duration, t.unit) for t in self.procedure.processing_time_ids}
        fees = {
            ("Lệ phí", "charge", 15000, ""),
            ("Phí sao y", "fee", 2000, "/trang, tối đa 200.000 đồng/bản"),
        }
        self.assertEqual(row["Mã quy trình ISO"], "QT.05/HCTP")
        self.procedure.document_id = False
        reimport = self._wizard(wizard.file_data)
        reimport.action_preview()
        self.assertEqual(reimport.line_ids.status, "update", reimport.line_ids.message)
        reimport.action_import()
        self.assertEqual(self.procedure.document_id, document, "the ISO procedure is linked again")
        self.assertEqual(
            self.procedure.read(
                ["name", "level", "online_level", "decision_number", "decision_date"]
            ),
            before,
        )
        self.assertEqual(
            {(t.filing_method, t.duration, t.unit) for t in self.procedure.processing_time_ids},
            times,
        )
        self.assertEqual(
            {(f.name, f.fee_type, f.amount, f.note or "") for f in self.procedure.fee_ids}, fees
        )
