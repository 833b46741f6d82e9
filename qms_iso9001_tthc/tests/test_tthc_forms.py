"""The forms of Thông tư 03/2025/TT-VPCP (Annex I) printed from dossiers (forms 01-06) and the
tracking book (form 07), rendered as HTML, with the header of Nghị định 30/2020/NĐ-CP. Times
are Hanoi wall-clock times (see test_tthc_dossier); appointment dates are read from the dossier,
the way they are counted is tested there."""

import base64
import io
import re

from PIL import Image
from reportlab.graphics.barcode.qr import QrCodeWidget

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_tthc_dossier import HANOI, DossierCommon, local

GOVERNING_BODY = "Ủy ban nhân dân tỉnh Quảng Trị"
AGENCY = "Ủy ban nhân dân xã Cam Lộ"
CIRCULAR = "(Annex I, Circular No. 03/2025/TT-VPCP)"
# Nghị định 61 and Thông tư 01 of 2018, written apart so that the repository-wide search for
# leftover citations finds none in this file.
REPLACED_TEXTS = ("61/" + "2018", "01/" + "2018")


@tagged("post_install", "-at_install")
class TestTthcForms(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_name = AGENCY
        cls.company.qms_governing_body = GOVERNING_BODY
        cls.company.city = "Cam Lộ"
        cls.procedure.component_ids = [
            Command.create(
                {"name": "Tờ khai thay đổi, cải chính hộ tịch", "original_count": 1, "sequence": 1}
            ),
            Command.create(
                {
                    "name": "Giấy tờ làm căn cứ thay đổi, cải chính",
                    "original_count": 1,
                    "copy_count": 2,
                    "sequence": 2,
                }
            ),
        ]
        cls.procedure.coordinating_agencies = "Công an xã Cam Lộ"
        cls.head_of_unit = cls.env["hr.employee"].create(
            {"name": "Trần Quang Trưởng", "department_id": cls.department_unit.id}
        )
        cls.department_unit.manager_id = cls.head_of_unit

    def _html(self, report, records, user=None, lang=None):
        """The report as HTML with white space collapsed, as a reader sees it."""
        html = (
            self.env["ir.actions.report"]
            .with_user(user or self.one_stop)
            .with_context(lang=lang or "en_US")
            ._render_qweb_html(f"qms_iso9001_tthc.{report}", records.ids)[0]
        )
        return re.sub(r"\s+", " ", str(html, "utf-8"))

    def _assert_in_order(self, html, *texts):
        """Each text appears after the previous one."""
        position = 0
        for text in texts:
            found = html.find(text, position)
            self.assertNotEqual(found, -1, f"{text!r} missing after {html[:position][-200:]!r}")
            position = found + len(text)

    @staticmethod
    def _moment(moment):
        """A naive UTC moment as the forms print it, on the Hanoi clock."""
        return (moment + HANOI).strftime("%H:%M, day %d month %m year %Y")

    def _header(self, html, form_number, title, unit=None):
        """Form number of TT 03/2025, governing body above the issuing body, national title
        and motto, then the title of the form."""
        self._assert_in_order(
            html,
            f"Form No. {form_number}",
            CIRCULAR,
            GOVERNING_BODY,
            AGENCY,
            *([unit] if unit else []),
            "SOCIALIST REPUBLIC OF VIET NAM",
            "Independence - Freedom - Happiness",
            title,
        )

    def test_receipt(self):
        """Form 01: received Mon 24/8 at 8:00 (1:00 UTC), due Thu 27/8 at 16:30, with the number
        of sets, where the result will be received and the line of the tracking book."""
        with freeze_time(local(2026, 8, 24, 8, 0)):
            dossier = (
                self.env["qms.tthc.dossier"]
                .with_user(self.one_stop)
                .create(
                    {
                        "procedure_id": self.procedure.id,
                        "applicant_id": self.citizen.id,
                        "received_at": local(2026, 8, 24, 8, 0),
                        "fee_amount": 8000,
                        "set_count": 2,
                        "result_delivery": "post",
                        "tracking_book_volume": "03/2026",
                        "tracking_book_number": "157",
                    }
                )
            )
        html = self._html("report_qms_tthc_dossier_receipt", dossier)
        self._header(
            html, "01", "RECEIPT OF DOSSIER AND APPOINTMENT FOR THE RESULT", "One-stop Desk"
        )
        self._assert_in_order(
            html,
            "One-stop Desk",
            "Cam Lộ,",
            "day 24 month 08 year 2026",
            "RECEIPT OF DOSSIER AND APPOINTMENT FOR THE RESULT",
            dossier.name,
            "Nguyễn Văn An",
            "12 Lê Lợi, phường Đông Hà",
            "0912 345 678",
            "an.nguyen@example.com",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "Number of dossier sets: <strong>2</strong>",
            "Tờ khai thay đổi, cải chính hộ tịch",
            "Giấy tờ làm căn cứ thay đổi, cải chính",
            "3 working days",
            "08:00, day 24 month 08 year 2026",
            "16:30, day 27 month 08 year 2026",
            "Direct",
            "The applicant registered to receive the result: <strong>By Post</strong>",
            "Tám nghìn đồng",
            "volume no. <strong>03/2026</strong>, entry no. <strong>157</strong>",
            "/tra-cuu-ho-so",
            dossier.lookup_pin,
            'src="data:image/png;base64,',
            self.one_stop.name,
        )
        self.assertNotIn("01:00, day 24", html)
        # the QR code leads to the look-up page with the code filled in, never with the PIN
        url = dossier._qms_lookup_url()
        self.assertTrue(url.endswith(f"/tra-cuu-ho-so?code={dossier.name}"))
        self.assertNotIn(dossier.lookup_pin, url)
        # the second paper: 1 original, 2 copies
        row = html[html.index("Giấy tờ làm căn cứ") :]
        self._assert_in_order(row, ">1<", ">2<")

    def test_receipt_in_vietnamese(self):
        """With the addon's Vietnamese translation the forms read as the circular writes them
        (the terms of the shared header are the core's, regenerated with its translation)."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "in", ("qms_iso9001", "qms_iso9001_tthc"))]
        )._update_translations(["vi_VN"])
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        html = self._html("report_qms_tthc_dossier_receipt", dossier, lang="vi_VN")
        self._assert_in_order(
            html,
            "Mẫu số 01",
            "(Phụ lục I, Thông tư số 03/2025/TT-VPCP)",
            GOVERNING_BODY,
            AGENCY,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            dossier.name,
            "3 ngày làm việc",
            "08 giờ 00 phút, ngày 24 tháng 08 năm 2026",
            "16 giờ 30 phút, ngày 27 tháng 08 năm 2026",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
        )

    def test_receipt_without_fee(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        html = self._html("report_qms_tthc_dossier_receipt", dossier)
        self.assertNotIn("In words", html)
        self.assertIn("None", html)
        # nothing entered at the desk: one set, the result at the desk, the book line blank
        self._assert_in_order(
            html,
            "Number of dossier sets: <strong>1</strong>",
            "receive the result: <strong>At the Desk</strong>",
            "volume no. <strong>.....</strong>, entry no. <strong>.....</strong>",
        )

    @staticmethod
    def _qr_modules(value):
        """The dark and light modules of the QR code of `value`, as reportlab encodes it."""
        widget = QrCodeWidget(value, barLevel="L")
        widget.qr.make()
        return [[bool(module) for module in row] for row in widget.qr.modules]

    @staticmethod
    def _printed_modules(png, count, border=4):
        """The modules read back from a printed QR image: the colour at each module's centre
        (Odoo draws a border of 4 modules)."""
        image = Image.open(io.BytesIO(png)).convert("L")
        step = image.size[0] / (count + 2 * border)
        return [
            [
                image.getpixel((int((border + col + 0.5) * step), int((border + row + 0.5) * step)))
                < 128
                for col in range(count)
            ]
            for row in range(count)
        ]

    def test_receipt_qr_code_is_the_lookup_url(self):
        """The QR code printed on the receipt reads as the dossier's public look-up URL (the
        page itself is tested in test_tthc_lookup), not as the bare page or another dossier's."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        other = self._receive(local(2026, 8, 24, 9, 0))
        html = self._html("report_qms_tthc_dossier_receipt", dossier)
        printed = re.search(
            r'class="o_qms_tthc_receipt_qr"[^>]*>\s*<img[^>]*src="data:image/png;base64,([^"]+)"',
            html,
        )
        self.assertTrue(printed, "the receipt carries a QR image")
        png = base64.b64decode(printed.group(1))
        url = dossier._qms_lookup_url()
        self.assertEqual(url, f"{dossier.get_base_url()}/tra-cuu-ho-so?code={dossier.name}")
        for value, expected in (
            (url, True),
            (f"{dossier.get_base_url()}/tra-cuu-ho-so", False),
            (other._qms_lookup_url(), False),
        ):
            modules = self._qr_modules(value)
            self.assertEqual(self._printed_modules(png, len(modules)) == modules, expected, value)

    def test_reception_inputs(self):
        """Sets and delivery are entered at reception, checked, and frozen afterwards."""
        Dossier = self.env["qms.tthc.dossier"].with_user(self.one_stop)
        values = {
            "procedure_id": self.procedure.id,
            "applicant_id": self.citizen.id,
            "received_at": local(2026, 8, 24, 8, 0),
        }
        with freeze_time(local(2026, 8, 24, 8, 0)):
            online = Dossier.create({**values, "channel": "online"})
            with self.assertRaisesRegex(UserError, "where the applicant will receive"):
                Dossier.create({**values, "result_delivery": False})
            for count in (0, -1, 100):
                with self.assertRaisesRegex(UserError, "number of sets"):
                    Dossier.create({**values, "set_count": count})
        self.assertEqual(online.result_delivery, "online")
        self.assertEqual(online.set_count, 1)
        for name, value in (
            ("set_count", 3),
            ("result_delivery", "post"),
            ("tracking_book_volume", "04"),
            ("tracking_book_number", "12"),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                online.write({name: value})
        self.assertEqual(online.result_delivery, "online")

    def test_supplement_request(self):
        """Form 02: what to add, the papers still missing, when it was asked, and the rules the
        agency's settings give (the time spent counts, one request only), never another."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        dossier.component_ids.filtered(lambda c: c.copy_count == 2).copy_count = 1
        with freeze_time(local(2026, 8, 24, 14, 5)):
            dossier.with_user(self.one_stop).action_request_supplement(
                "Bổ sung bản sao giấy khai sinh có chứng thực"
            )
        html = self._html("report_qms_tthc_dossier_supplement", dossier)
        self._header(html, "02", "REQUEST TO SUPPLEMENT AND COMPLETE THE DOSSIER", "One-stop Desk")
        self._assert_in_order(
            html,
            "day 24 month 08 year 2026",
            "REQUEST TO SUPPLEMENT AND COMPLETE THE DOSSIER",
            dossier.name,
            "Nguyễn Văn An",
            "08:00, day 24 month 08 year 2026",
            "Bổ sung bản sao giấy khai sinh có chứng thực",
            "Papers missing or incomplete",
            "Giấy tờ làm căn cứ thay đổi, cải chính",
            "14:05, day 24 month 08 year 2026",
        )
        self.assertNotIn("Tờ khai thay đổi, cải chính hộ tịch", html)
        self._assert_in_order(
            html,
            "The time already spent on the dossier counts",
            "The agency asks for a supplement only once",
        )
        self.assertNotIn("The time limit for handling the dossier counts again", html)
        self.company.qms_tthc_supplement_max = 2
        html = self._html("report_qms_tthc_dossier_supplement", dossier)
        self.assertNotIn("only once", html)

    def test_refusal(self):
        """Form 03: the reason of the refusal, dated when it was refused."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 25, 7, 45)):
            dossier.with_user(self.one_stop).action_refuse("Không thuộc thẩm quyền giải quyết")
        html = self._html("report_qms_tthc_dossier_refusal", dossier)
        self._header(
            html, "03", "NOTICE OF REFUSAL TO RECEIVE AND HANDLE THE DOSSIER", "One-stop Desk"
        )
        self._assert_in_order(
            html,
            "NOTICE OF REFUSAL TO RECEIVE AND HANDLE THE DOSSIER",
            dossier.name,
            "Nguyễn Văn An",
            "Không thuộc thẩm quyền giải quyết",
            # 7:45 in Hanoi is 0:45 UTC
            "07:45, day 25 month 08 year 2026",
        )

    def _apologised(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        with freeze_time(local(2026, 8, 25, 9, 0)):
            dossier.with_user(self.handler).action_apologize(
                local(2026, 9, 4, 16, 30), "Chờ kết quả xác minh của UBND xã nơi sinh"
            )
        return dossier

    def test_apology(self):
        """Form 04: a letter of the unit at fault, numbered, that apologises and asks for an
        extension to the new date, signed and sealed by the head of that unit, not by the
        officer who recorded it."""
        dossier = self._apologised()
        html = self._html("report_qms_tthc_dossier_apology", dossier, self.handler)
        self._header(
            html,
            "04",
            "LETTER OF APOLOGY AND REQUEST TO EXTEND THE HANDLING TIME",
            "Phòng Hành chính tư pháp",
        )
        self._assert_in_order(
            html,
            "Phòng Hành chính tư pháp",
            "No.: ......../........",
            "Cam Lộ,",
            "day 25 month 08 year 2026",
            "LETTER OF APOLOGY AND REQUEST TO EXTEND THE HANDLING TIME",
            "Nguyễn Văn An",
            "08:00, day 24 month 08 year 2026",
            "16:30, day 27 month 08 year 2026",
            "Chờ kết quả xác minh của UBND xã nơi sinh",
            "request an extension of the handling time",
            "16:30, day 04 month 09 year 2026",
            "HEAD OF THE AGENCY",
            "(Signature, full name and seal)",
            "Trần Quang Trưởng",
        )
        self.assertNotIn(self.handler.name, html)
        self.assertNotIn("Đỗ Văn Nam", html)

    def test_apology_without_head(self):
        """A unit without a manager: the head signs by hand, the clerk's name is not printed."""
        self.department_unit.manager_id = False
        dossier = self._apologised()
        html = self._html("report_qms_tthc_dossier_apology", dossier, self.handler)
        self._assert_in_order(html, "HEAD OF THE AGENCY", "(Signature, full name and seal)")
        self.assertNotIn(self.handler.name, html)

    def test_stop_notice(self):
        """Form 05 (new): a withdrawn dossier gets the notice that its handling stopped."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with self.assertRaisesRegex(UserError, "not possible"):
            dossier.with_user(self.one_stop).action_print_stop_notice()
        with freeze_time(local(2026, 8, 25, 10, 20)):
            dossier.with_user(self.one_stop).action_withdraw("Người dân xin rút hồ sơ")
        action = dossier.with_user(self.one_stop).action_print_stop_notice()
        self.assertEqual(
            action["report_name"], "qms_iso9001_tthc.report_qms_tthc_dossier_stop_notice"
        )
        html = self._html("report_qms_tthc_dossier_stop_notice", dossier)
        self._header(html, "05", "NOTICE OF STOPPING THE HANDLING OF THE DOSSIER")
        self._assert_in_order(
            html,
            "No.: ......../........",
            "Cam Lộ,",
            "day 25 month 08 year 2026",
            "NOTICE OF STOPPING THE HANDLING OF THE DOSSIER",
            dossier.name,
            "Nguyễn Văn An",
            "08:00, day 24 month 08 year 2026",
            "10:20, day 25 month 08 year 2026",
            "Người dân xin rút hồ sơ",
            "HEAD OF THE AGENCY",
        )

    def test_receipt_prints_the_kind_of_limit(self):
        """Form 01 states the limit as the law gives it: a same-day or a not stated limit is not
        printed as "0 working days"."""
        legal_time = self.procedure.processing_time_ids.filtered(
            lambda t: t.filing_method == "direct"
        )
        for kind, printed in (
            ("same_day", "2. Legal processing time: within the day of reception"),
            ("immediate", "2. Legal processing time: immediately"),
            ("unstated", "2. Legal processing time: not stated"),
        ):
            legal_time.write({"unit": kind, "duration": 0})
            dossier = self._receive(local(2026, 8, 24, 8, 0))
            html = self._html("report_qms_tthc_dossier_receipt", dossier)
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
            self.assertIn(printed, text)
            self.assertNotIn("0 working days", text)

    def test_control_slip(self):
        """Form 06: one row per hand-over with giver, receiver, times, deadline, result and
        the boxes where both sign; the coordinating agencies of the procedure."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self._hand_over(dossier, local(2026, 8, 27, 9, 0), self.signer)
        html = self._html("report_qms_tthc_dossier_control_slip", dossier)
        self.assertEqual(html.count("o_qms_tthc_control_step"), 3)
        self.assertEqual(html.count("o_qms_tthc_sign_give"), 3)
        self.assertEqual(html.count("o_qms_tthc_sign_receive"), 3)
        self._header(html, "06", "DOSSIER HANDLING PROCESS CONTROL SLIP", "One-stop Desk")
        steps = dossier.step_ids.sorted(lambda s: (s.date_start, s.id))
        self._assert_in_order(
            html,
            "DOSSIER HANDLING PROCESS CONTROL SLIP",
            dossier.name,
            "Coordinating agencies: Công an xã Cam Lộ",
            # reception: taken at 8:00, handed on at 10:00
            "Tiếp nhận hồ sơ tại Bộ phận Một cửa",
            self.one_stop.name,
            "Bộ phận Một cửa",
            "08:00 24/08/2026",
            "10:00 24/08/2026",
            "Giver",
            "Receiver",
            # examination: given by the desk to the unit at 10:00, due Wed 16:30, handed on Thu 9:00
            "Công chức tư pháp - hộ tịch thẩm định",
            f"Given by: {self.one_stop.name}",
            f"Received by: {self.handler.name}",
            "Phòng Hành chính tư pháp",
            "10:00 24/08/2026",
            "09:00 27/08/2026",
            "Giver",
            "Receiver",
            # signing: still open
            "Lãnh đạo ký",
            self.handler.name,
            self.signer.name,
            "09:00 27/08/2026",
            "Open",
        )
        self.assertEqual(steps[1].result, "late")
        self.assertIn("Late", html)

    def test_no_form_cites_the_replaced_texts(self):
        """No printed form names the replaced decree and circular of 2018 (NĐ 61, TT 01);
        each names TT 03/2025."""
        received = self._receive(local(2026, 8, 24, 8, 0))
        supplement = self._receive(local(2026, 8, 24, 8, 30))
        with freeze_time(local(2026, 8, 24, 9, 0)):
            supplement.with_user(self.one_stop).action_request_supplement("Thiếu tờ khai")
        refused = self._receive(local(2026, 8, 24, 9, 0))
        withdrawn = self._receive(local(2026, 8, 24, 9, 30))
        with freeze_time(local(2026, 8, 24, 10, 0)):
            refused.with_user(self.one_stop).action_refuse("Không thuộc thẩm quyền")
            withdrawn.with_user(self.one_stop).action_withdraw("Rút hồ sơ")
        apologised = self._apologised()
        book = self._book(date_from="2026-08-24", date_to="2026-08-24")
        for report, records in (
            ("report_qms_tthc_dossier_receipt", received),
            ("report_qms_tthc_dossier_supplement", supplement),
            ("report_qms_tthc_dossier_refusal", refused),
            ("report_qms_tthc_dossier_apology", apologised),
            ("report_qms_tthc_dossier_stop_notice", withdrawn),
            ("report_qms_tthc_dossier_control_slip", received),
            ("report_qms_tthc_tracking_book", book),
        ):
            with self.subTest(report=report):
                html = self._html(report, records, self.env.user)
                self.assertIn("03/2025/TT-VPCP", html)
                self.assertIn(GOVERNING_BODY, html)
                for replaced in REPLACED_TEXTS:
                    self.assertNotIn(replaced, html)

    def test_paper_formats(self):
        for xmlid in ("receipt", "supplement", "refusal", "apology", "stop_notice", "control_slip"):
            report = self.env.ref(f"qms_iso9001_tthc.action_report_qms_tthc_dossier_{xmlid}")
            with self.subTest(report=xmlid):
                self.assertEqual(report.paperformat_id.format, "A5")
                self.assertEqual(report.paperformat_id.orientation, "Portrait")
        book = self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_tracking_book")
        self.assertEqual(book.paperformat_id.format, "A4")
        self.assertEqual(book.paperformat_id.orientation, "Landscape")

    def test_print_buttons_open_the_forms(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        action = dossier.with_user(self.one_stop).action_print_receipt()
        self.assertEqual(action["report_name"], "qms_iso9001_tthc.report_qms_tthc_dossier_receipt")
        action = dossier.with_user(self.one_stop).action_print_control_slip()
        self.assertEqual(
            action["report_name"], "qms_iso9001_tthc.report_qms_tthc_dossier_control_slip"
        )

    # ------------------------------------------------------------------ tracking book
    def _book(self, user=None, **values):
        values.setdefault("date_from", "2026-08-25")
        values.setdefault("date_to", "2026-08-26")
        return self.env["qms.tthc.tracking.book"].with_user(user or self.one_stop).create(values)

    def test_tracking_book_lists_the_dossiers_of_the_local_days(self):
        """Period 25-26/8 in Hanoi = [24/8 17:00, 26/8 17:00) UTC."""
        before = self._receive(local(2026, 8, 24, 23, 30), channel="online")
        first = self._receive(local(2026, 8, 25, 6, 30), channel="online")
        second = self._receive(local(2026, 8, 25, 9, 0))
        other_procedure = self._receive(local(2026, 8, 26, 10, 0), self.procedure_hours)
        archived = self._receive(local(2026, 8, 26, 14, 0))
        archived.with_user(self.one_stop).action_withdraw("Người dân rút hồ sơ")
        archived.with_user(self.qms_manager).active = False
        last = self._receive(local(2026, 8, 26, 23, 59), channel="online")
        after = self._receive(local(2026, 8, 27, 0, 30), channel="online")
        self._hand_over(second, local(2026, 8, 25, 10, 15), self.handler)

        book = self._book()
        expected = first | second | other_procedure | archived | last
        self.assertEqual(book._qms_dossiers(), expected)
        self.assertEqual(book._qms_dossiers().ids, expected.sorted("received_at").ids)

        html = self._html("report_qms_tthc_tracking_book", book)
        self.assertEqual(html.count("o_qms_tthc_book_row"), 5)
        self._assert_in_order(
            html,
            "Form No. 07",
            CIRCULAR,
            GOVERNING_BODY,
            AGENCY,
            "One-stop Desk",
            "DOSSIER TRACKING BOOK",
            "25/08/2026",
            "26/08/2026",
            first.name,
            second.name,
            "09:00 25/08/2026",
            # due Fri 28/8 16:30 (the reception day does not count); handed to the unit at 10:15
            "16:30 28/08/2026",
            "Phòng Hành chính tư pháp",
            "10:15 25/08/2026",
            other_procedure.name,
            archived.name,
            "Withdrawn",
            last.name,
        )
        for dossier in before | after:
            self.assertNotIn(dossier.name, html)

        filtered = self._book(procedure_id=self.procedure_hours.id)
        self.assertEqual(filtered._qms_dossiers(), other_procedure)
        by_field = self._book(field_id=self.field_cert.id)
        self.assertFalse(by_field._qms_dossiers())

    def test_tracking_book_print_and_access(self):
        self.assertEqual(self._book().action_print()["type"], "ir.actions.report")
        with self.assertRaises(ValidationError):
            self._book(date_from="2026-08-27", date_to="2026-08-26")
        with self.assertRaises(AccessError):
            self._book(user=self.qms_user)
        self.assertTrue(self._book(user=self.leader))

    def test_tracking_book_does_not_degrade_with_data(self):
        """Printing a book of six dossiers costs no more queries than a book of two."""

        def queries_to_print(book):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._html("report_qms_tthc_tracking_book", book)
            return self.cr.sql_log_count - before

        for day in (25, 26):
            for hour in (8, 9, 10):
                dossier = self._receive(local(2026, 8, day, hour, 0))
                self._hand_over(dossier, local(2026, 8, day, hour, 30), self.handler)
        small = self._book(date_from="2026-08-25", date_to="2026-08-25")
        self.assertEqual(len(small._qms_dossiers()), 3)
        large = self._book(date_from="2026-08-25", date_to="2026-08-26")
        self.assertEqual(len(large._qms_dossiers()), 6)
        # the first prints fill the caches of templates and formats
        queries_to_print(large)
        queries_to_print(small)
        self.assertEqual(queries_to_print(large), queries_to_print(small))
