import hmac
import secrets
from urllib.parse import urlencode

from odoo import api, models

# The secret of the public look-up page: printed on the receipt, never derived from the
# applicant's data. Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L,
# 2/Z, 5/S, 8/B): 24^6, about 190 million PINs for a code that locks after a few tries.
PIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
PIN_LENGTH = 6
# Compared with a wrong PIN when the code is unknown, so both cost the same; never a PIN.
NO_PIN = "-" * PIN_LENGTH


class QmsTthcDossier(models.Model):
    """What a citizen sees of a dossier on the public look-up page: found by its code and the
    PIN printed on the receipt, never by guessing (tries are counted per code)."""

    # one model in several files on purpose: each reads as one concern (issue 18)
    _inherit = "qms.tthc.dossier"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _qms_new_lookup_pin(self):
        return "".join(secrets.choice(PIN_ALPHABET) for _index in range(PIN_LENGTH))

    @api.model
    def _qms_public_lookup(self, code, pin):
        """The dossier `code` when `pin` is its look-up PIN and the code is not locked, else an
        empty recordset.

        Every try is counted against the code in the database, whoever makes it and from
        wherever; after a few wrong ones the code is locked for a while, the right PIN
        included. An unknown code, a wrong PIN and a locked code run the same queries and the
        same constant-time comparison, so neither the answer nor its timing tells them apart.
        """
        dossier = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([("name", "=", code)], ["name", "lookup_pin"], limit=1)
        )
        Attempt = self.env["qms.tthc.lookup.attempt"]
        allowed = Attempt._qms_register(code)
        expected = (dossier.lookup_pin if dossier else False) or NO_PIN
        matches = hmac.compare_digest(pin.encode(), expected.encode())
        if matches and allowed and dossier:
            Attempt._qms_forgive(code)
            return dossier
        return self.browse()

    def _qms_lookup_url(self):
        """The public look-up page with the dossier's code filled in (the receipt's QR code)."""
        self.ensure_one()
        return f"{self.get_base_url()}/tra-cuu-ho-so?{urlencode({'code': self.name})}"

    def _qms_public_steps(self):
        """What a citizen may see of the hand-overs: step, unit, dates, result — no names."""
        self.ensure_one()
        return [
            {
                "name": line.name,
                "department": line.department_id.name or "",
                "date_start": line.date_start,
                "date_done": line.date_done,
                "deadline": line.deadline,
                "result": line.result,
                "state": line.state,
            }
            for line in self.sudo().step_ids.sorted(lambda s: (s.date_start, s.id))
        ]
