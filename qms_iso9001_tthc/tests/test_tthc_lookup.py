import hmac
import re
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.qms_iso9001_tthc.models.qms_tthc_dossier_lookup import PIN_ALPHABET, PIN_LENGTH
from odoo.addons.qms_iso9001_tthc.models.qms_tthc_lookup_attempt import LOOKUP_MAX_ATTEMPTS

from .common_tthc import TthcCommon

CSRF_TOKEN = re.compile(r"[0-9a-f]{40}o\d+")
# Monday 2 March 2026, 09:00 in Hanoi: the first dossier of the day gets number 0001.
RECEIVED_AT = datetime(2026, 3, 2, 2, 0)
CODE = "UBNDXA-260302-0001"
# The PINs of the two dossiers, set by hand so that the tour can type one.
PIN = "ACD347"
OTHER_PIN = "XY9KMN"


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
        cls.dossier.lookup_pin = PIN
        cls.other_dossier.lookup_pin = OTHER_PIN
        cls.citizen_user = new_test_user(
            cls.env, login="citizen_an", groups="base.group_portal", partner_id=cls.citizen.id
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _lookup(self, code, pin):
        page = self.url_open("/tra-cuu-ho-so")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/tra-cuu-ho-so", data={"csrf_token": token, "code": code, "pin": pin}
        )
        self.assertEqual(response.status_code, 200)
        return response.text

    @staticmethod
    def _scrub(page):
        """The page without what differs whatever the answer: the form's token, and the code
        the visitor typed, given back in the form."""
        page = CSRF_TOKEN.sub("<csrf>", page)
        return re.sub(r'value="UBNDXA-[0-9-]+"', 'value="<code>"', page)

    def test_pin_is_random_and_printed_on_the_receipt_only(self):
        Dossier = self.env["qms.tthc.dossier"]
        pins = {Dossier._qms_new_lookup_pin() for _index in range(200)}
        self.assertGreater(len(pins), 195, "random, not derived from anything")
        for pin in pins:
            self.assertEqual(len(pin), PIN_LENGTH)
            self.assertTrue(set(pin) <= set(PIN_ALPHABET))
        self.assertFalse(set("0O1IL2Z5S8B") & set(PIN_ALPHABET), "no look-alike characters")
        fresh = Dossier.with_user(self.one_stop).create(
            {"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}
        )
        self.assertRegex(fresh.lookup_pin, f"^[{PIN_ALPHABET}]{{{PIN_LENGTH}}}$")
        self.assertNotIn(fresh.lookup_pin, (PIN, OTHER_PIN))
        # the desk cannot choose it, nor change it
        with self.assertRaises(UserError):
            Dossier.with_user(self.one_stop).create(
                {
                    "procedure_id": self.procedure.id,
                    "applicant_id": self.citizen.id,
                    "lookup_pin": "AAAAAA",
                }
            )
        with self.assertRaises(UserError):
            fresh.with_user(self.one_stop).write({"lookup_pin": "AAAAAA"})
        self.assertNotEqual(fresh.lookup_pin, "AAAAAA")

    def test_right_pair_shows_where_the_dossier_stands(self):
        self.assertEqual(self.dossier.name, CODE)
        new_date = self._working_day_from(
            self.dossier, self.dossier.appointment_date + timedelta(days=3)
        )
        self.dossier.action_apologize(new_date, "Cần xác minh thêm tại nơi cư trú")
        for code, pin in ((CODE, PIN), (f"  {CODE.lower()} ", " acd-347 ")):
            body = self._lookup(code, pin)
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

    def test_old_secret_no_longer_opens_the_dossier(self):
        """The last digits of the phone or ID number are known to many: they open nothing."""
        for secret in ("5678", "1234", "345678", "001234"):
            self.assertNotIn("o_qms_tthc_lookup_result", self._lookup(CODE, secret))

    def test_qr_code_opens_the_page_with_the_code(self):
        url = self.dossier._qms_lookup_url()
        self.assertTrue(url.endswith(f"/tra-cuu-ho-so?code={CODE}"), url)
        page = self.url_open(url[url.index("/tra-cuu-ho-so") :])
        self.assertIn(f'value="{CODE}"', page.text)
        self.assertNotIn("o_qms_tthc_lookup_result", page.text, "the code alone shows nothing")
        hostile = self.url_open('/tra-cuu-ho-so?code="><script>alert(1)</script>')
        self.assertNotIn("<script>alert(1)", hostile.text)

    def test_refused_dossier_shows_no_return_date(self):
        self.other_dossier.action_refuse("Thủ tục không thuộc thẩm quyền của xã")
        body = self._lookup(self.other_dossier.name, OTHER_PIN)
        self.assertIn('data-state="refused"', body)
        self.assertIn("o_qms_lookup_refusal_hint", body)
        self.assertNotIn("o_qms_lookup_appointment", body)
        self.assertNotIn("không thuộc thẩm quyền", body, "the reason is for the applicant's eyes")

    def test_every_failure_answers_alike(self):
        """A wrong PIN, an unknown code and a locked code give the same page."""
        wrong_pin = self._lookup(CODE, "XXXXXX")
        unknown_code = self._lookup("UBNDXA-260302-0099", PIN)
        self.assertIn("o_qms_lookup_not_found", wrong_pin)
        self.assertNotIn("o_qms_tthc_lookup_result", wrong_pin)
        self.assertEqual(
            self._scrub(wrong_pin),
            self._scrub(unknown_code),
            "a wrong PIN must not tell that the code exists",
        )
        # another dossier's PIN does not open it either
        self.assertNotIn("o_qms_tthc_lookup_result", self._lookup(CODE, OTHER_PIN))
        for _try in range(LOOKUP_MAX_ATTEMPTS):
            self._lookup(CODE, "XXXXXX")
        locked = self._lookup(CODE, PIN)
        self.assertNotIn("o_qms_tthc_lookup_result", locked)
        self.assertEqual(self._scrub(locked), self._scrub(wrong_pin))

    def test_failures_run_the_same_queries_and_comparison(self):
        """No early return for unknown codes: the same SQL and one constant-time comparison
        whatever the failure, so the timing does not tell them apart."""
        Dossier = self.env["qms.tthc.dossier"].with_user(self.env.ref("base.public_user"))
        Attempt = self.env["qms.tthc.lookup.attempt"]
        for _try in range(LOOKUP_MAX_ATTEMPTS):
            Attempt._qms_register("UBNDXA-260302-0098")
        self.env.cr.now()  # the transaction's time, read once per request
        real_compare = hmac.compare_digest
        traces = {}
        for label, code, pin in (
            ("wrong PIN", CODE, "XXXXXX"),
            ("unknown code", "UBNDXA-260302-0099", PIN),
            ("locked code", "UBNDXA-260302-0098", PIN),
        ):
            compared = []

            def compare(given, expected, log=compared.append):
                log((len(given), len(expected)))
                return real_compare(given, expected)

            with patch.object(hmac, "compare_digest", side_effect=compare):
                start = self.cr.sql_log_count
                self.assertFalse(Dossier._qms_public_lookup(code, pin))
                traces[label] = (self.cr.sql_log_count - start, compared)
        self.assertEqual(traces["wrong PIN"], traces["unknown code"])
        self.assertEqual(traces["wrong PIN"], traces["locked code"])
        self.assertEqual(traces["wrong PIN"][1], [(len(PIN), len(PIN))])

    def test_malformed_input_is_not_looked_up(self):
        body = self._lookup("UBNDXA-260302-0001' OR 1=1", PIN)
        self.assertIn("o_qms_lookup_invalid", body)
        self.assertNotIn("o_qms_tthc_lookup_result", body)
        self.assertIn("o_qms_lookup_invalid", self._lookup(CODE, "56"))
        self.assertIn("o_qms_lookup_invalid", self._lookup(CODE, "ACD34O"), "O is not a PIN letter")
        self.assertFalse(self.env["qms.tthc.lookup.attempt"].search_count([]))

    def test_code_locks_after_a_few_wrong_pins_whatever_the_address(self):
        """The tries are counted against the dossier code, never against the visitor's
        address: spreading them over many addresses gains nothing."""
        for _try in range(LOOKUP_MAX_ATTEMPTS):
            self.assertIn("o_qms_lookup_not_found", self._lookup(CODE, "XXXXXX"))
        # the right PIN: locked all the same, and told the same way
        body = self._lookup(CODE, PIN)
        self.assertNotIn("o_qms_tthc_lookup_result", body)
        self.assertIn("o_qms_lookup_not_found", body)
        # another dossier is not locked by it
        self.assertIn('data-state="received"', self._lookup(self.other_dossier.name, OTHER_PIN))
        Attempt = self.env["qms.tthc.lookup.attempt"]
        attempt = Attempt.search([("code", "=", CODE)])
        self.assertEqual(attempt.failures, LOOKUP_MAX_ATTEMPTS + 1)
        self.assertFalse(Attempt._fields.get("ip"), "no address of the visitors is kept")
        # once the window is over the code opens again, and old windows are cleaned
        self.env.cr.execute(
            "UPDATE qms_tthc_lookup_attempt SET window_start = window_start - interval '16 minutes'"
        )
        Attempt.invalidate_model()
        self.assertIn('data-state="in_progress"', self._lookup(CODE, PIN))
        self.assertEqual(attempt.failures, 0, "the right PIN is not counted as a wrong try")
        Attempt._gc_qms_expired_attempts()
        self.assertEqual(Attempt.search([]).mapped("code"), [CODE], "the other window is over")

    def test_right_pin_within_the_tries_is_not_held_against_the_code(self):
        for _try in range(LOOKUP_MAX_ATTEMPTS - 1):
            self._lookup(CODE, "XXXXXX")
        for _visit in range(3):
            self.assertIn('data-state="in_progress"', self._lookup(CODE, PIN))

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
        self.start_tour(f"/tra-cuu-ho-so?code={CODE}", "qms_tthc_lookup_tour")

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
