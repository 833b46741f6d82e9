from odoo import fields, models

from .qms_tthc_history_import import LINE_STATUSES


class QmsTthcHistoryImportLine(models.Model):
    """The result of one row of an imported file: ready, skipped, in error (and why), or the
    dossier it became. Written by the import's actions only; row 0 is the file as a whole."""

    _name = "qms.tthc.history.import.line"
    _description = "TTHC Dossier History Import Row"
    _order = "import_id, row_number, id"

    import_id = fields.Many2one(
        "qms.tthc.history.import", required=True, ondelete="cascade", index=True
    )
    row_number = fields.Integer(string="Row", readonly=True)
    external_code = fields.Char(string="Dossier Code", readonly=True)
    procedure_code = fields.Char(readonly=True)
    applicant = fields.Char(readonly=True)
    received_at = fields.Datetime(string="Received On", readonly=True)
    status = fields.Selection(LINE_STATUSES, required=True, default="ok", readonly=True)
    message = fields.Text(readonly=True)
    dossier_id = fields.Many2one("qms.tthc.dossier", readonly=True, index="btree_not_null")
    company_id = fields.Many2one(related="import_id.company_id", store=True, index=True)
