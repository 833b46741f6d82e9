from odoo import api, models


class ReportQmsTthcDossierReceipt(models.AbstractModel):
    """The receipt and appointment (form 01), whichever way it is printed (the dossier's button
    or the Print menu): a refused or withdrawn dossier has no appointment to give."""

    _name = "report.qms_iso9001_tthc.report_qms_tthc_dossier_receipt"
    _description = "TTHC Receipt and Appointment"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["qms.tthc.dossier"].browse(docids)
        docs._qms_check_receipt_printable()
        return {"doc_ids": docids, "doc_model": "qms.tthc.dossier", "docs": docs, "data": data}
