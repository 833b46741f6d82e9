import base64

from odoo import fields, models


class QmsXlsxExportMixin(models.AbstractModel):
    """What every Excel export wizard of the QMS shares: the file kept on the wizard, the
    download link, and the cell formats of the agencies' tables, so that all the registers look
    alike when printed side by side."""

    _name = "qms.xlsx.export.mixin"
    _description = "QMS Excel Export"

    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _qms_xlsx_formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {
                    "bold": True,
                    "border": 1,
                    "bg_color": "#D9E1F2",
                    "text_wrap": True,
                    "align": "center",
                    "valign": "vcenter",
                }
            ),
            "cell": workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "date": workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"}),
            "number": workbook.add_format({"border": 1, "num_format": "0.00"}),
        }

    def _qms_xlsx_download(self, content, file_name):
        """Keep the built file on the wizard and hand it to the browser."""
        self.ensure_one()
        self.write({"file_data": base64.b64encode(content), "file_name": file_name})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{file_name}?download=true",
            "target": "self",
        }
