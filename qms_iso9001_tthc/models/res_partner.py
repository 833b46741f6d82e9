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
