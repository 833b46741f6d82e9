"""Controlled records (issue 13): the tightened record rules reach databases installed before."""

from odoo import SUPERUSER_ID, api

from odoo.addons.qms_iso9001.upgrade import reload_record_rules


def migrate(cr, version):
    if version:
        reload_record_rules(
            api.Environment(cr, SUPERUSER_ID, {}), "qms_iso9001", "security/qms_rules.xml"
        )
