"""The catalogue's refusals sent the way the web client sends values: a procedure code that is
no text, the parts of an abolished procedure, a part moved to another agency's procedure. Each
is refused in words for the client, no traceback, nothing saved."""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcCodeRpc(HttpCase, TthcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qms_manager.password = "qms_manager"

    def _call(self, model, method, args):
        """The web client's JSON-RPC call; returns the error it answers."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": {}},
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        return response.json().get("error")

    def test_code_as_a_list_or_a_number_is_a_validation_error(self):
        self.authenticate("qms_manager", "qms_manager")
        Procedure = self.env["qms.tthc.procedure"]
        count = Procedure.search_count([])
        calls = [
            (
                "create",
                [{"code": ["1.000593"], "name": "Thủ tục", "field_id": self.field_civil.id}],
            ),
            ("create", [{"code": 1000593, "name": "Thủ tục", "field_id": self.field_civil.id}]),
            ("write", [self.procedure.ids, {"code": ["1.000593"]}]),
            ("write", [self.procedure.ids, {"code": 1000593}]),
        ]
        for method, args in calls:
            with self.subTest(method=method, code=args[-1]["code"]):
                error = self._call("qms.tthc.procedure", method, args)
                self.assertTrue(error, "the call was accepted")
                self.assertEqual(error["data"]["name"], "odoo.exceptions.ValidationError", error)
                self.assertEqual(
                    error["data"]["message"],
                    "National Code of Administrative Procedure: expected a text.",
                )
                self.assertNotIn("Traceback", error["data"]["message"])
        self.env.invalidate_all()
        self.assertEqual(Procedure.search_count([]), count)
        self.assertEqual(self.procedure.code, "1.004859")

    def test_parts_of_an_abolished_procedure_and_moves_out_of_the_agency(self):
        """What the procedure form refuses, a JSON-RPC call of the same user refuses too."""
        fee = self.env["qms.tthc.procedure.fee"].create(
            {"procedure_id": self.procedure.id, "name": "Lệ phí", "amount": 8000}
        )
        paper = self.env["qms.tthc.procedure.component"].create(
            {"procedure_id": self.procedure.id, "name": "Tờ khai"}
        )
        other = self.env["res.company"].create({"name": "UBND xã Gio Linh"})
        foreign = self.env["qms.tthc.procedure"].create(
            {
                "code": "1.000894",
                "name": "Thủ tục của xã khác",
                "company_id": other.id,
                "field_id": self.env["qms.tthc.field"]
                .create({"name": "Hộ tịch", "company_id": other.id})
                .id,
            }
        )
        self.authenticate("qms_manager", "qms_manager")
        # moved onto another agency's procedure: refused while the procedure is in force
        error = self._call(
            "qms.tthc.procedure.fee", "write", [fee.ids, {"procedure_id": foreign.id}]
        )
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError", error)
        self.procedure.action_abolish("2026-06-30")
        frozen = "is abolished: its processing times, fees and dossier papers stay"
        calls = [
            ("qms.tthc.procedure.fee", "write", [fee.ids, {"amount": 9000}]),
            (
                "qms.tthc.procedure.fee",
                "create",
                [{"procedure_id": self.procedure.id, "name": "Phí mới", "amount": 1000}],
            ),
            ("qms.tthc.procedure.component", "unlink", [paper.ids]),
            ("qms.tthc.procedure", "write", [self.procedure.ids, {"fee_ids": [(2, fee.id)]}]),
        ]
        for model, method, args in calls:
            with self.subTest(model=model, method=method):
                error = self._call(model, method, args)
                self.assertTrue(error, "the call was accepted")
                self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError", error)
                self.assertNotIn("Traceback", error["data"]["message"])
                if model != "qms.tthc.procedure":
                    self.assertIn(frozen, error["data"]["message"])
        self.env.invalidate_all()
        self.assertEqual(fee.procedure_id, self.procedure)
        self.assertEqual(fee.amount, 8000)
        self.assertEqual(self.procedure.fee_ids, fee)
        self.assertTrue(paper.exists())
