from odoo import fields, models


class QmsTthcConnectorLink(models.Model):
    """A dossier as a connected system knows it: the system's own code of the application (the
    DVCQG dossier number, the provincial system's code). The API finds dossiers only through
    these links, so a system reaches the dossiers it sent or was told about, never others."""

    _name = "qms.tthc.connector.link"
    _description = "Dossier in a Connected System"
    _order = "id desc"

    system_id = fields.Many2one(
        "qms.tthc.connected.system",
        string="Connected System",
        required=True,
        index=True,
        ondelete="restrict",
    )
    external_code = fields.Char(required=True)
    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="system_id.company_id", store=True, index=True)

    _external_uniq = models.UniqueIndex(
        "(system_id, external_code)", "This external code is already linked to a dossier."
    )
