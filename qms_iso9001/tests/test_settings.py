from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestSettings(QmsCommon):
    def test_settings_are_saved_on_the_company(self):
        calendar = self.env["resource.calendar"].create({"name": "Giờ hành chính"})
        with Form(self.env["res.config.settings"]) as settings:
            settings.qms_agency_name = "Sở Tư pháp tỉnh Quảng Trị"
            settings.qms_agency_code = "STP"
            settings.qms_standing_department_id = self.department_office
            settings.qms_calendar_id = calendar
        settings.save().execute()
        self.assertEqual(self.company.qms_agency_name, "Sở Tư pháp tỉnh Quảng Trị")
        self.assertEqual(self.company.qms_agency_code, "STP")
        self.assertEqual(self.company.qms_standing_department_id, self.department_office)
        self.assertEqual(self.company._qms_deadline_calendar(), calendar)
        self.assertEqual(self.company.qms_standard_version, "TCVN ISO 9001:2015")

    def test_deadline_calendar_falls_back_to_company_hours(self):
        self.company.qms_calendar_id = False
        self.assertEqual(self.company._qms_deadline_calendar(), self.company.resource_calendar_id)

    def test_agency_code_format(self):
        for good in ("STP", "UBND.QT", "SO-TP-01"):
            self.company.qms_agency_code = good
        for bad in ("stp", "S T P", "-STP", "SỞTP", "A" * 21):
            with self.subTest(code=bad), self.assertRaises(ValidationError):
                self.company.qms_agency_code = bad
        self.assertEqual(self.company.qms_agency_code, "SO-TP-01")

    def test_standing_unit_of_another_agency_refused(self):
        other_company = self.env["res.company"].create({"name": "Sở Nội vụ"})
        foreign_department = self.env["hr.department"].create(
            {"name": "Văn phòng Sở Nội vụ", "company_id": other_company.id}
        )
        with self.assertRaises(ValidationError):
            self.company.qms_standing_department_id = foreign_department
        self.company.qms_standing_department_id = self.department_office
        self.assertEqual(self.company.qms_standing_department_id, self.department_office)

    def test_governing_body_heads_the_printed_documents(self):
        """Nghị định 30/2020/NĐ-CP: the governing body above the issuing body, then the number
        and symbol; the national title, the motto and the place and date on the right."""
        with Form(self.env["res.config.settings"]) as settings:
            settings.qms_governing_body = "Ủy ban nhân dân tỉnh Quảng Trị"
            settings.qms_agency_name = "Sở Tư pháp tỉnh Quảng Trị"
        settings.save().execute()
        self.assertEqual(self.company.qms_governing_body, "Ủy ban nhân dân tỉnh Quảng Trị")
        with Form(self.company, view="base.view_company_form") as company:
            self.assertEqual(company.qms_governing_body, "Ủy ban nhân dân tỉnh Quảng Trị")

        def render(**values):
            html = self.env["ir.qweb"]._render(
                "qms_iso9001.report_qms_document_header", {"company": self.company, **values}
            )
            return str(html)

        def assert_in_order(html, *texts):
            positions = [html.find(text) for text in texts]
            self.assertNotIn(-1, positions, html)
            self.assertEqual(positions, sorted(positions), html)

        html = render(doc_number="12/QĐ-STP", date_line="Quảng Trị, ngày 01 tháng 12 năm 2026")
        assert_in_order(
            html,
            'o_qms_governing_body">Ủy ban nhân dân tỉnh Quảng Trị',
            'o_qms_issuing_body">Sở Tư pháp tỉnh Quảng Trị',
            "No.: 12/QĐ-STP",
            "SOCIALIST REPUBLIC OF VIET NAM",
            "Independence - Freedom - Happiness",
            "Quảng Trị, ngày 01 tháng 12 năm 2026",
        )
        # a unit issuing in its own name: the agency becomes the line above it
        html = render(issuing_unit="Văn phòng")
        assert_in_order(
            html,
            'o_qms_governing_body">Ủy ban nhân dân tỉnh Quảng Trị',
            'o_qms_governing_body">Sở Tư pháp tỉnh Quảng Trị',
            'o_qms_issuing_body">Văn phòng',
        )
        self.assertNotIn("No.:", html)
        # without a governing body the agency heads the document alone
        self.company.qms_governing_body = False
        html = render()
        self.assertNotIn("o_qms_governing_body", html)
        self.assertIn('o_qms_issuing_body">Sở Tư pháp tỉnh Quảng Trị', html)
        # every report of the core that carries a header takes this one
        for xmlid in (
            "report_qms_announcement_document",
            "report_qms_management_review_document",
            "report_qms_nonconformity_document",
            "report_qms_objective",
        ):
            with self.subTest(report=xmlid):
                arch = self.env.ref(f"qms_iso9001.{xmlid}").arch
                self.assertIn("qms_iso9001.report_qms_document_header", arch)
