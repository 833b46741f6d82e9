from odoo.tests import TransactionCase, tagged

from .common import missing_translations


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_has_a_vietnamese_translation(self):
        missing = missing_translations(self.env, "qms_iso9001")
        self.assertFalse(missing, "Untranslated in qms_iso9001/i18n/vi.po:\n" + "\n".join(missing))
