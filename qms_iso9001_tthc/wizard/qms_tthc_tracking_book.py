import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

from odoo.addons.qms_iso9001.xlsx import names_of, read_in_chunks, streamed_xlsx

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

    def _qms_dossiers(self, offset=0, limit=None):
        """The dossiers received in the agency's local days of the period, archived ones
        included: the book records every dossier the desk took in. Record rules apply.
        `offset` and `limit` give one part of the book, in the book's order."""
        self.ensure_one()
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        return Dossier.search(
            self._qms_dossier_domain(), order="received_at, name, id", offset=offset, limit=limit
        )

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

    def _qms_book_rows(self, part=None):
        """The rows of the book as the form prints them (text in the agency's time zone),
        numbered from 1 over the whole book; only those of `part` when given.

        Read a chunk at a time with the cache emptied between chunks: a year of a large unit
        (50,000 dossiers) is never held as records (issue 16). Record rules apply."""
        self.ensure_one()
        start, limit = 0, None
        if part is not None:
            start, limit = part * self._qms_book_part_rows, self._qms_book_part_rows
        ids = self._qms_dossiers(offset=start, limit=limit).ids
        env = self.env
        Dossier = env["qms.tthc.dossier"].with_context(active_test=False)
        labels = {
            name: dict(Dossier._fields[name]._description_selection(env))
            for name in ("state", "timeliness", "result_delivery")
        }
        tz = pytz.timezone(self._qms_tz_name())

        def moment(value):
            if not value:
                return ""
            return pytz.utc.localize(value).astimezone(tz).strftime("%H:%M %d/%m/%Y")

        index = start
        for chunk in read_in_chunks(Dossier.browse(ids), BOOK_FIELDS):
            applicants = names_of(env, "res.partner", [values["applicant_id"] for values in chunk])
            procedures = names_of(
                env, "qms.tthc.procedure", [values["procedure_id"] for values in chunk]
            )
            handed = self._qms_first_hand_overs([values["id"] for values in chunk])
            for values in chunk:
                index += 1
                unit, handed_at = handed.get(values["id"], ("", False))
                resolved = moment(values["resolved_at"])
                yield {
                    "index": index,
                    "code": values["name"] or "",
                    "applicant": self._qms_cell_text(
                        applicants.get(values["applicant_id"]), "name"
                    ),
                    "address": self._qms_cell_text(values["applicant_address"], "address"),
                    "phone": values["applicant_phone"] or "",
                    "procedure": procedures.get(values["procedure_id"], ""),
                    "sets": values["set_count"],
                    "received": moment(values["received_at"]),
                    "appointment": moment(values["appointment_date"]),
                    "new_appointment": moment(values["new_appointment_date"]),
                    "unit": unit,
                    "handed_at": moment(handed_at),
                    "resolved": resolved,
                    "supplement": "" if resolved else moment(values["supplement_requested_at"]),
                    "returned": moment(values["returned_at"]),
                    "delivery": labels["result_delivery"].get(values["result_delivery"], ""),
                    "timeliness": labels["timeliness"].get(values["timeliness"], ""),
                    "state": labels["state"][values["state"]]
                    if values["state"] in NOTED_STATES
                    else "",
                }

    def _qms_first_hand_overs(self, dossier_ids):
        """{dossier id: (unit name, moment)} of the first hand-over of each dossier, the desk
        passing it to the unit handling it (the reception line is opened by nobody); one query
        for the chunk and one for the units' names."""
        steps = self.env["qms.tthc.dossier.step"].search_read(
            [("dossier_id", "in", dossier_ids), ("from_user_id", "!=", False)],
            ["dossier_id", "department_id", "date_start"],
            order="date_start, id",
            load=None,
        )
        first = {}
        for step in steps:
            first.setdefault(step["dossier_id"], step)
        units = names_of(self.env, "hr.department", [s["department_id"] for s in first.values()])
        return {
            dossier_id: (units.get(step["department_id"], ""), step["date_start"])
            for dossier_id, step in first.items()
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
        return self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_tracking_book").report_action(
            self, config=False
        )
