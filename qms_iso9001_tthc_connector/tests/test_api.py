import base64
import json
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.qms_iso9001_tthc.tests.common_tthc import TthcCommon

API = "/api/tthc/v1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


@tagged("post_install", "-at_install")
class TestTthcApi(HttpCase, TthcCommon):
    """The REST API as a connected system calls it, over HTTP: keys, catalogue, dossiers from
    online applications, the events of their life, idempotency and the errors' format."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("qms_iso9001_tthc_connector.fastapi_endpoint_tthc_v1")._handle_registry_sync()
        flow = cls._flow(
            steps=[
                ("Tiếp nhận hồ sơ", 0.5, "day", ("direct", "online")),
                ("Thẩm định hồ sơ", 2, "day", ("direct",)),
                ("Thẩm định hồ sơ trực tuyến", 1, "day", ("online",)),
                ("Lãnh đạo ký", 0.5, "day", ("direct", "online")),
            ]
        )
        flow.with_user(cls.unit_officer).action_submit_for_approval()
        flow.with_user(cls.leader).action_approve()
        System = cls.env["qms.tthc.connected.system"]
        cls.system = System.with_user(cls.qms_manager).create(
            {"name": "Cổng Dịch vụ công quốc gia", "code": "DVCQG", "kind": "national"}
        )
        cls.key = cls.system.with_user(cls.qms_manager).action_generate_key()["context"][
            "default_key"
        ]
        cls.company_b = cls.env["res.company"].create({"name": "Sở Tư pháp (API test)"})
        cls.system_b = System.create(
            {"name": "Hệ thống tỉnh", "code": "HTTT", "company_id": cls.company_b.id}
        )
        cls.key_b = cls.system_b.action_generate_key()["context"]["default_key"]

    # ------------------------------------------------------------------ helpers
    def _call(self, method, path, body=None, key=None):
        headers = {"X-API-Key": self.key if key is None else key}
        if not key and key is not None:
            headers = {}
        response = self.url_open(
            API + path,
            method=method,
            data=json.dumps(body) if body is not None else None,
            headers={**headers, "Content-Type": "application/json"},
        )
        return response.status_code, response.json()

    def _application(self, external="G22.99-261202-0001", event="create-1", **values):
        body = {
            "event_id": event,
            "external_code": external,
            "procedure_code": self.procedure.code,
            "channel": "online",
            "applicant": {
                "name": "Nguyễn Văn An",
                "id_number": "045090001234",
                "phone": "0912 345 678",
                "email": "an.nguyen@example.com",
            },
            "papers": [
                {
                    "filename": "to-khai.pdf",
                    "mimetype": "application/pdf",
                    "component": "Tờ khai",
                    "content_base64": base64.b64encode(PDF).decode(),
                }
            ],
        }
        body.update(values)
        return body

    def _create(self, external="G22.99-261202-0001"):
        status, answer = self._call("POST", "/dossiers", self._application(external))
        self.assertEqual(status, 200, answer)
        return self.env["qms.tthc.dossier"].search([("name", "=", answer["dossier_code"])])

    def _event(self, external, event_id, kind, **values):
        return self._call(
            "POST", f"/dossiers/{external}/events", {"event_id": event_id, "kind": kind, **values}
        )

    # ------------------------------------------------------------------ keys
    def test_bad_key_refused(self):
        for key in ("", "tthc_unknown", "not-a-key"):
            status, answer = self._call("GET", "/procedures", key=key)
            self.assertEqual(status, 401, key)
            self.assertEqual(answer["detail"]["code"], "invalid_api_key")
        self.system.key_ids.with_user(self.qms_manager).action_revoke()
        status, answer = self._call("GET", "/procedures")
        self.assertEqual(status, 401)

    # ------------------------------------------------------------------ catalogue
    def test_catalogue(self):
        status, answer = self._call("GET", "/procedures")
        self.assertEqual(status, 200, answer)
        procedure = next(p for p in answer if p["code"] == self.procedure.code)
        self.assertEqual(procedure["field"]["name"], "Hộ tịch")
        self.assertEqual(
            {(t["filing_method"], t["duration"]) for t in procedure["time_limits"]},
            {("direct", 3.0), ("online", 2.0)},
        )
        self.assertIn("online_level", procedure)
        status, flow = self._call("GET", f"/procedures/{self.procedure.code}/flow")
        self.assertEqual(status, 200, flow)
        self.assertEqual(len(flow["steps"]), 4)
        self.assertEqual(flow["steps"][2]["filing_methods"], ["online"])
        status, answer = self._call("GET", "/procedures/9.999999")
        self.assertEqual((status, answer["detail"]["code"]), (404, "procedure_not_found"))
        # the other agency's system does not see this agency's catalogue
        status, answer = self._call("GET", "/procedures", key=self.key_b)
        self.assertEqual(status, 200)
        self.assertFalse([p for p in answer if p["code"] == self.procedure.code])

    # ------------------------------------------------------------------ dossiers
    def test_create_dossier_idempotent(self):
        body = self._application()
        status, first = self._call("POST", "/dossiers", body)
        self.assertEqual(status, 200, first)
        self.assertFalse(first["duplicate"])
        dossier = self.env["qms.tthc.dossier"].search([("name", "=", first["dossier_code"])])
        self.assertEqual(dossier.channel, "online")
        self.assertEqual(dossier.state, "received")
        self.assertEqual(dossier.received_by_id, self.system.user_id)
        self.assertEqual(dossier.applicant_id.qms_id_number, "045090001234")
        self.assertTrue(dossier.appointment_date)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "qms.tthc.dossier"), ("res_id", "=", dossier.id)]
        )
        self.assertEqual(attachment.raw, PDF)
        # the same call again: nothing changes, the answer says so
        status, again = self._call("POST", "/dossiers", body)
        self.assertEqual(status, 200)
        self.assertTrue(again["duplicate"])
        self.assertEqual(again["dossier_code"], first["dossier_code"])
        self.assertEqual(
            self.env["qms.tthc.connector.link"].search_count(
                [("external_code", "=", body["external_code"])]
            ),
            1,
        )
        # the same event ID with another content, or a new event ID for the same application
        status, answer = self._call("POST", "/dossiers", dict(body, channel="postal"))
        self.assertEqual((status, answer["detail"]["code"]), (409, "event_id_reused"))
        status, answer = self._call("POST", "/dossiers", dict(body, event_id="create-2"))
        self.assertEqual((status, answer["detail"]["code"]), (409, "dossier_exists"))
        status, answer = self._call("GET", f"/dossiers/{body['external_code']}")
        self.assertEqual(status, 200)
        self.assertEqual(answer["state"], "received")

    def test_invalid_requests(self):
        count = self.env["qms.tthc.dossier"].search_count([])
        body = self._application()
        del body["applicant"]
        status, answer = self._call("POST", "/dossiers", body)
        self.assertEqual(status, 422, answer)
        self.assertEqual(answer["detail"]["code"], "invalid_request")
        self.assertIn("body.applicant", [error["field"] for error in answer["detail"]["errors"]])
        self.assertEqual(answer["detail"]["errors"][0]["message"], "This field is required.")
        bad_paper = self._application(
            papers=[
                {
                    "filename": "virus.pdf",
                    "mimetype": "application/pdf",
                    "content_base64": base64.b64encode(b"MZ\x90\x00 not a pdf").decode(),
                }
            ]
        )
        status, answer = self._call("POST", "/dossiers", bad_paper)
        self.assertEqual((status, answer["detail"]["code"]), (422, "paper_type_not_allowed"))
        status, answer = self._call(
            "POST", "/dossiers", self._application(procedure_code="9.999999")
        )
        self.assertEqual((status, answer["detail"]["code"]), (404, "procedure_not_found"))
        # a refusal of the dossier's own guard: received in the future
        status, answer = self._call(
            "POST", "/dossiers", self._application(received_at="2099-01-01T08:00:00Z")
        )
        self.assertEqual((status, answer["detail"]["code"]), (422, "refused"))
        self.assertEqual(self.env["qms.tthc.dossier"].search_count([]), count)
        self.assertFalse(self.env["qms.tthc.connector.event"].search([]))

    def test_other_agency_refused(self):
        dossier = self._create()
        status, answer = self._call("GET", "/dossiers/G22.99-261202-0001", key=self.key_b)
        self.assertEqual((status, answer["detail"]["code"]), (404, "dossier_not_found"))
        status, answer = self._call(
            "POST",
            "/dossiers/G22.99-261202-0001/events",
            {"event_id": "b-1", "kind": "withdrawn", "reason": "Rút hồ sơ"},
            key=self.key_b,
        )
        self.assertEqual(status, 404)
        self.assertEqual(dossier.state, "received")
        with self.assertRaises(AccessError):
            dossier.with_user(self.system_b.user_id).check_access("read")

    # ------------------------------------------------------------------ events
    def test_life_of_a_dossier(self):
        dossier = self._create()
        external = "G22.99-261202-0001"
        status, answer = self._event(external, "e1", "received")
        self.assertEqual((status, answer["state"]), (200, "received"), answer)
        status, answer = self._event(external, "e2", "handed_over", to_user=self.handler.login)
        self.assertEqual((status, answer["state"]), (200, "in_progress"), answer)
        self.assertEqual(dossier.current_user_id, self.handler)
        status, answer = self._event(external, "e3", "supplement_requested", reason="Thiếu tờ khai")
        self.assertEqual((status, answer["state"]), (200, "supplement"), answer)
        status, answer = self._event(external, "e4", "supplement_received")
        self.assertEqual((status, answer["state"]), (200, "in_progress"), answer)
        status, answer = self._event(external, "e5", "handed_over", to_user=self.handler.login)
        self.assertEqual(status, 200, answer)
        status, answer = self._event(external, "e6", "resolved", note="Đã ký")
        self.assertEqual((status, answer["state"]), (200, "resolved"), answer)
        status, answer = self._event(external, "e7", "returned")
        self.assertEqual((status, answer["state"]), (200, "returned"), answer)
        # repeated: nothing changes, the first answer comes back
        status, answer = self._event(external, "e6", "resolved", note="Đã ký")
        self.assertEqual(status, 200)
        self.assertTrue(answer["duplicate"])
        self.assertEqual(answer["state"], "resolved")
        self.assertEqual(dossier.state, "returned")
        # a transition the dossier refuses is answered, not stored
        status, answer = self._event(external, "e8", "withdrawn", reason="Rút")
        self.assertEqual((status, answer["detail"]["code"]), (422, "refused"))
        events = self.env["qms.tthc.connector.event"].search([("dossier_id", "=", dossier.id)])
        self.assertEqual(len(events), 8)  # the creation and e1..e7
        status, answer = self._event(external, "e9", "rated", rating="satisfied")
        self.assertEqual(status, 200, answer)
        rated = self.env["qms.tthc.connector.event"].search([("event_id", "=", "e9")])
        self.assertEqual(rated.rating, "satisfied")
        dossier.invalidate_recordset()
        self.assertEqual((dossier.rating, dossier.rating_channel), ("satisfied", "connector"))
        # rated once: a second rating under another event id is refused, not stored
        status, answer = self._event(external, "e10", "rated", rating="acceptable")
        self.assertEqual((status, answer["detail"]["code"]), (422, "refused"))
        self.assertEqual(dossier.rating, "satisfied")

    def test_not_satisfied_rating_opens_a_complaint(self):
        """A "not satisfied" received from the connected system is the citizen's complaint: the
        standing office finds it in its feedback register, linked to the dossier."""
        external = "A-NS"
        dossier = self._create(external)
        # the online path has two steps after the reception: checking, then signing
        for event in ("n0", "n0b"):
            self.assertEqual(
                self._event(external, event, "handed_over", to_user=self.handler.login)[0], 200
            )
        self.assertEqual(self._event(external, "n1", "resolved", note="Đã ký")[0], 200)
        # not yet returned: the citizen cannot rate yet
        status, answer = self._event(external, "n2", "rated", rating="not_satisfied", reason="Chậm")
        self.assertEqual((status, answer["detail"]["code"]), (422, "refused"))
        self.assertEqual(self._event(external, "n3", "returned")[0], 200)
        status, answer = self._event(
            external, "n4", "rated", rating="not_satisfied", reason="Trả kết quả chậm hai ngày"
        )
        self.assertEqual(status, 200, answer)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.rating, "dissatisfied")
        complaint = dossier.rating_feedback_id
        self.assertTrue(complaint)
        self.assertEqual((complaint.kind, complaint.channel), ("dissatisfied", "connector"))
        self.assertIn("Trả kết quả chậm hai ngày", complaint.description)

    def test_refused_withdrawn_rated_checks(self):
        self._create("A-1")
        dossier_2 = self._create("A-2")
        status, answer = self._event("A-1", "r1", "refused", reason="Không thuộc thẩm quyền")
        self.assertEqual((status, answer["state"]), (200, "refused"), answer)
        status, answer = self._event("A-2", "w1", "withdrawn", reason="Công dân rút hồ sơ")
        self.assertEqual((status, answer["state"]), (200, "withdrawn"), answer)
        self.assertEqual(dossier_2.withdrawal_reason, "Công dân rút hồ sơ")
        status, answer = self._event("A-2", "x1", "refused")
        self.assertEqual((status, answer["detail"]["code"]), (422, "refused"))
        status, answer = self._event("A-2", "rt1", "rated", rating="not_satisfied")
        self.assertEqual((status, answer["detail"]["code"]), (422, "reason_required"))
        status, answer = self._event("A-2", "rt2", "rated", rating="great")
        self.assertEqual((status, answer["detail"]["code"]), (422, "invalid_request"))
        status, answer = self._event("A-9", "z1", "received")
        self.assertEqual((status, answer["detail"]["code"]), (404, "dossier_not_found"))

    # ------------------------------------------------------------------ OpenAPI
    def test_openapi_document_committed(self):
        """docs/api/openapi.json is the document the server serves (make openapi)."""
        response = self.url_open(f"{API}/openapi.json")
        self.assertEqual(response.status_code, 200)
        served = response.json()
        self.assertIn("/dossiers/{external_code}/events", served["paths"])
        committed = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
        self.assertEqual(committed, served, "run `make openapi` and commit the file")
