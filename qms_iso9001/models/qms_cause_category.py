from odoo import fields, models


class QmsCauseCategory(models.Model):
    """Kinds of root cause (con người, phương pháp, máy móc...) the agency groups causes by.

    Configurable so that the register can count causes the way the standing office reports them.
    """

    _name = "qms.cause.category"
    _description = "Cause Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
