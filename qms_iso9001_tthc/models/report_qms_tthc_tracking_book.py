from odoo import api, models


class ReportQmsTthcTrackingBook(models.AbstractModel):
    """The tracking book (form 07) rendered whole or one part of its rows: a PDF of a year of a
    large unit is rendered part by part (see `ir.actions.report._render_qweb_pdf`), each part
    reading only its own rows (issue 16). `data["qms_book_part"]` is one of the book's
    `_qms_book_parts`, as the PDF passes it, or its number."""

    _name = "report.qms_iso9001_tthc.report_qms_tthc_tracking_book"
    _description = "TTHC Dossier Tracking Book"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["qms.tthc.tracking.book"].browse(docids)
        part = (data or {}).get("qms_book_part")
        if isinstance(part, int) and not isinstance(part, bool) and len(docs) == 1:
            # a part asked for by its number alone: the book is cut for it
            parts = docs._qms_book_parts()
            part = parts[part] if 0 <= part < len(parts) else None
        return {
            "doc_ids": docids,
            "doc_model": "qms.tthc.tracking.book",
            "docs": docs,
            "data": data,
            "book_part": part if isinstance(part, dict) else None,
        }
