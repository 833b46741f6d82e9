"""Service centres and inter-agency procedures (issue 14): the dossier rules that let a centre's
desk officers and the holder of another agency's step read the dossier reach databases installed
before, with the new rule on service centres."""

from odoo import SUPERUSER_ID, api

from odoo.addons.qms_iso9001.upgrade import reload_record_rules


def migrate(cr, version):
    if version:
        reload_record_rules(
            api.Environment(cr, SUPERUSER_ID, {}), "qms_iso9001_tthc", "security/qms_tthc_rules.xml"
        )
