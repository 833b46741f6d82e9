import io

from odoo import models

from odoo.addons.qms_iso9001.xlsx import new_workbook


class QmsAuditReportXlsx(models.AbstractModel):
    """The general and detailed audit report as a workbook, for agencies that rework the figures
    in their own templates.

    Every text is written as a string, never interpreted: a finding typed as `=HYPERLINK(...)`
    or `+cmd|...` stays the text the auditor typed instead of becoming a live formula."""

    _name = "qms.audit.report.xlsx"
    _description = "Audit Report (Excel)"

    def _qms_build(self, audit):
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1}),
            "cell": workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        }
        self._qms_sheet_summary(workbook, formats, audit)
        self._qms_sheet_findings(workbook, formats, audit)
        self._qms_sheet_checklist(workbook, formats, audit)
        workbook.close()
        return output.getvalue()

    @staticmethod
    def _qms_write_cell(sheet, row, col, value, cell_format=None):
        """Numbers as numbers, everything else as plain text."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write_string(row, col, "" if value in (None, False) else str(value), cell_format)

    def _qms_write_table(self, sheet, formats, row, headers, rows):
        for col, header in enumerate(headers):
            self._qms_write_cell(sheet, row, col, header, formats["header"])
        for values in rows:
            row += 1
            for col, value in enumerate(values):
                self._qms_write_cell(sheet, row, col, value, formats["cell"])
        return row + 2

    def _qms_sheet_summary(self, workbook, formats, audit):
        sheet = workbook.add_worksheet(self.env._("General Report"))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 3, 18)
        self._qms_write_cell(sheet, 0, 0, self.env._("GENERAL AUDIT REPORT"), formats["title"])
        self._qms_write_cell(sheet, 1, 0, audit.name)
        info = [
            (self.env._("Programme"), audit.program_id.display_name or ""),
            (self.env._("Audited Units"), ", ".join(audit.department_ids.mapped("name"))),
            (self.env._("Dates"), f"{audit.date_start} - {audit.date_end}"),
            (self.env._("Lead Auditor"), audit.lead_auditor_id.name),
            (self.env._("Audit Team"), ", ".join(audit.auditor_ids.mapped("name"))),
        ]
        row = self._qms_write_table(
            sheet, formats, 3, [self.env._("Item"), self.env._("Value")], info
        )
        counts = audit._qms_result_counts()
        count_rows = [(c["label"], c["questions"], c["findings"]) for c in counts]
        headers = [self.env._("Result"), self.env._("Questions"), self.env._("Findings")]
        row = self._qms_write_table(sheet, formats, row, headers, count_rows)
        labels = [c["label"] for c in counts]
        unit_rows = []
        for department, _findings in audit._qms_findings_by_unit():
            counts = audit._qms_result_counts(department)
            unit_rows.append([department.name] + [c["findings"] for c in counts])
        self._qms_write_table(sheet, formats, row, [self.env._("Unit"), *labels], unit_rows)

    def _qms_sheet_findings(self, workbook, formats, audit):
        sheet = workbook.add_worksheet(self.env._("Findings"))
        sheet.set_column(0, 3, 18)
        sheet.set_column(4, 5, 50)
        results = dict(audit.finding_ids._fields["result"]._description_selection(self.env))
        rows = [
            (
                finding.name,
                finding.department_id.name,
                finding.clause_id.code or "",
                results[finding.result],
                finding.description,
                finding.nonconformity_id.name or "",
            )
            for finding in audit.finding_ids
        ]
        headers = [
            self.env._("Number"),
            self.env._("Unit"),
            self.env._("Clause"),
            self.env._("Result"),
            self.env._("Description"),
        ]
        self._qms_write_table(sheet, formats, 0, [*headers, self.env._("Nonconformity Form")], rows)

    def _qms_sheet_checklist(self, workbook, formats, audit):
        sheet = workbook.add_worksheet(self.env._("Checklist"))
        sheet.set_column(0, 1, 18)
        sheet.set_column(2, 4, 50)
        results = dict(audit.checklist_line_ids._fields["result"]._description_selection(self.env))
        rows = [
            (
                line.department_id.name or "",
                line.clause_id.code or "",
                line.question,
                line.evidence or "",
                results.get(line.result, ""),
            )
            for line in audit.checklist_line_ids
        ]
        headers = [
            self.env._("Unit"),
            self.env._("Clause"),
            self.env._("Question"),
            self.env._("Evidence Seen"),
            self.env._("Result"),
        ]
        self._qms_write_table(sheet, formats, 0, headers, rows)
