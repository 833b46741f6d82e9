from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.qms_iso9001.tests.common import QmsCommon, access_gaps, missing_translations


@tagged("post_install", "-at_install")
class TestAuditFoundation(QmsCommon):
    def test_every_model_has_access_rules_and_company_rules(self):
        self.assertEqual(access_gaps(self.env, "qms_iso9001_audit"), [])

    def test_every_term_has_a_vietnamese_translation(self):
        missing = missing_translations(self.env, "qms_iso9001_audit")
        self.assertFalse(
            missing, "Untranslated in qms_iso9001_audit/i18n/vi.po:\n" + "\n".join(missing)
        )

    def test_internal_auditor_role(self):
        auditor = self._create_qms_user("auditor", "qms_iso9001_audit.group_qms_auditor")
        self.assertTrue(auditor.has_group("qms_iso9001.group_qms_user"))
        self.assertFalse(auditor.has_group("qms_iso9001.group_qms_unit_officer"))
        self.assertTrue(self.qms_manager.has_group("qms_iso9001_audit.group_qms_auditor"))
        self.assertFalse(self.leader.has_group("qms_iso9001_audit.group_qms_auditor"))

    def test_audit_notice_setting(self):
        self.assertEqual(self.company.qms_audit_notice_days, 7)
        with Form(self.env["res.config.settings"]) as settings:
            settings.qms_audit_notice_days = 10
        settings.save().execute()
        self.assertEqual(self.company.qms_audit_notice_days, 10)
        for bad in (-1, 91):
            with self.subTest(days=bad), self.assertRaises(ValidationError):
                self.company.qms_audit_notice_days = bad
        self.assertEqual(self.company.qms_audit_notice_days, 10)
