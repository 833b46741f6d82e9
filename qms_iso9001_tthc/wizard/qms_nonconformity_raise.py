from odoo import api, models


class QmsNonconformityRaise(models.TransientModel):
    _inherit = "qms.nonconformity.raise"

    @api.model
    def _qms_source_by_model(self):
        """A nonconformity raised from a dossier is about a dossier resolved late."""
        return {**super()._qms_source_by_model(), "qms.tthc.dossier": "late_dossier"}
