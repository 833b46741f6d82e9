"""How fast QMS deadlines are dated, against Odoo's own resource.calendar.

Dating every dossier of a province (100,000 a year) must take seconds: Odoo's `plan_days`
recomputes the calendar's intervals and queries the leaves for each call, the QMS planner
(`resource.calendar._qms_deadline_planner`) loads them once. This script prints both rates for
the same calendar, holidays and starts, and checks on the Odoo sample that the answers agree.

Run it with the project's Odoo (no `odoo-bin shell` needed; env.sh sets ODOO_ROOT etc.):

    source ~/.cache/qms-iso9001/run/<hash>/env.sh
    export ODOO_PY ODOO_BIN ODOO_CONF ODOO_ROOT
    $ODOO_PY bench/deadline_bench.py                 # creates and drops a throwaway DB
    QMS_BENCH_DB=mydb $ODOO_PY bench/deadline_bench.py   # uses a DB with qms_iso9001 installed

It also dates the same starts as dossier appointments (15:00 cut-off, end of the N-th working
day), the rule of `qms.tthc.dossier`, to show the one-stop desk's figure.

Options via environment: QMS_BENCH_STARTS (100000), QMS_BENCH_ODOO_SAMPLE (1000 Odoo calls,
its rate is extrapolated: the full 100,000 would take minutes). Nothing is written: the
holidays the script imports are rolled back.
"""

import os
import random
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, timedelta


def _open_registry(db_name):
    sys.path.insert(0, os.environ["ODOO_ROOT"])
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", os.environ["ODOO_CONF"], "-d", db_name])
    from odoo.orm.registry import Registry  # noqa: PLC0415

    return Registry(db_name)


def _create_db():
    name = f"qms_bench_{uuid.uuid4().hex[:8]}"
    print(f"Creating the throwaway database {name} (about a minute)...", flush=True)
    subprocess.run(
        [
            os.environ["ODOO_BIN"],
            "-c",
            os.environ["ODOO_CONF"],
            "-d",
            name,
            "-i",
            "qms_iso9001",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    return name


def _drop_db(name):
    subprocess.run(["dropdb", "--if-exists", name], check=False)


def _starts(count):
    """Receipts spread over 2026, at any minute of the day (nights and lunch included)."""
    rng = random.Random(2026)
    first = datetime(2026, 1, 1) - timedelta(hours=7)
    return [
        (first + timedelta(minutes=rng.randrange(365 * 24 * 60)), rng.randint(1, 30))
        for _index in range(count)
    ]


def _bench(env, count, odoo_sample):
    calendar = env.ref("qms_iso9001.resource_calendar_agency")
    for year in (2026, 2027):
        wizard = env["qms.holiday.import"].create({"year": year, "calendar_id": calendar.id})
        wizard._onchange_year()
        wizard.action_import()
    env.flush_all()
    starts = _starts(count)

    env.invalidate_all()
    began = time.perf_counter()
    odoo_results = [
        calendar.plan_days(days, start, compute_leaves=True) for start, days in starts[:odoo_sample]
    ]
    odoo_seconds = time.perf_counter() - began

    env.invalidate_all()
    began = time.perf_counter()
    planner = calendar._qms_deadline_planner(date(2025, 12, 1), date(2028, 6, 30))
    ours = [planner.add(start, days, "day") for start, days in starts]
    our_seconds = time.perf_counter() - began

    mismatches = sum(
        1
        for expected, got in zip(odoo_results, ours, strict=False)
        if abs((expected - got).total_seconds()) > 1
    )
    odoo_rate = odoo_sample / odoo_seconds
    our_rate = count / our_seconds
    print(
        f"Odoo plan_days:   {odoo_sample:>7} deadlines in {odoo_seconds:7.2f} s "
        f"= {odoo_rate:>10,.0f}/s (100,000 would take {100000 / odoo_rate:,.0f} s)"
    )
    print(f"QMS planner:      {count:>7} deadlines in {our_seconds:7.2f} s = {our_rate:>10,.0f}/s")
    print(
        f"Speed-up: x{our_rate / odoo_rate:,.0f}; answers differing from Odoo on the "
        f"sample: {mismatches}/{odoo_sample}"
    )
    _bench_appointments(planner, starts)
    return mismatches


def _bench_appointments(planner, starts):
    """The one-stop rule on top of the planner: a receipt after 15:00 counts from the next
    working day, and N working days end at closing time of the N-th day."""
    began = time.perf_counter()
    for start, days in starts:
        planner.end_of_working_day(planner.counting_start(start, 15.0), days)
    seconds = time.perf_counter() - began
    print(
        f"Appointment dates: {len(starts):>6} dossiers in {seconds:7.2f} s "
        f"= {len(starts) / seconds:>10,.0f}/s (cut-off 15:00, end of the N-th working day)"
    )


def main():
    count = int(os.environ.get("QMS_BENCH_STARTS", "100000"))
    odoo_sample = min(int(os.environ.get("QMS_BENCH_ODOO_SAMPLE", "1000")), count)
    db_name = os.environ.get("QMS_BENCH_DB")
    throwaway = not db_name
    if throwaway:
        db_name = _create_db()
    try:
        registry = _open_registry(db_name)
        from odoo import SUPERUSER_ID, api  # noqa: PLC0415

        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            mismatches = _bench(env, count, odoo_sample)
            cr.rollback()
    finally:
        if throwaway:
            from odoo import sql_db  # noqa: PLC0415

            sql_db.close_db(db_name)
            _drop_db(db_name)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
