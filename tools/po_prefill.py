"""Fill empty msgstr of an addon's vi.po: first from the catalogue as it was before the export,
then with Odoo's own Vietnamese for the same msgid.

Odoo's export does not carry the translations of Python terms over, so the previous catalogue is
the reference for our own wording. Models that inherit mail.thread or other mixins export the
mixins' field labels too; Odoo already translates those, and reusing its wording keeps the
interface consistent.

Usage: po_prefill.py ODOO_ADDONS_DIR PO_FILE [PREVIOUS_PO_FILE]
"""

import glob
import os
import sys

import polib

SOURCE_ADDONS = ("base", "web", "mail", "hr", "resource", "portal", "sms", "rating", "website")


def odoo_glossary(odoo_addons_dir):
    glossary = {}
    for addon in SOURCE_ADDONS:
        for path in glob.glob(os.path.join(odoo_addons_dir, addon, "i18n", "vi.po")):
            for entry in polib.pofile(path):
                if entry.msgstr and not entry.fuzzy:
                    glossary.setdefault(entry.msgid, entry.msgstr)
    return glossary


def catalogue_glossary(po_path):
    if not po_path or not os.path.isfile(po_path):
        return {}
    return {e.msgid: e.msgstr for e in polib.pofile(po_path) if e.msgstr and not e.fuzzy}


def prefill(po_path, glossary):
    catalogue = polib.pofile(po_path)
    filled = 0
    for entry in catalogue:
        if not entry.msgstr and entry.msgid in glossary:
            entry.msgstr = glossary[entry.msgid]
            filled += 1
    catalogue.save(po_path)
    return filled


if __name__ == "__main__":
    odoo_addons, po_file, *previous = sys.argv[1:]
    terms = odoo_glossary(odoo_addons)
    terms.update(catalogue_glossary(previous[0] if previous else None))
    print(
        f"{po_file}: {prefill(po_file, terms)} term(s) filled from earlier or Odoo's translations"
    )
