"""Reception through the model's API: a batch of dossiers received with `create([...])`, as the
connector's API and the import do, against a plain ORM `create` of the same number of rows into
a bare model.

Ours: `qms.tthc.dossier.create(vals_list)` as a one-stop desk officer, each dossier with its
applicant, procedure, channel and the procedure's components (computed), so everything a desk
reception does runs: the guard's checks, the applicant's snapshot, the flow in force, the
appointment on the agency's calendar, the reception step, the gap-free code of the agency's day,
the chatter's creation message (and the connector's outbox when it is installed).
Plain: `qms.tthc.dossier.number.create(vals_list)` with as many rows, as the superuser. It is the
bare model chosen as the reference: a plain `models.Model` of the same database with no mixin,
no compute, no tracking and no override (three columns besides Odoo's log columns), so the
ratio says what a dossier costs beyond the ORM's own cost of inserting a row.

Each run receives one batch and creates one batch of plain rows, interleaved (ours, plain, ours,
plain... the order swapped every run); the figure is the median rate of the runs, and the
queries per dossier beyond the plain create are counted on the cursor.

Data: a procedure with a one-step flow in force, a desk officer and an applicant are created in
the figure's cursor; bench/run.py rolls everything back after the figure.
Environment: BENCH_RECEPTION_BATCH (dossiers per batch, default 200).
"""

import os
from datetime import date

from _common import median, timed

from odoo import Command

TARGET_RATIO = 0.40


def _setup(env):
    """A procedure with its flow in force, a desk officer of the agency, an applicant."""
    company = env.company
    unit = env["hr.department"].create({"name": "Bộ phận Một cửa (bench)"})
    field = env["qms.tthc.field"].create({"name": "Hộ tịch (bench)", "code": "HTB"})
    procedure = env["qms.tthc.procedure"].create(
        {
            "code": "1.999001",
            "name": "Đăng ký khai sinh (bench)",
            "field_id": field.id,
            "department_id": unit.id,
            "processing_time_ids": [
                Command.create({"filing_method": "direct", "duration": 3, "unit": "day"})
            ],
            "component_ids": [
                Command.create({"name": "Tờ khai đăng ký khai sinh"}),
                Command.create({"name": "Giấy chứng sinh"}),
            ],
        }
    )
    flow = env["qms.tthc.flow"].create(
        {
            "procedure_id": procedure.id,
            "step_ids": [
                Command.create(
                    {
                        "name": "Tiếp nhận và giải quyết",
                        "duration": 3,
                        "duration_unit": "day",
                        "department_id": unit.id,
                    }
                )
            ],
        }
    )
    flow.write({"state": "approved"})  # the approval chain is not what is measured
    desk = env["res.users"].create(
        {
            "name": "Cán bộ Một cửa (bench)",
            "login": "bench_reception_desk",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "group_ids": [Command.link(env.ref("qms_iso9001_tthc.group_qms_tthc_one_stop").id)],
        }
    )
    applicant = env["res.partner"].create({"name": "Nguyễn Văn Bench", "phone": "0912345678"})
    return procedure, desk, applicant


def _ours(env, procedure, desk, applicant, count):
    Dossier = env["qms.tthc.dossier"].with_user(desk)
    dossiers = Dossier.create(
        [
            {"procedure_id": procedure.id, "applicant_id": applicant.id, "channel": "direct"}
            for _index in range(count)
        ]
    )
    env.flush_all()
    return dossiers


def _plain(env, company, first, count):
    rows = env["qms.tthc.dossier.number"].create(
        [
            {"company_id": company.id, "day": date(1999, 1, 1), "number": first + index}
            for index in range(count)
        ]
    )
    env.flush_all()
    return rows


def _queries(env, function, *args):
    env.invalidate_all()
    before = env.cr.sql_log_count
    function(env, *args)
    return env.cr.sql_log_count - before


def measure(env, runs=5):
    count = int(os.environ.get("BENCH_RECEPTION_BATCH", "200"))
    procedure, desk, applicant = _setup(env)
    company = env.company
    # warm the registry's caches on both sides
    _ours(env, procedure, desk, applicant, 2)
    _plain(env, company, 1, 2)
    ours_rates, plain_rates = [], []
    first = 3
    for run in range(runs):
        sides = [("ours", None), ("plain", None)]
        if run % 2:
            sides.reverse()
        for side, _unused in sides:
            env.invalidate_all()
            if side == "ours":
                seconds, _result = timed(_ours, env, procedure, desk, applicant, count)
                ours_rates.append(count / seconds)
            else:
                seconds, _result = timed(_plain, env, company, first, count)
                first += count
                plain_rates.append(count / seconds)
    ours_queries = _queries(env, _ours, procedure, desk, applicant, count)
    plain_queries = _queries(env, _plain, company, first, count)
    ours_per_s, plain_per_s = median(ours_rates), median(plain_rates)
    ratio = ours_per_s / plain_per_s
    per_dossier = (ours_queries - plain_queries) / count
    return {
        "figure": "reception",
        "measured": (
            f"{ours_per_s:,.0f}/s vs {plain_per_s:,.0f}/s = {ratio:.1%} "
            f"({per_dossier:.2f} queries per dossier beyond a plain create, "
            f"batches of {count})"
        ),
        "target": f">= {TARGET_RATIO:.0%}",
        "ok": ratio >= TARGET_RATIO,
        "ours_per_s": round(ours_per_s, 1),
        "orm_per_s": round(plain_per_s, 1),
        "ratio": round(ratio, 3),
        "queries_per_dossier": round(per_dossier, 2),
        "batch": count,
        "ours_queries": ours_queries,
        "plain_queries": plain_queries,
        "ours_rates": ours_rates,
        "plain_rates": plain_rates,
    }
