from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..contact_checks import id_number_error


class ResPartner(models.Model):
    _inherit = "res.partner"

    qms_id_number = fields.Char(
        string="ID Number",
        help="Citizen identity card number (CCCD) of a person, or the business registration "
        "number of an organisation, as written on dossiers.",
    )

    @api.constrains("qms_id_number", "is_company")
    def _check_qms_id_number(self):
        """The number the desk copies on every dossier of the applicant: CCCD, CMND or
        passport for a person, a registration number for an organisation."""
        for partner in self:
            error = id_number_error(
                self.env, partner.qms_id_number, organisation=partner.is_company
            )
            if error:
                raise ValidationError(error)

    def _qms_applicant_contact(self):
        """What a dossier or a guidance copies from the applicant's contact when it is chosen:
        the values stay as typed on the record afterwards, whatever the contact becomes.
        Called on one contact, or on none (all empty)."""
        return {
            "applicant_id_number": self.qms_id_number or self.vat,
            "applicant_phone": self.phone,
            "applicant_email": self.email,
            "applicant_address": ", ".join(
                filter(None, [self.street, self.street2, self.city, self.state_id.name])
            ),
        }
