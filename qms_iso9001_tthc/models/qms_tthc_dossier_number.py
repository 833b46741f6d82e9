from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import UserError

# Receptions of one agency and day that may wait on each other; far more than a desk receives.
MAX_NUMBERS_TRIED = 10000


class QmsTthcDossierNumber(models.Model):
    """A dossier number given by an agency on a local day: one row per number.

    A reception takes the number after the highest one it sees and inserts its row; the unique
    index makes two receptions that chose the same number meet in the database:

    - when the other one has committed, the insert fails with a unique violation (not a
      serialization failure: a plain INSERT under REPEATABLE READ), and the reception tries the
      next number, in a savepoint, without ever restarting its transaction;
    - while the other one has not finished, the insert waits for it: if it rolls back, the
      waiting reception gets its number, so the numbers of a day have no gap.

    So receptions under contention wait and never fail with a database error, and no number is
    lost or given twice.
    """

    _name = "qms.tthc.dossier.number"
    _description = "TTHC Dossier Number"
    _order = "day desc, company_id, number desc"

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", readonly=True)
    day = fields.Date(required=True, readonly=True)
    number = fields.Integer(required=True, readonly=True)

    _company_day_number_uniq = models.UniqueIndex("(company_id, day, number)")

    @api.model
    def _qms_last_number(self, company, day):
        """The highest number `company` has taken on the local `day` (0 before the first)."""
        self.env.cr.execute(
            "SELECT COALESCE(MAX(number), 0) FROM qms_tthc_dossier_number "
            "WHERE company_id = %s AND day = %s",
            [company.id, day],
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _qms_take_number(self, company, day):
        """The next number of `company` on the local `day`, reserved until the transaction
        ends (committed with the dossier, or released if it rolls back)."""
        cr = self.env.cr
        number = self._qms_last_number(company, day) + 1
        for _try in range(MAX_NUMBERS_TRIED):
            try:
                with cr.savepoint(flush=False):
                    cr.execute(
                        """
                        INSERT INTO qms_tthc_dossier_number
                            (company_id, day, number, create_uid, create_date, write_uid,
                             write_date)
                        VALUES (%(company)s, %(day)s, %(number)s, %(uid)s,
                                now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC')
                        """,
                        {"company": company.id, "day": day, "number": number, "uid": self.env.uid},
                        log_exceptions=False,
                    )
                return number
            except errors.UniqueViolation:
                number += 1
        raise UserError(
            self.env._("No dossier number is free for this day: contact the administrator.")
        )

    @api.model
    def _qms_take_numbers(self, company, day, count):
        """The next `count` numbers of `company` on the local `day`, in one statement when no
        other reception of that agency and day took one meanwhile (a batch from the API or an
        import). The rows meet the others' in the unique index exactly as a single number's
        do: the insert waits for a reception still running; if one committed a number of the
        range, the batch takes its numbers one by one after it, so there is still no gap."""
        if count == 1:
            return [self._qms_take_number(company, day)]
        cr = self.env.cr
        first = self._qms_last_number(company, day) + 1
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    """
                    INSERT INTO qms_tthc_dossier_number
                        (company_id, day, number, create_uid, create_date, write_uid, write_date)
                    SELECT %(company)s, %(day)s, number, %(uid)s, now() at time zone 'UTC',
                           %(uid)s, now() at time zone 'UTC'
                      FROM generate_series(%(first)s, %(last)s) AS number
                    """,
                    {
                        "company": company.id,
                        "day": day,
                        "first": first,
                        "last": first + count - 1,
                        "uid": self.env.uid,
                    },
                    log_exceptions=False,
                )
            return list(range(first, first + count))
        except errors.UniqueViolation:
            return [self._qms_take_number(company, day) for _index in range(count)]
