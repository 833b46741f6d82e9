import datetime
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..nc_tools import ensure_one
from ..xlsx import new_workbook


class QmsNonconformityRegister(models.TransientModel):
    """The nonconformity register (sổ theo dõi sự không phù hợp) as an Excel workbook.

    Agencies attach it to their periodic ISO report and management review, so it counts what
    auditors look at: actions per NC and whether each NC was closed by its deadline.
    """

    _name = "qms.nonconformity.register"
    _description = "Nonconformity Register Export"
    _inherit = ["qms.xlsx.export.mixin"]

    date_from = fields.Date(string="Detected From")
    date_to = fields.Date(string="Detected To")
    department_ids = fields.Many2many("hr.department", string="Units")
    include_cancelled = fields.Boolean()
    nonconformity_ids = fields.Many2many(
        "qms.nonconformity", string="Nonconformities", help="Empty: all that match the filters."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "qms.nonconformity":
            ids = self.env.context.get("active_ids")
            ids = ids if isinstance(ids, list | tuple) else []
            ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
            values["nonconformity_ids"] = [fields.Command.set(ids)]
        return values

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_from > wizard.date_to:
                raise UserError(self.env._("The start date must be before the end date."))

    def _get_nonconformities(self):
        self.ensure_one()
        if self.nonconformity_ids:
            return self.nonconformity_ids.sorted(lambda nc: (nc.date_detected, nc.name))
        domain = Domain.TRUE
        if self.date_from:
            domain &= Domain("date_detected", ">=", self.date_from)
        if self.date_to:
            domain &= Domain("date_detected", "<=", self.date_to)
        if self.department_ids:
            domain &= Domain("department_id", "child_of", self.department_ids.ids)
        if not self.include_cancelled:
            domain &= Domain("state", "!=", "cancelled")
        return self.env["qms.nonconformity"].search(domain, order="date_detected, name")

    def _headers(self):
        return [
            (self.env._("No."), 6),
            (self.env._("Number"), 16),
            (self.env._("Subject"), 45),
            (self.env._("Source"), 22),
            (self.env._("Unit"), 28),
            (self.env._("Severity"), 12),
            (self.env._("Detected On"), 13),
            (self.env._("Deadline"), 13),
            (self.env._("Status"), 16),
            (self.env._("Actions"), 10),
            (self.env._("Open Actions"), 10),
            (self.env._("Closed On"), 13),
            (self.env._("Closed on Time"), 12),
            (self.env._("Effectiveness"), 14),
        ]

    def _rows(self, nonconformities):
        def labels(field):
            return dict(nonconformities._fields[field]._description_selection(self.env))

        sources, severities, states = labels("source"), labels("severity"), labels("state")
        verdicts = labels("effectiveness")
        yes, no = self.env._("Yes"), self.env._("No")
        for index, nc in enumerate(nonconformities, start=1):
            on_time = ""
            if nc.state == "closed":
                on_time = yes if nc.is_closed_on_time else no
            yield [
                index,
                nc.name,
                nc.title,
                sources.get(nc.source, ""),
                nc.department_id.name or "",
                severities.get(nc.severity, ""),
                nc.date_detected,
                nc.date_deadline,
                states.get(nc.state, ""),
                nc.action_count,
                nc.open_action_count,
                nc.date_closed,
                on_time,
                verdicts.get(nc.effectiveness, ""),
            ]

    def _build_xlsx(self):
        self.ensure_one()
        nonconformities = self._get_nonconformities()
        output = io.BytesIO()
        workbook = new_workbook(output)
        bold = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"}
        )
        cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        date = workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
        sheet = workbook.add_worksheet(self.env._("Register"))
        company = self.env.company
        sheet.write(0, 0, company.qms_agency_name or company.name)
        sheet.write(1, 0, self.env._("NONCONFORMITY REGISTER"), bold)
        for col, (title, width) in enumerate(self._headers()):
            sheet.write(3, col, title, header)
            sheet.set_column(col, col, width)
        row_index = 4
        for row_index, row in enumerate(self._rows(nonconformities), start=4):
            for col, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(row_index, col, fields.Datetime.to_datetime(value), date)
                else:
                    sheet.write(row_index, col, value if value not in (None, False) else "", cell)
        sheet.freeze_panes(4, 3)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        ensure_one(self)
        file_name = "so_theo_doi_su_khong_phu_hop.xlsx"
        return self._qms_xlsx_download(self._build_xlsx(), file_name)
