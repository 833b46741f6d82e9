import datetime
import io
import re

from odoo import fields, models

from ..xlsx import new_workbook

DOCUMENT_HEADERS = [
    "STT",
    "Mã",
    "Tên tài liệu",
    "Đơn vị chủ trì",
    "Lần ban hành",
    "Ngày hiệu lực",
    "Trạng thái",
    "Chữ ký số",
]
RECORD_HEADERS = [
    "STT",
    "Tên hồ sơ",
    "Quy trình liên quan",
    "Đơn vị lưu trữ",
    "Nơi lưu trữ",
    "Phương tiện lưu trữ",
    "Thời hạn lưu trữ",
    "Phương pháp hủy",
]
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class QmsMasterListWizard(models.TransientModel):
    """Master list of internal documents, of external documents, and the records list."""

    _name = "qms.master.list.wizard"
    _description = "Master List Export"
    _inherit = ["qms.xlsx.export.mixin"]

    list_kind = fields.Selection(
        [
            ("internal", "Internal Documents"),
            ("external", "External Documents"),
            ("records", "Records List"),
        ],
        string="List",
        required=True,
        default="internal",
    )
    department_ids = fields.Many2many("hr.department", string="Units")
    type_ids = fields.Many2many("qms.document.type", string="Document Types")
    include_obsolete = fields.Boolean(string="Include Obsolete Documents")
    record_type_ids = fields.Many2many("qms.record.type", string="Records")

    def _get_documents(self):
        self.ensure_one()
        domain = [
            ("type_id.is_external", "=", self.list_kind == "external"),
            ("state", "in", ["issued", "obsolete"] if self.include_obsolete else ["issued"]),
        ]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        if self.type_ids:
            domain.append(("type_id", "in", self.type_ids.ids))
        return (
            self.env["qms.document"]
            .search(domain)
            .sorted(lambda d: (d.type_id.sequence, d.type_id.name or "", d.code or ""))
        )

    def _get_record_types(self):
        self.ensure_one()
        if self.record_type_ids:
            return self.record_type_ids
        domain = []
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        return self.env["qms.record.type"].search(domain)

    # ------------------------------------------------------------------
    # Excel
    # ------------------------------------------------------------------
    def _build_xlsx(self):
        self.ensure_one()
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._qms_xlsx_formats(workbook)
        if self.list_kind == "records":
            self._xlsx_records(workbook, formats)
        else:
            self._xlsx_documents(workbook, formats)
        workbook.close()
        return output.getvalue()

    def _xlsx_title(self):
        return {
            "internal": "DANH MỤC TÀI LIỆU NỘI BỘ",
            "external": "DANH MỤC TÀI LIỆU BÊN NGOÀI",
            "records": "DANH MỤC HỒ SƠ",
        }[self.list_kind]

    @staticmethod
    def _sheet_name(name, taken):
        base = SHEET_FORBIDDEN.sub("-", name or "-")[:31].strip("'") or "-"
        candidate, index = base, 2
        while candidate.lower() in taken:
            suffix = f" ({index})"
            candidate = base[: 31 - len(suffix)] + suffix
            index += 1
        taken.add(candidate.lower())
        return candidate

    def _write_sheet(self, workbook, formats, name, *, taken, headers, widths, rows):
        sheet = workbook.add_worksheet(self._sheet_name(name, taken))
        sheet.write(0, 0, self._xlsx_title(), formats["title"])
        sheet.write(1, 0, name)
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.write(3, col, header, formats["header"])
            sheet.set_column(col, col, width)
        for row_index, row in enumerate(rows, start=4):
            for col, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(
                        row_index, col, fields.Datetime.to_datetime(value), formats["date"]
                    )
                else:
                    sheet.write(row_index, col, value if value is not None else "", formats["cell"])
        sheet.freeze_panes(4, 0)
        return sheet

    def _xlsx_documents(self, workbook, formats):
        documents = self._get_documents()
        states = dict(documents._fields["state"]._description_selection(self.env))
        Revision = self.env["qms.document.revision"]
        signatures = dict(Revision._fields["signature_status"]._description_selection(self.env))
        taken = set()
        types = documents.type_id
        if not types:
            self._write_sheet(
                workbook,
                formats,
                self._xlsx_title(),
                taken=taken,
                headers=DOCUMENT_HEADERS,
                widths=[6, 18, 50, 30, 12, 14, 14, 22],
                rows=[],
            )
        for doc_type in types:
            rows = [
                (
                    index,
                    document.code or "",
                    document.name,
                    document.department_id.name or "",
                    document.sudo().current_revision_id.issue_number or "",
                    document.sudo().current_revision_id.effective_date or "",
                    states.get(document.state, ""),
                    signatures.get(document.sudo().current_revision_id.signature_status, ""),
                )
                for index, document in enumerate(
                    documents.filtered(lambda d, t=doc_type: d.type_id == t), start=1
                )
            ]
            self._write_sheet(
                workbook,
                formats,
                doc_type.name,
                taken=taken,
                headers=DOCUMENT_HEADERS,
                widths=[6, 18, 50, 30, 12, 14, 14, 22],
                rows=rows,
            )

    def _xlsx_records(self, workbook, formats):
        record_types = self._get_record_types()
        media = dict(record_types._fields["medium"]._description_selection(self.env))
        rows = [
            (
                index,
                record.name,
                record.sudo().document_id.display_name or "",
                record.department_id.name or "",
                record.location or "",
                media.get(record.medium, ""),
                record.retention_display or "",
                record.disposal_method or "",
            )
            for index, record in enumerate(record_types, start=1)
        ]
        self._write_sheet(
            workbook,
            formats,
            self._xlsx_title(),
            taken=set(),
            headers=RECORD_HEADERS,
            widths=[6, 40, 30, 30, 30, 16, 16, 30],
            rows=rows,
        )

    def action_export_xlsx(self):
        self.ensure_one()
        file_name = {
            "internal": "danh_muc_tai_lieu_noi_bo.xlsx",
            "external": "danh_muc_tai_lieu_ben_ngoai.xlsx",
            "records": "danh_muc_ho_so.xlsx",
        }[self.list_kind]
        return self._qms_xlsx_download(self._build_xlsx(), file_name)

    # ------------------------------------------------------------------
    # PDF
    # ------------------------------------------------------------------
    def action_print(self):
        self.ensure_one()
        if self.list_kind == "records":
            return self.env.ref("qms_iso9001.action_report_qms_record_type").report_action(
                self._get_record_types(), config=False
            )
        return self.env.ref("qms_iso9001.action_report_qms_master_list").report_action(
            self._get_documents(), config=False
        )
