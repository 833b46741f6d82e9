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
