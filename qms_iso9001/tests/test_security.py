from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import QmsCommon, access_gaps


@tagged("post_install", "-at_install")
class TestSecurity(QmsCommon):
    def test_every_model_has_access_rules_and_company_rules(self):
        self.assertEqual(access_gaps(self.env, "qms_iso9001"), [])

    def test_role_hierarchy(self):
        """A manager holds every core role; leader and unit officer are both QMS users."""
        user_group = self.env.ref("qms_iso9001.group_qms_user")
        for user in (self.unit_officer, self.leader, self.qms_manager):
            self.assertIn(user_group, user.all_group_ids)
        self.assertTrue(self.qms_manager.has_group("qms_iso9001.group_qms_unit_officer"))
        self.assertTrue(self.qms_manager.has_group("qms_iso9001.group_qms_leader"))
        self.assertFalse(self.leader.has_group("qms_iso9001.group_qms_unit_officer"))
        self.assertFalse(self.unit_officer.has_group("qms_iso9001.group_qms_leader"))
        privilege = self.env.ref("qms_iso9001.privilege_qms")
        self.assertEqual(
            set(privilege.group_ids.mapped("name")),
            {"QMS User", "Unit ISO Officer", "Leader", "QMS Manager"},
        )

    def test_root_menu_for_qms_users_only(self):
        root = self.env.ref("qms_iso9001.menu_qms_root")
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "outsider",
                "group_ids": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        visible = self.env["ir.ui.menu"].with_user(self.qms_user)._visible_menu_ids()
        self.assertIn(root.id, visible)
        self.assertIn(self.env.ref("qms_iso9001.menu_qms_steering_committee").id, visible)
        self.assertNotIn(self.env.ref("qms_iso9001.menu_qms_configuration").id, visible)
        self.assertNotIn(root.id, self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids())
        settings_menu = self.env.ref("qms_iso9001.menu_qms_config_settings").id
        manager_menus = self.env["ir.ui.menu"].with_user(self.qms_manager)._visible_menu_ids()
        self.assertNotIn(settings_menu, manager_menus, "settings need Odoo administration rights")
        self.qms_manager.group_ids = [(4, self.env.ref("base.group_system").id)]
        admin_menus = self.env["ir.ui.menu"].with_user(self.qms_manager)._visible_menu_ids()
        self.assertIn(settings_menu, admin_menus)

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Sở Nội vụ"})
        signer = self.env["hr.employee"].create(
            {"name": "Hồ Văn Nam", "company_id": other_company.id}
        )
        foreign = self.env["qms.steering.committee"].create(
            {
                "name": "Ban chỉ đạo ISO Sở Nội vụ",
                "decision_number": "7/QĐ-SNV",
                "decision_date": "2026-01-05",
                "signer_id": signer.id,
                "company_id": other_company.id,
                "member_ids": [(0, 0, {"employee_id": signer.id, "role": "head"})],
            }
        )
        foreign.action_put_in_force()
        own = self.env["qms.steering.committee"].with_user(self.qms_manager).search([])
        self.assertNotIn(foreign, own)
        with self.assertRaises(AccessError):
            foreign.with_user(self.qms_manager).read(["name"])
        self.qms_manager.write({"company_ids": [(4, other_company.id)]})
        visible = (
            self.env["qms.steering.committee"]
            .with_user(self.qms_manager)
            .with_context(allowed_company_ids=[self.company.id, other_company.id])
            .search([])
        )
        self.assertIn(foreign, visible)
