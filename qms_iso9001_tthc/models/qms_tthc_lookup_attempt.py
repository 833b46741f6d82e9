from datetime import timedelta

from odoo import api, fields, models

LOOKUP_MAX_ATTEMPTS = 10
LOOKUP_WINDOW = timedelta(minutes=10)


class QmsTthcLookupAttempt(models.Model):
    """One try of the public dossier look-up page, kept for a short while.

    Dossier codes follow each other and the secret is only four digits, so whoever may try
    without limit finds any citizen's dossier. The tries are counted in the database, not in
    a worker's memory, so that every worker of the server sees the same count.
    """

    _name = "qms.tthc.lookup.attempt"
    _description = "TTHC Public Look-up Attempt"
    _order = "create_date desc, id desc"

    ip = fields.Char(string="IP Address", required=True)

    _ip_date_idx = models.Index("(ip, create_date)")

    @api.model
    def _qms_register(self, ip):
        """Count a try from `ip` and say whether it may go on.

        A refused try is not stored, so an address that keeps hammering the page does not
        fill the table: it gets a new try only when an old one leaves the window.
        """
        since = self.env.cr.now() - LOOKUP_WINDOW
        attempts = self.sudo()
        if attempts.search_count([("ip", "=", ip), ("create_date", ">=", since)]) >= (
            LOOKUP_MAX_ATTEMPTS
        ):
            return False
        attempts.create({"ip": ip})
        return True

    @api.autovacuum
    def _gc_qms_expired_attempts(self):
        """Tries older than the window no longer count; keep no trace of the visitors."""
        self.sudo().search([("create_date", "<", self.env.cr.now() - LOOKUP_WINDOW)]).unlink()
