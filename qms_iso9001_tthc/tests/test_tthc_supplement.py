"""Supplements during handling (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP): the handling agency asks
once, with reasons; the time limit pauses and resumes, the time already spent counting. Both
are settings of the agency; dates are worked out by hand on the National Day calendar of
`DossierCommon` (7-hour days, 7:30-11:30 and 13:30-16:30; Sat 29/8 worked, 31/8-2/9 off)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_tthc_dossier import DossierCommon, local


@tagged("post_install", "-at_install")
class TestDossierSupplement(DossierCommon):
    def _request(self, dossier, moment, user=None, reason="Bản sao giấy khai sinh"):
        with freeze_time(moment):
            dossier.with_user(user or dossier.current_user_id).action_request_supplement(reason)

    def _supplied(self, dossier, moment):
        with freeze_time(moment):
            dossier.with_user(self.one_stop).action_supplement_received()

    def test_defaults_name_the_rule(self):
        company = self.env["res.company"].create({"name": "UBND xã Mới"})
        self.assertEqual(company.qms_tthc_supplement_max, 1)
        self.assertTrue(company.qms_tthc_supplement_pauses_clock)
        for name in ("qms_tthc_supplement_max", "qms_tthc_supplement_pauses_clock"):
            self.assertIn("TT 03/2025/TT-VPCP", company._fields[name].help)
            self.assertIn("NĐ 118/2025/NĐ-CP", company._fields[name].help)

    def test_the_clock_pauses_and_resumes(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 16, 30))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        examination = dossier.current_step_id
        # 2 working days from Mon 10:00: Tue 25 (1), Wed 26 (2)
        self.assertEqual(examination.deadline, local(2026, 8, 26, 16, 30))
        self._request(dossier, local(2026, 8, 25, 9, 0))
        self.assertEqual(dossier.state, "supplement")
        self.assertTrue(dossier.is_supplement_pause)
        self.assertEqual(dossier.supplement_requested_at, local(2026, 8, 25, 9, 0))
        # back on Thu 27/8 10:00. Left at the pause (Tue 25, being spent): Wed 26 and Thu 27,
        # 2 days, counted from Thursday: Fri 28 (1), swapped Sat 29 (2) -> 16:30 Sat 29/8
        self._supplied(dossier, local(2026, 8, 27, 10, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 29, 16, 30))
        self.assertEqual(dossier.counting_start, local(2026, 8, 27, 10, 0))
        # spent before the pause: Mon 8:00-11:30, 13:30-16:30, Tue 7:30-9:00 = 8 h
        self.assertAlmostEqual(dossier.supplement_spent_hours, 8.0, places=2)
        # the step had Wed 26 left: Fri 28 (1) -> 16:30 Fri 28/8
        restarted = dossier.current_step_id
        self.assertNotEqual(restarted, examination)
        self.assertEqual(restarted.user_id, self.handler)
        self.assertEqual(restarted.deadline, local(2026, 8, 28, 16, 30))
        message = dossier.message_ids[:1].body
        self.assertIn("the time already spent counts", message)
        self.assertIn("16:30 27/08/2026", message)
        self.assertIn("16:30 29/08/2026", message)
        self.assertIn("16:30 28/08/2026", message)
        # resolved Fri 28/8 10:00, before the appointment's day
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer, self.handler)
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "early")
        # 8 h before the pause + Thu 10:00-11:30, 13:30-16:30, Fri 7:30-10:00 (7 h) = 15 h
        self.assertAlmostEqual(dossier.processing_days, 15.0 / 7.0, places=2)

    def test_hours_left_count_after_the_cutoff(self):
        # 4 working hours from Mon 24/8 10:00: due 16:00
        dossier = self._receive(local(2026, 8, 24, 10, 0), self.procedure_hours)
        self.assertEqual(dossier.appointment_date, local(2026, 8, 24, 16, 0))
        reception = dossier.current_step_id
        # asked at 14:00: 2 h spent, 2 h left; the desk step (0.5 h, due 10:30) had none left
        self._request(dossier, local(2026, 8, 24, 14, 0), self.one_stop)
        # back Tue 25/8 at 16:00, after the procedure's 15:00 cut-off: counted from Wed 7:30
        self._supplied(dossier, local(2026, 8, 25, 16, 0))
        self.assertEqual(dossier.counting_start, local(2026, 8, 26, 7, 30))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 26, 9, 30))
        self.assertAlmostEqual(dossier.supplement_spent_hours, 2.0, places=2)
        self.assertEqual(reception.state, "interrupted")
        # nothing was left of the step: it is due at once
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 25, 16, 0))

    def test_calendar_days_left_count_as_calendar_days(self):
        procedure = self._procedure("1.000894", "Đăng ký kết hôn", [("direct", 10, "calendar_day")])
        self._approved_flow(
            procedure,
            [
                ("Tiếp nhận", 0.5, "day", ("direct",), "desk"),
                ("Giải quyết", 7.5, "day", ("direct",), "unit"),
            ],
        )
        # received Mon 24/8: Tue 25/8 (1) ... Thu 3/9 (10)
        dossier = self._receive(local(2026, 8, 24, 8, 0), procedure)
        self.assertEqual(dossier.appointment_date, local(2026, 9, 3, 16, 30))
        self._request(dossier, local(2026, 8, 26, 9, 0), self.one_stop)
        # 8 days were left after Wed 26/8; back Fri 28/8: Sat 29/8 (1) ... Sat 5/9 (8), a day
        # off: the next working day, Mon 7/9
        self._supplied(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 9, 7, 16, 30))

    def test_same_day_limit_starts_again_and_the_step_keeps_its_hours(self):
        dossier = self._receive(local(2026, 8, 26, 10, 0), self.procedure_same_day)
        self.assertEqual(dossier.appointment_date, local(2026, 8, 26, 16, 30))
        # the desk's quarter day (1.75 h): 10:00-11:30, 13:30-13:45
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 26, 13, 45))
        self._request(dossier, local(2026, 8, 26, 11, 0), self.one_stop)
        self._supplied(dossier, local(2026, 8, 27, 9, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 16, 30))
        # 0.75 h were left of the step (11:00-11:30, 13:30-13:45)
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 27, 9, 45))

    def test_the_whole_limit_counts_again_when_the_agency_says_so(self):
        self.company.qms_tthc_supplement_pauses_clock = False
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self._request(dossier, local(2026, 8, 25, 9, 0))
        self.assertFalse(dossier.is_supplement_pause)
        # the setting changed after the request: the dossier keeps the rule it was asked under
        self.company.qms_tthc_supplement_pauses_clock = True
        self._supplied(dossier, local(2026, 8, 27, 10, 0))
        # Fri 28 (1), Sat 29 (2), Thu 3/9 (3)
        self.assertEqual(dossier.appointment_date, local(2026, 9, 3, 16, 30))
        self.assertFalse(dossier.supplement_spent_hours)
        self.assertIn("the whole time limit counts again", dossier.message_ids[:1].body)

    def test_one_request_only_by_default(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self._request(dossier, local(2026, 8, 25, 9, 0))
        self._supplied(dossier, local(2026, 8, 25, 10, 0))
        with freeze_time(local(2026, 8, 25, 11, 0)), self.assertRaises(UserError) as refused:
            dossier.with_user(self.handler).action_request_supplement("Tờ khai")
        self.assertIn("1 time(s)", str(refused.exception))
        self.assertEqual(dossier.state, "in_progress")
        self.assertEqual(dossier.supplement_count, 1)
        # the wizard of the screen is refused the same way
        wizard = (
            self.env["qms.tthc.dossier.supplement.request"]
            .with_user(self.handler)
            .create({"dossier_id": dossier.id, "reason": "Tờ khai"})
        )
        with freeze_time(local(2026, 8, 25, 11, 0)), self.assertRaises(UserError):
            wizard.action_confirm()
        # an agency that allows two
        self.company.qms_tthc_supplement_max = 2
        self._request(dossier, local(2026, 8, 25, 11, 0), reason="Tờ khai")
        self.assertEqual(dossier.supplement_count, 2)

    def test_settings_are_checked_and_the_administrators(self):
        with self.assertRaises(ValidationError):
            self.company.qms_tthc_supplement_max = 0
        with self.assertRaises(AccessError):
            self.company.with_user(self.one_stop).write({"qms_tthc_supplement_max": 3})
        with self.assertRaises(AccessError):
            self.company.with_user(self.one_stop).write({"qms_tthc_supplement_pauses_clock": False})
        settings = self.env["res.config.settings"].create(
            {"qms_tthc_supplement_max": 2, "qms_tthc_supplement_pauses_clock": False}
        )
        settings.execute()
        self.assertEqual(self.company.qms_tthc_supplement_max, 2)
        self.assertFalse(self.company.qms_tthc_supplement_pauses_clock)

    def test_workflow_fields_of_the_pause_are_not_edited(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        for values in ({"is_supplement_pause": True}, {"supplement_spent_hours": 3.0}):
            with self.subTest(values=values), self.assertRaises(UserError):
                dossier.with_user(self.one_stop).write(values)

    def _form(self, dossier):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.one_stop)
            .with_context(lang="en_US")
            ._render_qweb_html("qms_iso9001_tthc.report_qms_tthc_dossier_supplement", dossier.ids)[
                0
            ]
        )
        return " ".join(str(html, "utf-8").split())

    def test_printed_request_states_the_rule_of_the_settings(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._request(dossier, local(2026, 8, 24, 9, 0), self.one_stop)
        html = self._form(dossier)
        self.assertIn("The time already spent on the dossier counts", html)
        self.assertIn("only once", html)
        self.company.write(
            {"qms_tthc_supplement_max": 2, "qms_tthc_supplement_pauses_clock": False}
        )
        other = self._receive(local(2026, 8, 24, 10, 0))
        self._request(other, local(2026, 8, 24, 11, 0), self.one_stop)
        html = self._form(other)
        self.assertNotIn("only once", html)
        self.assertNotIn("The time already spent", html)
        self.assertIn("counts again from the day the complete dossier is received", html)
