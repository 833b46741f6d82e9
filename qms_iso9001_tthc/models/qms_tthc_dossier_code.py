from odoo import api, models

from .qms_tthc_processing_time import plain_text


class QmsTthcDossier(models.Model):
    """The dossier code `<agency>-YYMMDD-NNNN` given at reception: which agency part, and the
    gap-free number of the agency's local day (`qms.tthc.dossier.number`)."""

    # one model in several files on purpose: each reads as one concern (issue 18)
    _inherit = "qms.tthc.dossier"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _qms_agency_code(self, company):
        """The agency part of the code. Citizens look a dossier up by its code alone, so two
        agencies sharing a code (or, without one, the initials of their names) are told apart
        by their company number."""
        code = self._qms_company_code(company)
        others = self.env["res.company"].sudo().search([("id", "!=", company.id)])
        if any(self._qms_company_code(other) == code for other in others):
            return f"{code}{company.id}"
        return code

    @api.model
    def _qms_company_code(self, company):
        """The agency's official electronic identifier when it has one, else its agency code,
        else the initials of its name."""
        if company.qms_electronic_id:
            return company.qms_electronic_id
        if company.qms_agency_code:
            return company.qms_agency_code
        words = plain_text(company.name).upper().split()
        return "".join(word[0] for word in words if word[0].isalnum()) or "HS"

    def _qms_assign_code(self):
        """Give each dossier its code (see `_qms_new_codes`)."""
        for dossier, code in self._qms_new_codes().items():
            dossier._qms_set({"name": code})

    def _qms_new_codes(self):
        """{dossier: `<agency>-YYMMDD-NNNN`} by the local day of reception, numbered without gap
        (see `qms.tthc.dossier.number`); the agency part is its electronic identifier when set.
        The number belongs to the agency and the day, whatever the prefix: setting the
        identifier during a day goes on with the day's numbers."""
        Number = self.env["qms.tthc.dossier.number"]
        agency_codes = {company: self._qms_agency_code(company) for company in self.company_id}
        # a batch takes the numbers of each agency and day together, in the order received
        by_day = {}
        for dossier in self:
            day = dossier._qms_local(dossier.received_at).date()
            by_day.setdefault((dossier.company_id, day), []).append(dossier)
        codes = {}
        for (company, day), dossiers in by_day.items():
            numbers = Number._qms_take_numbers(company, day, len(dossiers))
            for dossier, number in zip(dossiers, numbers, strict=True):
                codes[dossier] = f"{agency_codes[company]}-{day:%y%m%d}-{number:04d}"
        return codes
