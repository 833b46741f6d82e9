from odoo import fields, models


class QmsTthcImportLine(models.TransientModel):
    """One row of the file as read by the import: what it will do, or why it cannot, and what
    in it could not be read (the row is imported with the published text kept)."""

    _name = "qms.tthc.import.line"
    _description = "TTHC Import Row"
    _order = "row_number"

    import_id = fields.Many2one("qms.tthc.import", required=True, ondelete="cascade")
    row_number = fields.Integer(string="Row")
    code = fields.Char()
    name = fields.Char()
    field_name = fields.Char(string="Field")
    status = fields.Selection(
        [("create", "New"), ("update", "Update"), ("error", "Error")], required=True
    )
    message = fields.Text(string="Errors")
    warning = fields.Text(string="Warnings")
    is_local = fields.Boolean(string="No National Code")
    new_field = fields.Char(string="Field to Create")
    procedure_id = fields.Many2one("qms.tthc.procedure", string="Existing Procedure")
