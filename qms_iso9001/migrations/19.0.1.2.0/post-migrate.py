"""Reports by cut-off (issue 17).

Periods of periodic reports now end at the reporting regime's cut-off (by default 14 June and
14 December) instead of the calendar half-years. The unique index on (agency, type, year, half)
keeps its columns, but "year 2026" now names the reporting year from 15/12/2025 to 14/12/2026:
reports still in draft are given the period of the new rule, with their due date; reports that
left the draft stage keep the period they were approved and sent with. The record rules are
loaded again as in 19.0.1.1.0, so that an upgrade from any earlier version gets them.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.qms_iso9001.upgrade import reload_record_rules


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    reload_record_rules(env, "qms_iso9001", "security/qms_rules.xml")
    Report = env["qms.report"].with_context(active_test=False)
    drafts = Report.search([("state", "=", "draft")])
    for name in ("date_from", "date_to", "date_due"):
        env.add_to_compute(Report._fields[name], drafts)
    drafts.flush_recordset()
