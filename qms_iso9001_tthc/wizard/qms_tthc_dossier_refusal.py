from odoo import fields, models


class QmsTthcDossierRefusal(models.TransientModel):
    """Refuses a dossier: the reason is printed on the refusal notice (form 03) handed to the
    applicant, so it must be clear and cite the legal ground."""

    _name = "qms.tthc.dossier.refusal"
    _description = "Refuse Dossier"
    _inherit = ["qms.tthc.dossier.reason.mixin"]
    _qms_dossier_action = "action_refuse"

    reason = fields.Text(string="Reason for Refusal", required=True)
