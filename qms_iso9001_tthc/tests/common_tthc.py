import base64
import io
from datetime import timedelta

import openpyxl

from odoo import Command

from odoo.addons.qms_iso9001.tests.common import QmsCommon

HEADERS = (
    "STT",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Mức độ dịch vụ công trực tuyến",
)


class TthcCommon(QmsCommon):
    """Two fields of a catalogue, a procedure with per-method times, and a route for flows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().hours_per_day = 8.0
        cls.field_civil = cls.env["qms.tthc.field"].create({"name": "Hộ tịch", "code": "HT"})
        cls.field_cert = cls.env["qms.tthc.field"].create({"name": "Chứng thực", "code": "CT"})
        cls.handler = cls._create_qms_user(
            "tthc_handler", "qms_iso9001_tthc.group_qms_tthc_handler"
        )
        cls.one_stop = cls._create_qms_user("tthc_desk", "qms_iso9001_tthc.group_qms_tthc_one_stop")
        cls.officer_employee = cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.procedure = cls.env["qms.tthc.procedure"].create(
            {
                "code": "1.004859",
                "name": "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
                "field_id": cls.field_civil.id,
                "level": "commune",
                "department_id": cls.department_unit.id,
                "processing_time_ids": [
                    Command.create({"filing_method": "direct", "duration": 3, "unit": "day"}),
                    Command.create({"filing_method": "online", "duration": 2, "unit": "day"}),
                ],
            }
        )
        cls.env["qms.approval.route"].search([]).active = False
        cls.route = cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt quy trình TTHC",
                "model_id": cls.env["ir.model"]._get("qms.tthc.flow").id,
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Lãnh đạo phê duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _flow(cls, procedure=None, steps=()):
        """steps: (name, duration, unit, methods) tuples; methods among direct/online/postal."""
        return cls.env["qms.tthc.flow"].create(
            {
                "procedure_id": (procedure or cls.procedure).id,
                "step_ids": [
                    Command.create(
                        {
                            "sequence": index,
                            "name": name,
                            "duration": duration,
                            "duration_unit": unit,
                            "for_direct": "direct" in methods,
                            "for_online": "online" in methods,
                            "for_postal": "postal" in methods,
                        }
                    )
                    for index, (name, duration, unit, methods) in enumerate(steps)
                ],
            }
        )

    @staticmethod
    def _working_day_from(dossier, moment):
        """`moment`, or the same time of the next working day of the dossier's agency: an
        apology's new date must be a working day."""
        planner = dossier._qms_planner(moment)
        while not planner.is_working_day(moment):
            moment += timedelta(days=1)
        return moment

    def _approve(self, flow):
        flow.with_user(self.unit_officer).action_submit_for_approval()
        flow.with_user(self.leader).action_approve()
        return flow

    @staticmethod
    def _xlsx(rows, headers=HEADERS, title=True):
        book = openpyxl.Workbook()
        sheet = book.active
        if title:
            sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
            sheet.append([])
        sheet.append(headers)
        for row in rows:
            sheet.append(list(row))
        output = io.BytesIO()
        book.save(output)
        return base64.b64encode(output.getvalue())
