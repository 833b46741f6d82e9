from odoo import fields, models


class QmsNonconformity(models.Model):
    """Dossiers resolved late are a source of nonconformities the core does not know of."""

    _inherit = "qms.nonconformity"

    source = fields.Selection(
        selection_add=[("late_dossier", "Late Administrative Dossier"), ("monitoring",)],
        ondelete={"late_dossier": "set default"},
    )
