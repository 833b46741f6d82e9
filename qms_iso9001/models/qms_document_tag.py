from odoo import fields, models


class QmsDocumentTag(models.Model):
    _name = "qms.document.tag"
    _description = "Controlled Document Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _name_uniq = models.Constraint("UNIQUE(name)", "A tag with this name already exists.")
