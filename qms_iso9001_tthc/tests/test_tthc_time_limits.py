"""Time limits of every published kind, dated on the calendars of 2026 and 2027.

The agency's calendar (Mon-Fri 7:30-11:30, 13:30-16:30, Asia/Ho_Chi_Minh) is filled the way
the product fills it: the public holidays wizard (`qms.holiday.import`, from the `holidays`
package) is run for 2026 and for 2027; nothing creates them automatically. The package knows
the days off of the Labour Code, not the yearly swap decisions, so the admin adds one in the
preview as the wizard lets them: Monday 31/8/2026 off, worked on Saturday 29/8/2026.

Days off, weekends aside:
    2026  1/1 | Tết 16-20/2 (Mon-Fri) | 27/4 (Hùng Kings, observed), 30/4, 1/5 |
          31/8 (swapped, Sat 29/8 worked), 1/9, 2/9
    2027  1/1 (Fri) | Tết 4-5/2 and 8-10/2 | 16/4 | 30/4, 3/5 (observed 1/5) | 2/9, 3/9

    August 2026             September 2026          February 2027
    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
    24 25 26 27 28 29 30        1  2  3  4  5  6     1  2  3  4  5  6  7
    31                       7  8  9 10 11 12 13     8  9 10 11 12 13 14

Unless said otherwise the procedures have the agency's default cut-off, 15:00.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .test_tthc_dossier import HANOI, DossierCommon, local

DIRECT_STEPS = [
    ("Tiếp nhận hồ sơ", 0.5, "day", ("direct",), "desk"),
    ("Thẩm định", 2, "day", ("direct",), "unit"),
    ("Lãnh đạo ký", 0.5, "day", ("direct",), "office"),
]


class TimeLimitCommon(DossierCommon):
    """Procedures of every kind on a calendar filled by the holidays wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("qms_iso9001.resource_calendar_agency").copy(
            {"name": "Giờ hành chính 2026-2027", "hours_per_day": 7.0}
        )
        cls._import_holidays(
            2026,
            extra=[
                ("holiday", "Nghỉ bù Quốc khánh", date(2026, 8, 31)),
                ("working_day", "Làm bù cho ngày 31/08/2026", date(2026, 8, 29)),
            ],
        )
        cls._import_holidays(2027)
        cls.env["qms.working.day"].search([("calendar_id", "=", cls.calendar.id)]).ensure_one()
        cls.company.qms_calendar_id = cls.calendar
        cls.procedure_no_cutoff = cls._procedure(
            "1.009001", "Xác nhận tình trạng hôn nhân", [("direct", 3, "day")]
        )
        cls.procedure_no_cutoff.has_cutoff = False
        cls._approved_flow(cls.procedure_no_cutoff, DIRECT_STEPS)
        cls.procedure_calendar = cls._procedure(
            "1.009002", "Cấp giấy phép xây dựng", [("direct", 30, "calendar_day")]
        )
        cls._approved_flow(
            cls.procedure_calendar,
            [
                ("Tiếp nhận hồ sơ", 0.5, "day", ("direct",), "desk"),
                ("Thẩm định, kiểm tra hiện trạng", 21, "day", ("direct",), "unit"),
                ("Lãnh đạo ký", 0.5, "day", ("direct",), "office"),
            ],
        )
        cls.procedure_same_day_no_cutoff = cls._procedure(
            "1.009003", "Chứng thực chữ ký", [("direct", 0, "same_day")]
        )
        cls.procedure_same_day_no_cutoff.has_cutoff = False
        cls._approved_flow(
            cls.procedure_same_day_no_cutoff,
            [
                ("Tiếp nhận", 0.25, "day", ("direct",), "desk"),
                ("Chứng thực", 0.75, "day", ("direct",), "unit"),
            ],
        )
        cls.procedure_immediate = cls._procedure(
            "1.009004", "Cấp bản sao từ sổ gốc", [("direct", 0, "immediate")]
        )
        cls._approved_flow(
            cls.procedure_immediate,
            [("Tiếp nhận và trả kết quả", 0.5, "hour", ("direct",), "desk")],
        )
        cls.procedure_unstated = cls._procedure(
            "1.009005", "Đăng ký giám hộ", [("direct", 0, "unstated")]
        )
        cls._approved_flow(
            cls.procedure_unstated,
            [
                ("Tiếp nhận", 1, "hour", ("direct",), "desk"),
                ("Thẩm định", 1, "day", ("direct",), "unit"),
            ],
        )

    @classmethod
    def _import_holidays(cls, year, extra=()):
        """The admin's way: the wizard's preview, a swap decision added by hand, import."""
        wizard = cls.env["qms.holiday.import"].with_context(default_calendar_id=cls.calendar.id)
        form = Form(wizard)
        form.year = year
        for kind, name, day in extra:
            with form.line_ids.new() as line:
                line.kind = kind
                line.name = name
                line.date_from = day
                line.date_to = day
        form.save().action_import()

    def assertAppointments(self, procedure, table):
        """table: (received, expected appointment or None) in Hanoi wall-clock tuples."""
        for received, expected in table:
            with self.subTest(procedure=procedure.code, received=received):
                dossier = self._receive(local(*received), procedure)
                self.assertEqual(dossier.appointment_date, local(*expected) if expected else False)


@tagged("post_install", "-at_install")
class TestTimeLimitTables(TimeLimitCommon):
    def test_calendar_filled_by_the_wizard(self):
        leaves = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("resource_id", "=", False)]
        )
        days = {(leave.date_from + HANOI).date() for leave in leaves}
        for day in (date(2026, 2, 16), date(2026, 8, 31), date(2027, 2, 10), date(2027, 5, 3)):
            self.assertIn(day, days)
        self.assertEqual(self.calendar.qms_working_day_ids.date, date(2026, 8, 29))

    def test_working_days_civil_code(self):
        """The reception day does not count; the N-th working day after it, at 16:30."""
        self.assertEqual(self.company.qms_tthc_day_counting, "civil_code")
        self.assertAppointments(
            self.procedure,
            [
                # Monday: Tue (1), Wed (2), Thu (3)
                ((2026, 8, 24, 8, 0), (2026, 8, 27, 16, 30)),
                # in the lunch break, at the cut-off exactly: still received Monday
                ((2026, 8, 24, 12, 0), (2026, 8, 27, 16, 30)),
                ((2026, 8, 24, 15, 0), (2026, 8, 27, 16, 30)),
                # after the cut-off: received Tuesday
                ((2026, 8, 24, 15, 1), (2026, 8, 28, 16, 30)),
                # Thursday: Fri 28 (1), swapped Sat 29 (2), [31/8-2/9 off] Thu 3/9 (3)
                ((2026, 8, 27, 14, 0), (2026, 9, 3, 16, 30)),
                # the Friday before the swapped Saturday: Sat 29 (1), Thu 3/9, Fri 4/9
                ((2026, 8, 28, 10, 0), (2026, 9, 4, 16, 30)),
                # ... after its cut-off: received Saturday 29/8, Thu 3/9, Fri 4/9, Mon 7/9
                ((2026, 8, 28, 15, 30), (2026, 9, 7, 16, 30)),
                # on the swapped Saturday itself, and on National Day
                ((2026, 8, 29, 10, 0), (2026, 9, 7, 16, 30)),
                ((2026, 9, 1, 9, 0), (2026, 9, 7, 16, 30)),
                # before Tết 2026: Mon 23/2 (1), Tue 24 (2), Wed 25 (3)
                ((2026, 2, 13, 10, 0), (2026, 2, 25, 16, 30)),
                ((2026, 2, 12, 16, 0), (2026, 2, 25, 16, 30)),
                # Hùng Kings (observed Mon 27/4), 30/4 and 1/5
                ((2026, 4, 24, 10, 0), (2026, 5, 4, 16, 30)),
                ((2026, 4, 29, 9, 0), (2026, 5, 6, 16, 30)),
                # New Year 2027 (Friday 1/1)
                ((2026, 12, 31, 10, 0), (2027, 1, 6, 16, 30)),
                # before Tết 2027: Thu 11/2 (1), Fri 12/2 (2), Mon 15/2 (3)
                ((2027, 2, 3, 9, 0), (2027, 2, 15, 16, 30)),
                # after the cut-off: received Thu 11/2, Fri 12 (1), Mon 15 (2), Tue 16 (3)
                ((2027, 2, 3, 15, 30), (2027, 2, 16, 16, 30)),
                # Hùng Kings 2027 (Friday 16/4)
                ((2027, 4, 15, 14, 0), (2027, 4, 21, 16, 30)),
                # 30/4 (Fri), 1/5 (Sat) observed Mon 3/5
                ((2027, 4, 29, 10, 0), (2027, 5, 6, 16, 30)),
                # National Day 2027 (Thu 2/9, Fri 3/9)
                ((2027, 9, 1, 10, 0), (2027, 9, 8, 16, 30)),
                ((2027, 9, 1, 15, 30), (2027, 9, 9, 16, 30)),
            ],
        )

    def test_working_days_as_hours(self):
        """The agency's other reading: 3 x 7 working hours from the reception moment."""
        self.company.qms_tthc_day_counting = "hours"
        self.assertAppointments(
            self.procedure,
            [
                # Mon 6.5 h, Tue 7, Wed 7, Thu 7:30-8:00: also Thursday
                ((2026, 8, 24, 8, 0), (2026, 8, 27, 8, 0)),
                # lunch break: from 13:30, Thu 7:30-11:30 ends it at the break
                ((2026, 8, 24, 12, 0), (2026, 8, 27, 11, 30)),
                ((2026, 8, 24, 15, 0), (2026, 8, 27, 15, 0)),
                # after the cut-off: from Tue 7:30, three whole days
                ((2026, 8, 24, 15, 1), (2026, 8, 27, 16, 30)),
                # Fri 4.5 h, swapped Sat 7, Thu 3/9 7, Fri 4/9 7:30-10:00
                ((2026, 8, 28, 10, 0), (2026, 9, 4, 10, 0)),
                # Tết 2026 and 2027
                ((2026, 2, 13, 10, 0), (2026, 2, 25, 10, 0)),
                ((2027, 2, 3, 9, 0), (2027, 2, 15, 9, 0)),
            ],
        )

    def test_working_hours(self):
        self.assertAppointments(
            self.procedure_hours,
            [
                ((2026, 8, 24, 10, 0), (2026, 8, 24, 16, 0)),
                # lunch break, and the start of the break: 13:30-16:30, Tue 7:30-8:30
                ((2026, 8, 24, 12, 0), (2026, 8, 25, 8, 30)),
                ((2026, 8, 24, 11, 30), (2026, 8, 25, 8, 30)),
                # the Friday before the swapped Saturday, at and after the cut-off
                ((2026, 8, 28, 15, 0), (2026, 8, 29, 10, 0)),
                ((2026, 8, 28, 15, 1), (2026, 8, 29, 11, 30)),
                # before Tết 2027: 2.5 h, then Thu 11/2 7:30-9:00
                ((2027, 2, 3, 14, 0), (2027, 2, 11, 9, 0)),
                # after the cut-off before 30/4-3/5/2027: from Tue 4/5 7:30
                ((2027, 4, 29, 16, 0), (2027, 5, 4, 11, 30)),
            ],
        )

    def test_calendar_days(self):
        """30 days after the reception day; a last day off moves to the next working day."""
        self.assertAppointments(
            self.procedure_calendar,
            [
                # last day Fri 31/7
                ((2026, 7, 1, 10, 0), (2026, 7, 31, 16, 30)),
                # last day Sat 1/8: Monday 3/8
                ((2026, 7, 2, 10, 0), (2026, 8, 3, 16, 30)),
                # last day Fri 28/8; after the cut-off received Thu 30/7: the swapped Saturday
                ((2026, 7, 29, 14, 0), (2026, 8, 28, 16, 30)),
                ((2026, 7, 29, 15, 30), (2026, 8, 29, 16, 30)),
                # last day 2/9 (National Day): Thu 3/9; received on a Sunday, last day 1/9
                ((2026, 8, 3, 9, 0), (2026, 9, 3, 16, 30)),
                ((2026, 8, 2, 10, 0), (2026, 9, 3, 16, 30)),
                # last day Sat 6/2/2027 (Tết): Thu 11/2/2027
                ((2027, 1, 7, 9, 0), (2027, 2, 11, 16, 30)),
                # last day Fri 30/4/2027: Tue 4/5/2027
                ((2027, 3, 31, 10, 0), (2027, 5, 4, 16, 30)),
            ],
        )

    def test_same_day(self):
        self.assertAppointments(
            self.procedure_same_day,
            [
                ((2026, 8, 26, 10, 0), (2026, 8, 26, 16, 30)),
                ((2026, 8, 26, 12, 0), (2026, 8, 26, 16, 30)),
                ((2026, 8, 26, 15, 0), (2026, 8, 26, 16, 30)),
                ((2026, 8, 26, 15, 1), (2026, 8, 27, 16, 30)),
                # after the cut-off on the Friday before the swapped Saturday
                ((2026, 8, 28, 15, 30), (2026, 8, 29, 16, 30)),
                ((2026, 9, 1, 9, 0), (2026, 9, 3, 16, 30)),
                ((2026, 2, 13, 15, 30), (2026, 2, 23, 16, 30)),
                ((2027, 2, 3, 10, 0), (2027, 2, 3, 16, 30)),
                ((2027, 2, 3, 15, 30), (2027, 2, 11, 16, 30)),
            ],
        )

    def test_cutoff_is_the_procedures(self):
        """Procedures without a cut-off: a dossier received at 16:00 is received that day."""
        self.assertAppointments(
            self.procedure_same_day_no_cutoff,
            [
                ((2026, 8, 26, 16, 0), (2026, 8, 26, 16, 30)),
                # after closing time: the next working day
                ((2026, 8, 26, 17, 0), (2026, 8, 27, 16, 30)),
            ],
        )
        self.assertAppointments(
            self.procedure_no_cutoff,
            [
                ((2026, 8, 24, 16, 0), (2026, 8, 27, 16, 30)),
                ((2026, 8, 24, 20, 0), (2026, 8, 27, 16, 30)),
            ],
        )
        # a cut-off of its own: 16:00
        self.procedure_no_cutoff.write({"has_cutoff": True, "cutoff_hour": 16.0})
        self.assertAppointments(
            self.procedure_no_cutoff,
            [
                ((2026, 8, 24, 16, 0), (2026, 8, 27, 16, 30)),
                ((2026, 8, 24, 16, 1), (2026, 8, 28, 16, 30)),
            ],
        )
        dossier = self._receive(local(2026, 8, 24, 16, 1), self.procedure_no_cutoff)
        self.assertEqual(dossier.counting_start, local(2026, 8, 25, 7, 30))

    def test_immediately(self):
        # no cut-off: by closing time of the day of reception
        self.assertAppointments(
            self.procedure_immediate,
            [
                ((2026, 8, 26, 16, 0), (2026, 8, 26, 16, 30)),
                ((2026, 9, 5, 10, 0), (2026, 9, 7, 16, 30)),
            ],
        )


@tagged("post_install", "-at_install")
class TestTimeLimitRules(TimeLimitCommon):
    def test_not_stated_gives_no_appointment(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0), self.procedure_unstated)
        self.assertFalse(dossier.appointment_date)
        self.assertEqual(dossier.counting_start, local(2026, 8, 24, 8, 0))
        # the steps keep their own deadlines: 1 working hour
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 24, 9, 0))
        with freeze_time(local(2026, 12, 1, 8, 0)):
            self.env["qms.tthc.dossier"]._cron_qms_dossier_deadlines()
        self.assertFalse(dossier.is_overdue)
        self.assertFalse(dossier.nonconformity_id)
        with freeze_time(local(2026, 8, 25, 8, 0)), self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_apologize(
                local(2026, 8, 28, 16, 30), "Chờ xác minh"
            )
        self._hand_over(dossier, local(2026, 8, 26, 8, 0), self.handler)
        self._hand_over(dossier, local(2026, 9, 30, 8, 0))
        self.assertEqual(dossier.state, "resolved")
        self.assertEqual(dossier.timeliness, "on_time")

    def test_unreadable_text_is_kept_and_flagged(self):
        procedure = self._procedure("1.009006", "Thủ tục chuyên ngành", [])
        procedure.processing_time_ids = [
            Command.create(
                {
                    "filing_method": "direct",
                    "unit": "unstated",
                    "text": "Theo quy định của pháp luật chuyên ngành",
                    "is_unreadable": True,
                }
            )
        ]
        self.assertTrue(procedure.has_unreadable_time)
        self.assertEqual(
            procedure.processing_time_display, "Theo quy định của pháp luật chuyên ngành"
        )
        flow = self._approved_flow(procedure, [("Tiếp nhận", 1, "hour", ("direct",), "desk")])
        self.assertIn("not checked", flow.time_balance)
        dossier = self._receive(local(2026, 8, 24, 8, 0), procedure)
        self.assertFalse(dossier.appointment_date)

    def test_kinds_need_their_duration(self):
        with self.assertRaises(ValidationError):
            self._procedure("1.009007", "Thiếu thời hạn", [("direct", 0, "day")])
        with self.assertRaises(ValidationError):
            self._procedure("1.009008", "Thiếu thời hạn", [("direct", 0, "calendar_day")])
        same_day = self._procedure("1.009009", "Trong ngày", [("direct", 0, "same_day")])
        self.assertEqual(same_day.processing_time_display, "Trực tiếp: Trong ngày")
        with self.assertRaises(ValidationError):
            self.procedure.cutoff_hour = 24.0

    def test_flow_check_by_kind(self):
        # 30 calendar days = 22 working days of an ordinary week
        balance = self.procedure_calendar.current_flow_id._qms_time_balance()
        self.assertEqual(balance["direct"], (154.0, 154.0, 0.0))
        # a same-day limit is one working day
        self.assertEqual(
            self.procedure_same_day.current_flow_id._qms_time_balance()["direct"][0], 7.0
        )
        # immediately / not stated: nothing to check, the flow can be approved
        for procedure in (self.procedure_immediate, self.procedure_unstated):
            flow = procedure.current_flow_id
            self.assertEqual(flow._qms_time_balance(), {})
            self.assertTrue(flow.is_time_balanced)
            self.assertIn("not checked", flow.time_balance)

    def _walk_at_step_deadlines(self, dossier):
        """Each holder hands the dossier on at the last minute of its step; returns the
        deadlines of the three steps."""
        deadlines = []
        for taker in (self.handler, self.signer, self.env["res.users"]):
            deadline = dossier.current_step_id.deadline
            deadlines.append(deadline)
            self._hand_over(dossier, deadline, taker)
        return deadlines

    def test_steps_end_no_later_than_the_appointment(self):
        """A flow whose steps add up to the legal time: each step used to its end still
        resolves the dossier in time, with either reading of working days."""
        self.assertTrue(self.flow.is_time_balanced)
        # Civil Code: due Thu 16:30; desk 3.5 h (Mon 11:30), unit 2 days after Monday
        # (Wed 16:30), leader 3.5 h (Thu 11:00)
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(
            self._walk_at_step_deadlines(dossier),
            [local(2026, 8, 24, 11, 30), local(2026, 8, 26, 16, 30), local(2026, 8, 27, 11, 0)],
        )
        self.assertLessEqual(dossier.step_ids.mapped("deadline")[-1], dossier.appointment_date)
        self.assertEqual(dossier.timeliness, "on_time")
        # hours: due Thu 8:00; desk Mon 11:30, unit 14 h (Wed 11:30), leader 3.5 h (Thu 8:00)
        self.company.qms_tthc_day_counting = "hours"
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 8, 0))
        self.assertEqual(
            self._walk_at_step_deadlines(dossier),
            [local(2026, 8, 24, 11, 30), local(2026, 8, 26, 11, 30), local(2026, 8, 27, 8, 0)],
        )
        self.assertEqual(dossier.timeliness, "on_time")
        # a step that starts late never gets more time than the appointment
        self.company.qms_tthc_day_counting = "civil_code"
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 26, 10, 0), self.handler)
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 27, 16, 30))

    def test_received_dossiers_keep_their_dates(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 16, 30))
        self.company.qms_tthc_day_counting = "hours"
        direct = self.procedure.processing_time_ids.filtered(
            lambda line: line.filing_method == "direct"
        )
        direct.duration = 5
        self.procedure.has_cutoff = False
        dossier.invalidate_recordset()
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 16, 30))
        self.assertEqual(dossier.counting_start, local(2026, 8, 24, 8, 0))
        # a new dossier: 35 working hours from Mon 9:00 -> swapped Sat 29/8 9:00
        new = self._receive(local(2026, 8, 24, 9, 0))
        self.assertEqual(new.appointment_date, local(2026, 8, 29, 9, 0))

    def test_company_defaults_and_settings(self):
        self.assertEqual(self.procedure.cutoff_hour, 15.0)
        self.assertTrue(self.procedure.has_cutoff)
        settings = Form(self.env["res.config.settings"])
        settings.qms_tthc_use_cutoff = False
        settings.qms_tthc_day_counting = "hours"
        settings.save().execute()
        self.assertFalse(self.company.qms_tthc_use_cutoff)
        self.assertEqual(self.company.qms_tthc_day_counting, "hours")
        form = Form(self.env["qms.tthc.procedure"])
        form.code = "1.009010"
        form.name = "Đăng ký khai sinh"
        form.field_id = self.field_civil
        self.assertFalse(form.has_cutoff)
        form.has_cutoff = True
        form.cutoff_hour = 15.5
        procedure = form.save()
        self.assertEqual(procedure._qms_cutoff(), 15.5)
        # a unit's ISO officer does not change the agency's counting
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.company.with_user(self.unit_officer).qms_tthc_day_counting = "civil_code"

    def test_step_kind_on_the_step_form(self):
        flow = self._flow(self.procedure_same_day, [])
        form = Form(flow)
        # the flow shows the limit it must fit and the procedure's cut-off
        self.assertEqual(form.legal_time_display, "Trực tiếp: Trong ngày")
        self.assertEqual(form.procedure_cutoff_hour, 15.0)
        with form.step_ids.new() as step:
            step.name = "Tiếp nhận và trả kết quả trong ngày"
            step.duration_unit = "same_day"
        flow = form.save()
        self.assertEqual(flow.step_ids.duration_unit, "same_day")
        self.assertTrue(flow.is_time_balanced, flow.time_balance)


@tagged("post_install", "-at_install")
class TestTimeLimitText(TimeLimitCommon):
    def test_published_text(self):
        Time = self.env["qms.tthc.processing.time"]
        every = ("direct", "online", "postal")
        cases = {
            "05 ngày làm việc": dict.fromkeys(every, (5.0, "day")),
            "04 giờ làm việc": dict.fromkeys(every, (4.0, "hour")),
            "30 ngày": dict.fromkeys(every, (30.0, "calendar_day")),
            "30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ": dict.fromkeys(every, (30.0, "calendar_day")),
            "Trong ngày": dict.fromkeys(every, (0.0, "same_day")),
            "Không quy định": dict.fromkeys(every, (0.0, "unstated")),
            "Ngay khi nhận đủ hồ sơ": dict.fromkeys(every, (0.0, "immediate")),
            "Ngay trong ngày làm việc; sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo": (
                dict.fromkeys(every, (0.0, "same_day"))
            ),
            "Trong ngày, sau 15 giờ thì trong ngày làm việc tiếp theo": dict.fromkeys(
                every, (0.0, "same_day")
            ),
            # as provincial portals print them (the sample catalogue's sources)
            "Tối đa không quá 15 ngày làm việc, kể từ ngày nộp đủ hồ sơ theo quy định.": (
                dict.fromkeys(every, (15.0, "day"))
            ),
            "Trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản đề nghị.": (
                dict.fromkeys(every, (5.0, "day"))
            ),
            "Không quá 45 ngày": dict.fromkeys(every, (45.0, "calendar_day")),
            "+ Không quá 20 ngày (không kể thời gian giải phóng mặt bằng; nghĩa vụ tài chính).": (
                dict.fromkeys(every, (20.0, "calendar_day"))
            ),
            "03 ngày làm việc, trường hợp phải xác minh thì không quá 10 ngày làm việc.": (
                dict.fromkeys(every, (3.0, "day"))
            ),
            "15 ngày làm việc (trường hợp cần lấy ý kiến thì tối đa không quá 25 ngày làm việc)": (
                dict.fromkeys(every, (15.0, "day"))
            ),
            "- 05 ngày làm việc; - Trường hợp cần xác minh thì không quá 10 ngày.": dict.fromkeys(
                every, (5.0, "day")
            ),
            "Trực tiếp: 05 ngày làm việc; Trực tuyến: Trong ngày": {
                "direct": (5.0, "day"),
                "online": (0.0, "same_day"),
            },
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(Time._qms_parse_text(text), expected)
        for text in (
            "Theo quy định",
            "05 ngày làm gì đó",
            "sau 15 giờ",
            "Trường hợp cần xác minh thì không quá 10 ngày",
        ):
            with self.subTest(text=text):
                self.assertIsNone(Time._qms_parse_text(text))
        cutoffs = {
            "Ngay trong ngày; sau 15 giờ thì ngày làm việc tiếp theo": 15.0,
            "Trong ngày (sau 16 giờ 30 thì trả vào sáng hôm sau)": 16.5,
            "Trong ngày; sau 15h chuyển ngày làm việc tiếp theo": 15.0,
            "05 ngày làm việc": None,
        }
        for text, expected in cutoffs.items():
            with self.subTest(text=text):
                self.assertEqual(Time._qms_parse_cutoff(text), expected)

    def test_import_keeps_kind_text_and_cutoff(self):
        text = "Trong ngày; sau 15 giờ 30 thì trong ngày làm việc tiếp theo"
        wizard = self.env["qms.tthc.import"].create(
            {
                "file_data": self._xlsx(
                    [(1, "1.009011", "Chứng thực bản sao", "Hộ tịch", "Cấp xã", text, "")]
                ),
                "file_name": "danh_muc.xlsx",
            }
        )
        wizard.action_preview()
        self.assertEqual(wizard.error_count, 0, wizard.line_ids.mapped("message"))
        wizard.action_import()
        procedure = self.env["qms.tthc.procedure"].search([("code", "=", "1.009011")])
        self.assertEqual(set(procedure.processing_time_ids.mapped("unit")), {"same_day"})
        self.assertEqual(procedure.processing_time_ids[:1].text, text)
        self.assertTrue(procedure.has_cutoff)
        self.assertEqual(procedure.cutoff_hour, 15.5)
