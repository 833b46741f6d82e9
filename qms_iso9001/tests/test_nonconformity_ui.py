from odoo.tests import HttpCase, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestNonconformityUi(HttpCase, QmsCommon):
    """A unit ISO officer records a nonconformity and analyses its cause from the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            {
                "name": "Cán bộ ISO",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.unit_officer.password = "officer_pw"

    def test_officer_records_and_analyses_a_nonconformity(self):
        self.start_tour("/odoo", "qms_nonconformity_tour", login="qms_officer")
        nc = self.env["qms.nonconformity"].search([("title", "=", "Hồ sơ chứng thực trả quá hạn")])
        self.assertEqual(nc.state, "action_plan")
        self.assertEqual(nc.department_id, self.department_unit)
        self.assertEqual(nc.detected_by_id, self.unit_officer)
        self.assertEqual(nc.cause_ids.question, "Vì sao hồ sơ quá hạn?")
        self.assertRegex(nc.name, r"^NC-\d{4}-\d{4}$")
