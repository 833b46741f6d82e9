from odoo.tests import TransactionCase, tagged

from .common import missing_translations, unofficial_terms


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_has_a_vietnamese_translation(self):
        missing = missing_translations(self.env, "qms_iso9001")
        self.assertFalse(missing, "Untranslated in qms_iso9001/i18n/vi.po:\n" + "\n".join(missing))

    def test_translations_use_the_official_words(self):
        for module in ("qms_iso9001", "qms_iso9001_audit", "qms_iso9001_tthc"):
            with self.subTest(module=module):
                found = unofficial_terms(module)
                message = f"Unofficial words in {module}/i18n/vi.po:\n" + "\n".join(found)
                self.assertFalse(found, message)
