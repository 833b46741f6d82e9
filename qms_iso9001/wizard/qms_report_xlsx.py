import io

from num2words import num2words

from odoo import fields, models
from odoo.tools import html2plaintext

from ..xlsx import new_workbook

# Headings of the periodic report form of Thông tư 26/2014/TT-BKHCN: the form is in Vietnamese
# whatever the language of the user who exports it.
SECTION_HEADINGS = {
    "building": "I. TÌNH HÌNH XÂY DỰNG, ÁP DỤNG HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
    "maintaining": "II. TÌNH HÌNH DUY TRÌ, CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
}
TABLE_HEADERS = ["STT", "Nội dung", "Số lượng", "Ghi chú"]
COLUMN_WIDTHS = [7, 62, 14, 40]


def amount_in_words(value):
    """'Mười hai' for 12: the form repeats totals in words, first letter capitalised."""
    words = num2words(int(value), lang="vi")
    return words[:1].upper() + words[1:]


class QmsReportXlsx(models.AbstractModel):
    """Writes a periodic report in the layout of the form of Thông tư 26/2014/TT-BKHCN, ready to
    be signed and sent, with the units' reports it consolidates and, for a province or a
    ministry, the announcement status of the agencies under it."""

    _name = "qms.report.xlsx"
    _description = "Periodic QMS Report Excel Export"

    def _qms_formats(self, workbook):
        base = {"font_name": "Times New Roman", "font_size": 13, "valign": "top"}

        def fmt(**options):
            return workbook.add_format({**base, **options})

        return {
            "agency": fmt(bold=True, align="center", text_wrap=True),
            "governing": fmt(align="center", text_wrap=True),
            "nation": fmt(bold=True, align="center"),
            "motto": fmt(bold=True, underline=True, align="center"),
            "center": fmt(align="center"),
            "date": fmt(italic=True, align="center"),
            "title": fmt(bold=True, font_size=14, align="center"),
            "subtitle": fmt(bold=True, align="center", text_wrap=True),
            "heading": fmt(bold=True, text_wrap=True),
            "subheading": fmt(bold=True, italic=True),
            "text": fmt(text_wrap=True),
            "th": fmt(bold=True, border=1, align="center", valign="vcenter", text_wrap=True),
            "td": fmt(border=1, text_wrap=True),
            "td_center": fmt(border=1, align="center"),
            "td_count": fmt(border=1, align="right", num_format="#,##0"),
            "td_rate": fmt(border=1, align="right", num_format='0.0"%"'),
            "signer_title": fmt(bold=True, align="center"),
            "signer_hint": fmt(italic=True, align="center"),
            "small": fmt(font_size=11),
            "small_bold": fmt(font_size=11, bold=True, italic=True),
        }

    def _qms_build(self, report):
        report.ensure_one()
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._qms_formats(workbook)
        sheet = workbook.add_worksheet("Báo cáo")
        for col, width in enumerate(COLUMN_WIDTHS):
            sheet.set_column(col, col, width)
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        row = self._qms_write_header(sheet, formats, report)
        lines = report.line_ids.sorted(lambda line: (line.sequence, line.id))
        sections = report._qms_report_sections()
        for key, label in sections:
            section_lines = lines.filtered(lambda line, key=key: line.section == key)
            row = self._qms_write_section(
                sheet, formats, report, (key, label), lines=section_lines, row=row
            )
        row = self._qms_write_assessment(sheet, formats, report, row)
        self._qms_write_signature(sheet, formats, report, row + 1)
        if report.sudo().unit_report_ids:
            self._qms_write_units(workbook.add_worksheet("Báo cáo đơn vị"), formats, report)
        rows = report._qms_subordinate_rows()
        if rows:
            self._qms_write_subordinates(
                workbook.add_worksheet("Cơ quan trực thuộc"), formats, rows
            )
        workbook.close()
        return output.getvalue()

    def _qms_period_title(self, report):
        if report.report_type == "half_year":
            half = "6 THÁNG ĐẦU NĂM" if report.half != "2" else "6 THÁNG CUỐI NĂM"
            return f"{half} {report.year}"
        return f"NĂM {report.year}"

    def _qms_date_line(self, report):
        day = report.report_date or fields.Date.context_today(report)
        place = report.place or "......"
        return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"

    def _qms_write_header(self, sheet, formats, report):
        company = report.company_id
        agency = (company.qms_agency_name or company.name or "").upper()
        governing = (report.governing_body or company.qms_governing_body or "").upper()
        if governing:
            # NĐ 30/2020/NĐ-CP: the governing body above the agency, not bold
            sheet.merge_range(0, 0, 0, 1, governing, formats["governing"])
            sheet.merge_range(1, 0, 1, 1, agency, formats["agency"])
        else:
            sheet.merge_range(0, 0, 1, 1, agency, formats["agency"])
        sheet.merge_range(0, 2, 0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", formats["nation"])
        sheet.merge_range(1, 2, 1, 3, "Độc lập - Tự do - Hạnh phúc", formats["motto"])
        code = company.qms_agency_code or ""
        number = report.number or (f"....../BC-{code}" if code else "....../BC")
        sheet.merge_range(3, 0, 3, 1, f"Số: {number}", formats["center"])
        sheet.merge_range(3, 2, 3, 3, self._qms_date_line(report), formats["date"])
        sheet.merge_range(5, 0, 5, 3, "BÁO CÁO", formats["title"])
        title = (
            "TÌNH HÌNH XÂY DỰNG, ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG "
            f"THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001 {self._qms_period_title(report)}"
        )
        sheet.merge_range(6, 0, 6, 3, title, formats["subtitle"])
        sheet.set_row(6, 36)
        sheet.merge_range(
            7, 0, 7, 3, f"Kính gửi: {report.recipient or '......'}", formats["center"]
        )
        return 9

    def _qms_announcement_line(self, report):
        announcement = report.announcement_id
        if not announcement:
            return "Quyết định công bố Hệ thống quản lý chất lượng: chưa công bố."
        day = announcement.date_decision
        when = f" ngày {day.day:02d}/{day.month:02d}/{day.year}" if day else ""
        scope = f"; phạm vi: {announcement.activity_scope}" if announcement.activity_scope else ""
        return (
            "Quyết định công bố Hệ thống quản lý chất lượng đang có hiệu lực: "
            f"Quyết định số {announcement.name or '......'}{when}{scope}."
        )

    def _qms_write_units(self, sheet, formats, report):
        """The units' six-monthly reports the agency report consolidates: figures and texts."""
        headers = [
            "STT",
            "Đơn vị",
            "Kỳ báo cáo",
            "Quy trình đang áp dụng",
            "Văn bản ban hành, sửa đổi",
            "Sự không phù hợp",
            "Đã khắc phục",
            "Chưa khắc phục",
            "Tình hình áp dụng",
            "Khó khăn, vướng mắc",
            "Kiến nghị, đề xuất",
        ]
        widths = [6, 28, 16, 12, 12, 12, 12, 12, 45, 35, 35]
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(col, col, width)
            sheet.write(0, col, header, formats["th"])
        units = report.sudo().unit_report_ids.sorted(lambda u: (u.department_id.name or "", u.half))
        for row, unit in enumerate(units, start=1):
            half = "6 tháng đầu năm" if unit.half != "2" else "6 tháng cuối năm"
            values = [
                unit.procedures_count,
                unit.documents_issued_count,
                unit.nc_count,
                unit.nc_closed_count,
                unit.nc_open_count,
            ]
            sheet.write_number(row, 0, row, formats["td_center"])
            sheet.write_string(row, 1, unit.department_id.name or "", formats["td"])
            sheet.write_string(row, 2, f"{half} {unit.year}", formats["td"])
            for col, value in enumerate(values, start=3):
                sheet.write_number(row, col, value, formats["td_count"])
            for col, html in enumerate((unit.situation, unit.difficulties, unit.proposals), 8):
                text = html2plaintext(html or "").strip() if html else ""
                sheet.write_string(row, col, text, formats["td"])

    def _qms_write_subordinates(self, sheet, formats, rows):
        """The announcement status of each agency under this one."""
        headers = ["STT", "Cơ quan", "Quyết định công bố", "Ngày", "Phạm vi", "Tình trạng"]
        widths = [6, 40, 20, 12, 45, 24]
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(col, col, width)
            sheet.write(0, col, header, formats["th"])
        for row, (company, announcement, status) in enumerate(rows, start=1):
            day = announcement.date_decision if announcement else None
            sheet.write_number(row, 0, row, formats["td_center"])
            sheet.write_string(row, 1, company.qms_agency_name or company.name, formats["td"])
            sheet.write_string(
                row, 2, announcement.name or "" if announcement else "", formats["td"]
            )
            sheet.write_string(row, 3, day.strftime("%d/%m/%Y") if day else "", formats["td"])
            scope = (announcement.activity_scope or "") if announcement else ""
            sheet.write_string(row, 4, scope, formats["td"])
            sheet.write_string(row, 5, status, formats["td"])

    def _qms_text_rows(self, sheet, formats, html, row):
        """Narrative fields, one merged row per paragraph so that nothing is cut when printed."""
        text = html2plaintext(html or "").strip() if html else ""
        paragraphs = [part.strip() for part in text.split("\n") if part.strip()] or ["......"]
        for paragraph in paragraphs:
            sheet.merge_range(row, 0, row, 3, paragraph, formats["text"])
            sheet.set_row(row, 18 * max(1, len(paragraph) // 110 + 1))
            row += 1
        return row

    def _qms_write_section(self, sheet, formats, report, section, *, lines, row):
        key, label = section
        heading = SECTION_HEADINGS.get(key, (label or "").upper())
        sheet.merge_range(row, 0, row, 3, heading, formats["heading"])
        row += 1
        if key == "building":
            sheet.merge_range(row, 0, row, 3, "1. Phạm vi áp dụng", formats["subheading"])
            row = self._qms_text_rows(sheet, formats, report.scope, row + 1)
            sheet.merge_range(row, 0, row, 3, self._qms_announcement_line(report), formats["text"])
            sheet.set_row(row, 36)
            row += 1
            sheet.merge_range(row, 0, row, 3, "2. Kết quả xây dựng, áp dụng", formats["subheading"])
            row += 1
        elif key == "maintaining":
            sheet.merge_range(row, 0, row, 3, "1. Kết quả duy trì, cải tiến", formats["subheading"])
            row += 1
        row = self._qms_write_table(sheet, formats, lines, row)
        row = self._qms_write_totals_in_words(sheet, formats, lines, row)
        if key == "maintaining":
            sheet.merge_range(
                row,
                0,
                row,
                3,
                "2. Đánh giá nội bộ, xem xét của lãnh đạo, hành động khắc phục, cập nhật văn bản",
                formats["subheading"],
            )
            row = self._qms_text_rows(sheet, formats, report.situation, row + 1)
        return row + 1

    def _qms_write_table(self, sheet, formats, lines, row):
        for col, header in enumerate(TABLE_HEADERS):
            sheet.write(row, col, header, formats["th"])
        row += 1
        for index, line in enumerate(lines, start=1):
            sheet.write_number(row, 0, index, formats["td_center"])
            sheet.write_string(row, 1, line.label, formats["td"])
            if not line.is_available:
                sheet.write_string(row, 2, "-", formats["td_center"])
            elif line.value_type == "rate":
                sheet.write_number(row, 2, line.value_float, formats["td_rate"])
            else:
                sheet.write_number(row, 2, line.value_integer, formats["td_count"])
            sheet.write_string(row, 3, line.note or "", formats["td"])
            row += 1
        return row

    def _qms_write_totals_in_words(self, sheet, formats, lines, row):
        for line in lines.filtered(lambda line: line.in_words and line.is_available):
            label = line.label[:1].lower() + line.label[1:]
            text = (
                f"Tổng số {label}: {line.value_integer} "
                f"(bằng chữ: {amount_in_words(line.value_integer)})."
            )
            sheet.merge_range(row, 0, row, 3, text, formats["text"])
            row += 1
        return row

    def _qms_write_assessment(self, sheet, formats, report, row):
        sheet.merge_range(row, 0, row, 3, "III. ĐÁNH GIÁ CHUNG", formats["heading"])
        sheet.merge_range(row + 1, 0, row + 1, 3, "1. Thuận lợi", formats["subheading"])
        row = self._qms_text_rows(sheet, formats, report.advantages, row + 2)
        sheet.merge_range(row, 0, row, 3, "2. Khó khăn, vướng mắc", formats["subheading"])
        row = self._qms_text_rows(sheet, formats, report.difficulties, row + 1)
        sheet.merge_range(row + 1, 0, row + 1, 3, "IV. KIẾN NGHỊ, ĐỀ XUẤT", formats["heading"])
        return self._qms_text_rows(sheet, formats, report.proposals, row + 2)

    def _qms_write_signature(self, sheet, formats, report, row):
        sheet.merge_range(row, 0, row, 1, "Nơi nhận:", formats["small_bold"])
        sheet.merge_range(row + 1, 0, row + 1, 1, "- Như trên;", formats["small"])
        sheet.merge_range(row + 2, 0, row + 2, 1, "- Lưu: VT.", formats["small"])
        title = (report.signer_title or "Thủ trưởng cơ quan").upper()
        sheet.merge_range(row, 2, row, 3, title, formats["signer_title"])
        sheet.merge_range(
            row + 1, 2, row + 1, 3, "(Ký, ghi rõ họ tên và đóng dấu)", formats["signer_hint"]
        )
        sheet.merge_range(row + 5, 2, row + 5, 3, report.signer_name or "", formats["signer_title"])
        return row + 6
