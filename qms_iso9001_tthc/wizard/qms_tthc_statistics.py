import datetime
import io

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.qms_iso9001.xlsx import new_workbook

from .qms_tthc_statistics_line import CHANNELS

# Groupby option -> the stored dossier field grouped on (also the field set on the lines).
GROUPBY_FIELDS = {
    "field": "field_id",
    "procedure": "procedure_id",
    "unit": "department_id",
    "channel": "channel",
    # who receives and who decides (issue 14): per receiving centre, per deciding agency
    "centre": "reception_centre_id",
    "agency": "company_id",
}
# Counted figures, in the order of the SQL select list; the others are derived from them.
COUNTED_FIGURES = (
    "received_count",
    "received_online_count",
    "received_direct_count",
    "carried_over_count",
    "resolved_count",
    "resolved_early_count",
    "resolved_on_time_count",
    "resolved_late_count",
    "in_progress_not_due_count",
    "in_progress_overdue_count",
    "waiting_supplement_count",
    "refused_count",
    "withdrawn_count",
    "returned_count",
    "processing_days_count",
)
SUMMED_FIGURES = (*COUNTED_FIGURES, "processing_days_sum")
# Added up for the agency's total, with the guidances counted apart from the dossiers.
TOTALLED_FIGURES = (*SUMMED_FIGURES, "guidance_count")
CLOSING_FIELDS = ("resolved_at", "returned_at", "refused_at", "withdrawn_at")

# The periodic report on one-stop handling (báo cáo tình hình, kết quả giải quyết TTHC):
# (column, figure) in the order of the printed form, after STT and the group label.
XLSX_FIGURES = (
    "total_count",
    "received_online_count",
    "carried_over_count",
    "received_direct_count",
    "resolved_count",
    "resolved_early_count",
    "resolved_on_time_count",
    "resolved_late_count",
    "in_progress_count",
    "in_progress_not_due_count",
    "in_progress_overdue_count",
    "waiting_supplement_count",
    "refused_count",
    "withdrawn_count",
    "on_time_rate",
    "average_processing_days",
)
XLSX_GROUP_HEADERS = {
    "field": "Lĩnh vực/Thủ tục",
    "procedure": "Lĩnh vực/Thủ tục",
    "unit": "Đơn vị",
    "channel": "Hình thức tiếp nhận",
    "centre": "Nơi tiếp nhận",
    "agency": "Cơ quan giải quyết",
}
XLSX_HEADER_ROW = 4
XLSX_FIRST_DATA_ROW = 8


class QmsTthcStatistics(models.TransientModel):
    """One-stop statistics for a period (Nghị định 118/2025/NĐ-CP, Thông tư 03/2025/TT-VPCP):
    what was received, carried over, resolved early, on time or late, what is still being
    handled, and the on-time rate, per field, procedure, unit or channel, counted in one query
    whatever the volume."""

    _name = "qms.tthc.statistics"
    _description = "One-stop Statistics"
    _inherit = ["qms.xlsx.export.mixin"]

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_period()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_period()[1]
    )
    groupby = fields.Selection(
        [
            ("field", "Field"),
            ("procedure", "Procedure"),
            ("unit", "Unit"),
            ("channel", "Channel"),
            ("centre", "Receiving Centre"),
            ("agency", "Deciding Agency"),
        ],
        string="Group By",
        required=True,
        default="field",
    )
    field_ids = fields.Many2many("qms.tthc.field", string="Fields")
    procedure_ids = fields.Many2many("qms.tthc.procedure", string="Procedures")
    department_ids = fields.Many2many("hr.department", string="Units")
    channel = fields.Selection(CHANNELS, help="Empty: every channel.")
    reception_centre_id = fields.Many2one(
        "qms.tthc.service.centre",
        string="Receiving Centre",
        help="Only the dossiers received at this centre, for every agency it serves that you may "
        "read (group by deciding agency to compare them). Empty: the dossiers of your agency.",
    )
    line_ids = fields.One2many("qms.tthc.statistics.line", "wizard_id", string="Figures")

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        """The breadcrumb back from the figures names the period, not the record's id."""
        for wizard in self:
            if not wizard.date_from or not wizard.date_to:
                wizard.display_name = self.env._("One-stop Statistics")
                continue
            wizard.display_name = self.env._(
                "One-stop Statistics %(date_from)s - %(date_to)s",
                date_from=wizard.date_from.strftime("%d/%m/%Y"),
                date_to=wizard.date_to.strftime("%d/%m/%Y"),
            )

    @api.model
    def _default_period(self):
        """The current half-year, the period of the agencies' 6-monthly reports."""
        today = fields.Date.context_today(self)
        if today.month <= 6:
            return datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30)
        return datetime.date(today.year, 7, 1), datetime.date(today.year, 12, 31)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The start of the period must precede its end."))

    # ------------------------------------------------------------------ figures
    @api.model
    def _qms_dossier_statistics(self, date_from, date_to, groupby, domain=None):
        """{group key: {figure: value}} for the dossiers the user may read (see
        `_qms_dossier_figures`), with the guidances given instead of receiving an incomplete
        dossier counted apart (`guidance_count`, see `_qms_guidance_counts`): they are no
        dossier and count in no other figure. A group with guidances only has zero dossiers."""
        statistics = self._qms_dossier_figures(date_from, date_to, groupby, domain)
        guidances = self._qms_guidance_counts(date_from, date_to, groupby, domain)
        empty = dict.fromkeys(COUNTED_FIGURES, 0)
        for key in guidances.keys() - statistics.keys():
            statistics[key] = self._qms_derive_figures({**empty, "processing_days_sum": 0.0})
        for key, figures in statistics.items():
            figures["guidance_count"] = guidances.get(key, 0)
        return statistics

    @api.model
    def _qms_guidance_counts(self, date_from, date_to, groupby, domain=None):
        """{group key: number of guidances issued in the period} among those the user may
        read; drafts were never handed to anyone and are not counted."""
        Guidance = self.env["qms.tthc.guidance"]
        if not Guidance.has_access("read"):
            return {}
        start, end = self.env.company._qms_day_bounds(date_from, date_to)
        group_field = GROUPBY_FIELDS[groupby]
        rows = Guidance._read_group(
            Domain(domain or [])
            & Domain("state", "=", "issued")
            & Domain("guided_at", ">=", start)
            & Domain("guided_at", "<", end),
            [group_field],
            ["__count"],
        )
        counts = {}
        for group, count in rows:
            key = group.id if isinstance(group, models.BaseModel) else group
            counts[key or False] = counts.get(key or False, 0) + count
        return counts

    @api.model
    def _qms_dossier_figures(self, date_from, date_to, groupby, domain=None):
        """{group key: {figure: value}} for the dossiers the user may read.

        The group key is the id of the field, procedure or unit (False when unset) or the
        channel code. A dossier counts as carried over when received before the period and
        neither resolved, returned, refused nor withdrawn before it starts; the ones still open
        at the end are waiting for a supplement, or in progress and overdue when their
        appointment passed before the end of the period (or now, for a period not over yet).
        `processing_days_sum` / `processing_days_count` let callers average across groups.
        """
        if groupby not in GROUPBY_FIELDS:
            raise UserError(self.env._("Unknown grouping: %(groupby)s", groupby=groupby))
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise ValidationError(self.env._("The start of the period must precede its end."))
        start, end = self.env.company._qms_day_bounds(date_from, date_to)
        due_reference = min(end, fields.Datetime.now())

        # Archived dossiers were received and handled all the same: they are counted.
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        # _search applies the access rights and record rules of the user.
        query = Dossier._search(Domain(domain or []) & Domain("received_at", "<", end))
        if query.is_empty():
            return {}

        def column(name):
            return Dossier._field_to_sql(Dossier._table, name, query)

        def within(sql):
            return SQL(
                "(%(col)s >= %(start)s AND %(col)s < %(end)s)", col=sql, start=start, end=end
            )

        # LEAST skips NULLs: the first moment the dossier left the desk's hands, if it did.
        closed_at = SQL("LEAST(%s)", SQL(", ").join(column(name) for name in CLOSING_FIELDS))
        received_at = column("received_at")
        open_at_start = SQL("(%(c)s IS NULL OR %(c)s >= %(start)s)", c=closed_at, start=start)
        open_at_end = SQL("(%(c)s IS NULL OR %(c)s >= %(end)s)", c=closed_at, end=end)
        requested = column("supplement_requested_at")
        supplied = column("supplement_received_at")
        waiting = SQL(
            "(%(open)s AND %(req)s < %(end)s"
            " AND (%(got)s IS NULL OR %(got)s < %(req)s OR %(got)s >= %(end)s))",
            open=open_at_end,
            req=requested,
            got=supplied,
            end=end,
        )
        in_progress = SQL("(%s AND NOT COALESCE(%s, FALSE))", open_at_end, waiting)
        overdue = SQL("COALESCE(%s < %s, FALSE)", column("appointment_date"), due_reference)
        received = within(received_at)
        resolved = within(column("resolved_at"))
        timeliness = column("timeliness")
        online = SQL("%s = 'online'", column("channel"))
        conditions = {
            "received_count": received,
            "received_online_count": SQL("%s AND %s", received, online),
            "received_direct_count": SQL("%s AND NOT COALESCE(%s, FALSE)", received, online),
            "carried_over_count": SQL("%s < %s AND %s", received_at, start, open_at_start),
            "resolved_count": resolved,
            "resolved_early_count": SQL("%s AND %s = 'early'", resolved, timeliness),
            "resolved_on_time_count": SQL("%s AND %s = 'on_time'", resolved, timeliness),
            "resolved_late_count": SQL("%s AND %s = 'late'", resolved, timeliness),
            "in_progress_not_due_count": SQL("%s AND NOT %s", in_progress, overdue),
            "in_progress_overdue_count": SQL("%s AND %s", in_progress, overdue),
            "waiting_supplement_count": waiting,
            "refused_count": within(column("refused_at")),
            "withdrawn_count": within(column("withdrawn_at")),
            "returned_count": within(column("returned_at")),
            "processing_days_count": SQL(
                "%s AND %s IS NOT NULL", resolved, column("processing_days")
            ),
        }
        # Only what matters to the period: open at its start, or handed back during it.
        query.add_where(SQL("(%s OR %s)", open_at_start, within(column("returned_at"))))
        group_key = column(GROUPBY_FIELDS[groupby])
        query.groupby = group_key
        rows = self.env.execute_query(
            query.select(
                group_key,
                *(SQL("COUNT(*) FILTER (WHERE %s)", conditions[name]) for name in COUNTED_FIGURES),
                SQL("SUM(%s) FILTER (WHERE %s)", column("processing_days"), resolved),
            )
        )
        return {
            row[0] or False: self._qms_derive_figures(
                dict(zip(SUMMED_FIGURES, row[1:], strict=True))
            )
            for row in rows
        }

    @api.model
    def _qms_derive_figures(self, figures):
        figures["processing_days_sum"] = figures.get("processing_days_sum") or 0.0
        figures["total_count"] = figures["received_count"] + figures["carried_over_count"]
        figures["in_progress_count"] = (
            figures["in_progress_not_due_count"] + figures["in_progress_overdue_count"]
        )
        timely = figures["resolved_early_count"] + figures["resolved_on_time_count"]
        resolved = figures["resolved_count"]
        figures["on_time_rate"] = round(100.0 * timely / resolved, 2) if resolved else 0.0
        counted = figures["processing_days_count"]
        figures["average_processing_days"] = (
            round(figures["processing_days_sum"] / counted, 2) if counted else 0.0
        )
        return figures

    @api.model
    def _qms_statistics_total(self, statistics):
        """The agency's figures from its groups' (rates and averages weighted, not averaged)."""
        total = {
            name: sum(figures.get(name, 0) for figures in statistics.values())
            for name in TOTALLED_FIGURES
        }
        return self._qms_derive_figures(total)

    # ------------------------------------------------------------------ lines
    def _qms_filter_domain(self):
        self.ensure_one()
        if self.reception_centre_id:
            # a centre's figures span the agencies it serves; the record rules still apply
            domain = Domain("reception_centre_id", "=", self.reception_centre_id.id)
        else:
            domain = Domain("company_id", "=", self.company_id.id)
        if self.field_ids:
            domain &= Domain("field_id", "in", self.field_ids.ids)
        if self.procedure_ids:
            domain &= Domain("procedure_id", "in", self.procedure_ids.ids)
        if self.department_ids:
            domain &= Domain("department_id", "in", self.department_ids.ids)
        if self.channel:
            domain &= Domain("channel", "=", self.channel)
        return domain

    def _qms_group_labels(self, keys):
        if self.groupby == "channel":
            labels = dict(
                self.env["qms.tthc.statistics.line"]
                ._fields["channel"]
                ._description_selection(self.env)
            )
        else:
            comodel = self.env["qms.tthc.statistics.line"]._fields[GROUPBY_FIELDS[self.groupby]]
            records = self.env[comodel.comodel_name].browse([key for key in keys if key])
            labels = {record.id: record.display_name for record in records}
        # a dossier received by no centre was received at the deciding agency's own desk
        unset = (
            self.env._("Agency's Own Desk") if self.groupby == "centre" else self.env._("Not Set")
        )
        return {key: labels.get(key) or unset for key in keys}

    def _qms_line_values(self, figures, **values):
        return {
            **{
                name: figures[name]
                for name in (*XLSX_FIGURES, "received_count", "returned_count", "guidance_count")
            },
            "wizard_id": self.id,
            **values,
        }

    def action_compute(self):
        self.ensure_one()
        # the period's days are those of the wizard's agency (its calendar's time zone)
        statistics = self.with_company(self.company_id)._qms_dossier_statistics(
            self.date_from, self.date_to, self.groupby, self._qms_filter_domain()
        )
        labels = self._qms_group_labels(list(statistics))
        group_field = GROUPBY_FIELDS[self.groupby]
        vals_list = [
            self._qms_line_values(
                statistics[key], sequence=index, name=labels[key], **{group_field: key}
            )
            for index, key in enumerate(sorted(statistics, key=lambda k: labels[k]), start=1)
        ]
        vals_list.append(
            self._qms_line_values(
                self._qms_statistics_total(statistics),
                sequence=len(vals_list) + 1,
                name=self.env._("Total"),
                is_total=True,
            )
        )
        self.line_ids.unlink()
        self.env["qms.tthc.statistics.line"].create(vals_list)
        return True

    def _qms_lines_action(self, view_type):
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        domain = [("wizard_id", "=", self.id)]
        if view_type != "list":
            # The total line would be counted twice once the views add the groups up.
            domain.append(("is_total", "=", False))
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": "qms.tthc.statistics.line",
            "view_mode": view_type,
            "views": [(False, view_type)],
            "domain": domain,
            "target": "current",
        }

    def action_view_list(self):
        return self._qms_lines_action("list")

    def action_view_pivot(self):
        return self._qms_lines_action("pivot")

    def action_view_graph(self):
        return self._qms_lines_action("graph")

    # ------------------------------------------------------------------ Excel
    def _qms_xlsx_header(self, sheet, formats):
        top, mid, low = XLSX_HEADER_ROW, XLSX_HEADER_ROW + 1, XLSX_HEADER_ROW + 2
        header = formats["header"]
        sheet.merge_range(top, 0, low, 0, "STT", header)
        sheet.merge_range(top, 1, low, 1, XLSX_GROUP_HEADERS[self.groupby], header)
        sheet.merge_range(top, 2, top, 5, "Số hồ sơ nhận giải quyết", header)
        sheet.merge_range(mid, 2, low, 2, "Tổng số", header)
        sheet.merge_range(mid, 3, mid, 5, "Trong đó", header)
        sheet.write(low, 3, "Số mới tiếp nhận trực tuyến", header)
        sheet.write(low, 4, "Số kỳ trước chuyển qua", header)
        sheet.write(low, 5, "Số mới tiếp nhận (trực tiếp hoặc dịch vụ bưu chính)", header)
        for first, title, subtitles in (
            (6, "Số hồ sơ đã giải quyết", ("Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn")),
            (10, "Số hồ sơ đang giải quyết", ("Tổng số", "Trong hạn", "Quá hạn")),
        ):
            sheet.merge_range(top, first, top, first + len(subtitles) - 1, title, header)
            for offset, subtitle in enumerate(subtitles):
                sheet.merge_range(mid, first + offset, low, first + offset, subtitle, header)
        for col, title in enumerate(
            (
                "Số hồ sơ chờ bổ sung",
                "Số hồ sơ từ chối giải quyết",
                "Số hồ sơ công dân rút",
                "Tỷ lệ giải quyết đúng hạn (%)",
                "Thời gian giải quyết trung bình (ngày)",
            ),
            start=13,
        ):
            sheet.merge_range(top, col, low, col, title, header)
        for col in range(len(XLSX_FIGURES) + 2):
            sheet.write(low + 1, col, f"({col + 1})", header)
        sheet.set_row(low, 60)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 1, 45)
        sheet.set_column(2, len(XLSX_FIGURES) + 1, 12)

    def _qms_xlsx_row(self, sheet, row, index, line, formats):
        cell = formats["bold"] if line.is_total else formats["cell"]
        sheet.write(row, 0, index or "", cell)
        sheet.write(row, 1, line.name, cell)
        for col, name in enumerate(XLSX_FIGURES, start=2):
            fmt = formats["number"] if name in ("on_time_rate", "average_processing_days") else cell
            sheet.write_number(row, col, line[name], fmt)

    def _build_statistics_xlsx(self):
        self.ensure_one()
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._qms_xlsx_formats(workbook)
        formats["title"] = workbook.add_format({"bold": True, "font_size": 13, "align": "center"})
        formats["center"] = workbook.add_format({"italic": True, "align": "center"})
        formats["bold"] = workbook.add_format({"bold": True, "border": 1, "valign": "top"})
        formats["signature"] = workbook.add_format({"bold": True, "align": "center"})
        sheet = workbook.add_worksheet("Bao cao TTHC")
        last_col = len(XLSX_FIGURES) + 1
        company = self.company_id
        # a centre's report is the centre's, across the agencies it serves
        issuer = self.reception_centre_id.name or company.qms_agency_name or company.name or ""
        sheet.write(0, 0, issuer.upper())
        sheet.merge_range(
            1,
            0,
            1,
            last_col,
            "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            formats["title"],
        )
        sheet.merge_range(
            2,
            0,
            2,
            last_col,
            f"Kỳ báo cáo: từ ngày {self.date_from.strftime('%d/%m/%Y')} "
            f"đến ngày {self.date_to.strftime('%d/%m/%Y')}",
            formats["center"],
        )
        self._qms_xlsx_header(sheet, formats)
        row = XLSX_FIRST_DATA_ROW
        lines = self.line_ids.filtered(lambda line: not line.is_total)
        for index, line in enumerate(lines, start=1):
            self._qms_xlsx_row(sheet, row, index, line, formats)
            row += 1
        for line in self.line_ids.filtered("is_total"):
            self._qms_xlsx_row(sheet, row, None, line, formats)
            row += 1
        sheet.write(row + 1, 1, "NGƯỜI LẬP BIỂU", formats["signature"])
        sheet.write(row + 1, last_col - 3, "THỦ TRƯỞNG CƠ QUAN", formats["signature"])
        sheet.freeze_panes(XLSX_FIRST_DATA_ROW, 2)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        self.action_compute()
        name = (
            f"bao_cao_giai_quyet_tthc_{self.date_from.strftime('%Y%m%d')}"
            f"_{self.date_to.strftime('%Y%m%d')}.xlsx"
        )
        return self._qms_xlsx_download(self._build_statistics_xlsx(), name)
