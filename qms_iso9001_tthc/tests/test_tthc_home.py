from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.test_demo_states import DemoHomeMixin

from .test_tthc_desk_tour import DeskCommon


@tagged("post_install", "-at_install")
class TestTthcHomeScreens(DemoHomeMixin, DeskCommon):
    """ "My Dossiers", the home screen of the desk and of the handlers: the dossiers each one
    holds now, under the one-stop desk menu of those who handle dossiers."""

    def test_my_dossiers_lists_what_each_one_holds(self):
        at_unit = self._receive()
        self._handover_form(at_unit, self.one_stop).save().action_confirm()
        at_desk = self._receive()
        action = self.env.ref("qms_iso9001_tthc.action_qms_tthc_dossier_mine")
        self.assertEqual(self._action_records(action, self.handler), at_unit)
        desk = self._action_records(action, self.one_stop)
        self.assertIn(at_desk, desk)
        self.assertNotIn(at_unit, desk)
        # a leader reads every dossier but holds none of these
        self.assertFalse(self._action_records(action, self.leader))

    def test_my_dossiers_menu_by_group(self):
        menu = self.env.ref("qms_iso9001_tthc.menu_qms_tthc_dossier_mine")
        self.assertEqual(menu.parent_id, self.env.ref("qms_iso9001_tthc.menu_qms_tthc_desk"))
        Menu = self.env["ir.ui.menu"]
        for user in (self.handler, self.one_stop):
            self.assertIn(menu.id, Menu.with_user(user)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.qms_user)._visible_menu_ids())
