from odoo import fields, models


class QmsNonconformity(models.Model):
    """Findings of internal audits are a source of nonconformities the core does not know of."""

    _inherit = "qms.nonconformity"

    source = fields.Selection(
        selection_add=[("internal_audit", "Internal Audit"), ("inspection",)],
        ondelete={"internal_audit": "set default"},
    )
