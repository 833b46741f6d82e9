from odoo.tests import HttpCase, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "in", ["base", "web", "mail", "hr", "qms_iso9001"])]
        )._update_translations(["vi_VN"])
        cls.qms_user.write({"lang": "vi_VN", "password": "qms_user_pw"})
        committee = cls.env["qms.steering.committee"].create(
            {
                "name": "Ban chỉ đạo ISO Sở Tư pháp",
                "decision_number": "42/QĐ-STP",
                "decision_date": "2026-01-15",
                "signer_id": cls.employee_director.id,
                "member_ids": [(0, 0, {"employee_id": cls.employee_director.id, "role": "head"})],
            }
        )
        committee.action_put_in_force()

    def test_qms_user_opens_the_root_menu_in_vietnamese(self):
        """The tour fails on any console error; its steps only match the Vietnamese labels."""
        self.start_tour("/odoo", "qms_root_menu_tour", login="qms_user")
