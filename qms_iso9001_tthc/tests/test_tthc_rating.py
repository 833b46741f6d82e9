import re
from datetime import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common_tthc import TthcCommon

CSRF_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PIN = "ACD347"


class RatingCommon(TthcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_code = "UBNDXA"
        cls.company.qms_tthc_rating_nc_count = 2
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
            {"name": "Nguyễn Văn An", "phone": "0912 345 678", "qms_id_number": "045090001234"}
        )
        cls.Dossier = cls.env["qms.tthc.dossier"]

    @classmethod
    def _returned(cls, **values):
        dossier = cls.Dossier.create(
            {"procedure_id": cls.procedure.id, "applicant_id": cls.citizen.id, **values}
        )
        # as superuser: the hand-overs are tested elsewhere
        dossier.write(
            {
                "state": "returned",
                "resolved_at": fields.Datetime.now(),
                "returned_at": fields.Datetime.now(),
                "lookup_pin": PIN,
            }
        )
        return dossier


@tagged("post_install", "-at_install")
class TestTthcRating(RatingCommon):
    """The applicant's rating: once, after return, a reason when not satisfied; a complaint
    opened for the standing office; repeated ones an NC."""

    def test_desk_records_satisfied_once(self):
        dossier = self._returned()
        dossier.with_user(self.one_stop).action_rate_satisfied()
        self.assertEqual(dossier.rating, "satisfied")
        self.assertEqual(dossier.rating_channel, "desk")
        self.assertTrue(dossier.rated_at)
        self.assertFalse(dossier.rating_feedback_id)
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_rate_acceptable()
        with self.assertRaises(UserError):
            dossier._qms_record_rating("dissatisfied", "Đổi ý", "connector")
        self.assertEqual(dossier.rating, "satisfied")

    def test_only_after_return(self):
        dossier = self.Dossier.create(
            {"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}
        )
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_rate_satisfied()
        with self.assertRaises(UserError):
            dossier._qms_record_rating("satisfied", False, "connector")
        self.assertFalse(dossier.rating)

    def test_only_the_desk_records_it_and_nobody_writes_it(self):
        dossier = self._returned()
        with self.assertRaises(AccessError):
            dossier.with_user(self.handler).action_rate_satisfied()
        with self.assertRaises(AccessError):
            dossier.with_user(self.qms_user).action_rate_acceptable()
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"rating": "satisfied"})
        with self.assertRaises(AccessError):
            dossier.with_user(self.handler).action_open_dissatisfied()
        self.assertFalse(dossier.rating)

    def test_not_satisfied_needs_a_reason_and_opens_a_complaint(self):
        dossier = self._returned()
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_rate_dissatisfied("  ")
        with self.assertRaises(UserError):
            dossier._qms_record_rating("bad", False, "connector")
        feedback = dossier._qms_record_rating("dissatisfied", "Phải đi lại nhiều lần", "connector")
        self.assertEqual(dossier.rating, "dissatisfied")
        self.assertEqual(dossier.rating_channel, "connector")
        self.assertEqual(feedback, dossier.rating_feedback_id)
        self.assertEqual(feedback.kind, "dissatisfied")
        self.assertEqual(feedback.channel, "connector")
        self.assertEqual((feedback.res_model, feedback.res_id), (dossier._name, dossier.id))
        self.assertEqual(feedback.department_id, dossier.department_id)
        self.assertIn("Phải đi lại nhiều lần", feedback.description)
        self.assertEqual(feedback.state, "new")
        self.assertTrue(feedback.date_due)
        # the desk's wizard runs the same transition with the reason
        other = self._returned()
        action = other.with_user(self.one_stop).action_open_dissatisfied()
        wizard = (
            self.env["qms.reason.wizard"]
            .with_user(self.one_stop)
            .with_context(**action["context"])
            .create({"reason": "Thái độ chưa tốt"})
        )
        wizard.action_confirm()
        self.assertEqual(other.rating, "dissatisfied")
        self.assertEqual(other.rating_channel, "desk")

    def test_repeated_dissatisfaction_raises_one_nc(self):
        NC = self.env["qms.nonconformity"]
        first = self._returned()
        first._qms_record_rating("dissatisfied", "Chậm", "portal")
        domain = [("source", "=", "complaint"), ("res_model", "=", "qms.tthc.procedure")]
        self.assertFalse(NC.search(domain), "one is a complaint, not yet an NC")
        second = self._returned()
        second._qms_record_rating("dissatisfied", "Chậm nữa", "lookup")
        nonconformity = NC.search(domain)
        self.assertEqual(len(nonconformity), 1)
        self.assertEqual(nonconformity.res_id, self.procedure.id)
        self.assertEqual(nonconformity.department_id, second.department_id)
        self.assertIn(second.name, str(nonconformity.description))
        # the unit's NC too, once
        self.assertEqual(
            NC.search_count([("source", "=", "complaint"), ("res_model", "=", "hr.department")]),
            1,
        )
        third = self._returned()
        third._qms_record_rating("dissatisfied", "Lại chậm", "lookup")
        self.assertEqual(len(NC.search(domain)), 1, "not again while the first is open")

    def test_no_nc_when_disabled(self):
        self.company.qms_tthc_rating_nc_count = 0
        for _index in range(3):
            self._returned()._qms_record_rating("dissatisfied", "Chậm", "portal")
        self.assertFalse(self.env["qms.nonconformity"].search([("source", "=", "complaint")]))


@tagged("post_install", "-at_install")
class TestTthcRatingPages(HttpCase, RatingCommon):
    """The look-up page and the portal take a rating after the PIN or the access check."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dossier = cls._returned(received_at=datetime(2026, 3, 2, 2, 0))
        cls.citizen_user = new_test_user(
            cls.env, login="citizen_an", groups="base.group_portal", partner_id=cls.citizen.id
        )

    def _token(self, url):
        return CSRF_TOKEN.search(self.url_open(url).text).group(1)

    def _lookup(self, pin):
        token = self._token("/tra-cuu-ho-so")
        return self.url_open(
            "/tra-cuu-ho-so", data={"csrf_token": token, "code": self.dossier.name, "pin": pin}
        ).text

    def _rate(self, pin, rating, reason=""):
        token = self._token("/tra-cuu-ho-so")
        response = self.url_open(
            "/tra-cuu-ho-so/danh-gia",
            data={
                "csrf_token": token,
                "code": self.dossier.name,
                "pin": pin,
                "rating": rating,
                "reason": reason,
            },
        )
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_lookup_shows_the_form_only_after_the_pin(self):
        self.authenticate(None, None)
        self.assertNotIn("o_qms_rating_form", self._lookup("XXXXXX"))
        self.assertIn("o_qms_rating_form", self._lookup(PIN))

    def test_lookup_rating_with_wrong_pin_is_refused(self):
        self.authenticate(None, None)
        body = self._rate("XXXXXX", "satisfied")
        self.assertIn("o_qms_lookup_not_found", body)
        self.dossier.invalidate_recordset()
        self.assertFalse(self.dossier.rating)

    def test_lookup_rating_recorded_once(self):
        self.authenticate(None, None)
        body = self._rate(PIN, "dissatisfied")
        self.assertIn("o_qms_rating_error", body, "a reason is required")
        self.dossier.invalidate_recordset()
        self.assertFalse(self.dossier.rating)
        body = self._rate(PIN, "dissatisfied", "Phải bổ sung giấy tờ không cần thiết")
        self.assertIn("o_qms_rating_done", body)
        self.assertNotIn("o_qms_rating_form", body)
        self.dossier.invalidate_recordset()
        self.assertEqual(self.dossier.rating, "dissatisfied")
        self.assertEqual(self.dossier.rating_channel, "lookup")
        self.assertEqual(self.dossier.rating_feedback_id.channel, "lookup")
        body = self._rate(PIN, "satisfied")
        self.assertIn("o_qms_rating_error", body)
        self.dossier.invalidate_recordset()
        self.assertEqual(self.dossier.rating, "dissatisfied")

    def test_portal_rating_by_the_applicant_only(self):
        other = self.env["res.partner"].create({"name": "Trần Thị Bình"})
        new_test_user(
            self.env, login="citizen_binh", groups="base.group_portal", partner_id=other.id
        )
        url = f"/my/dossiers/{self.dossier.id}"
        self.authenticate("citizen_binh", "citizen_binh")
        token = self._token("/tra-cuu-ho-so")
        response = self.url_open(f"{url}/rate", data={"csrf_token": token, "rating": "satisfied"})
        self.assertEqual(response.status_code, 404)
        self.dossier.invalidate_recordset()
        self.assertFalse(self.dossier.rating)
        self.authenticate("citizen_an", "citizen_an")
        self.assertIn("o_qms_rating_form", self.url_open(url).text)
        token = self._token(url)
        response = self.url_open(f"{url}/rate", data={"csrf_token": token, "rating": "acceptable"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qms_rating_done", response.text)
        self.dossier.invalidate_recordset()
        self.assertEqual(self.dossier.rating, "acceptable")
        self.assertEqual(self.dossier.rating_channel, "portal")
