from odoo import fields, models


class QmsTthcDossierWithdrawal(models.TransientModel):
    """Records that the applicant takes the dossier back; the dossier is kept with the reason,
    never deleted."""

    _name = "qms.tthc.dossier.withdrawal"
    _description = "Withdraw Dossier"
    _inherit = ["qms.tthc.dossier.reason.mixin"]
    _qms_dossier_action = "action_withdraw"

    reason = fields.Text(string="Reason for Withdrawal", required=True)
