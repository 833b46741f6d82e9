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

    def test_nonconformity_raised_from_the_chatter_of_any_record(self):
        """The chatter button works on a model that has no action-menu binding of its own."""
        risk = self._risk(4, 4, name="Mất dữ liệu hồ sơ điện tử")
        self.unit_officer.password = "qms_officer_pw"
        self.start_tour(
            f"/odoo/action-qms_iso9001.action_qms_risk/{risk.id}",
            "qms_raise_nonconformity_from_chatter_tour",
            login="qms_officer",
        )
        nonconformity = self.env["qms.nonconformity"].search(
            [("res_model", "=", "qms.risk"), ("res_id", "=", risk.id)]
        )
        self.assertEqual(len(nonconformity), 1)
        self.assertEqual(nonconformity.title, "Sao lưu dữ liệu không đúng quy định")
        self.assertEqual(nonconformity.department_id, self.department_unit, "pre-filled")
        self.assertEqual(nonconformity.source_record_name, risk.display_name)

    def test_no_chatter_button_without_the_qms_role(self):
        """Staff outside the QMS see a contact's chatter without the nonconformity button."""
        partner = self.env["res.partner"].create({"name": "Nguyễn Văn Bình"})
        outsider = self.env["res.users"].create(
            {
                "name": "Ngoài hệ thống",
                "login": "outsider",
                "password": "outsider_pw",
                "group_ids": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        self.assertFalse(outsider.has_group("qms_iso9001.group_qms_user"))
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{partner.id}",
            "qms_no_raise_nonconformity_button_tour",
            login="outsider",
        )
