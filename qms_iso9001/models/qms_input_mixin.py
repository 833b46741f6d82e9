from odoo import api, models

from ..input_checks import check_input


class QmsInputMixin(models.AbstractModel):
    """Check the values users send to a model (see the module's docstring)."""

    _name = "qms.input.mixin"
    _description = "Checked Input"

    @api.model_create_multi
    def create(self, vals_list):
        check_input(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_input(self, [vals])
        return super().write(vals)
