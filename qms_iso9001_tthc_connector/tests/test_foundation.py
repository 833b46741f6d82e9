from odoo.tests import TransactionCase, tagged

from odoo.addons.qms_iso9001.tests.common import (
    access_gaps,
    missing_translations,
    unofficial_terms,
)

ADDON = "qms_iso9001_tthc_connector"


@tagged("post_install", "-at_install")
class TestConnectorFoundation(TransactionCase):
    """The connector's screens and messages read in Vietnamese like the rest of the product,
    and none of its models is left without access lines or an agency rule."""

    def test_every_model_has_access_rules_and_company_rules(self):
        self.assertEqual(access_gaps(self.env, ADDON), [])

    def test_every_term_has_a_vietnamese_translation(self):
        missing = missing_translations(self.env, ADDON)
        self.assertFalse(missing, f"Untranslated in {ADDON}/i18n/vi.po:\n" + "\n".join(missing))

    def test_translations_use_the_official_words(self):
        found = unofficial_terms(ADDON)
        self.assertFalse(found, f"Unofficial words in {ADDON}/i18n/vi.po:\n" + "\n".join(found))
