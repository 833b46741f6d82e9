from datetime import timedelta

from odoo import api, fields, models

# A few wrong PINs per dossier code, then the code is locked until the window ends.
LOOKUP_MAX_ATTEMPTS = 5
LOOKUP_WINDOW = timedelta(minutes=15)


class QmsTthcLookupAttempt(models.Model):
    """The tries of the public dossier look-up page for one dossier code, in the current window.

    The tries are counted per dossier code, whoever makes them and from whatever address, so
    that nobody can guess a PIN by spreading the tries over many addresses; in the database,
    not in a worker's memory, so that every worker of the server sees the same count. No
    address or other trace of the visitors is kept, and a row goes away once its window ends.
    """

    _name = "qms.tthc.lookup.attempt"
    _description = "TTHC Public Look-up Tries"
    _order = "window_start desc, id desc"

    code = fields.Char(string="Dossier Code", required=True, readonly=True)
    window_start = fields.Datetime(required=True, readonly=True)
    failures = fields.Integer(string="Tries", required=True, readonly=True)

    _code_uniq = models.UniqueIndex("(code)")

    @api.model
    def _qms_register(self, code):
        """Count a try for `code` and say whether it may be judged (False: the code is locked).

        One statement whatever the code, known or not: the row of the code is created, or its
        count goes up, or restarts when its window is over.
        """
        now = self.env.cr.now().replace(tzinfo=None)
        self.env.cr.execute(
            """
            INSERT INTO qms_tthc_lookup_attempt
                (code, window_start, failures, create_uid, create_date, write_uid, write_date)
            VALUES (%(code)s, %(now)s, 1, %(uid)s, %(now)s, %(uid)s, %(now)s)
            ON CONFLICT (code) DO UPDATE SET
                failures = CASE WHEN qms_tthc_lookup_attempt.window_start < %(since)s THEN 1
                                ELSE qms_tthc_lookup_attempt.failures + 1 END,
                window_start = CASE WHEN qms_tthc_lookup_attempt.window_start < %(since)s
                                    THEN EXCLUDED.window_start
                                    ELSE qms_tthc_lookup_attempt.window_start END,
                write_uid = EXCLUDED.write_uid,
                write_date = EXCLUDED.write_date
            RETURNING failures
            """,
            {"code": code, "now": now, "since": now - LOOKUP_WINDOW, "uid": self.env.uid},
        )
        return self.env.cr.fetchone()[0] <= LOOKUP_MAX_ATTEMPTS

    @api.model
    def _qms_forgive(self, code):
        """The right PIN was given: that try was not a wrong one."""
        self.env.cr.execute(
            "UPDATE qms_tthc_lookup_attempt SET failures = GREATEST(failures - 1, 0) "
            "WHERE code = %s",
            [code],
        )

    @api.autovacuum
    def _gc_qms_expired_attempts(self):
        """Windows that are over no longer count; keep no trace of the visitors."""
        since = self.env.cr.now().replace(tzinfo=None) - LOOKUP_WINDOW
        self.sudo().search([("window_start", "<", since)]).unlink()
