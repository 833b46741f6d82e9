from odoo import api, fields, models


class QmsTthcDossierSequence(models.Model):
    """The last dossier number given per agency and day.

    One row per agency and day, bumped with a single upsert: the row lock serialises concurrent
    receptions, and a reception that fails rolls its number back, so the numbers of a day have
    no gap. A concurrent bump makes the later transaction fail with a serialization error, which
    Odoo retries for requests like for its own no-gap sequences.
    """

    _name = "qms.tthc.dossier.sequence"
    _description = "TTHC Dossier Numbering"
    _order = "day desc, company_id"

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    day = fields.Date(required=True)
    last_number = fields.Integer(required=True, default=0)

    _company_day_uniq = models.UniqueIndex("(company_id, day)")

    @api.model
    def _qms_next_number(self, company, day):
        self.env.cr.execute(
            """
            INSERT INTO qms_tthc_dossier_sequence
                (company_id, day, last_number, create_uid, create_date, write_uid, write_date)
            VALUES (%(company)s, %(day)s, 1, %(uid)s, now() at time zone 'UTC', %(uid)s,
                    now() at time zone 'UTC')
            ON CONFLICT (company_id, day)
            DO UPDATE SET last_number = qms_tthc_dossier_sequence.last_number + 1,
                          write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            RETURNING last_number
            """,
            {"company": company.id, "day": day, "uid": self.env.uid},
            log_exceptions=False,
        )
        return self.env.cr.fetchone()[0]
