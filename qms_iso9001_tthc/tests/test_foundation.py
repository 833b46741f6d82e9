from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.qms_iso9001.tests.common import QmsCommon, access_gaps, missing_translations


@tagged("post_install", "-at_install")
class TestTthcFoundation(QmsCommon):
    def test_every_model_has_access_rules_and_company_rules(self):
        self.assertEqual(access_gaps(self.env, "qms_iso9001_tthc"), [])

    def test_every_term_has_a_vietnamese_translation(self):
        missing = missing_translations(self.env, "qms_iso9001_tthc")
        self.assertFalse(
            missing, "Untranslated in qms_iso9001_tthc/i18n/vi.po:\n" + "\n".join(missing)
        )

    def test_one_stop_roles(self):
        desk = self._create_qms_user("desk", "qms_iso9001_tthc.group_qms_tthc_one_stop")
        handler = self._create_qms_user("handler", "qms_iso9001_tthc.group_qms_tthc_handler")
        self.assertTrue(desk.has_group("qms_iso9001_tthc.group_qms_tthc_handler"))
        self.assertTrue(desk.has_group("qms_iso9001.group_qms_user"))
        self.assertTrue(handler.has_group("qms_iso9001.group_qms_user"))
        self.assertFalse(handler.has_group("qms_iso9001_tthc.group_qms_tthc_one_stop"))
        self.assertFalse(self.qms_user.has_group("qms_iso9001_tthc.group_qms_tthc_handler"))

    def test_reception_cutoff_setting(self):
        self.assertEqual(self.company.qms_tthc_cutoff_hour, 15.0)
        with Form(self.env["res.config.settings"]) as settings:
            settings.qms_tthc_cutoff_hour = 16.5
        settings.save().execute()
        self.assertEqual(self.company.qms_tthc_cutoff_hour, 16.5)
        for bad in (-0.5, 24.0):
            with self.subTest(hour=bad), self.assertRaises(ValidationError):
                self.company.qms_tthc_cutoff_hour = bad
        self.assertEqual(self.company.qms_tthc_cutoff_hour, 16.5)
