import base64
import datetime
import io
import re

import openpyxl
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.db_refusals import refusal_message
from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

from ..models.qms_tthc_procedure import LEVELS
from ..models.qms_tthc_processing_time import FILING_METHODS, plain_text

_lt = LazyTranslate(__name__)

# Columns of the catalogue files published by the provinces, in export order. Headers are
# matched without diacritics, case or punctuation, so "Mã TTHC" or "MÃ THỦ TỤC" are read too.
COLUMNS = [
    ("sequence", "STT", ("stt", "so tt", "so thu tu")),
    ("code", "Mã thủ tục", ("ma thu tuc", "ma tthc", "ma so tthc", "ma thu tuc hanh chinh")),
    ("name", "Tên thủ tục", ("ten thu tuc", "ten tthc", "ten thu tuc hanh chinh")),
    ("field", "Lĩnh vực", ("linh vuc",)),
    ("level", "Cấp thực hiện", ("cap thuc hien",)),
    ("processing_time", "Thời hạn giải quyết", ("thoi han giai quyet", "thoi gian giai quyet")),
    ("fees", "Phí, lệ phí", ("phi le phi", "phi va le phi", "le phi")),
    (
        "online_level",
        "Mức độ dịch vụ công trực tuyến",
        ("muc do dich vu cong truc tuyen", "dich vu cong truc tuyen", "muc do dvctt"),
    ),
    ("agency", "Cơ quan thực hiện", ("co quan thuc hien",)),
    ("coordinating", "Cơ quan phối hợp", ("co quan phoi hop",)),
    ("decision", "Quyết định công bố", ("quyet dinh cong bo",)),
    ("legal_basis", "Căn cứ pháp lý", ("can cu phap ly",)),
    ("conditions", "Yêu cầu, điều kiện", ("yeu cau dieu kien", "dieu kien thuc hien")),
    ("result", "Kết quả thực hiện", ("ket qua thuc hien", "ket qua")),
    ("iso_code", "Mã quy trình ISO", ("ma quy trinh iso", "quy trinh iso")),
]
REQUIRED_COLUMNS = ("name", "field")
# a row is read when one of these is filled
ROW_COLUMNS = ("code", "name", "field")
LEVEL_WORDS = [
    ("commune", ("xa", "phuong", "thi tran", "dac khu")),
    ("district", ("huyen", "quan", "thi xa")),
    ("province", ("tinh", "thanh pho", "thanh pho truc thuoc trung uong")),
    ("central", ("trung uong", "bo", "co quan trung uong", "bo nganh")),
]
# Words around the level in the published cell: "Cấp Tỉnh", "UBND cấp xã", "Ủy ban nhân dân cấp
# Tỉnh"; several levels are listed as "Cấp Tỉnh, Cấp Xã" (the first one is taken).
LEVEL_NOISE = re.compile(r"^(?:uy ban nhan dan|ubnd|co quan)?\s*(?:cap\s+)?")
# Online levels as the portals print them (text without diacritics), in the order tried.
ONLINE_WORDS = [
    ("full", re.compile(r"toan trinh|muc do 4|^4$")),
    ("partial", re.compile(r"mot phan|muc do 3|^3$")),
    ("none", re.compile(r"^(khong.*|muc do [12]|[12]|.*cung cap thong tin.*|dich vu cong)$")),
]
# Amounts in Vietnamese đồng written in a fee cell: "8.000 đồng", "8.000đồng/bản", "50.000đ",
# "100.000 VNĐ" (text without diacritics). Amounts in other currencies stay in the text only.
VND_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:dong|vnd|d)\b")
LEVEL_LABELS = {
    "central": "Cấp Trung ương",
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}
ONLINE_LABELS = {"full": "Toàn trình", "partial": "Một phần", "none": "Không"}
DECISION_PATTERN = re.compile(r"(\d+[^\s,;]*/[^\s,;]+)")
DATE_PATTERN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def header_key(text):
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", plain_text(str(text or ""))).split())


class QmsTthcImport(models.TransientModel):
    """Import of the TTHC catalogue from the Excel file of the province.

    The file is read as the national database and the provincial portals publish it: codes in
    the short or long form, rows without a national code (local procedures, imported and
    flagged), time limits, fees and levels in their published wording, kept as text. A cell that
    cannot be read is a warning on its row, which is imported with the text kept for review.
    A row that cannot be imported at all (no name, a bad or repeated code, an unknown field the
    admin did not allow to create, an abolished procedure) is an error: nothing is written unless
    every row can be, so a half-imported catalogue never happens. Existing procedures are
    updated by their national code (short and long forms of one code are the same procedure),
    local ones by their name. Upload -> preview -> done, by the standing office; the rows read
    are set by the actions only, and a finished import is kept as it was.
    """

    _name = "qms.tthc.import"
    _description = "TTHC Catalogue Import"
    _inherit = ["qms.lifecycle.mixin"]

    _qms_workflow_fields = ("line_ids",)
    _qms_editable_fields = {"done": ()}
    # a wizard: the cleaning of old wizards deletes it whatever its state
    _qms_deletable_states = ("upload", "preview", "done")

    file_data = fields.Binary(string="Excel File", required=True, attachment=False)
    file_name = fields.Char()
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    line_ids = fields.One2many("qms.tthc.import.line", "import_id", string="Rows")
    create_fields = fields.Boolean(
        string="Create Missing Fields",
        help="Create the fields (lĩnh vực) the file names and the catalogue does not have yet. "
        "Unticked, a row naming an unknown field is an error.",
    )
    default_level = fields.Selection(
        LEVELS,
        string="Level When Not Stated",
        required=True,
        default="commune",
        help="Level given to the rows whose level cell is empty or cannot be read.",
    )
    error_count = fields.Integer(compute="_compute_counts")
    warning_count = fields.Integer(compute="_compute_counts")
    create_count = fields.Integer(string="New Procedures", compute="_compute_counts")
    update_count = fields.Integer(string="Updated Procedures", compute="_compute_counts")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.depends("line_ids.status", "line_ids.warning")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.error_count = statuses.count("error")
            wizard.warning_count = len(wizard.line_ids.filtered("warning"))
            wizard.create_count = statuses.count("create")
            wizard.update_count = statuses.count("update")

    # ------------------------------------------------------------------ reading the file
    def _read_rows(self):
        """(row number, {column key: text}) for each non-empty row under the header row."""
        self.ensure_one()
        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(base64.b64decode(self.file_data)), read_only=True, data_only=True
            )
        except Exception as error:  # any unreadable upload means the same to the user
            raise UserError(
                self.env._(
                    "The file cannot be read as an Excel (.xlsx) file: %(error)s", error=error
                )
            ) from error
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        workbook.close()
        header_index, columns = self._find_header(rows)
        result = []
        heading_field = ""
        for index, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
            values = {
                key: self._cell_text(row[col]) for col, key in columns.items() if col < len(row)
            }
            heading = self._group_heading(values)
            if heading is not None:
                heading_field = heading
                continue
            if any(values.get(key) for key in ROW_COLUMNS):
                if not values.get("field") and heading_field:
                    values["field"] = heading_field
                result.append((index, values))
        return result

    @staticmethod
    def _group_heading(values):
        """Published lists group their rows under headings such as "I. LĨNH VỰC HỘ TỊCH" or
        "A. THỦ TỤC HÀNH CHÍNH CẤP XÃ": one cell of text (besides the STT), written in capitals,
        numbered with a roman numeral or a letter, or starting with "Lĩnh vực". Returns the field
        it names for the rows below ("" when it names none), None when the row is no heading."""
        filled = [value for key, value in values.items() if value and key != "sequence"]
        if len(filled) != 1 or values.get("code"):
            return None
        text = filled[0].strip()
        numbered = re.match(r"^(?:[IVXLC]+|[A-Z])\s*[.)/-]\s+", text)
        text = text[numbered.end() :] if numbered else text
        is_field = re.match(r"l[iĩ]nh v[uự]c\b", text, flags=re.IGNORECASE)
        if not (numbered or is_field or text.isupper()):
            return None
        if not is_field:
            return ""
        name = re.sub(r"^\s*l[iĩ]nh v[uự]c\s*:?\s*", "", text, flags=re.IGNORECASE).strip()
        return name[:1].upper() + name[1:].lower() if name.isupper() else name

    def _find_header(self, rows):
        aliases = {alias: key for key, _label, names in COLUMNS for alias in names}
        for index, row in enumerate(rows[:15]):
            columns = {}
            for col, cell in enumerate(row):
                key = aliases.get(header_key(cell))
                if key and key not in columns.values():
                    columns[col] = key
            if "name" in columns.values():
                missing = [
                    label
                    for key, label, _names in COLUMNS
                    if key in REQUIRED_COLUMNS and key not in columns.values()
                ]
                if missing:
                    raise UserError(
                        self.env._(
                            "The file has no column %(columns)s.", columns=", ".join(missing)
                        )
                    )
                return index, columns
        raise UserError(
            self.env._(
                'No header row with "Tên thủ tục" and "Lĩnh vực" was found in the first rows '
                "of the first sheet."
            )
        )

    @staticmethod
    def _cell_text(value):
        if value is None:
            return ""
        if isinstance(value, datetime.datetime | datetime.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    # ------------------------------------------------------------------ one row
    def _parse_row(self, values, fields_by_key):
        """(procedure values, errors, warnings) for one row: errors stop the import; warnings
        name the cells that could not be read, and the row is imported with their published
        text kept. A row without code (a local procedure) and a field to create are shown on
        the row's line, not as warnings."""
        Procedure = self.env["qms.tthc.procedure"]
        errors, warnings = [], []
        code = Procedure._qms_normalize_code(values.get("code"))
        if code and not Procedure._qms_is_valid_code(code):
            errors.append(self.env._("bad national code %(code)s", code=values.get("code")))
        if not values.get("name"):
            errors.append(self.env._("no procedure name"))
        field, field_name = self._parse_field(values.get("field"), fields_by_key)
        if not field and not (field_name and self.create_fields):
            errors.append(
                self.env._(
                    "unknown field %(field)s: create it in the catalogue or allow the import "
                    "to create missing fields",
                    field=values.get("field") or "-",
                )
            )
        document = self._parse_iso_document(values.get("iso_code"))
        if document is None:
            errors.append(
                self.env._(
                    "no TTHC procedure document with the ISO code %(code)s",
                    code=values.get("iso_code"),
                )
            )
        level, level_warning = self._parse_level_cell(values.get("level"))
        online, online_warning = self._parse_online_cell(values.get("online_level"))
        times, time_warning = self._parse_time_cell(values.get("processing_time"))
        fees, fee_warning = self._parse_fee_cell(values.get("fees"))
        warnings += [w for w in (level_warning, online_warning, time_warning, fee_warning) if w]
        number, date = self._parse_decision(values.get("decision"))
        vals = {
            "code": code or False,
            "name": values.get("name"),
            "field_id": field.id if field else False,
            "level": level,
            "level_text": values.get("level") or False,
            "online_level": online,
            "online_level_text": values.get("online_level") or False,
            "implementing_agency": values.get("agency") or False,
            "coordinating_agencies": values.get("coordinating") or False,
            "decision_number": number,
            "decision_date": date,
            "legal_basis": values.get("legal_basis") or False,
            "conditions": values.get("conditions") or False,
            "result": values.get("result") or False,
            "processing_time_ids": [fields.Command.clear()]
            + [fields.Command.create(time) for time in times],
            "fee_text": values.get("fees") or False,
            "fee_ids": [fields.Command.clear()]
            + [
                fields.Command.create(dict(fee, sequence=index))
                for index, fee in enumerate(fees, start=1)
            ],
        }
        cutoff = self.env["qms.tthc.processing.time"]._qms_parse_cutoff(
            values.get("processing_time")
        )
        if cutoff is not None:
            vals.update(has_cutoff=True, cutoff_hour=cutoff)
        if document:
            vals["document_id"] = document.id
        if not field and field_name:
            vals["_new_field"] = field_name
        return vals, errors, warnings

    @staticmethod
    def _field_key(text):
        """The field cell without "Lĩnh vực" before the name, as some portals print it."""
        plain = plain_text(text)
        return re.sub(r"^linh vuc\s*:?\s+", "", plain).strip()

    def _parse_field(self, text, fields_by_key):
        """(field, name to create): the name without the "Lĩnh vực" some portals print."""
        key = self._field_key(text)
        if not key:
            return None, ""
        name = re.sub(r"^\s*l[iĩ]nh v[uự]c\s*:?\s+", "", text.strip(), flags=re.IGNORECASE)
        return fields_by_key.get(key) or fields_by_key.get(plain_text(text)), name.strip()

    def _parse_level_cell(self, text):
        """(level, warning): an empty cell takes the wizard's level; unreadable, too, with a
        warning. The published wording is kept on the procedure."""
        if not (text or "").strip():
            return self.default_level, None
        level = self._parse_level(text)
        if level:
            return level, None
        return self.default_level, self.env._(
            "unreadable level %(level)s: %(default)s used",
            level=text,
            default=dict(LEVELS)[self.default_level],
        )

    def _parse_online_cell(self, text):
        """(online level, warning) from the published wording, kept as text on the procedure."""
        plain = plain_text(text)
        if not plain:
            return "none", None
        for level, pattern in ONLINE_WORDS:
            if pattern.search(plain):
                return level, None
        return "none", self.env._("unreadable online level %(level)s", level=text)

    def _parse_time_cell(self, text):
        """(processing time values, warning): the kinds read by the processing time parser, the
        published text kept on each; an unreadable text is kept, flagged for review and gives no
        deadline; an empty cell means the limit is not stated."""
        Time = self.env["qms.tthc.processing.time"]
        text = (text or "").strip()
        methods = [method for method, _label in FILING_METHODS]
        if not text:
            return [
                {"filing_method": method, "duration": 0.0, "unit": "unstated"} for method in methods
            ], None
        parsed = Time._qms_parse_text(text)
        if parsed:
            return [
                {"filing_method": method, "duration": duration, "unit": unit, "text": text}
                for method, (duration, unit) in parsed.items()
            ], None
        unreadable = [
            {
                "filing_method": method,
                "duration": 0.0,
                "unit": "unstated",
                "text": text,
                "is_unreadable": True,
            }
            for method in methods
        ]
        return unreadable, self.env._(
            "unreadable time limit, kept as published for review: %(time)s", time=text
        )

    def _parse_fee_cell(self, text):
        """(fee line values, warning). The published text is kept on the procedure; the lines
        hold the amounts in đồng found in it. A plain "Lệ phí: 8.000 đồng/bản" keeps its
        label and unit; tiered or per-page texts give one line per amount found."""
        Fee = self.env["qms.tthc.procedure.fee"]
        text = (text or "").strip()
        if not text:
            return [], None
        found = self._vnd_amounts(text)
        strict = Fee._qms_parse_text(text)
        if strict is not None and all(fee["amount"] in found for fee in strict):
            return strict, None
        if not found:
            return [], self.env._(
                "no amount in đồng found in the fee %(fee)s: kept as text", fee=text
            )
        return self._fee_lines(text), None

    @staticmethod
    def _vnd_amounts(text):
        return [
            float(re.sub(r"[.,]", "", match.group(1)))
            for match in VND_AMOUNT.finditer(plain_text(text))
        ]

    @staticmethod
    def _fee_lines(text):
        """One fee line per amount in đồng, named by the words before it (phí / lệ phí, else as
        the amount before it) and noted with the text that follows it up to the next amount."""
        text = re.sub(r"\s+", " ", text).strip()
        plain = plain_text(text)
        matches = list(VND_AMOUNT.finditer(plain))
        lines = []
        for index, match in enumerate(matches):
            before = plain[matches[index - 1].end() if index else 0 : match.start()]
            after_end = matches[index + 1].start() if index + 1 < len(matches) else len(plain)
            # plain_text keeps the length of this NFC text, so positions map back to `text`
            note = text[match.end() : after_end].strip(" ;,.-+()")
            if "le phi" in before:
                name, fee_type = "Lệ phí", "charge"
            elif "phi" in before:
                name, fee_type = "Phí", "fee"
            elif lines:  # "Phí: 10.000 đồng (tại UBND cấp xã: 10.000 đồng/trường hợp)"
                name, fee_type = lines[-1]["name"], lines[-1]["fee_type"]
            else:
                name, fee_type = "Phí, lệ phí", "charge"
            lines.append(
                {
                    "name": name,
                    "fee_type": fee_type,
                    "amount": float(re.sub(r"[.,]", "", match.group(1))),
                    "note": note[:250],
                }
            )
        return lines

    def _parse_iso_document(self, iso_code):
        """The ISO procedure governing the row: empty cell, nothing to link (an existing link
        is kept); a code the register does not know, None."""
        if not iso_code:
            return self.env["qms.document"]
        company = self.company_id or self.env.company
        document = self.env["qms.document"].search(
            [
                ("code", "=", iso_code.strip()),
                ("kind", "=", "tthc_procedure"),
                ("company_id", "in", [company.id, False]),
            ],
            limit=1,
        )
        return document or None

    @staticmethod
    def _parse_level(text):
        """The first level named in the cell ("Cấp Tỉnh, Cấp Xã" is read as province)."""
        for part in re.split(r"[,;/\n]| va ", plain_text(text)):
            word = LEVEL_NOISE.sub("", part.strip()).strip(" .")
            for level, words in LEVEL_WORDS:
                if word in words:
                    return level
        return False

    @staticmethod
    def _parse_decision(text):
        if not text:
            return False, False
        number = DECISION_PATTERN.search(text)
        date = DATE_PATTERN.search(text)
        parsed_date = False
        if date:
            try:
                parsed_date = datetime.date(int(date[3]), int(date[2]), int(date[1]))
            except ValueError:
                parsed_date = False
        return (number[1] if number else text.strip()), parsed_date

    # ------------------------------------------------------------------ actions
    def _fields_by_key(self):
        company = self.company_id or self.env.company
        fields_by_key = {}
        for field in self.env["qms.tthc.field"].search([("company_id", "=", company.id)]):
            fields_by_key[self._field_key(field.name)] = field
            if field.code:
                fields_by_key[plain_text(field.code)] = field
        return fields_by_key

    @staticmethod
    def _base_code(code):
        """ "1.001234" of "1.001234.000.00.00.H56" or "1.001234.H56": one procedure."""
        return (code or "")[:8]

    def _existing_procedures(self, company):
        """Procedures of the agency by base national code, and local ones by name."""
        Procedure = self.env["qms.tthc.procedure"].with_context(active_test=False)
        by_code, by_name = {}, {}
        for procedure in Procedure.search([("company_id", "=", company.id)]):
            if procedure.code:
                by_code.setdefault(self._base_code(procedure.code), procedure)
            else:
                by_name.setdefault(plain_text(procedure.name), procedure)
        return by_code, by_name

    def _row_key(self, code, values):
        return ("code", self._base_code(code)) if code else ("name", plain_text(values.get("name")))

    def _check_rows(self):
        """Preview lines and the values to write for each importable row."""
        self.ensure_one()
        company = self.company_id or self.env.company
        Procedure = self.env["qms.tthc.procedure"]
        fields_by_key = self._fields_by_key()
        rows = self._read_rows()
        if not rows:
            raise UserError(self.env._("The file has no procedure under its header row."))
        by_code, by_name = self._existing_procedures(company)
        codes = [Procedure._qms_normalize_code(values.get("code")) for _row, values in rows]
        keys = [
            self._row_key(code, values) for (_row, values), code in zip(rows, codes, strict=True)
        ]
        lines, to_write = [], []
        for (row_number, values), code, key in zip(rows, codes, keys, strict=True):
            vals, errors, warnings = self._parse_row(values, fields_by_key)
            if keys.count(key) > 1:
                errors.append(
                    self.env._(
                        "procedure %(procedure)s appears twice in the file",
                        procedure=code or values.get("name"),
                    )
                )
            kind, base = key
            procedure = (by_code if kind == "code" else by_name).get(base, Procedure)
            if procedure.state == "abolished":
                errors.append(
                    self.env._(
                        "procedure %(code)s is abolished: put it back in force before updating it",
                        code=procedure.code or procedure.name,
                    )
                )
            status = "error" if errors else ("update" if procedure else "create")
            lines.append(
                {
                    "row_number": row_number,
                    "code": code or values.get("code"),
                    "name": values.get("name"),
                    "field_name": values.get("field"),
                    "status": status,
                    "is_local": not code,
                    "new_field": vals.get("_new_field", False),
                    "message": "; ".join(errors),
                    "warning": "; ".join(warnings),
                    "procedure_id": procedure.id,
                }
            )
            if not errors:
                to_write.append((row_number, procedure, vals))
        return lines, to_write

    @transition(("upload", "preview"), groups=(MANAGER,), label=_lt("Check the File"))
    def action_preview(self):
        self._qms_one_import()
        lines, _to_write = self._check_rows()
        self._qms_set(
            {
                "line_ids": [fields.Command.clear()] + [fields.Command.create(v) for v in lines],
                "state": "preview",
            }
        )
        return self._reopen()

    @transition(("upload", "preview"), groups=(MANAGER,), label=_lt("Import"))
    def action_import(self):
        """All or nothing: any row in error stops the import and lists every bad row; a row
        the database refuses while writing undoes the rows already written."""
        self._qms_one_import()
        lines, to_write = self._check_rows()
        errors = [line for line in lines if line["status"] == "error"]
        if errors:
            rows = "\n".join(
                self.env._("Row %(row)s: %(errors)s", row=e["row_number"], errors=e["message"])
                for e in errors
            )
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct these rows and try again:\n%(rows)s", rows=rows
                )
            )
        self._write_rows(to_write)
        self._qms_set(
            {
                "line_ids": [fields.Command.clear()] + [fields.Command.create(v) for v in lines],
                "state": "done",
            }
        )
        return self._reopen()

    def _write_rows(self, to_write):
        """Write every row inside one savepoint: the first refusal rolls all of them back."""
        company = self.company_id or self.env.company
        Procedure = self.env["qms.tthc.procedure"]
        new_fields = {}
        failed_row = "-"
        try:
            with self.env.cr.savepoint():
                for row_number, procedure, row_vals in to_write:
                    failed_row = row_number
                    vals = dict(row_vals)
                    name = vals.pop("_new_field", None)
                    if name:
                        key = self._field_key(name)
                        if key not in new_fields:
                            new_fields[key] = self.env["qms.tthc.field"].create(
                                {"name": name, "company_id": company.id}
                            )
                        vals["field_id"] = new_fields[key].id
                    if procedure:
                        procedure.write(vals)
                    else:
                        Procedure.create(dict(vals, company_id=company.id))
                    # flushed row by row, so that a refusal names its row
                    self.env.flush_all()
        except (UserError, ValidationError, psycopg2.Error) as error:
            self.env.invalidate_all()
            raise UserError(
                self.env._(
                    "Nothing was imported: row %(row)s was refused: %(error)s",
                    row=failed_row,
                    error=refusal_message(self.env, error),
                )
            ) from error

    def _qms_one_import(self):
        if len(self) != 1:
            raise UserError(self.env._("Run one import at a time."))

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_view_procedures(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc.action_qms_tthc_procedure"
        )
        action["domain"] = [("code", "in", self.line_ids.mapped("code"))]
        action["context"] = {}
        return action
