from odoo.tests import HttpCase, tagged

from .test_risk import RiskCommon


@tagged("post_install", "-at_install")
class TestRiskUi(HttpCase, RiskCommon):
    def test_unit_officer_records_a_risk_and_sees_it_on_the_matrix(self):
        self.unit_officer.password = "qms_officer_pw"
        self.start_tour("/odoo", "qms_risk_register_tour", login="qms_officer")
        risk = self.env["qms.risk"].search([("name", "=", "Mất dữ liệu hồ sơ điện tử")])
        self.assertEqual(risk.state, "assessed")
        self.assertEqual(risk.department_id, self.department_unit)
        self.assertEqual(risk.level_id, self.level_high)
