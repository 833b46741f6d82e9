from odoo import models
from odoo.tools.pdf import merge_pdf

TRACKING_BOOK = "qms_iso9001_tthc.report_qms_tthc_tracking_book"


class IrActionsReport(models.Model):
    """A tracking book of a year of a large unit (50,000 dossiers) is printed in parts of
    `qms.tthc.tracking.book._qms_book_part_rows` rows, each rendered to its own PDF and joined:
    the whole book as one page of HTML took 50 s and 800 MiB (issue 16)."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        report = self._get_report(report_ref)
        if report.report_name != TRACKING_BOOK or not res_ids or "qms_book_part" in (data or {}):
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        if len(res_ids) != 1:
            for book in self.env["qms.tthc.tracking.book"].browse(res_ids):
                book._qms_check_pdf_size()
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        book = self.env["qms.tthc.tracking.book"].browse(res_ids)
        # the book is cut once for all its parts (see _qms_book_parts)
        parts = book._qms_book_parts()
        book._qms_check_pdf_size(parts[0]["total"])
        if len(parts) == 1:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        rendered = [
            super(IrActionsReport, self)._render_qweb_pdf(
                report_ref, res_ids=res_ids, data={**(data or {}), "qms_book_part": part}
            )
            for part in parts
        ]
        if all(kind == "pdf" for _content, kind in rendered):
            return merge_pdf([content for content, _kind in rendered]), "pdf"
        # test mode renders reports as HTML: the parts one after the other
        return b"".join(content for content, _kind in rendered), rendered[0][1]
