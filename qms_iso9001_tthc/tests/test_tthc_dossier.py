"""Dossier life cycle checked against dates worked out by hand.

The calendar is the agency's office hours (Mon-Fri 7:30-11:30, 13:30-16:30, Asia/Ho_Chi_Minh)
around National Day 2026:

    August 2026                September 2026
    Mo Tu We Th Fr Sa Su       Mo Tu We Th Fr Sa Su
    24 25 26 27 28 29 30       .  1  2  3  4  5  6
    31                          7  8 ...

Monday 31 August is a day off swapped for the working Saturday 29 August (qms.working.day);
1 and 2 September are public holidays (global leaves). Times in the tests are Hanoi wall-clock
times (`local`), stored as naive UTC like every Datetime of the ORM.
"""

from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common_tthc import TthcCommon

HANOI = timedelta(hours=7)


def local(*args):
    """A Hanoi wall-clock time as the naive UTC datetime the ORM works with."""
    return datetime(*args) - HANOI


# 3 working days at the desk, 2 online (the limits of TthcCommon's procedure), in days so that
# the time check does not depend on the hours of a day.
DAY_STEPS = [
    ("Tiếp nhận hồ sơ tại Bộ phận Một cửa", 0.5, "day", ("direct", "online"), "desk"),
    ("Công chức tư pháp - hộ tịch thẩm định", 2, "day", ("direct",), "unit"),
    ("Thẩm định hồ sơ trực tuyến", 1, "day", ("online",), "unit"),
    ("Lãnh đạo ký", 0.5, "day", ("direct", "online"), "office"),
]


class DossierCommon(TthcCommon):
    """The National Day calendar, a one-stop desk, approved flows and their handlers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("qms_iso9001.resource_calendar_agency").copy(
            {"name": "Giờ hành chính UBND xã", "hours_per_day": 7.0}
        )
        cls.company.qms_calendar_id = cls.calendar
        cls.company.qms_tthc_cutoff_hour = 15.0
        cls.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": cls.calendar.id,
                    "company_id": cls.company.id,
                    "date_from": local(day.year, day.month, day.day, 0, 0),
                    "date_to": local(day.year, day.month, day.day, 23, 59, 59),
                }
                for name, day in [
                    ("Nghỉ bù Quốc khánh (làm bù thứ Bảy 29/8)", date(2026, 8, 31)),
                    ("Quốc khánh", date(2026, 9, 1)),
                    ("Quốc khánh", date(2026, 9, 2)),
                ]
            ]
        )
        cls.env["qms.working.day"].create(
            {
                "name": "Làm bù cho ngày 31/08/2026",
                "calendar_id": cls.calendar.id,
                "date": date(2026, 8, 29),
                "worked_as": "0",
                "replaced_date": date(2026, 8, 31),
            }
        )
        cls.department_desk = cls.env["hr.department"].create({"name": "Bộ phận Một cửa"})
        cls.departments = {
            "desk": cls.department_desk,
            "unit": cls.department_unit,
            "office": cls.department_office,
        }
        cls.signer = cls._create_qms_user("tthc_signer", "qms_iso9001_tthc.group_qms_tthc_handler")
        cls.env["hr.employee"].create(
            [
                {
                    "name": "Phạm Thị Mai",
                    "department_id": cls.department_desk.id,
                    "user_id": cls.one_stop.id,
                },
                {
                    "name": "Đỗ Văn Nam",
                    "department_id": cls.department_unit.id,
                    "user_id": cls.handler.id,
                },
                {
                    "name": "Hoàng Văn Ký",
                    "department_id": cls.department_office.id,
                    "user_id": cls.signer.id,
                },
            ]
        )
        cls.flow = cls._approved_flow(cls.procedure, DAY_STEPS)
        # a same-day procedure (Trong ngày) and one in working hours
        cls.procedure_same_day = cls._procedure(
            "1.001022", "Cấp bản sao trích lục hộ tịch", [("direct", 0, "same_day")]
        )
        cls._approved_flow(
            cls.procedure_same_day,
            [
                ("Tiếp nhận", 0.25, "day", ("direct",), "desk"),
                ("Cấp bản sao", 0.75, "day", ("direct",), "unit"),
            ],
        )
        cls.procedure_hours = cls._procedure(
            "2.000815", "Chứng thực bản sao từ bản chính", [("direct", 4, "hour")]
        )
        cls._approved_flow(
            cls.procedure_hours,
            [
                ("Tiếp nhận", 0.5, "hour", ("direct",), "desk"),
                ("Chứng thực", 3, "hour", ("direct",), "unit"),
                ("Trả kết quả", 0.5, "hour", ("direct",), "desk"),
            ],
        )
        cls.citizen = cls.env["res.partner"].create(
            {
                "name": "Nguyễn Văn An",
                "phone": "0912 345 678",
                "email": "an.nguyen@example.com",
                "street": "12 Lê Lợi, phường Đông Hà",
                "qms_id_number": "045090001234",
            }
        )

    @classmethod
    def _procedure(cls, code, name, limits, department=None):
        return cls.env["qms.tthc.procedure"].create(
            {
                "code": code,
                "name": name,
                "field_id": cls.field_civil.id,
                "department_id": (department or cls.department_unit).id,
                "processing_time_ids": [
                    Command.create({"filing_method": method, "duration": duration, "unit": unit})
                    for method, duration, unit in limits
                ],
            }
        )

    @classmethod
    def _approved_flow(cls, procedure, steps, submitter=None):
        """steps: (name, duration, unit, methods, department key) tuples."""
        flow = cls._flow(procedure, [step[:4] for step in steps])
        for line, step in zip(flow.step_ids.sorted("sequence"), steps, strict=True):
            line.department_id = cls.departments[step[4]]
        flow.with_user(submitter or cls.unit_officer).action_submit_for_approval()
        flow.with_user(cls.leader).action_approve()
        return flow

    def _receive(self, moment, procedure=None, channel="direct", partner=None, user=None):
        """A dossier handed in at the desk at `moment` (naive UTC)."""
        with freeze_time(moment):
            return (
                self.env["qms.tthc.dossier"]
                .with_user(user or self.one_stop)
                .create(
                    {
                        "procedure_id": (procedure or self.procedure).id,
                        "applicant_id": (partner or self.citizen).id,
                        "channel": channel,
                        "received_at": moment,
                    }
                )
            )

    def _hand_over(self, dossier, moment, to_user=None, by_user=None):
        """The holder hands the dossier on at `moment`; no taker after the last step."""
        holder = by_user or dossier.current_user_id or self.one_stop
        with freeze_time(moment):
            dossier.with_user(holder).action_hand_over(to_user or self.env["res.users"])
        return dossier

    def _resolve(self, dossier, moment):
        """Through the direct flow: desk -> unit -> signer, the signer closes it at `moment`."""
        self._hand_over(dossier, moment - timedelta(minutes=2), self.handler)
        self._hand_over(dossier, moment - timedelta(minutes=1), self.signer)
        self._hand_over(dossier, moment)
        self.assertEqual(dossier.state, "resolved")
        return dossier


@tagged("post_install", "-at_install")
class TestDossierAppointment(DossierCommon):
    """The appointment date (Civil Code 2015 Art. 147-148, the default): the reception day does
    not count, the appointment is at closing time (16:30) of the N-th working day after it;
    after the procedure's 15:00 cut-off the dossier counts as received the next working day;
    hour limits end that many working hours later.

    Issue 14 changed the counting: these dates used to count the reception day as day 1 (a
    3-day dossier received Monday morning was due Wednesday; it is due Thursday)."""

    def assertAppointment(self, dossier, expected, counting_start=None):
        self.assertEqual(dossier.appointment_date, expected)
        if counting_start:
            self.assertEqual(dossier.counting_start, counting_start)

    def test_reception_day_does_not_count(self):
        # received Mon 24/8: Tue 25/8 (1), Wed 26/8 (2), Thu 27/8 (3) -> 16:30 Thursday
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertAppointment(dossier, local(2026, 8, 27, 16, 30), local(2026, 8, 24, 8, 0))
        self.assertEqual(dossier.flow_id, self.flow)
        self.assertEqual(dossier.state, "received")

    def test_cutoff_boundary(self):
        # 14:59 Thu 27/8: Fri 28 (1), swapped Saturday 29 (2), [Sun 30, Mon 31 swapped off,
        # Tue 1/9 and Wed 2/9 National Day], Thu 3/9 (3) -> 16:30 Thu 3/9
        before = self._receive(local(2026, 8, 27, 14, 59))
        self.assertAppointment(before, local(2026, 9, 3, 16, 30), local(2026, 8, 27, 14, 59))
        # 15:00 itself is still in time (class docstring): same count as 14:59
        at_cutoff = self._receive(local(2026, 8, 27, 15, 0))
        self.assertAppointment(at_cutoff, local(2026, 9, 3, 16, 30), local(2026, 8, 27, 15, 0))
        # 15:01: counts as received Fri 28 7:30 -> Sat 29 (1), Thu 3/9 (2), Fri 4/9 (3)
        after = self._receive(local(2026, 8, 27, 15, 1))
        self.assertAppointment(after, local(2026, 9, 4, 16, 30), local(2026, 8, 28, 7, 30))

    def test_reception_on_a_holiday_counts_from_the_next_working_day(self):
        # online (2 days) filed on Tue 1/9 at 9:00, a holiday: Thu 3/9 (1), Fri 4/9 (2)
        dossier = self._receive(local(2026, 9, 1, 9, 0), channel="online")
        self.assertAppointment(dossier, local(2026, 9, 4, 16, 30))
        # filed on Friday 4/9 at 16:00 (after the cut-off): counts as received Monday 7/9,
        # Tue 8/9 (1), Wed 9/9 (2)
        dossier = self._receive(local(2026, 9, 4, 16, 0), channel="online")
        self.assertAppointment(dossier, local(2026, 9, 9, 16, 30), local(2026, 9, 7, 7, 30))

    def test_same_day_procedure(self):
        # "Trong ngày": at 10:00 due at 16:30 the same day
        dossier = self._receive(local(2026, 8, 26, 10, 0), self.procedure_same_day)
        self.assertAppointment(dossier, local(2026, 8, 26, 16, 30))
        # 14:59: still that day
        dossier = self._receive(local(2026, 8, 26, 14, 59), self.procedure_same_day)
        self.assertAppointment(dossier, local(2026, 8, 26, 16, 30))
        # 15:01 on Friday 28/8: the next working day is the swapped Saturday 29/8
        dossier = self._receive(local(2026, 8, 28, 15, 1), self.procedure_same_day)
        self.assertAppointment(dossier, local(2026, 8, 29, 16, 30), local(2026, 8, 29, 7, 30))

    def test_limit_in_hours(self):
        # 4 working hours from Mon 24/8 10:00: 10:00-11:30 (1.5 h), 13:30-16:00 (2.5 h)
        dossier = self._receive(local(2026, 8, 24, 10, 0), self.procedure_hours)
        self.assertAppointment(dossier, local(2026, 8, 24, 16, 0), local(2026, 8, 24, 10, 0))
        # from Fri 28/8 14:00: 14:00-16:30 (2.5 h), swapped Sat 29/8 7:30-9:00 (1.5 h)
        dossier = self._receive(local(2026, 8, 28, 14, 0), self.procedure_hours)
        self.assertAppointment(dossier, local(2026, 8, 29, 9, 0))
        # Fri 28/8 15:00 (still in time): 15:00-16:30 (1.5 h), Sat 29/8 7:30-10:00 (2.5 h)
        dossier = self._receive(local(2026, 8, 28, 15, 0), self.procedure_hours)
        self.assertAppointment(dossier, local(2026, 8, 29, 10, 0))
        # Fri 28/8 15:30 (after the cut-off): from Sat 29/8 7:30, 7:30-11:30 (4 h)
        dossier = self._receive(local(2026, 8, 28, 15, 30), self.procedure_hours)
        self.assertAppointment(dossier, local(2026, 8, 29, 11, 30), local(2026, 8, 29, 7, 30))
        # Thu 27/8 16:00 (after the cut-off, before closing): from Fri 28/8 7:30, 7:30-11:30 (4 h)
        dossier = self._receive(local(2026, 8, 27, 16, 0), self.procedure_hours)
        self.assertAppointment(dossier, local(2026, 8, 28, 11, 30), local(2026, 8, 28, 7, 30))

    def test_step_deadlines_and_processing_days(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        reception = dossier.current_step_id
        self.assertEqual(reception.user_id, self.one_stop)
        self.assertEqual(reception.department_id, self.department_desk)
        # 0.5 day = 3.5 h of a 7 h day from Mon 8:00: 8:00-11:30
        self.assertEqual(reception.deadline, local(2026, 8, 24, 11, 30))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self.assertEqual(reception.state, "done")
        self.assertEqual(reception.result, "on_time")
        self.assertEqual(dossier.current_user_id, self.handler)
        self.assertEqual(dossier.current_department_id, self.department_unit)
        self.assertEqual(dossier.state, "in_progress")
        # 2 working days handed over Mon 10:00, counted as the appointment is: Mon does not
        # count, Tue 25 (1), Wed 26 (2) -> 16:30 Wed 26/8 (issue 14; it was 14 working hours)
        self.assertEqual(dossier.current_step_id.deadline, local(2026, 8, 26, 16, 30))
        self._hand_over(dossier, local(2026, 8, 25, 9, 0), self.signer)
        self._hand_over(dossier, local(2026, 8, 25, 11, 30))
        self.assertEqual(dossier.state, "resolved")
        self.assertEqual(dossier.timeliness, "early")
        self.assertEqual(dossier.resolved_at, local(2026, 8, 25, 11, 30))
        # Mon 8:00-11:30 (3.5 h) + 13:30-16:30 (3 h) + Tue 7:30-11:30 (4 h) = 10.5 h = 1.5 days
        self.assertAlmostEqual(dossier.processing_days, 1.5, places=2)
        self.assertEqual(dossier.step_ids.mapped("state"), ["done"] * 3)
        self.assertFalse(dossier.current_step_id)
        dossier.with_user(self.one_stop).action_return()
        self.assertEqual(dossier.state, "returned")


@tagged("post_install", "-at_install")
class TestDossierLifeCycle(DossierCommon):
    def test_supplement_restarts_the_time(self):
        # the agency's reading where the whole limit counts again (the default pauses it: see
        # test_tthc_supplement)
        self.company.qms_tthc_supplement_pauses_clock = False
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 8, 27, 16, 30))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        examination = dossier.current_step_id
        with freeze_time(local(2026, 8, 25, 9, 0)):
            dossier.with_user(self.handler).action_request_supplement("Bản sao giấy khai sinh")
        self.assertEqual(dossier.state, "supplement")
        self.assertEqual(examination.state, "interrupted")
        self.assertEqual(examination.date_done, local(2026, 8, 25, 9, 0))
        self.assertFalse(examination.result)
        self.assertIn("Bản sao giấy khai sinh", examination.note)
        self.assertEqual(dossier.supplement_requested_at, local(2026, 8, 25, 9, 0))
        self.assertEqual(dossier.supplement_count, 1)
        with self.assertRaises(UserError):
            self._hand_over(dossier, local(2026, 8, 25, 10, 0), self.signer, self.handler)
        # the complete dossier is back on Thu 27/8 at 10:00, the first appointment's day:
        # Fri 28 (1), swapped Sat 29 (2), Thu 3/9 (3) -> 16:30 Thu 3/9
        with freeze_time(local(2026, 8, 27, 10, 0)):
            dossier.with_user(self.one_stop).action_supplement_received()
        self.assertEqual(dossier.supplement_received_at, local(2026, 8, 27, 10, 0))
        self.assertEqual(dossier.counting_start, local(2026, 8, 27, 10, 0))
        self.assertEqual(dossier.appointment_date, local(2026, 9, 3, 16, 30))
        self.assertEqual(dossier.state, "in_progress")
        restarted = dossier.current_step_id
        self.assertNotEqual(restarted, examination)
        self.assertEqual(restarted.state, "open")
        self.assertEqual(restarted.flow_step_id, examination.flow_step_id)
        self.assertEqual(restarted.user_id, self.handler)
        self.assertEqual(restarted.date_start, local(2026, 8, 27, 10, 0))
        self.assertEqual(
            dossier.step_ids.sorted("date_start").mapped("state"), ["done", "interrupted", "open"]
        )
        # resolved on Friday, before the new appointment: not late although the first
        # appointment (Thu 27/8) has passed
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer, self.handler)
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "early")
        self.assertFalse(dossier.nonconformity_id)
        # counted from the restart: Thu 10:00-11:30 (1.5 h) + 13:30-16:30 (3 h),
        # Fri 7:30-10:00 (2.5 h) = 7 h = 1 working day
        self.assertAlmostEqual(dossier.processing_days, 1.0, places=2)

    def test_supplement_after_the_cutoff(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 24, 9, 0)):
            dossier.with_user(self.one_stop).action_request_supplement("Tờ khai")
        # back on Fri 28/8 at 15:30: counts as received Sat 29/8 7:30: [31/8-2/9 off],
        # Thu 3/9 (1), Fri 4/9 (2), Mon 7/9 (3)
        with freeze_time(local(2026, 8, 28, 15, 30)):
            dossier.with_user(self.one_stop).action_supplement_received()
        self.assertEqual(dossier.counting_start, local(2026, 8, 29, 7, 30))
        self.assertEqual(dossier.appointment_date, local(2026, 9, 7, 16, 30))
        self.assertEqual(dossier.state, "received")
        self.assertEqual(dossier.current_step_id.user_id, self.one_stop)

    def test_apology_once_and_only_once(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        appointment = local(2026, 8, 27, 16, 30)
        self.assertEqual(dossier.appointment_date, appointment)
        with freeze_time(local(2026, 8, 25, 9, 0)), self.assertRaises(UserError):
            dossier.with_user(self.handler).action_apologize(appointment, "Chờ xác minh")
        with freeze_time(local(2026, 8, 25, 9, 0)), self.assertRaises(UserError):
            dossier.with_user(self.handler).action_apologize(local(2026, 8, 28, 16, 30), " ")
        self.assertFalse(dossier.apology_date)
        with freeze_time(local(2026, 8, 25, 9, 0)):
            dossier.with_user(self.handler).action_apologize(
                local(2026, 8, 28, 16, 30), "Chờ kết quả xác minh của UBND xã nơi sinh"
            )
        self.assertEqual(dossier.apology_date, local(2026, 8, 25, 9, 0))
        self.assertEqual(dossier.apology_user_id, self.handler)
        self.assertEqual(dossier.new_appointment_date, local(2026, 8, 28, 16, 30))
        # Tue 9:00 + 7 working hours = Wed 9:00, before the appointment: in time
        self.assertTrue(dossier.is_apology_on_time)
        self.assertEqual(dossier.appointment_date, appointment)
        with freeze_time(local(2026, 8, 26, 9, 0)), self.assertRaises(UserError):
            dossier.with_user(self.handler).action_apologize(
                local(2026, 9, 3, 16, 30), "Lần thứ hai"
            )
        self.assertEqual(dossier.new_appointment_date, local(2026, 8, 28, 16, 30))
        # resolved on Fri 28/8, within the new date but after the appointment: late
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer)
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "late")

    def test_apology_on_the_last_day_is_not_in_time(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        # Thu 27/8 10:00 + 7 working hours = Fri 28/8 10:00, after the appointment
        with freeze_time(local(2026, 8, 27, 10, 0)):
            dossier.with_user(self.one_stop).action_apologize(
                local(2026, 8, 28, 16, 30), "Hồ sơ phải lấy ý kiến cơ quan khác"
            )
        self.assertFalse(dossier.is_apology_on_time)

    def test_timeliness_by_local_day(self):
        # all due at 16:30 Thu 27/8 (09:30 UTC)
        early = self._resolve(self._receive(local(2026, 8, 24, 8, 0)), local(2026, 8, 26, 16, 0))
        self.assertEqual(early.timeliness, "early")
        # 6:30 Thu 27/8 in Hanoi is still Wed 26/8 (23:30) in UTC: the local day decides
        on_time_early_morning = self._resolve(
            self._receive(local(2026, 8, 24, 8, 0)), local(2026, 8, 27, 6, 30)
        )
        self.assertEqual(on_time_early_morning.timeliness, "on_time")
        on_time = self._resolve(self._receive(local(2026, 8, 24, 8, 0)), local(2026, 8, 27, 16, 30))
        self.assertEqual(on_time.timeliness, "on_time")
        late = self._resolve(self._receive(local(2026, 8, 24, 8, 0)), local(2026, 8, 27, 16, 31))
        self.assertEqual(late.timeliness, "late")
        self.assertEqual(
            (early | on_time_early_morning | on_time).mapped("nonconformity_id"),
            self.env["qms.nonconformity"],
        )

    def test_late_nonconformity_created_once(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        # the deadline cron of Friday finds it overdue and records the NC of the unit
        Dossier = self.env["qms.tthc.dossier"]
        with freeze_time(local(2026, 8, 28, 8, 0)):
            Dossier._cron_qms_dossier_deadlines()
            Dossier._cron_qms_dossier_deadlines()
            dossier.invalidate_recordset(["is_overdue"])
            self.assertTrue(dossier.is_overdue)
        nonconformity = dossier.nonconformity_id
        self.assertTrue(nonconformity)
        self.assertEqual(nonconformity.source, "late_dossier")
        self.assertEqual(nonconformity.res_model, "qms.tthc.dossier")
        self.assertEqual(nonconformity.res_id, dossier.id)
        self.assertEqual(nonconformity.department_id, self.department_unit)
        self.assertIn(dossier.name, nonconformity.title)
        # resolving it late does not raise a second one
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer)
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "late")
        self.assertFalse(dossier.is_overdue)
        self.assertEqual(dossier.nonconformity_id, nonconformity)
        ncs = self.env["qms.nonconformity"].search(
            [("res_model", "=", "qms.tthc.dossier"), ("res_id", "=", dossier.id)]
        )
        self.assertEqual(ncs, nonconformity)

    def test_late_nonconformity_goes_to_the_unit_that_was_late(self):
        """Unit A keeps the dossier past its appointment (Thu 27/8 16:30) and hands it to the
        leader on Friday, who signs within the hour. The late step is A's, and the NC is A's
        whether or not the deadline cron ran before the signature."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        examination = dossier.current_step_id
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer)
        self.assertEqual(examination.result, "late")
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "late")
        self.assertEqual(dossier.nonconformity_id.department_id, self.department_unit)

    def test_late_at_resolution_raises_the_nonconformity(self):
        late = self._resolve(self._receive(local(2026, 8, 24, 8, 0)), local(2026, 8, 28, 8, 0))
        self.assertEqual(late.timeliness, "late")
        self.assertEqual(late.nonconformity_id.source, "late_dossier")
        self.assertEqual(late.nonconformity_id.res_id, late.id)
        with freeze_time(local(2026, 8, 29, 8, 0)):
            self.env["qms.tthc.dossier"]._cron_qms_dossier_deadlines()
        self.assertEqual(
            self.env["qms.nonconformity"].search_count(
                [("res_model", "=", "qms.tthc.dossier"), ("res_id", "=", late.id)]
            ),
            1,
        )

    def test_overdue_follows_the_clock(self):
        """Contract: overdue is one definition compared with the clock (open and past the
        appointment, Thu 27/8 16:30), so the list shows it without a hand-over or the cron."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 27, 16, 30)):
            self.assertFalse(dossier.is_overdue)
        dossier.invalidate_recordset(["is_overdue"])
        with freeze_time(local(2026, 8, 27, 16, 31)):
            self.assertTrue(dossier.is_overdue)
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.handler)
        with freeze_time(local(2026, 8, 28, 9, 0)):
            self.assertTrue(dossier.is_overdue)

    def test_waiting_for_supplement_is_not_late(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 25, 9, 0)):
            dossier.with_user(self.one_stop).action_request_supplement("Tờ khai")
        with freeze_time(local(2026, 8, 28, 8, 0)):
            self.env["qms.tthc.dossier"]._cron_qms_dossier_deadlines()
        self.assertFalse(dossier.nonconformity_id)
        # the time is stopped while the applicant completes the dossier (class docstring):
        # the desk's list must not show it as overdue
        self.assertFalse(dossier.is_overdue)

    def test_dossier_keeps_flow_version(self):
        """Issue 7's last item: a dossier received under v1 keeps v1 and its steps after v2 is
        approved; new dossiers follow v2."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self.assertEqual(dossier.flow_id, self.flow)
        action = self.flow.with_user(self.unit_officer).action_new_version()
        v2 = self.env["qms.tthc.flow"].browse(action["res_id"])
        v2.step_ids.filtered(lambda s: s.name == "Lãnh đạo ký").name = "Chủ tịch UBND xã ký"
        self._approve(v2)
        self.assertEqual(self.flow.state, "superseded")
        self.assertEqual(v2.version, 2)
        # the open dossier still follows v1 to its end
        self.assertEqual(dossier.flow_id, self.flow)
        self._hand_over(dossier, local(2026, 8, 25, 9, 0), self.signer)
        self.assertEqual(dossier.current_step_id.flow_step_id.flow_id, self.flow)
        self.assertEqual(dossier.current_step_id.name, "Lãnh đạo ký")
        self._hand_over(dossier, local(2026, 8, 25, 10, 0))
        self.assertEqual(dossier.state, "resolved")
        self.assertEqual(dossier.step_ids.flow_step_id.flow_id, self.flow)
        # a dossier received now follows v2
        new = self._receive(local(2026, 8, 25, 11, 0))
        self.assertEqual(new.flow_id, v2)
        self.assertEqual(new.current_step_id.flow_step_id.flow_id, v2)
        self._hand_over(new, local(2026, 8, 25, 13, 30), self.handler)
        self._hand_over(new, local(2026, 8, 25, 14, 0), self.signer)
        self.assertEqual(new.current_step_id.name, "Chủ tịch UBND xã ký")
        self.assertEqual(new.current_step_id.flow_step_id.flow_id, v2)

    def test_refusal_and_withdrawal_interrupt_the_step(self):
        refused = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 24, 9, 0)):
            with self.assertRaises(UserError):
                refused.with_user(self.one_stop).action_refuse("")
            refused.with_user(self.one_stop).action_refuse("Không thuộc thẩm quyền")
        self.assertEqual(refused.state, "refused")
        self.assertEqual(refused.step_ids.state, "interrupted")
        self.assertEqual(refused.refused_at, local(2026, 8, 24, 9, 0))
        with self.assertRaises(UserError):
            refused.with_user(self.one_stop).action_apologize(local(2026, 8, 28, 16, 30), "Quá hạn")
        withdrawn = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 24, 9, 30)):
            withdrawn.with_user(self.one_stop).action_withdraw("Công dân xin rút hồ sơ")
        self.assertEqual(withdrawn.state, "withdrawn")
        self.assertEqual(withdrawn.withdrawn_at, local(2026, 8, 24, 9, 30))
        with self.assertRaises(UserError):
            withdrawn.with_user(self.one_stop).action_hand_over(self.handler)
        with self.assertRaises(UserError):
            withdrawn.unlink()
