"""Forms printed to PDF by the real wkhtmltopdf: their text can be searched and copied, in
Vietnamese (issue 19). The HTML of the forms is tested in test_tthc_forms."""

from odoo.tests import HttpCase, tagged

from odoo.addons.qms_iso9001.tests.pdf_text import pdf_pages, render_pdf

from .test_tthc_dossier import DossierCommon, local


@tagged("post_install", "-at_install")
class TestTthcPdf(HttpCase, DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("qms_iso9001", "qms_iso9001_tthc"))]
        )._update_translations(["vi_VN"])
        cls.company.qms_agency_name = "Ủy ban nhân dân xã Cam Lộ"
        cls.one_stop.lang = "vi_VN"

    def _pdf(self, report, records):
        return render_pdf(
            self.env(user=self.one_stop, context={"lang": "vi_VN"}),
            f"qms_iso9001_tthc.{report}",
            records.ids,
        )

    def test_receipt_text_can_be_copied(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        pages = pdf_pages(self._pdf("report_qms_tthc_dossier_receipt", dossier))
        self.assertEqual(len(pages), 1)
        for words in (
            "Mẫu số 01",
            "ỦY BAN NHÂN DÂN XÃ CAM LỘ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            dossier.name,
            "Nguyễn Văn An",
            self.procedure.name,
            dossier.lookup_pin,
        ):
            self.assertIn(words, pages[0])

    def test_tracking_book_with_a_very_long_name_and_address(self):
        """One applicant typed with a name and an address of pages: the day's book still prints
        on one page, every dossier readable, the long values cut in their cells (issue 19)."""
        applicant = self.env["res.partner"].create(
            {
                "name": "Nguyễn Thị " + "Ngọc" * 2000,
                "street": "Thôn Đông, " + "xã Cam Lộ, " * 1000,
                "phone": "0912 345 679",
            }
        )
        long_one = self._receive(local(2026, 8, 25, 8, 0), partner=applicant)
        normal = self._receive(local(2026, 8, 25, 9, 0))
        book = (
            self.env["qms.tthc.tracking.book"]
            .with_user(self.one_stop)
            .create({"date_from": "2026-08-25", "date_to": "2026-08-25"})
        )
        pages = pdf_pages(self._pdf("report_qms_tthc_tracking_book", book))
        self.assertEqual(len(pages), 1, "two dossiers fit on one page")
        # long words are broken over lines in their cells: compare without the breaks
        compact = pages[0].replace(" ", "")
        for words in (
            "SỔ THEO DÕI HỒ SƠ",
            long_one.name,
            "Nguyễn Thị Ngọc",
            "Thôn Đông, xã Cam Lộ",
            "0912 345 679",
            normal.name,
            "Nguyễn Văn An",
            "12 Lê Lợi, phường Đông Hà",
            self.procedure.name,
        ):
            self.assertIn(words.replace(" ", ""), compact)
        self.assertIn("…", compact)
        self.assertLess(compact.count("Ngọc"), 40, "the name is cut in its cell")
        self.assertLess(compact.count("CamLộ"), 40, "the address is cut in its cell")
