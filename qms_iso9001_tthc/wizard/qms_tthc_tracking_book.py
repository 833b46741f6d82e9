from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, formatLang

from odoo.addons.qms_iso9001.xlsx import column_sql, fetch_in_chunks, streamed_xlsx

# The longest applicant name and address a cell of the book prints; the dossier keeps the whole.
CELL_LIMITS = {"name": 120, "address": 200}
# The dossier columns the book prints, read a chunk at a time (issue 16).
BOOK_FIELDS = [
    "name",
    "applicant_id",
    "applicant_address",
    "applicant_phone",
    "procedure_id",
    "set_count",
    "received_at",
    "appointment_date",
    "new_appointment_date",
    "resolved_at",
    "supplement_requested_at",
    "returned_at",
    "result_delivery",
    "timeliness",
    "state",
]
# The book's order: as the desk took the dossiers in.
BOOK_ORDER = "received_at, name, id"
# The columns of each dossier's first hand-over, after BOOK_FIELDS.
HAND_OVER = ["unit", "handed_at"]
# How the book prints a moment, in the agency's time zone (PostgreSQL's to_char).
MOMENT_FORMAT = "HH24:MI DD/MM/YYYY"
# The most rows a book is printed to PDF with, unless the system parameter says otherwise (0: no
# limit). wkhtmltopdf lays out about 73 A4 pages per 1,000 rows in 4-5 s on one core (issue 16):
# 10,000 rows are about 50 s, well within a worker's `limit_time_real`; a year of a large unit
# (50,000 rows, 3,650 pages, about 4 min) is refused in words, not cut off by the worker's limit.
PDF_MAX_ROWS_PARAMETER = "qms_iso9001_tthc.tracking_book_pdf_max_rows"
PDF_MAX_ROWS = 10000
# A dossier in one of these states says so in the Note column.
NOTED_STATES = ("supplement", "refused", "withdrawn")
# Groups that see every dossier of the agency, hence every unit's book (the dossier rules).
ALL_UNITS_GROUPS = (
    "qms_iso9001_tthc.group_qms_tthc_one_stop",
    "qms_iso9001.group_qms_leader",
    "qms_iso9001.group_qms_manager",
)


class QmsTthcTrackingBook(models.TransientModel):
    """The desk's dossier tracking book (Sổ theo dõi hồ sơ, form 07 of Thông tư
    03/2025/TT-VPCP) for a period: one row per dossier received, printed on A4 landscape."""

    _name = "qms.tthc.tracking.book"
    _description = "Dossier Tracking Book"
    _inherit = ["qms.xlsx.export.mixin"]
    # Rows per rendered part of the PDF: a year of a large unit (50,000 dossiers) is printed as
    # parts of this many rows joined into one file, never as one page of HTML (issue 16).
    _qms_book_part_rows = 1000

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    field_id = fields.Many2one("qms.tthc.field", help="Empty: every field.")
    procedure_id = fields.Many2one(
        "qms.tthc.procedure",
        domain="[('field_id', '=?', field_id)]",
        help="Empty: every procedure.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        help="The unit handling the dossiers, its sub-units included. Empty: every unit you may "
        "see.",
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for book in self:
            if book.date_from > book.date_to:
                raise ValidationError(self.env._("The start of the period must precede its end."))

    @api.onchange("field_id")
    def _onchange_field_id(self):
        if self.field_id and self.procedure_id.field_id != self.field_id:
            self.procedure_id = False

    def _qms_dossiers(self):
        """The dossiers received in the agency's local days of the period, archived ones
        included: the book records every dossier the desk took in. Record rules apply."""
        self.ensure_one()
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        return Dossier.search(self._qms_dossier_domain(), order=BOOK_ORDER)

    def _qms_dossier_domain(self):
        self.ensure_one()
        start, end = self._qms_period_bounds()
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("received_at", ">=", start),
                ("received_at", "<", end),
            ]
        )
        if self.procedure_id:
            domain &= Domain("procedure_id", "=", self.procedure_id.id)
        if self.field_id:
            domain &= Domain("field_id", "=", self.field_id.id)
        if self.department_id:
            self._qms_check_unit()
            domain &= Domain("department_id", "child_of", self.department_id.id)
        return domain

    def _qms_check_unit(self):
        """A unit handler keeps the book of the units they work in: asking for another unit's
        book is refused, not answered with an empty book. The one-stop desk, leaders and the
        ISO standing office see every unit's dossiers, hence every unit's book."""
        user = self.env.user
        if self.env.su or any(user.has_group(group) for group in ALL_UNITS_GROUPS):
            return
        own_units = self.env["hr.department"].search(
            [("id", "child_of", user.employee_ids.department_id.ids)]
        )
        if self.department_id not in own_units:
            raise AccessError(
                self.env._(
                    "You may only keep the tracking book of your own unit, not of %(unit)s.",
                    unit=self.department_id.display_name,
                )
            )

    def _qms_period_bounds(self):
        """UTC moments [start, end) of the local days date_from..date_to."""
        return self.env["qms.tthc.dossier"]._qms_utc_bounds(
            self.date_from, self.date_to, self.company_id
        )

    def _qms_tz_name(self):
        return self.env["qms.tthc.dossier"]._qms_tz_name(self.company_id)

    @api.model
    def _qms_cell_text(self, text, kind):
        """A typed value as a cell of the book prints it: at most CELL_LIMITS[kind] characters,
        cut with "…". One dossier with a name or address of pages would otherwise stretch its row
        over the day's book (issue 19); the cell also wraps words too long for its width."""
        text = " ".join((text or "").split())
        limit = CELL_LIMITS[kind]
        return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"

    # ------------------------------------------------------------------ rows
    def _qms_book_count(self):
        """How many dossiers the book lists, counted by the database."""
        self.ensure_one()
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        return Dossier.search_count(self._qms_dossier_domain())

    def _qms_book_part_count(self):
        """How many parts of `_qms_book_part_rows` rows the PDF is rendered in."""
        return max(1, -(-self._qms_book_count() // self._qms_book_part_rows))

    def _qms_book_pdf_max_rows(self):
        """The most rows printed to PDF: the system parameter when it is a whole number."""
        value = self.env["ir.config_parameter"].sudo().get_param(PDF_MAX_ROWS_PARAMETER)
        try:
            return max(0, int(value)) if value else PDF_MAX_ROWS
        except ValueError:
            return PDF_MAX_ROWS

    def _qms_check_pdf_size(self, total=None):
        """Refuse a PDF too long to print within a request, before any page is laid out; the
        Excel book has no such limit."""
        self.ensure_one()
        limit = self._qms_book_pdf_max_rows()
        total = self._qms_book_count() if total is None else total
        if limit and total > limit:
            raise UserError(
                self.env._(
                    "This book lists %(count)s dossiers: a PDF is printed for %(limit)s at most "
                    "(about 73 pages per 1,000 dossiers). Print it for a shorter period, or "
                    "download it in Excel.",
                    count=formatLang(self.env, total, digits=0),
                    limit=formatLang(self.env, limit, digits=0),
                )
            )

    def _qms_book_parts(self):
        """The parts the PDF is rendered in, cut from one search of the book's ids in its
        order: each part knows its rows, where its numbering starts and the book's total, so
        that no part counts the book again nor makes the database skip every earlier row
        (an OFFSET per part read 25 books' worth of rows for a book of 50 parts, issue 16).
        A part's rows are still read through the book's domain and record rules."""
        self.ensure_one()
        ids = self._qms_dossiers()._ids
        size = self._qms_book_part_rows
        starts = range(0, len(ids), size) or [0]
        return [
            {
                "part": number,
                "parts": len(starts),
                "start": start,
                "ids": list(ids[start : start + size]),
                "total": len(ids),
            }
            for number, start in enumerate(starts)
        ]

    def _qms_book_rows(self, part=None):
        """The rows of the book as the form prints them (text in the agency's time zone),
        numbered from 1 over the whole book; only those of `part` (one of `_qms_book_parts`)
        when given.

        The record rules filter the dossiers in the database (`_search`, the hand-overs' own
        rules for the unit column) and the cells come from one SQL cursor read a chunk at a
        time: a year of a large unit (50,000 dossiers) is never held as records (issue 16)."""
        self.ensure_one()
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        domain = self._qms_dossier_domain()
        start = 0
        if part is not None:
            start = part["start"]
            # a part never prints more than a part's rows, whatever it is given
            domain &= Domain("id", "in", part["ids"][: self._qms_book_part_rows])
        query = Dossier._search(domain, order=BOOK_ORDER)
        tz_name = self._qms_tz_name()
        selects = [self._qms_book_cell_sql(Dossier, query, name, tz_name) for name in BOOK_FIELDS]
        selects += self._qms_first_hand_over_sql(query, tz_name)
        sql = query.select(*selects)
        labels = {
            name: dict(Dossier._fields[name]._description_selection(self.env))
            for name in ("state", "timeliness", "result_delivery")
        }
        self.env.flush_all()
        names = BOOK_FIELDS + HAND_OVER
        index = start
        for chunk in fetch_in_chunks(self.env.cr, sql):
            for cells in chunk:
                index += 1
                yield self._qms_book_row(index, dict(zip(names, cells, strict=True)), labels)

    @api.model
    def _qms_book_cell_sql(self, Dossier, query, name, tz_name):
        """A column of the book: names of records, times as text of the agency's clock."""
        sql = column_sql(Dossier, query, name, tz_name)
        if Dossier._fields[name].type == "datetime":
            return SQL("to_char(%s, %s)", sql, MOMENT_FORMAT)
        return sql

    def _qms_first_hand_over_sql(self, query, tz_name):
        """The unit and moment of each dossier's first hand-over, the desk passing it to the
        unit handling it (the reception line is opened by nobody), as two columns of `query`:
        one sub-query per row in the same statement, under the hand-overs' record rules."""
        Step = self.env["qms.tthc.dossier.step"]
        steps = Step._search([("from_user_id", "!=", False)], order="date_start, id", limit=1)
        steps.add_where(
            SQL(
                "%s = %s",
                SQL.identifier(steps.table, "dossier_id"),
                SQL.identifier(query.table, "id"),
            )
        )
        moment = SQL(
            "to_char(%s, %s)", column_sql(Step, steps, "date_start", tz_name), MOMENT_FORMAT
        )
        lateral = steps.select(
            SQL("%s AS unit", column_sql(Step, steps, "department_id")),
            SQL("%s AS handed_at", moment),
        )
        alias = query.make_alias(query.table, "qms_first_hand_over")
        query.add_join("LEFT JOIN", alias, SQL("LATERAL (%s)", lateral), SQL("TRUE"))
        return [SQL.identifier(alias, "unit"), SQL.identifier(alias, "handed_at")]

    @api.model
    def _qms_book_row(self, index, values, labels):
        """One row of the book from its columns' values, as the template and the workbook
        print it."""
        resolved = values["resolved_at"] or ""
        return {
            "index": index,
            "code": values["name"] or "",
            "applicant": self._qms_cell_text(values["applicant_id"], "name"),
            "address": self._qms_cell_text(values["applicant_address"], "address"),
            "phone": values["applicant_phone"] or "",
            "procedure": values["procedure_id"] or "",
            "sets": values["set_count"],
            "received": values["received_at"] or "",
            "appointment": values["appointment_date"] or "",
            "new_appointment": values["new_appointment_date"] or "",
            "unit": values["unit"] or "",
            "handed_at": values["handed_at"] or "",
            "resolved": resolved,
            "supplement": "" if resolved else values["supplement_requested_at"] or "",
            "returned": values["returned_at"] or "",
            "delivery": labels["result_delivery"].get(values["result_delivery"], ""),
            "timeliness": labels["timeliness"].get(values["timeliness"], ""),
            "state": labels["state"][values["state"]] if values["state"] in NOTED_STATES else "",
        }

    # ------------------------------------------------------------------ Excel
    def _qms_book_xlsx_header(self):
        """The columns of form 07, as the printed book heads them."""
        return [
            (self.env._("No."), 6),
            (self.env._("Dossier Code"), 20),
            (self.env._("Applicant Name"), 24),
            (self.env._("Address, Phone"), 30),
            (self.env._("Administrative Procedure"), 40),
            (self.env._("Sets"), 6),
            (self.env._("Dossier Received"), 17),
            (self.env._("Appointment for the Result"), 17),
            (self.env._("Handed to Unit"), 24),
            (self.env._("Result or Supplement Date"), 20),
            (self.env._("Returned On"), 20),
            (self.env._("Applicant's Signature"), 14),
            (self.env._("Note"), 16),
        ]

    def _qms_book_xlsx_cells(self, row):
        """One row of the book as its 13 cells, each holding what the printed cell shows."""

        def lines(*texts):
            return "\n".join(text for text in texts if text)

        return [
            row["index"],
            row["code"],
            row["applicant"],
            lines(row["address"], row["phone"]),
            row["procedure"],
            row["sets"],
            row["received"],
            lines(
                row["appointment"],
                row["new_appointment"]
                and self.env._("New date: %(date)s", date=row["new_appointment"]),
            ),
            lines(row["unit"], row["handed_at"]),
            row["resolved"]
            or (
                row["supplement"]
                and self.env._("Supplement requested: %(date)s", date=row["supplement"])
            ),
            lines(row["returned"], row["delivery"]),
            "",
            lines(row["timeliness"], row["state"]),
        ]

    def _qms_build_book_xlsx(self):
        """The book as a workbook written in constant memory, rows read a chunk at a time."""
        self.ensure_one()
        header = self._qms_book_xlsx_header()
        company = self.company_id
        last_col = len(header) - 1

        def build(workbook):
            formats = self._qms_xlsx_formats(workbook)
            sheet = workbook.add_worksheet("So theo doi ho so")
            for col, (_label, width) in enumerate(header):
                sheet.set_column(col, col, width)
            sheet.write(0, 0, (company.qms_agency_name or company.name or "").upper())
            sheet.write(0, last_col, self.env._("Form No. 07"))
            sheet.merge_range(
                1, 0, 1, last_col, self.env._("DOSSIER TRACKING BOOK"), formats["title"]
            )
            period = self.env._(
                "From %(date_from)s to %(date_to)s",
                date_from=self.date_from.strftime("%d/%m/%Y"),
                date_to=self.date_to.strftime("%d/%m/%Y"),
            )
            sheet.merge_range(2, 0, 2, last_col, period)
            for col, (label, _width) in enumerate(header):
                sheet.write(4, col, label, formats["header"])
            sheet.freeze_panes(5, 0)
            row_number = 5
            for row in self._qms_book_rows():
                sheet.write_row(row_number, 0, self._qms_book_xlsx_cells(row), formats["cell"])
                row_number += 1

        return streamed_xlsx(build)

    def action_export_xlsx(self):
        self.ensure_one()
        name = f"so_theo_doi_ho_so_{self.date_from:%Y%m%d}_{self.date_to:%Y%m%d}.xlsx"
        return self._qms_xlsx_download(self._qms_build_book_xlsx(), name)

    def action_print(self):
        self.ensure_one()
        self._qms_check_pdf_size()
        return self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_tracking_book").report_action(
            self, config=False
        )
