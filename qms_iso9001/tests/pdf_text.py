"""Reports rendered to PDF by the real wkhtmltopdf, and the text a reader can search and copy in
them. Test mode renders reports as HTML unless asked (`force_report_rendering`); the PDF needs
the HTTP server of an HttpCase to fetch its style sheets."""

import io
import re
import unicodedata
import unittest

from odoo.tools.pdf import PdfFileReader


def render_pdf(env, report_ref, res_ids):
    """The report's PDF bytes; the test is skipped where wkhtmltopdf is not installed."""
    Report = env["ir.actions.report"]
    if Report.get_wkhtmltopdf_state() not in ("ok", "upgrade"):
        raise unittest.SkipTest("wkhtmltopdf is not installed")
    pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
        report_ref, res_ids
    )
    if kind != "pdf":
        raise AssertionError(f"{report_ref} rendered as {kind}, not as a PDF")
    return pdf


def pdf_pages(pdf):
    """The text of each page as copied from a viewer, white space collapsed, NFC."""
    reader = PdfFileReader(io.BytesIO(pdf))
    return [
        re.sub(r"\s+", " ", unicodedata.normalize("NFC", page.extract_text() or "")).strip()
        for page in reader.pages
    ]


def pdf_text(pdf):
    return " ".join(pdf_pages(pdf))
