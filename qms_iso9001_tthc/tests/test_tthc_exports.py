"""Excel exports of dossiers and the tracking book (form 07), written in constant memory and
read a chunk at a time, and the book's PDF rendered in parts (issue 16). Figures of time and
memory are in bench/figures/export.py, never asserted here."""

import io
import re
import zipfile
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.qms_iso9001 import xlsx

from .test_tthc_dossier import HANOI, DossierCommon, local

BOOK_HEADER = [
    "No.",
    "Dossier Code",
    "Applicant Name",
    "Address, Phone",
    "Administrative Procedure",
    "Sets",
    "Dossier Received",
    "Appointment for the Result",
    "Handed to Unit",
    "Result or Supplement Date",
    "Returned On",
    "Applicant's Signature",
    "Note",
]
BOOK_FIRST_ROW = 6  # openpyxl rows count from 1: titles, a blank row, the header, then dossiers


def sheet_rows(content, first_row=1):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(min_row=first_row, values_only=True)
    ]


@tagged("post_install", "-at_install")
class TestTthcExports(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.procedure_office = cls._procedure(
            "1.004946", "Cấp giấy phép hoạt động", [("direct", 3, "day")], cls.department_office
        )
        cls._approved_flow(
            cls.procedure_office,
            [
                ("Tiếp nhận", 0.5, "day", ("direct",), "desk"),
                ("Thẩm định", 2.5, "day", ("direct",), "office"),
            ],
            submitter=cls.env.user,
        )

    def _book(self, user=None, **values):
        values.setdefault("date_from", "2026-08-25")
        values.setdefault("date_to", "2026-08-26")
        return self.env["qms.tthc.tracking.book"].with_user(user or self.one_stop).create(values)

    def _render(self, book, user=None):
        """The book as rendered for its PDF (test mode renders HTML), white space collapsed."""
        html = (
            self.env["ir.actions.report"]
            .with_user(user or self.one_stop)
            .with_context(lang="en_US")
            ._render_qweb_pdf("qms_iso9001_tthc.report_qms_tthc_tracking_book", book.ids)[0]
        )
        return re.sub(r"\s+", " ", str(html, "utf-8"))

    def _three_dossiers(self):
        first = self._receive(local(2026, 8, 25, 9, 0))
        self._hand_over(first, local(2026, 8, 25, 10, 15), self.handler)
        second = self._receive(local(2026, 8, 25, 14, 0), self.procedure_office)
        third = self._receive(local(2026, 8, 26, 8, 0))
        third.with_user(self.one_stop).action_withdraw("Người dân rút hồ sơ")
        return first, second, third

    # ------------------------------------------------------------------ the book in Excel
    def test_book_excel_has_the_rows_and_columns_of_the_form(self):
        first, second, third = self._three_dossiers()
        book = self._book()
        action = book.action_export_xlsx()
        self.assertIn("so_theo_doi_ho_so_20260825_20260826.xlsx", action["url"])
        content = book._qms_build_book_xlsx()
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        self.assertNotIn(
            "xl/sharedStrings.xml", names, "constant-memory mode writes strings inline"
        )
        rows = sheet_rows(content)
        self.assertEqual(rows[1][0], "DOSSIER TRACKING BOOK")
        self.assertEqual(rows[2][0], "From 25/08/2026 to 26/08/2026")
        self.assertEqual(rows[4], BOOK_HEADER)
        body = rows[BOOK_FIRST_ROW - 1 :]
        self.assertEqual([row[1] for row in body], [first.name, second.name, third.name])
        self.assertEqual(
            body[0],
            [
                1,
                first.name,
                "Nguyễn Văn An",
                "12 Lê Lợi, phường Đông Hà\n0912 345 678",
                self.procedure.name,
                1,
                "09:00 25/08/2026",
                "16:30 28/08/2026",
                "Phòng Hành chính tư pháp\n10:15 25/08/2026",
                "",
                "At the Desk",
                "",
                "",
            ],
        )
        self.assertEqual(body[1][4], "Cấp giấy phép hoạt động")
        self.assertEqual(body[2][0], 3)
        self.assertEqual(body[2][12], "Withdrawn")
        # the printed book holds the same dossiers, in the same order
        html = self._render(book)
        self.assertEqual(html.count("o_qms_tthc_book_row"), 3)
        self.assertLess(html.index(first.name), html.index(second.name))
        self.assertLess(html.index(second.name), html.index(third.name))

    def test_book_excel_of_an_empty_period(self):
        rows = sheet_rows(self._book()._qms_build_book_xlsx())
        self.assertEqual(rows[4], BOOK_HEADER)
        self.assertEqual(len(rows), 5, "header only")

    def test_book_excel_queries_do_not_grow_with_rows(self):
        """Two dossiers or six: the same queries (one read per chunk, names once per chunk)."""

        def queries(book):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            book._qms_build_book_xlsx()
            return self.cr.sql_log_count - before

        for day in (25, 26):
            for hour in (8, 9, 10):
                dossier = self._receive(local(2026, 8, day, hour, 0))
                self._hand_over(dossier, local(2026, 8, day, hour, 30), self.handler)
        small = self._book(date_from="2026-08-25", date_to="2026-08-25")
        large = self._book()
        queries(large)
        self.assertEqual(queries(large), queries(small))

    # ------------------------------------------------------------------ the book in PDF parts
    def test_book_pdf_is_rendered_in_parts(self):
        """Five dossiers in parts of two rows: three parts, numbered on, one heading, one total."""
        dossiers = [self._receive(local(2026, 8, 25, 8 + hour, 0)) for hour in range(5)]
        book = self._book()
        Book = type(self.env["qms.tthc.tracking.book"])
        with patch.object(Book, "_qms_book_part_rows", 2):
            self.assertEqual(book._qms_book_part_count(), 3)
            html = self._render(book)
        self.assertEqual(html.count('class="page o_qms_report o_qms_tthc_tracking_book"'), 3)
        self.assertEqual(html.count("o_qms_tthc_book_row"), 5)
        self.assertEqual(html.count("DOSSIER TRACKING BOOK"), 1)
        self.assertEqual(html.count("Dossiers received: <strong>5</strong>"), 1)
        positions = [html.index(dossier.name) for dossier in dossiers]
        self.assertEqual(positions, sorted(positions))
        numbers = re.findall(r'<td class="text-center">(\d+)</td> <td>', html)
        self.assertEqual(numbers, ["1", "2", "3", "4", "5"])
        # one part: rendered once, as before
        self.assertEqual(self._render(book).count("o_qms_tthc_book_row"), 5)

    def test_book_parts_join_into_the_whole_book(self):
        """The book cut once into parts: the parts' rows, one after the other, are the whole
        book's rows, numbered on; each part knows the total, none counts it again."""
        dossiers = [self._receive(local(2026, 8, 25, 8 + hour, 0)) for hour in range(5)]
        book = self._book()
        Book = type(self.env["qms.tthc.tracking.book"])
        with patch.object(Book, "_qms_book_part_rows", 2):
            parts = book._qms_book_parts()
        self.assertEqual([part["part"] for part in parts], [0, 1, 2])
        self.assertEqual([part["start"] for part in parts], [0, 2, 4])
        self.assertEqual({(part["parts"], part["total"]) for part in parts}, {(3, 5)})
        self.assertEqual([i for part in parts for i in part["ids"]], [d.id for d in dossiers])
        joined = [row for part in parts for row in book._qms_book_rows(part)]
        self.assertEqual(joined, list(book._qms_book_rows()))
        self.assertEqual([row["index"] for row in joined], [1, 2, 3, 4, 5])
        # a part asked for by its number is the same part
        Report = self.env["ir.actions.report"].with_user(self.one_stop)
        report = "qms_iso9001_tthc.report_qms_tthc_tracking_book"
        with patch.object(Book, "_qms_book_part_rows", 2):
            by_number = Report._render_qweb_html(report, book.ids, {"qms_book_part": 1})[0]
            by_part = Report._render_qweb_html(report, book.ids, {"qms_book_part": parts[1]})[0]
        self.assertEqual(by_number, by_part)
        self.assertEqual(str(by_part, "utf-8").count("o_qms_tthc_book_row"), 2)
        # an empty book is one empty part, its total 0
        empty = self._book(date_from="2026-08-27", date_to="2026-08-27")
        self.assertEqual(
            empty._qms_book_parts(), [{"part": 0, "parts": 1, "start": 0, "ids": [], "total": 0}]
        )

    def test_book_part_rows_keep_the_record_rules(self):
        """A part prints only the rows of its book its user may read, whatever ids it is
        given: a unit handler's part never prints another unit's dossier."""
        first, second, third = self._three_dossiers()
        for book in (
            self._book(user=self.handler),  # every unit the handler may see: the rules decide
            self._book(user=self.handler, department_id=self.department_unit.id),
        ):
            (part,) = book._qms_book_parts()
            self.assertEqual(part["ids"], (first | third).ids)
            forged = {**part, "ids": [first.id, second.id, third.id]}
            codes = [row["code"] for row in book._qms_book_rows(forged)]
            self.assertEqual(codes, [first.name, third.name])
            self.assertEqual(list(book._qms_book_rows({**part, "ids": [second.id]})), [])

    def test_book_part_queries_do_not_grow_with_the_part_number(self):
        """The last part of a book costs the queries of its second: no part counts the book or
        skips the rows before it, the total comes with the part."""
        for hour in range(7):
            self._receive(local(2026, 8, 25, 8 + hour, 0))
        book = self._book()
        Book = type(self.env["qms.tthc.tracking.book"])
        Report = self.env["ir.actions.report"].with_user(self.one_stop)
        report = "qms_iso9001_tthc.report_qms_tthc_tracking_book"

        def render(part):
            self.env.invalidate_all()
            return Report._render_qweb_html(report, book.ids, {"qms_book_part": part})[0]

        with patch.object(Book, "_qms_book_part_rows", 2):
            parts = book._qms_book_parts()
            self.assertEqual(len(parts), 4)
            for part in parts:  # fill the caches of templates and assets
                render(part)
            self.env.flush_all()
            before = self.cr.sql_log_count
            render(parts[1])
            second = self.cr.sql_log_count - before
            with self.assertQueryCount(second):
                html = render(parts[3])
        self.assertIn("Dossiers received: <strong>7</strong>", str(html, "utf-8"))

    def test_book_pdf_too_long_is_refused_in_words(self):
        """A book longer than the PDF limit is refused by the print button and by the report
        itself, naming its size and the way out; the Excel book is still given whole."""
        self._three_dossiers()
        book = self._book()
        Parameter = self.env["ir.config_parameter"].sudo()
        Parameter.set_param("qms_iso9001_tthc.tracking_book_pdf_max_rows", "2")
        with self.assertRaisesRegex(UserError, "lists 3 dossiers: a PDF is printed for 2 at most"):
            book.action_print()
        with self.assertRaisesRegex(UserError, "download it in Excel"):
            self._render(book)
        self.assertEqual(len(sheet_rows(book._qms_build_book_xlsx(), BOOK_FIRST_ROW)), 3)
        # within the limit, or no limit (0), or a parameter that is no number: printed
        for value in ("3", "0", "many"):
            Parameter.set_param("qms_iso9001_tthc.tracking_book_pdf_max_rows", value)
            self.assertEqual(book.action_print()["type"], "ir.actions.report")
            self.assertEqual(self._render(book).count("o_qms_tthc_book_row"), 3)
        # the default: 10,000 rows
        Parameter.set_param("qms_iso9001_tthc.tracking_book_pdf_max_rows", False)
        self.assertEqual(book._qms_book_pdf_max_rows(), 10000)

    def test_book_part_prints_a_part_at_most(self):
        """A part handed more ids than a part holds (a forged request) prints a part's rows."""
        dossiers = [self._receive(local(2026, 8, 25, 8 + hour, 0)) for hour in range(3)]
        book = self._book()
        Book = type(self.env["qms.tthc.tracking.book"])
        with patch.object(Book, "_qms_book_part_rows", 2):
            forged = {"part": 0, "parts": 1, "start": 0, "ids": [d.id for d in dossiers]}
            codes = [row["code"] for row in book._qms_book_rows({**forged, "total": 3})]
        self.assertEqual(codes, [dossiers[0].name, dossiers[1].name])

    # ------------------------------------------------------------------ a unit's book
    def test_unit_handler_keeps_the_book_of_their_unit_only(self):
        first, second, _third = self._three_dossiers()
        own = self._book(user=self.handler, department_id=self.department_unit.id)
        self.assertIn(first, own._qms_dossiers())
        self.assertNotIn(second, own._qms_dossiers())
        rows = sheet_rows(own._qms_build_book_xlsx(), BOOK_FIRST_ROW)
        self.assertIn(first.name, [row[1] for row in rows])
        self.assertNotIn(second.name, [row[1] for row in rows])

        other = self._book(user=self.handler, department_id=self.department_office.id)
        for attempt in (
            other._qms_dossiers,
            other.action_export_xlsx,
            other._qms_build_book_xlsx,
            lambda: self._render(other, self.handler),
        ):
            with self.assertRaises(AccessError):
                attempt()
        # the desk keeps every unit's book
        desk = self._book(department_id=self.department_office.id)
        self.assertEqual(desk._qms_dossiers(), second)

    # ------------------------------------------------------------------ dossiers of a list
    def test_dossier_export_writes_the_list_columns(self):
        first, second, third = self._three_dossiers()
        Export = self.env["qms.tthc.dossier.xlsx"].with_user(self.one_stop)
        action = Export._qms_action_export_xlsx((first | second | third).ids)
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        rows = sheet_rows(attachment.with_user(self.one_stop).raw)
        self.assertEqual(rows[0][:4], ["Dossier Code", "Received On", "Applicant", "Procedure"])
        # the list's order: the latest received first
        self.assertEqual([row[0] for row in rows[1:]], [third.name, second.name, first.name])
        last = rows[3]
        self.assertEqual(last[1].strftime("%H:%M %d/%m/%Y"), "09:00 25/08/2026", "local time")
        self.assertEqual(last[2], "Nguyễn Văn An")
        self.assertEqual(last[6], "Phòng Hành chính tư pháp")
        self.assertEqual(rows[1][10], "Withdrawn")
        # another export replaces the user's last file; nobody else may read it
        again = Export._qms_action_export_xlsx(first.ids)
        self.assertFalse(attachment.exists())
        attachment = self.env["ir.attachment"].browse(int(again["url"].split("/")[3].split("?")[0]))
        with self.assertRaises(AccessError):
            attachment.with_user(self.handler).raw  # noqa: B018

    def test_dossier_export_holds_only_what_the_user_may_read(self):
        first, second, third = self._three_dossiers()
        ids = (first | second | third).ids
        Export = self.env["qms.tthc.dossier.xlsx"].with_user(self.handler)
        content = Export._qms_export_xlsx([("id", "in", ids)])
        codes = [row[0] for row in sheet_rows(content, 2)]
        self.assertIn(first.name, codes)
        self.assertNotIn(second.name, codes, "another unit's dossier")

    # ------------------------------------------------------------------ rows read by SQL
    def _expected_export(self, user, domain):
        """The rows of the export as the ORM gives them to `user`: the dossiers their rules let
        them read, in the list's order, times in the agency's clock, names and labels."""
        Dossier = self.env["qms.tthc.dossier"].with_user(user).with_context(active_test=False)
        labels = {
            name: dict(Dossier._fields[name]._description_selection(Dossier.env))
            for name in ("channel", "state", "timeliness")
        }

        def moment(value):
            return (value + HANOI).strftime("%d/%m/%Y %H:%M") if value else ""

        return [
            [
                dossier.name,
                moment(dossier.received_at),
                dossier.sudo().applicant_id.name,
                dossier.sudo().procedure_id.name,
                dossier.sudo().field_id.name,
                labels["channel"].get(dossier.channel, ""),
                dossier.sudo().current_department_id.name or "",
                dossier.sudo().current_user_id.name or "",
                moment(dossier.appointment_date),
                moment(dossier.new_appointment_date),
                labels["state"].get(dossier.state, ""),
                labels["timeliness"].get(dossier.timeliness, ""),
            ]
            for dossier in Dossier.search(domain)
        ]

    def _exported(self, user, domain, lang="en_US"):
        content = (
            self.env["qms.tthc.dossier.xlsx"]
            .with_user(user)
            .with_context(lang=lang)
            ._qms_export_xlsx(domain)
        )
        rows = sheet_rows(content)
        body = [
            [cell.strftime("%d/%m/%Y %H:%M") if hasattr(cell, "strftime") else cell for cell in row]
            for row in rows[1:]
        ]
        return rows[0], body

    def _dossiers_of_two_units_and_another_agency(self):
        first, second, third = self._three_dossiers()
        self._hand_over(second, local(2026, 8, 25, 15, 0), self.signer)
        fourth = self._receive(local(2026, 8, 26, 9, 30))
        other = self.env["res.company"].create({"name": "UBND xã Hải Phú"})
        self.env.flush_all()
        # a dossier of another agency, held there by nobody of ours (a holder of any agency
        # sees the dossier they hold): moved there, as only the database may
        self.env.cr.execute(
            """UPDATE qms_tthc_dossier
                  SET company_id = %s, current_user_id = NULL, current_department_id = NULL
                WHERE id = %s""",
            [other.id, fourth.id],
        )
        self.env.invalidate_all()
        return first, second, third, fourth

    def test_dossier_export_rows_are_those_the_orm_gives_each_user(self):
        """A unit handler gets their unit's dossiers, the desk and a manager every dossier of
        the agency, nobody another agency's; each row as the ORM reads it for that user."""
        first, second, third, fourth = self._dossiers_of_two_units_and_another_agency()
        domain = [("id", "in", (first | second | third | fourth).ids)]
        header, body = self._exported(self.handler, domain)
        self.assertIn(first.name, [row[0] for row in body])
        self.assertNotIn(second.name, [row[0] for row in body], "another unit's dossier")
        self.assertEqual(body, self._expected_export(self.handler, domain))
        for user in (self.one_stop, self.qms_manager):
            header, body = self._exported(user, domain)
            self.assertEqual(len(header), 12)
            self.assertEqual([row[0] for row in body], [third.name, second.name, first.name])
            self.assertEqual(body, self._expected_export(user, domain), user.login)
        self.assertEqual(body[1][6:8], ["Văn phòng", self.signer.name], "the holder's names")
        self.assertEqual(body[0][10], "Withdrawn")

    def test_dossier_export_queries_grow_with_chunks_not_rows(self):
        """3 dossiers or 25, read 10 at a time: the same queries plus one per extra chunk."""

        def queries(domain):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Export._qms_export_xlsx(domain)
            return self.cr.sql_log_count - before

        Export = self.env["qms.tthc.dossier.xlsx"].with_user(self.one_stop)
        dossiers = self.env["qms.tthc.dossier"]
        for index in range(25):
            dossiers |= self._receive(local(2026, 8, 25 + index // 8, 8 + index % 8, 0))
        with patch.object(xlsx, "CHUNK_SIZE", 10):
            queries([("id", "in", dossiers.ids)])
            small = queries([("id", "in", dossiers[:3].ids)])
            large = queries([("id", "in", dossiers.ids)])
        self.assertEqual(large, small + 2)
        self.assertEqual(len(sheet_rows(Export._qms_export_xlsx([("id", "in", dossiers.ids)]))), 26)

    def test_dossier_export_leaves_out_a_field_the_user_may_not_read(self):
        first, _second, _third = self._three_dossiers()
        field = self.env["qms.tthc.dossier"]._fields["applicant_id"]
        with patch.object(field, "groups", "qms_iso9001.group_qms_manager"):
            header, body = self._exported(self.one_stop, [("id", "=", first.id)])
            self.assertNotIn("Applicant", header)
            self.assertNotIn("Nguyễn Văn An", body[0])
            self.assertEqual(body[0][0], first.name)
            header, body = self._exported(self.qms_manager, [("id", "=", first.id)])
            self.assertEqual(header[2], "Applicant")
            self.assertEqual(body[0][2], "Nguyễn Văn An")

    def _vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "in", ("qms_iso9001", "qms_iso9001_tthc"))]
        )._update_translations(["vi_VN"])

    def test_dossier_export_in_vietnamese(self):
        """Headers, labels and translated names (units) in the language of the user."""
        self._vietnamese()
        first, second, third = self._three_dossiers()
        self._hand_over(second, local(2026, 8, 25, 15, 0), self.signer)
        self.department_office.with_context(lang="vi_VN").name = "Văn phòng HĐND và UBND"
        domain = [("id", "in", (first | second | third).ids)]
        header, body = self._exported(self.one_stop, domain, lang="vi_VN")
        self.assertEqual(header[:2], ["Mã hồ sơ", "Ngày tiếp nhận"])
        self.assertEqual(body[0][10], "Đã rút")
        self.assertEqual(body[0][5], "Trực tiếp")
        self.assertEqual(body[1][6], "Văn phòng HĐND và UBND")
        self.assertEqual(self._exported(self.one_stop, domain)[1][1][6], "Văn phòng")

    def test_book_excel_in_vietnamese(self):
        self._vietnamese()
        _first, _second, third = self._three_dossiers()
        book = self._book().with_context(lang="vi_VN")
        rows = sheet_rows(book._qms_build_book_xlsx())
        self.assertEqual(rows[1][0], "SỔ THEO DÕI HỒ SƠ")
        self.assertEqual(rows[4][:2], ["STT", "Mã hồ sơ"])
        self.assertEqual(rows[BOOK_FIRST_ROW + 1][1], third.name)
        self.assertEqual(rows[BOOK_FIRST_ROW + 1][12], "Đã rút")
        self.assertEqual(rows[BOOK_FIRST_ROW - 1][10], "Tại Bộ phận Một cửa")
