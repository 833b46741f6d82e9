import datetime
import io

from odoo import api, fields, models
from odoo.fields import Domain

from ..xlsx import new_workbook


class QmsRiskRegisterWizard(models.TransientModel):
    """Risk matrix (heat map) and Excel register of the risks picked by unit, year and type.

    One selection feeds both outputs so that the matrix a leader looks at and the register the
    units file always count the same risks.
    """

    _name = "qms.risk.register.wizard"
    _description = "Risk Matrix and Register"
    _inherit = ["qms.xlsx.export.mixin"]

    department_ids = fields.Many2many("hr.department", string="Units")
    year = fields.Integer(
        default=lambda self: fields.Date.context_today(self).year,
        help="Risks open at some point of this year (0: all years).",
    )
    risk_type = fields.Selection(
        [("risk", "Risks"), ("opportunity", "Opportunities")],
        string="Type",
        help="Leave empty for both.",
    )
    basis = fields.Selection(
        [("inherent", "Initial Rating"), ("residual", "Residual Rating")],
        string="Rate By",
        required=True,
        default="inherent",
    )
    include_closed = fields.Boolean()
    risk_count = fields.Integer(compute="_compute_matrix_html")
    matrix_html = fields.Html(
        string="Risk Matrix", compute="_compute_matrix_html", sanitize=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Selection
    # ------------------------------------------------------------------
    def _get_risks(self):
        self.ensure_one()
        domain = Domain.TRUE
        if self.department_ids:
            domain &= Domain("department_id", "child_of", self.department_ids.ids)
        if self.risk_type:
            domain &= Domain("risk_type", "=", self.risk_type)
        if not self.include_closed:
            domain &= Domain("state", "!=", "closed")
        if self.year:
            # identified by the end of the year, and still open at its start
            domain &= Domain("date_identified", "<=", datetime.date(self.year, 12, 31)) & (
                Domain("date_closed", "=", False)
                | Domain("date_closed", ">=", datetime.date(self.year, 1, 1))
            )
        return self.env["qms.risk"].search(domain, order="department_id, score desc, id")

    # ------------------------------------------------------------------
    # Matrix
    # ------------------------------------------------------------------
    def _matrix_values(self):
        """Cells from the most likely row down, impact growing to the right, as on paper."""
        self.ensure_one()
        company = self.env.company
        risks = self._get_risks()
        levels = self.env["qms.risk.level"].search([])
        residual = self.basis == "residual"
        by_cell = {}
        for risk in risks:
            key = (
                (risk.residual_likelihood, risk.residual_impact)
                if residual
                else (risk.likelihood, risk.impact)
            )
            by_cell.setdefault(key, []).append(risk)
        impacts = list(range(1, company.qms_risk_impact_max + 1))
        rows = []
        for likelihood in range(company.qms_risk_likelihood_max, 0, -1):
            cells = []
            for impact in impacts:
                level = levels._level_for_score(likelihood * impact, levels)
                cell_risks = by_cell.get((likelihood, impact), [])
                cells.append(
                    {
                        "likelihood": likelihood,
                        "impact": impact,
                        "score": likelihood * impact,
                        "color": level.color or "#ffffff",
                        "level": level.name or "",
                        "count": len(cell_risks),
                        "codes": ", ".join(r.code or r.name for r in cell_risks),
                    }
                )
            rows.append({"likelihood": likelihood, "cells": cells})
        return {
            "rows": rows,
            "impacts": impacts,
            "levels": levels,
            "level_counts": {
                level.id: sum(
                    1
                    for risk in risks
                    if (risk.residual_level_id if residual else risk.level_id) == level
                )
                for level in levels
            },
            "unrated": sum(1 for risk in risks if residual and not risk.residual_score),
            "total": len(risks),
            "residual": residual,
        }

    @api.depends("department_ids", "year", "risk_type", "basis", "include_closed")
    def _compute_matrix_html(self):
        for wizard in self:
            values = wizard._matrix_values()
            wizard.risk_count = values["total"]
            wizard.matrix_html = self.env["ir.qweb"]._render(
                "qms_iso9001.qms_risk_matrix_grid", values
            )

    def action_print_matrix(self):
        self.ensure_one()
        return self.env.ref("qms_iso9001.action_report_qms_risk_matrix").report_action(
            self, config=False
        )

    def action_open_risks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Risk Register"),
            "res_model": "qms.risk",
            "view_mode": "list,form,pivot",
            "views": [(False, "list"), (False, "form"), (False, "pivot")],
            "domain": [("id", "in", self._get_risks().ids)],
        }

    # ------------------------------------------------------------------
    # Excel
    # ------------------------------------------------------------------
    def _register_headers(self):
        return [
            (self.env._("No."), 6),
            (self.env._("Reference"), 14),
            (self.env._("Type"), 12),
            (self.env._("Unit"), 24),
            (self.env._("Process / Activity"), 24),
            (self.env._("Risk / Opportunity"), 40),
            (self.env._("Cause"), 30),
            (self.env._("Consequence"), 30),
            (self.env._("Likelihood"), 10),
            (self.env._("Impact"), 10),
            (self.env._("Score"), 8),
            (self.env._("Level"), 14),
            (self.env._("Treatment"), 14),
            (self.env._("Treatment Plan"), 36),
            (self.env._("Actions"), 36),
            (self.env._("Owner"), 22),
            (self.env._("Residual Score"), 10),
            (self.env._("Residual Level"), 14),
            (self.env._("Next Review"), 14),
            (self.env._("Status"), 14),
        ]

    def _register_row(self, index, risk, labels):
        actions = risk.sudo().action_ids
        return [
            index,
            risk.code or "",
            labels["risk_type"].get(risk.risk_type, ""),
            risk.department_id.name or "",
            risk.process or (risk.sudo().document_id.display_name or ""),
            risk.name,
            risk.cause or "",
            risk.consequence or "",
            risk.likelihood,
            risk.impact,
            risk.score,
            risk.level_id,
            labels["treatment"].get(risk.treatment, ""),
            risk.treatment_plan or "",
            "\n".join(action.name for action in actions),
            risk.owner_id.name or "",
            risk.residual_score or "",
            risk.residual_level_id,
            risk.date_review or "",
            labels["state"].get(risk.state, ""),
        ]

    def _build_xlsx(self):
        self.ensure_one()
        risks = self._get_risks()
        company = self.env.company
        labels = {
            name: dict(risks._fields[name]._description_selection(self.env))
            for name in ("risk_type", "treatment", "state")
        }
        output = io.BytesIO()
        workbook = new_workbook(output)
        base = {"border": 1, "text_wrap": True, "valign": "top"}
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                dict(base, bold=True, bg_color="#D9E1F2", align="center", valign="vcenter")
            ),
            "cell": workbook.add_format(base),
            "date": workbook.add_format(dict(base, num_format="dd/mm/yyyy")),
        }
        level_formats = {}
        sheet = workbook.add_worksheet(self.env._("Risk Register")[:31])
        sheet.write(0, 0, company.qms_agency_name or company.name, formats["title"])
        sheet.write(1, 0, self.env._("RISK AND OPPORTUNITY REGISTER"), formats["title"])
        subtitle = ", ".join(self.department_ids.mapped("name")) or self.env._("All units")
        if self.year:
            subtitle += f" - {self.year}"
        sheet.write(2, 0, subtitle)
        headers = self._register_headers()
        for col, (header, width) in enumerate(headers):
            sheet.write(4, col, header, formats["header"])
            sheet.set_column(col, col, width)
        for row_index, risk in enumerate(risks, start=5):
            values = self._register_row(row_index - 4, risk, labels)
            for col, value in enumerate(values):
                if isinstance(value, models.BaseModel):
                    if value.id not in level_formats:
                        level_formats[value.id] = workbook.add_format(
                            dict(base, bold=True, bg_color=value.color or "#FFFFFF")
                        )
                    cell_format = level_formats[value.id] if value else formats["cell"]
                    sheet.write(row_index, col, value.name or "", cell_format)
                elif isinstance(value, datetime.date):
                    sheet.write_datetime(
                        row_index, col, fields.Datetime.to_datetime(value), formats["date"]
                    )
                else:
                    sheet.write(row_index, col, value, formats["cell"])
        sheet.autofilter(4, 0, 4 + len(risks), len(headers) - 1)
        sheet.freeze_panes(5, 0)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        file_name = f"so_dang_ky_rui_ro_{self.year or 'all'}.xlsx"
        return self._qms_xlsx_download(self._build_xlsx(), file_name)
