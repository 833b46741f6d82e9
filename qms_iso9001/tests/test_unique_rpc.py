"""A duplicate refused by a unique index reaches the user as that index's message.

The models keep no Python look-up in front of their unique indexes: the web client's call fails
on the index, Odoo turns the violation into a ValidationError carrying the index's (translated)
message, and the whole call is rolled back.
"""

import json

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestUniqueRpc(HttpCase, QmsCommon):
    """The standing office's ISO manager saves duplicates the way the web client does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qms_manager.password = "qms_manager"
        cls.procedure_type = cls.env.ref("qms_iso9001.document_type_business_procedure")
        cls.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực",
                "type_id": cls.procedure_type.id,
                "department_id": cls.department_unit.id,
                "code": "QT.01/HCTP",
            }
        )
        cls.env["qms.announcement"].create({"name": "15/QĐ-STP"})
        cls.env["qms.report"].create({"report_type": "year", "year": 2025})
        cls.env["qms.report.unit"].create(
            {"department_id": cls.department_unit.id, "year": 2026, "half": "1"}
        )
        cls.env["qms.objective"].create({"name": "Mục tiêu chất lượng năm 2026", "year": 2026})
        criteria = cls.env["qms.emulation.criterion"]
        if not criteria.search_count([("metric", "=", "objectives_met")]):
            criteria.create({"name": "Mục tiêu đạt", "metric": "objectives_met"})
        cls.training = cls.env["qms.training"].create(
            {
                "name": "Nhận thức ISO 9001:2015",
                "attendee_ids": [
                    Command.create({"employee_id": cls.employee_member.id}),
                    Command.create({"employee_id": cls.employee_secretary.id}),
                ],
            }
        )

    def _call(self, model, method, args, **kwargs):
        """The web client's JSON-RPC call; returns (result, error message)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        }
        with mute_logger("odoo.sql_db", "odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        error = answer.get("error")
        if not error:
            return answer["result"], None
        self.assertEqual(error["data"]["name"], "odoo.exceptions.ValidationError", error)
        self.assertNotIn("Traceback", error["data"]["message"])
        return None, error["data"]["message"]

    def _save_new(self, model, vals):
        """The form's Save button on a new record."""
        return self._call(model, "web_save", [[], vals], specification={"display_name": {}})

    def _assert_refused(
        self, model, domain, call, message, prefix="The operation cannot be completed"
    ):
        count = self.env[model].with_context(active_test=False).search_count(domain)
        result, error = call()
        self.assertIsNone(result, f"{model}: the duplicate was saved")
        self.assertEqual(error, f"{prefix}: {message}")
        self.env.invalidate_all()
        self.assertEqual(
            self.env[model].with_context(active_test=False).search_count(domain),
            count,
            f"{model}: nothing is saved",
        )

    def test_duplicates_are_refused_with_the_index_message(self):
        self.authenticate("qms_manager", "qms_manager")
        unit = self.department_unit.id
        cases = [
            (
                "qms.document",
                [("code", "=", "QT.01/HCTP")],
                lambda: self._save_new(
                    "qms.document",
                    {
                        "name": "Quy trình khác",
                        "type_id": self.procedure_type.id,
                        "department_id": unit,
                        "code": "QT.01/HCTP",
                    },
                ),
                "Another document of this agency already has this code.",
            ),
            (
                "qms.announcement",
                [("name", "=", "15/QĐ-STP")],
                lambda: self._call("qms.announcement", "create", [{"name": "15/QĐ-STP"}]),
                "Another announcement of this agency already has this decision number.",
            ),
            (
                "qms.report",
                [("year", "=", 2025)],
                lambda: self._save_new("qms.report", {"report_type": "year", "year": 2025}),
                "This agency already has a report for this period: open it instead of creating "
                "another one.",
            ),
            (
                "qms.report.unit",
                [("department_id", "=", unit)],
                lambda: self._save_new(
                    "qms.report.unit", {"department_id": unit, "year": 2026, "half": "1"}
                ),
                "This unit already has its report for this period: open it instead.",
            ),
            (
                "qms.objective",
                [("year", "=", 2026)],
                lambda: self._save_new("qms.objective", {"name": "Trùng", "year": 2026}),
                "This unit (or the agency) already has quality objectives for this year: "
                "complete them instead of creating new ones.",
            ),
            (
                "qms.emulation.criterion",
                [("metric", "=", "objectives_met")],
                lambda: self._save_new(
                    "qms.emulation.criterion",
                    {"name": "Đếm lại mục tiêu", "metric": "objectives_met", "weight": 10},
                ),
                "Another active criterion of this agency already measures this metric: change "
                "its weight instead of counting the same thing twice.",
            ),
        ]
        for model, domain, call, message in cases:
            with self.subTest(model=model):
                self._assert_refused(model, domain, call, message)

    def test_a_renamed_line_is_refused_and_left_as_it_was(self):
        """A write fails on the index only when the transaction is flushed, after the method
        returned: the message is the same and the line keeps its employee."""
        self.authenticate("qms_manager", "qms_manager")
        line = self.training.attendee_ids.filtered(
            lambda attendee: attendee.employee_id == self.employee_secretary
        )
        result, error = self._call(
            "qms.training.attendee", "write", [line.ids, {"employee_id": self.employee_member.id}]
        )
        self.assertIsNone(result)
        self.assertEqual(
            error,
            "The operation cannot be completed: This employee is already listed for this training.",
        )
        line.invalidate_recordset()
        self.assertEqual(line.employee_id, self.employee_secretary)

    def test_the_message_is_in_the_users_language(self):
        """The index's message as translated in the user's language (stood for here by writing
        the term: loading vi.po inside a test did not reach `ir.model.constraint`)."""
        self.env["res.lang"]._activate_lang("vi_VN")
        vietnamese = "Cơ quan đã có báo cáo cho kỳ này: hãy mở báo cáo đó thay vì tạo báo cáo mới."
        constraint = self.env["ir.model.constraint"].search(
            [("name", "=", "qms_report_period_uniq")]
        )
        constraint.with_context(lang="vi_VN").message = vietnamese
        self.qms_manager.lang = "vi_VN"
        self.authenticate("qms_manager", "qms_manager")
        self._assert_refused(
            "qms.report",
            [("year", "=", 2025)],
            lambda: self._save_new("qms.report", {"report_type": "year", "year": 2025}),
            vietnamese,
            prefix="Không thể hoàn tất thao tác",
        )
