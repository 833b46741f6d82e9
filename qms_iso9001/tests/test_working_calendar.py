import random
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon

HANOI = timedelta(hours=7)


def local(*args):
    """A Hanoi wall-clock time as the naive UTC datetime the ORM works with."""
    return datetime(*args) - HANOI


@tagged("post_install", "-at_install")
class TestWorkingCalendar(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("qms_iso9001.resource_calendar_agency").copy(
            {"name": "Giờ hành chính Sở Tư pháp"}
        )
        holidays_2026 = [
            ("Tết Dương lịch", date(2026, 1, 1), date(2026, 1, 2)),
            ("Tết Nguyên Đán", date(2026, 2, 16), date(2026, 2, 20)),
            ("Giỗ Tổ Hùng Vương (nghỉ bù)", date(2026, 4, 27), date(2026, 4, 27)),
            ("Ngày Chiến thắng, Quốc tế Lao động", date(2026, 4, 30), date(2026, 5, 1)),
            ("Quốc khánh", date(2026, 9, 1), date(2026, 9, 2)),
        ]
        cls.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": cls.calendar.id,
                    "company_id": cls.company.id,
                    "date_from": local(first.year, first.month, first.day, 0, 0),
                    "date_to": local(last.year, last.month, last.day, 23, 59, 59),
                }
                for name, first, last in holidays_2026
            ]
        )
        # 2 January is a day off made up for on Saturday 10 January
        cls.saturday = cls.env["qms.working.day"].create(
            {
                "name": "Làm bù cho ngày 02/01/2026",
                "calendar_id": cls.calendar.id,
                "date": date(2026, 1, 10),
                "replaced_date": date(2026, 1, 2),
            }
        )

    def add(self, start, amount, unit):
        return self.calendar._qms_add_working_time(start, amount, unit)

    # ------------------------------------------------------------------ hand-worked dates
    def test_agency_hours_are_the_default_calendar(self):
        calendar = self.env.ref("qms_iso9001.resource_calendar_agency")
        self.assertEqual(calendar.tz, "Asia/Ho_Chi_Minh")
        self.assertEqual(
            sorted(set(calendar.attendance_ids.mapped(lambda a: (a.hour_from, a.hour_to)))),
            [(7.5, 11.5), (13.5, 16.5)],
        )
        self.assertEqual(set(calendar.attendance_ids.mapped("dayofweek")), set("01234"))
        agency = self.env["res.company"].create({"name": "Sở Nội vụ"})
        self.assertEqual(agency._qms_deadline_calendar(), calendar)
        agency.qms_calendar_id = False
        self.env["res.company"]._qms_set_default_calendar()
        self.assertEqual(agency.qms_calendar_id, calendar)

    def test_days_skip_weekends_and_tet(self):
        friday_evening = local(2026, 2, 13, 17, 0)
        self.assertEqual(self.add(friday_evening, 1, "day"), local(2026, 2, 23, 11, 30))
        self.assertEqual(self.add(friday_evening, 3, "day"), local(2026, 2, 25, 11, 30))
        # received on the first day of Tết: counted from the first day back
        self.assertEqual(self.add(local(2026, 2, 17, 10, 0), 1, "day"), local(2026, 2, 23, 11, 30))
        # Thursday, Friday, (weekend, observed Hùng Kings day), Tuesday
        self.assertEqual(self.add(local(2026, 4, 23, 0, 0), 3, "day"), local(2026, 4, 28, 11, 30))
        # a start in the afternoon counts that afternoon as the first day
        self.assertEqual(self.add(local(2026, 3, 2, 14, 0), 1, "day"), local(2026, 3, 2, 16, 30))
        self.assertEqual(self.add(local(2026, 3, 2, 14, 0), 0, "day"), local(2026, 3, 2, 14, 0))

    def test_hours_around_lunch_and_holidays(self):
        monday = (2026, 3, 2)
        self.assertEqual(self.add(local(*monday, 7, 30), 4, "hour"), local(*monday, 11, 30))
        self.assertEqual(self.add(local(*monday, 11, 30), 1, "hour"), local(*monday, 14, 30))
        self.assertEqual(self.add(local(*monday, 12, 0), 0.5, "hour"), local(*monday, 14, 0))
        self.assertEqual(self.add(local(*monday, 13, 30), 3, "hour"), local(*monday, 16, 30))
        self.assertEqual(self.add(local(*monday, 16, 0), 1, "hour"), local(2026, 3, 3, 8, 0))
        # 1.5 hours before Tết, the other 2.5 after it
        self.assertEqual(self.add(local(2026, 2, 13, 15, 0), 4, "hour"), local(2026, 2, 23, 10, 0))
        # no time to count: the next working moment
        self.assertEqual(self.add(local(*monday, 12, 0), 0, "hour"), local(*monday, 13, 30))

    def test_swapped_saturday_is_worked(self):
        friday_evening = local(2026, 1, 9, 17, 0)
        self.assertEqual(self.add(friday_evening, 1, "day"), local(2026, 1, 10, 11, 30))
        self.assertEqual(self.add(friday_evening, 2, "day"), local(2026, 1, 12, 11, 30))
        self.assertEqual(self.add(local(2026, 1, 9, 16, 30), 5, "hour"), local(2026, 1, 10, 14, 30))
        # New Year's Day and the swapped Friday are off; the Saturday after them is not worked
        self.assertEqual(self.add(local(2025, 12, 31, 17, 0), 1, "day"), local(2026, 1, 5, 11, 30))
        # without the working day, Odoo's own calendar skips that Saturday
        self.saturday.unlink()
        self.assertEqual(self.add(friday_evening, 1, "day"), local(2026, 1, 12, 11, 30))

    def test_same_answers_as_odoo(self):
        """Random starts, including night, lunch, holidays and the 11:30/13:30 edges."""
        rng = random.Random(19)
        planner = self.calendar._qms_deadline_planner(date(2026, 2, 1), date(2026, 12, 31))
        edges = [(0, 0), (7, 30), (11, 30), (12, 0), (13, 30), (16, 30), (23, 0)]
        cases = []
        for _index in range(160):
            day = date(2026, 2, 1) + timedelta(days=rng.randrange(300))
            hour, minute = (
                rng.choice(edges) if rng.random() < 0.4 else (rng.randrange(24), rng.randrange(60))
            )
            start = local(day.year, day.month, day.day, hour, minute)
            cases.append((start, rng.randint(1, 25), "day"))
            cases.append((start, rng.randint(1, 160) / 4, "hour"))
        for start, amount, unit in cases:
            with self.subTest(start=start, amount=amount, unit=unit):
                if unit == "day":
                    expected = self.calendar.plan_days(amount, start, compute_leaves=True)
                else:
                    expected = self.calendar.plan_hours(amount, start, compute_leaves=True)
                self.assertAlmostEqual(
                    planner.add(start, amount, unit), expected, delta=timedelta(seconds=1)
                )

    def test_many_deadlines_cost_constant_queries(self):
        starts = [local(2026, 3, 2, 8, 0) + timedelta(minutes=37 * n) for n in range(1000)]

        def date_all(count):
            self.env.invalidate_all()
            planner = self.calendar._qms_deadline_planner(date(2026, 3, 1), date(2026, 12, 31))
            return [planner.add(start, 5, "day") for start in starts[:count]]

        queries_before = self.cr.sql_log_count
        date_all(10)
        queries_for_ten = self.cr.sql_log_count - queries_before
        with self.assertQueryCount(queries_for_ten):
            deadlines = date_all(1000)
        self.assertEqual(len(deadlines), 1000)
        self.assertTrue(all(deadlines))

    def test_backwards_or_unknown_units_refused(self):
        planner = self.calendar._qms_deadline_planner(date(2026, 3, 1), date(2026, 3, 31))
        with self.assertRaises(UserError):
            planner.add(local(2026, 3, 2, 8, 0), -1, "day")
        with self.assertRaises(UserError):
            planner.add(local(2026, 3, 2, 8, 0), 1, "week")

    # ------------------------------------------------------------------ swapped working days
    def test_working_day_must_be_a_day_off_and_unique(self):
        with self.assertRaises(ValidationError):
            self.env["qms.working.day"].create(
                {"name": "Thứ Hai", "calendar_id": self.calendar.id, "date": date(2026, 1, 12)}
            )
        with self.assertRaises(ValidationError):
            self.env["qms.working.day"].create(
                {"name": "Trùng", "calendar_id": self.calendar.id, "date": date(2026, 1, 10)}
            )

    def test_working_day_access(self):
        self.assertEqual(
            self.env["qms.working.day"]
            .with_user(self.qms_user)
            .search([("calendar_id", "=", self.calendar.id)]),
            self.saturday,
        )
        values = {"name": "Làm bù", "calendar_id": self.calendar.id, "date": date(2026, 1, 17)}
        with self.assertRaises(AccessError):
            self.env["qms.working.day"].with_user(self.qms_user).create(values)
        day = self.env["qms.working.day"].with_user(self.qms_manager).create(values)
        self.assertEqual(self.add(local(2026, 1, 16, 17, 0), 1, "day"), local(2026, 1, 17, 11, 30))
        self.assertTrue(day.exists())

    # ------------------------------------------------------------------ holiday import
    def _import_form(self, year, user=None):
        calendar = self.env.ref("qms_iso9001.resource_calendar_agency").copy({"name": "Lịch"})
        wizard = self.env["qms.holiday.import"].with_user(user or self.qms_manager)
        form = Form(wizard.with_context(default_calendar_id=calendar.id))
        form.year = year
        return form, calendar

    def _global_leave_days(self, calendar):
        leaves = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", calendar.id), ("resource_id", "=", False)]
        )
        return sorted((leave.date_from + HANOI).date() for leave in leaves)

    def test_import_proposes_tet_and_observed_days(self):
        form, _calendar = self._import_form(2026)
        proposed = {line.date_from: (line.selected, line.kind) for line in form.save().line_ids}
        for tet_day in range(16, 21):
            self.assertEqual(proposed[date(2026, 2, tet_day)], (True, "holiday"))
        self.assertEqual(proposed[date(2026, 4, 27)], (True, "holiday"))  # observed
        self.assertEqual(proposed[date(2026, 4, 26)], (False, "holiday"))  # a Sunday
        self.assertIn(date(2026, 9, 2), proposed)

    def test_import_after_editing_the_preview_and_twice(self):
        form, calendar = self._import_form(2026)
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                if line.date_from == date(2026, 9, 1):
                    line.selected = False
                elif line.date_from == date(2026, 1, 1):
                    line.name = "Tết Dương lịch 2026"
                    line.date_to = date(2026, 1, 2)
        form.save().action_import()
        days = self._global_leave_days(calendar)
        self.assertIn(date(2026, 1, 1), days)
        self.assertNotIn(date(2026, 9, 1), days)
        self.assertIn(date(2026, 9, 2), days)
        new_year = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", calendar.id), ("name", "=", "Tết Dương lịch 2026")]
        )
        self.assertEqual((new_year.date_to + HANOI).date(), date(2026, 1, 2))
        # the second run only adds what is missing
        form, _other = self._import_form(2026)
        form.calendar_id = calendar
        form.save().action_import()
        self.assertEqual(len(self._global_leave_days(calendar)), len(days) + 1)
        self.assertIn(date(2026, 9, 1), self._global_leave_days(calendar))
        # Friday 2 January is a normal working day, Monday 5 January too
        self.assertEqual(
            calendar._qms_add_working_time(local(2025, 12, 31, 17, 0), 1, "day"),
            local(2026, 1, 5, 11, 30),
        )

    def test_import_swapped_working_day(self):
        form, calendar = self._import_form(2024)
        wizard = form.save()
        self.assertEqual(
            wizard.line_ids.filtered(lambda line: line.kind == "working_day").mapped("date_from"),
            [date(2024, 5, 4)],
        )
        wizard.action_import()
        working_day = calendar.qms_working_day_ids
        self.assertEqual(working_day.date, date(2024, 5, 4))
        self.assertEqual(working_day.replaced_date, date(2024, 4, 29))
        # Friday 3 May, then the swapped Saturday
        self.assertEqual(
            calendar._qms_add_working_time(local(2024, 5, 3, 0, 0), 2, "day"),
            local(2024, 5, 4, 11, 30),
        )

    def test_import_reserved_to_managers(self):
        with self.assertRaises(AccessError):
            self.env["qms.holiday.import"].with_user(self.qms_user).create({"year": 2026})
        wizard = self.env["qms.holiday.import"].with_user(self.qms_manager).create({"year": 2026})
        self.assertTrue(wizard.exists())
