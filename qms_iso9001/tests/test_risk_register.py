import base64
import io
from datetime import date

import openpyxl

from odoo.tests import Form, tagged

from .test_risk import RiskCommon


@tagged("post_install", "-at_install")
class TestRiskRegister(RiskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.risk_critical = cls._risk(
            5, 5, name="Mất dữ liệu hồ sơ điện tử", treatment="reduce", cause="Máy chủ cũ"
        )
        cls.risk_low = cls._risk(1, 2, name="Sai sót khi nhập liệu", treatment="accept")
        cls.opportunity = cls._risk(
            3,
            4,
            department=cls.department_office,
            risk_type="opportunity",
            treatment="exploit",
            name="Ứng dụng dịch vụ công trực tuyến toàn trình",
        )
        cls.old_closed = cls._risk(2, 2, name="Rủi ro cũ", date_identified=date(2020, 1, 6))
        cls.old_closed.action_assess()
        cls.old_closed.action_close()
        cls.old_closed.date_closed = date(2020, 6, 1)

    def _wizard(self, **vals):
        return self.env["qms.risk.register.wizard"].create({"year": date.today().year, **vals})

    def _read_back(self, wizard):
        action = wizard.action_export_xlsx()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        sheet = book.worksheets[0]
        header_row = 5
        headers = [cell.value for cell in sheet[header_row]]
        rows = [
            dict(zip(headers, (cell for cell in row), strict=False))
            for row in sheet.iter_rows(min_row=header_row + 1)
        ]
        return headers, rows

    def test_excel_register_one_row_per_risk_level_coloured(self):
        headers, rows = self._read_back(self._wizard())
        self.assertIn("Level", headers)
        by_name = {row["Risk / Opportunity"].value: row for row in rows}
        self.assertEqual(
            set(by_name),
            {self.risk_critical.name, self.risk_low.name, self.opportunity.name},
            "closed risks of past years are left out",
        )
        critical = by_name[self.risk_critical.name]
        self.assertEqual(critical["Score"].value, 25)
        self.assertEqual(critical["Level"].value, "Critical")
        self.assertEqual(critical["Cause"].value, "Máy chủ cũ")
        self.assertEqual(critical["Reference"].value, self.risk_critical.code)
        self.assertEqual(critical["Level"].fill.fgColor.rgb, "FFF44336")
        self.assertEqual(by_name[self.risk_low.name]["Level"].fill.fgColor.rgb, "FF8BC34A")
        self.assertEqual(by_name[self.opportunity.name]["Treatment"].value, "Exploit")

    def test_excel_filters_by_unit_year_and_type(self):
        _headers, rows = self._read_back(self._wizard(department_ids=self.department_office.ids))
        self.assertEqual([row["Risk / Opportunity"].value for row in rows], [self.opportunity.name])
        _headers, rows = self._read_back(self._wizard(risk_type="risk"))
        self.assertEqual(len(rows), 2)
        _headers, rows = self._read_back(self._wizard(year=2020, include_closed=True))
        self.assertEqual([row["Risk / Opportunity"].value for row in rows], [self.old_closed.name])

    def test_excel_only_holds_what_the_user_may_see(self):
        wizard = self.env["qms.risk.register.wizard"].with_user(self.unit_officer).create({})
        _headers, rows = self._read_back(wizard)
        names = {row["Risk / Opportunity"].value for row in rows}
        self.assertNotIn(self.opportunity.name, names)
        self.assertIn(self.risk_critical.name, names)

    def test_matrix_counts_and_colours(self):
        wizard = Form(self.env["qms.risk.register.wizard"])
        self.assertEqual(wizard.risk_count, 3)
        html = str(wizard.matrix_html)
        self.assertIn('data-likelihood="5" data-impact="5" data-count="1"', html)
        self.assertIn('data-likelihood="3" data-impact="4" data-count="1"', html)
        self.assertIn("background-color: #f44336", html)
        self.assertIn("background-color: #8bc34a", html)
        self.assertIn(self.risk_critical.code, html)
        wizard.risk_type = "opportunity"
        self.assertEqual(wizard.risk_count, 1)
        self.assertIn('data-likelihood="5" data-impact="5" data-count="0"', str(wizard.matrix_html))

    def test_matrix_residual_and_scale(self):
        self.risk_critical.write({"residual_likelihood": 2, "residual_impact": 2})
        wizard = self._wizard(basis="residual")
        html = str(wizard.matrix_html)
        self.assertIn('data-likelihood="2" data-impact="2" data-count="1"', html)
        self.assertIn('data-likelihood="5" data-impact="5" data-count="0"', html)
        self.company.qms_risk_impact_max = 6
        self.assertIn('data-impact="6"', str(self._wizard().matrix_html))

    def test_matrix_printed(self):
        wizard = self._wizard()
        action = wizard.action_print_matrix()
        self.assertEqual(action["report_name"], "qms_iso9001.report_qms_risk_matrix")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "qms_iso9001.report_qms_risk_matrix", wizard.ids
        )
        html = html.decode()
        self.assertIn("RISK AND OPPORTUNITY MATRIX", html)
        self.assertIn('data-likelihood="5" data-impact="5" data-count="1"', html)
        self.assertIn("Critical", html)

    def test_pivot_heat_map_groups_by_likelihood_and_impact(self):
        groups = self.env["qms.risk"]._read_group(
            [("state", "!=", "closed")], ["likelihood", "impact"], ["__count"]
        )
        self.assertIn((5, 5, 1), groups)
        self.assertIn((3, 4, 1), groups)
        arch = self.env["qms.risk"].get_view(view_type="pivot")["arch"]
        self.assertIn('name="likelihood"', arch)
        self.assertIn('name="impact"', arch)

    def test_register_query_count_does_not_grow_per_risk(self):
        for index in range(10):
            self._risk(2, 3, name=f"Rủi ro {index}")
        wizard = self._wizard()
        wizard._build_xlsx()
        with self.assertQueryCount(20):
            wizard.invalidate_recordset()
            self.env.invalidate_all()
            wizard._build_xlsx()
