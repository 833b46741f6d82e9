"""Deadlines: the QMS planner against Odoo's own `resource.calendar.plan_days`.

Dating every dossier of a province (2.6 million a year) must take seconds: Odoo's `plan_days`
recomputes the calendar's intervals and queries the leaves at each call, the QMS planner
(`resource.calendar._qms_deadline_planner`) loads them once. Both date the same 2,000 receipts
(any minute of 2026, 1 to 30 working days) on the agency calendar with the Vietnamese public
holidays of 2026 and 2027; the answers must be identical, else the figure fails.
Each run times both, interleaved (the order swapped every run), after invalidating the cache;
ours includes loading the planner for the range the inputs need (their first day to 30 days past
twice the longest limit after the last); the figure is the median of the runs. It also times
the one-stop rule built on the planner (15:00 cut-off, closing time of the N-th working day) for
100,000 dossiers.

Data: the holidays imported are rolled back by bench/run.py; nothing stays in the database.
Environment: BENCH_DEADLINE_INPUTS (2000), BENCH_DEADLINE_APPOINTMENTS (100000).
"""

import os
import random
from datetime import datetime, timedelta

from _common import median, ratio_text, timed

TARGET_RATIO = 200


def _starts(count):
    """Receipts spread over 2026, at any minute of the day (nights and lunch included)."""
    rng = random.Random(2026)
    first = datetime(2026, 1, 1) - timedelta(hours=7)
    return [
        (first + timedelta(minutes=rng.randrange(365 * 24 * 60)), rng.randint(1, 30))
        for _index in range(count)
    ]


def _odoo(env, calendar, starts):
    env.invalidate_all()
    return [calendar.plan_days(days, start, compute_leaves=True) for start, days in starts]


def _planner(env, calendar, starts):
    """The planner loaded once for the range the inputs need, as a batch of dossiers would."""
    env.invalidate_all()
    date_from = calendar._qms_planner_range(min(start for start, _days in starts), 0, "day")[0]
    last_start, most_days = max(start for start, _days in starts), max(d for _s, d in starts)
    date_to = calendar._qms_planner_range(last_start, most_days, "day")[1]
    return calendar._qms_deadline_planner(date_from, date_to)


def _ours(env, calendar, starts):
    planner = _planner(env, calendar, starts)
    return [planner.add(start, days, "day") for start, days in starts]


def _appointments(env, calendar, starts):
    planner = _planner(env, calendar, starts)
    return [
        planner.end_of_working_day(planner.counting_start(start, 15.0), days)
        for start, days in starts
    ]


def measure(env, runs):
    count = int(os.environ.get("BENCH_DEADLINE_INPUTS") or 2000)
    appointments = int(os.environ.get("BENCH_DEADLINE_APPOINTMENTS") or 100000)
    calendar = env.ref("qms_iso9001.resource_calendar_agency")
    for year in (2026, 2027):
        wizard = env["qms.holiday.import"].create({"year": year, "calendar_id": calendar.id})
        wizard._onchange_year()
        wizard.action_import()
    env.flush_all()
    starts = _starts(count)

    odoo_times, our_times, mismatches = [], [], 0
    for run in range(runs):
        sides = [("odoo", _odoo), ("ours", _ours)]
        if run % 2:
            sides.reverse()
        answers = {}
        for side, function in sides:
            seconds, answers[side] = timed(function, env, calendar, starts)
            (odoo_times if side == "odoo" else our_times).append(seconds)
        mismatches = max(
            mismatches,
            sum(
                1
                for expected, got in zip(answers["odoo"], answers["ours"], strict=True)
                if expected != got
            ),
        )
    odoo_seconds, our_seconds = median(odoo_times), median(our_times)
    ratio = odoo_seconds / our_seconds
    appointment_seconds = median(
        [timed(_appointments, env, calendar, _starts(appointments))[0] for _run in range(runs)]
    )
    return {
        "figure": f"deadlines, ours vs Odoo plan_days on the same {count:,} inputs",
        "measured": (
            f"{ratio_text(ratio)} ({our_seconds * 1000:,.1f} ms vs {odoo_seconds:,.2f} s), "
            + ("identical" if not mismatches else f"{mismatches} answers DIFFER")
            + f"; {appointments:,} appointment dates in {appointment_seconds:,.2f} s"
        ),
        "target": f">= {TARGET_RATIO}x, identical",
        "ok": ratio >= TARGET_RATIO and not mismatches,
        "inputs": count,
        "ratio": round(ratio, 1),
        "odoo_seconds": odoo_times,
        "our_seconds": our_times,
        "mismatches": mismatches,
        "appointments": appointments,
        "appointment_seconds": appointment_seconds,
    }
