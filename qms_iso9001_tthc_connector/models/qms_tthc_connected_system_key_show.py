from odoo import fields, models


class QmsTthcConnectedSystemKeyShow(models.TransientModel):
    """The window that shows a new key once. The key comes in the window's context and is never
    saved: closing the window loses it, as with Odoo's own API keys."""

    _name = "qms.tthc.connected.system.key.show"
    _inherit = ["qms.input.mixin"]
    _description = "New API Key"

    system_id = fields.Many2one("qms.tthc.connected.system", string="Connected System")
    key = fields.Char(string="API Key", readonly=True)
