from odoo import api, models


class QmsNonconformityRaise(models.TransientModel):
    _inherit = "qms.nonconformity.raise"

    @api.model
    def _qms_source_by_model(self):
        """A nonconformity raised from an audit or one of its findings comes from the audit."""
        return {
            **super()._qms_source_by_model(),
            "qms.audit": "internal_audit",
            "qms.audit.finding": "internal_audit",
        }
