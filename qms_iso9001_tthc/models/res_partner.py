from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    qms_id_number = fields.Char(
        string="ID Number",
        help="Citizen identity card number (CCCD) of a person, or the business registration "
        "number of an organisation, as written on dossiers.",
    )
