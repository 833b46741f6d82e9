import io

from odoo import api, fields, models

from odoo.addons.qms_iso9001.xlsx import new_workbook

from .qms_tthc_import import COLUMNS, LEVEL_LABELS, ONLINE_LABELS

LIST_HEADERS = {
    "form_1": ["STT", "Mã thủ tục", "Tên thủ tục hành chính", "Mã quy trình ISO"],
    "form_2": [
        "STT",
        "Mã thủ tục",
        "Tên thủ tục hành chính",
        "Cấp thực hiện",
        "Đơn vị chủ trì",
        "Mã quy trình ISO",
        "Lần ban hành",
        "Ngày hiệu lực",
    ],
}
LIST_TITLES = {
    "form_1": "DANH MỤC THỦ TỤC HÀNH CHÍNH ÁP DỤNG HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
    "form_2": "DANH MỤC QUY TRÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO TCVN ISO 9001:2015",
}


class QmsTthcListWizard(models.TransientModel):
    """The agency's TTHC lists (the procedures under the QMS, or with the ISO procedure that
    governs each), printed or in Excel, and the catalogue exported in the provinces' import
    layout."""

    _name = "qms.tthc.list.wizard"
    _description = "TTHC List Export"
    _inherit = ["qms.xlsx.export.mixin"]

    template = fields.Selection(
        [
            ("form_1", "Procedures under the QMS"),
            ("form_2", "Procedures with their ISO procedures"),
        ],
        string="Layout",
        required=True,
        default="form_1",
    )
    field_ids = fields.Many2many("qms.tthc.field", string="Fields")
    procedure_ids = fields.Many2many(
        "qms.tthc.procedure", string="Procedures", help="Empty: every procedure in force."
    )
    include_abolished = fields.Boolean(string="Include Abolished Procedures")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "qms.tthc.procedure" and "procedure_ids" in (
            fields_list
        ):
            values["procedure_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def _get_procedures(self):
        self.ensure_one()
        if self.procedure_ids:
            return self.procedure_ids.sorted(
                lambda p: (p.field_id.sequence, p.field_id.name, p.code or "")
            )
        domain = [("state", "!=", "abolished")] if not self.include_abolished else []
        if self.field_ids:
            domain.append(("field_id", "in", self.field_ids.ids))
        procedures = self.env["qms.tthc.procedure"].search(domain)
        return procedures.sorted(lambda p: (p.field_id.sequence, p.field_id.name, p.code or ""))

    # ------------------------------------------------------------------ Excel
    def _formats(self, workbook):
        formats = self._qms_xlsx_formats(workbook)
        formats["title"] = workbook.add_format({"bold": True, "font_size": 13, "align": "center"})
        formats["group"] = workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        return formats

    def _list_row(self, index, procedure):
        document = procedure.sudo().document_id
        revision = document.current_revision_id
        if self.template == "form_1":
            return [index, procedure.code or "", procedure.name, document.code or ""]
        return [
            index,
            procedure.code or "",
            procedure.name,
            LEVEL_LABELS.get(procedure.level, ""),
            procedure.department_id.name or "",
            document.code or "",
            revision.issue_number or "",
            revision.effective_date.strftime("%d/%m/%Y") if revision.effective_date else "",
        ]

    def _build_list_xlsx(self):
        self.ensure_one()
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(
            "Danh muc TTHC" if self.template == "form_1" else "Danh muc quy trinh"
        )
        headers = LIST_HEADERS[self.template]
        company = self.env.company
        sheet.write(0, 0, (company.qms_agency_name or company.name or "").upper())
        sheet.merge_range(1, 0, 1, len(headers) - 1, LIST_TITLES[self.template], formats["title"])
        for col, header in enumerate(headers):
            sheet.write(3, col, header, formats["header"])
            sheet.set_column(col, col, 60 if col == 2 else 16)
        row = 4
        procedures = self._get_procedures()
        for field in procedures.field_id:
            sheet.merge_range(row, 0, row, len(headers) - 1, field.name, formats["group"])
            row += 1
            for index, procedure in enumerate(
                procedures.filtered(lambda p, f=field: p.field_id == f), start=1
            ):
                for col, value in enumerate(self._list_row(index, procedure)):
                    sheet.write(row, col, value, formats["cell"])
                row += 1
        workbook.close()
        return output.getvalue()

    @api.model
    def _qms_catalogue_row(self, procedure):
        decision = procedure.decision_number or ""
        if procedure.decision_date:
            decision = f"{decision} ngày {procedure.decision_date.strftime('%d/%m/%Y')}"
        Time = self.env["qms.tthc.processing.time"]
        Fee = self.env["qms.tthc.procedure.fee"]
        return {
            "code": procedure.code or "",
            "name": procedure.name,
            "field": procedure.field_id.name,
            "level": LEVEL_LABELS.get(procedure.level, ""),
            "processing_time": Time._qms_format_text(procedure.processing_time_ids),
            "fees": Fee._qms_format_text(procedure.fee_ids),
            "online_level": ONLINE_LABELS.get(procedure.online_level, ""),
            "agency": procedure.implementing_agency or "",
            "coordinating": procedure.coordinating_agencies or "",
            "decision": decision,
            "legal_basis": procedure.legal_basis or "",
            "conditions": procedure.conditions or "",
            "result": procedure.result or "",
            "iso_code": procedure.sudo().document_id.code or "",
        }

    @api.model
    def _qms_build_catalogue_xlsx(self, procedures):
        """The catalogue in the layout the import reads: header row first, one row each."""
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet("Danh muc TTHC")
        for col, (_key, label, _aliases) in enumerate(COLUMNS):
            sheet.write(0, col, label, formats["header"])
            sheet.set_column(col, col, 40 if col in (2, 11) else 18)
        for row, procedure in enumerate(procedures, start=1):
            values = self._qms_catalogue_row(procedure)
            values["sequence"] = row
            for col, (key, _label, _aliases) in enumerate(COLUMNS):
                sheet.write(row, col, values.get(key, ""), formats["cell"])
        sheet.freeze_panes(1, 0)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        name = "mau_1_danh_muc_tthc.xlsx" if self.template == "form_1" else "mau_2_quy_trinh.xlsx"
        return self._qms_xlsx_download(self._build_list_xlsx(), name)

    def action_export_catalogue(self):
        self.ensure_one()
        content = self._qms_build_catalogue_xlsx(self._get_procedures())
        return self._qms_xlsx_download(content, "danh_muc_tthc.xlsx")

    def action_print(self):
        self.ensure_one()
        return self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_list").report_action(
            self._get_procedures(), data={"list_template": self.template}, config=False
        )
