from odoo.tests import HttpCase, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestPolicyUi(HttpCase, QmsCommon):
    """The quality policy from draft to publication, each step clicked by its own role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_standing_department_id = cls.department_office
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        for user, password in (
            (cls.leader, "leader_pw"),
            (cls.qms_manager, "manager_pw"),
        ):
            user.password = password

    def test_draft_approve_publish(self):
        self.start_tour("/odoo", "qms_policy_draft_tour", login="qms_manager")
        policy = self.env["qms.policy"].search([("name", "=", "Chính sách chất lượng năm 2026")])
        self.assertEqual(policy.state, "to_approve")
        self.assertIn("Đúng hẹn", policy.statement)
        self.start_tour("/odoo", "qms_policy_approve_tour", login="qms_leader")
        self.assertEqual(policy.state, "approved")
        self.start_tour("/odoo", "qms_policy_publish_tour", login="qms_manager")
        self.assertEqual(policy.state, "published")
        recipients = policy.revision_id.distribution_ids.user_id
        self.assertIn(self.qms_user, recipients)
