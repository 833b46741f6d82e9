import base64
import datetime
import io
import re

import openpyxl

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

from ..models.qms_tthc_processing_time import plain_text

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
REQUIRED_COLUMNS = ("code", "name", "field")
LEVEL_WORDS = [
    ("commune", ("xa", "phuong", "thi tran")),
    ("district", ("huyen", "quan", "thi xa")),
    ("province", ("tinh", "thanh pho truc thuoc trung uong")),
    ("central", ("trung uong", "bo", "co quan trung uong")),
]
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

    The whole file is checked first and every row's problem listed; nothing is written unless
    every row is good, so a half-imported catalogue never happens. Existing procedures are
    updated by their national code. Upload -> preview -> done, by the standing office; the rows
    read are set by the actions only, and a finished import is kept as it was.
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
    error_count = fields.Integer(compute="_compute_counts")
    create_count = fields.Integer(string="New Procedures", compute="_compute_counts")
    update_count = fields.Integer(string="Updated Procedures", compute="_compute_counts")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.error_count = statuses.count("error")
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
        for index, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
            values = {
                key: self._cell_text(row[col]) for col, key in columns.items() if col < len(row)
            }
            if any(values.get(key) for key in REQUIRED_COLUMNS):
                result.append((index, values))
        return result

    def _find_header(self, rows):
        aliases = {alias: key for key, _label, names in COLUMNS for alias in names}
        for index, row in enumerate(rows[:15]):
            columns = {}
            for col, cell in enumerate(row):
                key = aliases.get(header_key(cell))
                if key and key not in columns.values():
                    columns[col] = key
            if "code" in columns.values():
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
                'No header row with "Mã thủ tục", "Tên thủ tục" and "Lĩnh vực" was found '
                "in the first rows of the first sheet."
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
        """(procedure values, errors) for one row."""
        Procedure = self.env["qms.tthc.procedure"]
        errors = []
        code = Procedure._qms_normalize_code(values.get("code"))
        if not Procedure._qms_is_valid_code(code):
            errors.append(self.env._("bad national code %(code)s", code=values.get("code") or "-"))
        if not values.get("name"):
            errors.append(self.env._("no procedure name"))
        field = fields_by_key.get(plain_text(values.get("field")))
        if not field:
            errors.append(self.env._("unknown field %(field)s", field=values.get("field") or "-"))
        level = self._parse_level(values.get("level"))
        if not level:
            errors.append(self.env._("unknown level %(level)s", level=values.get("level") or "-"))
        times = self.env["qms.tthc.processing.time"]._qms_parse_text(values.get("processing_time"))
        if not times:
            errors.append(
                self.env._(
                    "unreadable processing time %(time)s", time=values.get("processing_time") or "-"
                )
            )
        fees = self.env["qms.tthc.procedure.fee"]._qms_parse_text(values.get("fees"))
        if fees is None:
            errors.append(self.env._("unreadable fee %(fee)s", fee=values.get("fees")))
        document = self._parse_iso_document(values.get("iso_code"))
        if document is None:
            errors.append(
                self.env._(
                    "no TTHC procedure document with the ISO code %(code)s",
                    code=values.get("iso_code"),
                )
            )
        if errors:
            return {"code": code}, errors
        number, date = self._parse_decision(values.get("decision"))
        vals = {
            "code": code,
            "name": values["name"],
            "field_id": field.id,
            "level": level,
            "online_level": self._parse_online_level(values.get("online_level")),
            "implementing_agency": values.get("agency") or False,
            "coordinating_agencies": values.get("coordinating") or False,
            "decision_number": number,
            "decision_date": date,
            "legal_basis": values.get("legal_basis") or False,
            "conditions": values.get("conditions") or False,
            "result": values.get("result") or False,
            "processing_time_ids": [fields.Command.clear()]
            + [
                fields.Command.create(
                    {
                        "filing_method": method,
                        "duration": d,
                        "unit": unit,
                        "text": values.get("processing_time") or False,
                    }
                )
                for method, (d, unit) in times.items()
            ],
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
        return vals, []

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
        plain = plain_text(text).removeprefix("cap ").strip()
        for level, words in LEVEL_WORDS:
            if plain in words:
                return level
        return False

    @staticmethod
    def _parse_online_level(text):
        plain = plain_text(text)
        if "toan trinh" in plain or plain in ("muc do 4", "4"):
            return "full"
        if "mot phan" in plain or plain in ("muc do 3", "3"):
            return "partial"
        return "none"

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
            fields_by_key[plain_text(field.name)] = field
            if field.code:
                fields_by_key[plain_text(field.code)] = field
        return fields_by_key

    def _check_rows(self):
        """Preview lines and the values to write for each good row."""
        self.ensure_one()
        company = self.company_id or self.env.company
        Procedure = self.env["qms.tthc.procedure"].with_context(active_test=False)
        fields_by_key = self._fields_by_key()
        rows = self._read_rows()
        if not rows:
            raise UserError(self.env._("The file has no procedure under its header row."))
        codes = [Procedure._qms_normalize_code(values.get("code")) for _row, values in rows]
        existing = {
            p.code: p
            for p in Procedure.search([("code", "in", codes), ("company_id", "=", company.id)])
        }
        lines, to_write = [], []
        for (row_number, values), code in zip(rows, codes, strict=True):
            vals, errors = self._parse_row(values, fields_by_key)
            if codes.count(code) > 1:
                errors.append(self.env._("code %(code)s appears twice in the file", code=code))
            procedure = existing.get(code, Procedure)
            if procedure.state == "abolished":
                errors.append(
                    self.env._(
                        "procedure %(code)s is abolished: put it back in force before updating it",
                        code=code,
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
                    "message": "; ".join(errors),
                    "procedure_id": procedure.id,
                }
            )
            if not errors:
                to_write.append((procedure, vals))
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
        """All or nothing: any error stops the import and lists every bad row."""
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
        company = self.company_id or self.env.company
        Procedure = self.env["qms.tthc.procedure"]
        for procedure, vals in to_write:
            if procedure:
                procedure.write(vals)
            else:
                Procedure.create(dict(vals, company_id=company.id))
        self._qms_set(
            {
                "line_ids": [fields.Command.clear()] + [fields.Command.create(v) for v in lines],
                "state": "done",
            }
        )
        return self._reopen()

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
