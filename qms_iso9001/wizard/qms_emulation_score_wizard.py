import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..xlsx import new_workbook


def _current_year(wizard):
    return fields.Date.context_today(wizard).year


class QmsEmulationScoreWizard(models.TransientModel):
    """Compute the emulation scores of a year and export the ranking with its breakdown."""

    _name = "qms.emulation.score.wizard"
    _description = "Emulation Scores of a Year"
    _inherit = ["qms.xlsx.export.mixin"]

    year = fields.Integer(required=True, default=_current_year)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    scope = fields.Selection(
        [("unit", "Units"), ("individual", "Civil servants")],
        string="Scores Of",
        required=True,
        default="unit",
        help="Compute the units' scores, or each civil servant's from their own records.",
    )

    def _scores(self):
        self.ensure_one()
        model = (
            "qms.emulation.individual.score"
            if self.scope == "individual"
            else "qms.emulation.score"
        )
        # read with the caller's own rights (record rules)
        return self.env[model].search(
            [("year", "=", self.year), ("company_id", "=", self.company_id.id)]
        )

    def action_compute(self):
        self.ensure_one()
        if self.scope == "individual":
            model, action_xmlid = (
                "qms.emulation.individual.score",
                "qms_iso9001.action_qms_emulation_individual_score",
            )
        else:
            model, action_xmlid = "qms.emulation.score", "qms_iso9001.action_qms_emulation_score"
        self.env[model].action_compute_year(self.year, self.company_id.id)
        action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        action["domain"] = [("year", "=", self.year), ("company_id", "=", self.company_id.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Excel
    # ------------------------------------------------------------------
    def _build_xlsx(self):
        self.ensure_one()
        scores = self._scores()
        if not scores:
            raise UserError(
                self.env._(
                    "No emulation score for %(year)s yet: compute the year first.", year=self.year
                )
            )
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._qms_xlsx_formats(workbook)
        if self.scope == "individual":
            self._xlsx_individuals(workbook, formats, scores)
        else:
            self._xlsx_ranking(workbook, formats, scores)
            self._xlsx_breakdown(workbook, formats, scores)
        workbook.close()
        return output.getvalue()

    def _xlsx_ranking(self, workbook, formats, scores):
        criteria = scores.line_ids.criterion_id.sorted(lambda c: (c.sequence, c.id))
        sheet = workbook.add_worksheet("Xep hang")
        headers = self._xlsx_results_header(
            sheet,
            formats,
            f"KẾT QUẢ CHẤM ĐIỂM THI ĐUA CÔNG TÁC ISO NĂM {self.year}",
            ["Hạng", "Đơn vị"],
            criteria,
        )
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, len(headers) - 1, 16)
        for row, score in enumerate(scores.sorted(lambda s: (not s.has_data, s.rank)), start=4):
            sheet.write(row, 0, score.rank or "", formats["cell"])
            sheet.write(row, 1, score.department_id.name, formats["cell"])
            self._xlsx_score_cells(sheet, row, formats, score, criteria)
        sheet.freeze_panes(4, 2)

    def _xlsx_results_header(self, sheet, formats, title, first_headers, criteria):
        """Title and agency of a results sheet, and its header row (row 4): the first columns,
        one per criterion with its weight, the total and the maximum. Returns the headers."""
        sheet.write(0, 0, title, formats["title"])
        sheet.write(1, 0, self.company_id.qms_agency_name or self.company_id.name)
        headers = list(first_headers)
        headers += [f"{c.name} ({c.weight:g} điểm)" for c in criteria]
        headers += ["Tổng điểm", "Điểm tối đa"]
        for col, header in enumerate(headers):
            sheet.write(3, col, header, formats["header"])
        return headers

    def _xlsx_score_cells(self, sheet, row, formats, score, criteria, *, with_counts=False):
        """A score's row of a results sheet from its third column: each criterion's points
        (with the counts they come from when `with_counts`), then the total and the maximum."""
        by_criterion = {line.criterion_id: line for line in score.line_ids}
        for col, criterion in enumerate(criteria, start=2):
            line = by_criterion.get(criterion)
            if not (line and line.has_data):
                sheet.write(row, col, "Không có dữ liệu", formats["cell"])
            elif with_counts:
                sheet.write(
                    row,
                    col,
                    f"{line.points:.2f} ({line.achieved_count}/{line.counted_count})",
                    formats["cell"],
                )
            else:
                sheet.write_number(row, col, line.points, formats["number"])
        if score.has_data:
            sheet.write_number(row, len(criteria) + 2, score.total_points, formats["number"])
        else:
            sheet.write(row, len(criteria) + 2, "Không có dữ liệu", formats["cell"])
        sheet.write_number(row, len(criteria) + 3, score.max_points, formats["number"])

    def _xlsx_breakdown(self, workbook, formats, scores):
        sheet = workbook.add_worksheet("Chi tiet")
        sheet.write(0, 0, f"CHI TIẾT ĐIỂM THI ĐUA NĂM {self.year}", formats["title"])
        headers = [
            "Đơn vị",
            "Tiêu chí",
            "Trọng số (điểm)",
            "Đạt",
            "Tổng số",
            "Tỷ lệ (%)",
            "Điểm",
            "Ghi chú",
        ]
        widths = [36, 40, 12, 10, 10, 12, 10, 30]
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.write(2, col, header, formats["header"])
            sheet.set_column(col, col, width)
        row = 3
        for score in scores.sorted(lambda s: (not s.has_data, s.rank)):
            for line in score.line_ids:
                sheet.write(row, 0, score.department_id.name, formats["cell"])
                sheet.write(row, 1, line.criterion_id.name, formats["cell"])
                sheet.write_number(row, 2, line.weight, formats["number"])
                sheet.write_number(row, 3, line.achieved_count, formats["cell"])
                sheet.write_number(row, 4, line.counted_count, formats["cell"])
                if line.has_data:
                    sheet.write_number(row, 5, line.value, formats["number"])
                    sheet.write_number(row, 6, line.points, formats["number"])
                    sheet.write(row, 7, "", formats["cell"])
                else:
                    sheet.write(row, 5, "", formats["cell"])
                    sheet.write(row, 6, "", formats["cell"])
                    sheet.write(row, 7, "Không có dữ liệu", formats["cell"])
                row += 1
        sheet.freeze_panes(3, 1)

    def _xlsx_individuals(self, workbook, formats, scores):
        """One row per civil servant, by unit: each criterion's count and points, the total."""
        criteria = scores.line_ids.criterion_id.sorted(lambda c: (c.sequence, c.id))
        sheet = workbook.add_worksheet("Ca nhan")
        headers = self._xlsx_results_header(
            sheet,
            formats,
            f"KẾT QUẢ CHẤM ĐIỂM THI ĐUA CÔNG TÁC ISO CỦA CÔNG CHỨC NĂM {self.year}",
            ["Đơn vị", "Công chức"],
            criteria,
        )
        sheet.set_column(0, 1, 30)
        sheet.set_column(2, len(headers) - 1, 18)
        ordered = scores.sorted(lambda s: (s.department_id.name or "", s.employee_id.name or ""))
        for row, score in enumerate(ordered, start=4):
            sheet.write(row, 0, score.department_id.name or "", formats["cell"])
            sheet.write(row, 1, score.employee_id.name, formats["cell"])
            self._xlsx_score_cells(sheet, row, formats, score, criteria, with_counts=True)
        sheet.freeze_panes(4, 2)

    def action_export_xlsx(self):
        self.ensure_one()
        if self.scope == "individual":
            return self._qms_xlsx_download(
                self._build_xlsx(), f"diem_thi_dua_iso_ca_nhan_{self.year}.xlsx"
            )
        file_name = f"diem_thi_dua_iso_{self.year}.xlsx"
        return self._qms_xlsx_download(self._build_xlsx(), file_name)
