"""A procedure code that is no text, sent the way the web client sends values, is refused in
words: a ValidationError for the client, no traceback, nothing saved."""

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
