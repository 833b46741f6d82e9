import re
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.qms_iso9001_tthc.models.qms_tthc_lookup_attempt import LOOKUP_MAX_ATTEMPTS

from .common_tthc import TthcCommon

CSRF_TOKEN = re.compile(r"[0-9a-f]{40}o\d+")
# Monday 2 March 2026, 09:00 in Hanoi: the first dossier of the day gets number 0001.
RECEIVED_AT = datetime(2026, 3, 2, 2, 0)
CODE = "UBNDXA-260302-0001"


@tagged("post_install", "-at_install")
class TestTthcLookup(HttpCase, TthcCommon):
    """The public look-up page and the applicants' portal pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_code = "UBNDXA"
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
        cls.citizen = cls.env["res.partner"].create(
            {
                "name": "Nguyễn Văn An",
                "phone": "0912 345 678",
                "street": "12 Lê Lợi, phường Đông Hà",
                "qms_id_number": "045090001234",
            }
        )
        cls.neighbour = cls.env["res.partner"].create(
            {"name": "Trần Thị Bình", "phone": "0987 654 321"}
        )
        Dossier = cls.env["qms.tthc.dossier"]
        cls.dossier = Dossier.create(
            {
                "procedure_id": cls.procedure.id,
                "applicant_id": cls.citizen.id,
                "received_at": RECEIVED_AT,
            }
        )
        cls.dossier.action_hand_over(cls.handler)
        cls.other_dossier = Dossier.create(
            {
                "procedure_id": cls.procedure.id,
                "applicant_id": cls.neighbour.id,
                "received_at": RECEIVED_AT + timedelta(days=1),
            }
        )
        cls.citizen_user = new_test_user(
            cls.env, login="citizen_an", groups="base.group_portal", partner_id=cls.citizen.id
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _lookup(self, code, digits):
        page = self.url_open("/tra-cuu-ho-so")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/tra-cuu-ho-so", data={"csrf_token": token, "code": code, "digits": digits}
        )
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_right_pair_shows_where_the_dossier_stands(self):
        self.assertEqual(self.dossier.name, CODE)
        new_date = self.dossier.appointment_date + timedelta(days=3)
        self.dossier.action_apologize(new_date, "Cần xác minh thêm tại nơi cư trú")
        for code, digits in ((CODE, "5678"), (f"  {CODE.lower()} ", "1234")):
            body = self._lookup(code, digits)
            self.assertIn('data-state="in_progress"', body)
            self.assertIn(self.procedure.name, body)
            self.assertIn("o_qms_lookup_appointment", body)
            self.assertIn("o_qms_lookup_new_appointment", body)
            self.assertEqual(body.count('o_qms_lookup_step"'), 2, "received, then with the unit")
            self.assertIn("Thẩm định hồ sơ", body)
            # the phone in any spelling; tokens and asset hashes are random hex, so left out
            visible = re.sub(r"[0-9a-f]{16,}", "", body).replace(" ", "")
            for private in ("NguyễnVănAn", "0912345", "LêLợi", "045090001234", "Cầnxácminh"):
                self.assertNotIn(private, visible)

    def test_refused_dossier_shows_no_return_date(self):
        self.other_dossier.action_refuse("Thủ tục không thuộc thẩm quyền của xã")
        body = self._lookup(self.other_dossier.name, "4321")
        self.assertIn('data-state="refused"', body)
        self.assertIn("o_qms_lookup_refusal_hint", body)
        self.assertNotIn("o_qms_lookup_appointment", body)
        self.assertNotIn("không thuộc thẩm quyền", body, "the reason is for the applicant's eyes")

    def test_wrong_pair_answers_as_an_unknown_code(self):
        wrong_pair = self._lookup(CODE, "9999")
        unknown_code = self._lookup("UBNDXA-260302-0099", "5678")
        self.assertIn("o_qms_lookup_not_found", wrong_pair)
        self.assertNotIn("o_qms_tthc_lookup_result", wrong_pair)
        self.assertEqual(
            CSRF_TOKEN.sub("<csrf>", wrong_pair),
            CSRF_TOKEN.sub("<csrf>", unknown_code),
            "a wrong secret must not tell that the code exists",
        )
        # another applicant's digits do not open the dossier either
        self.assertNotIn("o_qms_tthc_lookup_result", self._lookup(CODE, "4321"))

    def test_malformed_input_is_not_looked_up(self):
        body = self._lookup("UBNDXA-260302-0001' OR 1=1", "5678")
        self.assertIn("o_qms_lookup_invalid", body)
        self.assertNotIn("o_qms_tthc_lookup_result", body)
        self.assertIn("o_qms_lookup_invalid", self._lookup(CODE, "56"))
        self.assertFalse(self.env["qms.tthc.lookup.attempt"].search_count([]))

    def test_throttling_refuses_even_the_right_pair(self):
        for attempt in range(LOOKUP_MAX_ATTEMPTS):
            body = self._lookup(f"UBNDXA-260302-{attempt + 10:04d}", "5678")
            self.assertIn("o_qms_lookup_not_found", body)
        body = self._lookup(CODE, "5678")
        self.assertIn("o_qms_lookup_throttled", body)
        self.assertNotIn("o_qms_tthc_lookup_result", body)
        Attempt = self.env["qms.tthc.lookup.attempt"]
        self.assertEqual(
            Attempt.search_count([]), LOOKUP_MAX_ATTEMPTS, "refused tries are not stored"
        )
        # once the tries leave the window they neither count nor stay in the database
        self.env.cr.execute(
            "UPDATE qms_tthc_lookup_attempt SET create_date = create_date - interval '11 minutes'"
        )
        Attempt.invalidate_model()
        self.assertIn('data-state="in_progress"', self._lookup(CODE, "5678"))
        Attempt._gc_qms_expired_attempts()
        self.assertEqual(Attempt.search_count([]), 1, "only the last try is still in its window")

    def test_page_speaks_vietnamese_to_new_visitors(self):
        self.assertIn('lang="en-US"', self.url_open("/tra-cuu-ho-so").text)
        self.env["res.lang"]._activate_lang("vi_VN")
        self.opener.cookies.clear()
        self.authenticate(None, None)
        page = self.url_open("/tra-cuu-ho-so")
        self.assertIn('lang="vi-VN"', page.text)
        self.assertEqual(page.cookies.get("frontend_lang"), "vi_VN")
        # the language selector's link: the visitor's choice is kept on the next visits
        self.assertIn('href="/en/tra-cuu-ho-so"', page.text)
        self.assertIn('lang="en-US"', self.url_open("/en/tra-cuu-ho-so").text)
        self.assertIn('lang="en-US"', self.url_open("/tra-cuu-ho-so").text)

    def test_lookup_tour(self):
        self.start_tour("/tra-cuu-ho-so", "qms_tthc_lookup_tour")

    def test_portal_applicant_sees_only_their_dossiers(self):
        self.authenticate("citizen_an", "citizen_an")
        listing = self.url_open("/my/dossiers")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(CODE, listing.text)
        self.assertNotIn(self.other_dossier.name, listing.text)
        self.assertIn('href="/my/dossiers"', self.url_open("/my").text, "entry in My account")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["qms_dossier_count"]})
        self.assertEqual(counters["qms_dossier_count"], 1)

        own = self.url_open(f"/my/dossiers/{self.dossier.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn('data-state="in_progress"', own.text)
        self.assertIn("Thẩm định hồ sơ", own.text)
        self.assertIn('href="/my/dossiers"', own.text, "breadcrumb back to the list")

        other = self.url_open(f"/my/dossiers/{self.other_dossier.id}")
        self.assertEqual(other.status_code, 404)
        self.assertNotIn(self.other_dossier.name, other.text)
        self.assertEqual(self.url_open("/my/dossiers/999999").status_code, 404)

    def test_portal_list_does_not_query_per_dossier(self):
        self.authenticate("citizen_an", "citizen_an")

        def list_queries():
            self.url_open("/my/dossiers")  # caches of the registry, session
            start = self.cr.sql_log_count
            self.assertEqual(self.url_open("/my/dossiers").status_code, 200)
            return self.cr.sql_log_count - start

        queries = list_queries()
        for day in range(2, 6):
            self.env["qms.tthc.dossier"].create(
                {
                    "procedure_id": self.procedure.id,
                    "applicant_id": self.citizen.id,
                    "received_at": RECEIVED_AT + timedelta(days=day),
                }
            ).action_hand_over(self.handler)
        self.assertEqual(list_queries(), queries)

    def test_portal_rule_follows_the_applicant(self):
        Dossier = self.env["qms.tthc.dossier"].with_user(self.citizen_user)
        self.assertEqual(Dossier.search([]), self.dossier)
        self.assertEqual(self.dossier.with_user(self.citizen_user).state, "in_progress")
        self.assertFalse(Dossier.browse(self.other_dossier.id).has_access("read"))
        self.assertFalse(Dossier.has_access("write"))

    def test_shared_link_opens_the_dossier_without_account(self):
        token = self.dossier._portal_ensure_token()
        shared = self.url_open(f"/my/dossiers/{self.dossier.id}?access_token={token}")
        self.assertEqual(shared.status_code, 200)
        self.assertIn(CODE, shared.text)
        forged = self.url_open(f"/my/dossiers/{self.dossier.id}?access_token=forged")
        self.assertEqual(forged.status_code, 404)
