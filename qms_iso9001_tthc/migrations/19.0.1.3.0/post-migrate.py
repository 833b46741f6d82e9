"""A province on one instance (issue 16): the dossier, hand-over and component rules rewritten so
that PostgreSQL starts from the user's few dossiers (`is_handled_by_me`, `is_with_my_unit`)
reach databases installed before; the rules are `noupdate`, so an upgrade alone keeps the old
ones, which read every dossier of the province."""

from odoo import SUPERUSER_ID, api

from odoo.addons.qms_iso9001.upgrade import reload_record_rules


def migrate(cr, version):
    if version:
        reload_record_rules(
            api.Environment(cr, SUPERUSER_ID, {}), "qms_iso9001_tthc", "security/qms_tthc_rules.xml"
        )
