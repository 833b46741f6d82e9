from odoo import fields, models


class QmsDocumentChange(models.Model):
    """One row of the amendment tracking table (theo dõi sửa đổi) of a revision."""

    _name = "qms.document.change"
    _description = "Revision Change Line"
    _order = "revision_id, sequence, id"

    revision_id = fields.Many2one(
        "qms.document.revision", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    section = fields.Char(required=True, help="Section or page changed, e.g. 5.2.")
    description = fields.Text(string="Change", required=True)
    company_id = fields.Many2one(related="revision_id.company_id", store=True, index=True)
