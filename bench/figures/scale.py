"""A province on one instance (issue 16): 200 agencies x 30 units and a year of dossiers
(`bench/scale_data.py`, BENCH_DOSSIERS, 300,000 by default, 3,000,000 for the issue's figure).

Rows:

- statistics for a year by unit and by procedure, for the whole province (every agency: the
  province's figures, as a leader reading all agencies gets them) and for a tenth of the
  agencies (about N/10 dossiers): seconds and SQL queries, to show that the number of queries
  does not depend on N; and one agency's wizard (`action_compute`, by unit), what a user clicks;
- the dossier list as a unit handler of an agency (record rules of the handler group), the
  first 80 rows in the default order with the fields of the list view, as the web client asks
  it (`web_search_read` with `count_limit`); then the handler's "With My Unit" inbox, the
  "Overdue" filter, and "My Dossiers" (grouped by state, then its list), and the desk officer's
  list, for users of three agencies (the first, the middle and the last). Target < 150 ms each.

Every timing is the median of `runs`, with Odoo's cache emptied before each call (PostgreSQL's
own cache stays warm, as on a server in use). Odoo's CPU time and PostgreSQL's own execution time
(EXPLAIN ANALYZE) of each list's search and of the statistics' aggregate are given beside the
wall clock: on a shared machine the wall clock is mostly the wait for a core.

Data: made by `scale_data.generate` when the database has none, and committed (it takes
minutes; the next runs reuse it). The figure itself writes nothing: the statistics wizards it
creates are rolled back by bench/run.py.
"""

import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import scale_data

LIST_TARGET_MS = 150
STATISTICS_TARGET_S = 3.0
OPEN_STATES = ("received", "in_progress", "supplement")


def median(values):
    return statistics.median(values)


def timed(function):
    began = time.perf_counter()
    result = function()
    return time.perf_counter() - began, result


def _list_specification(env):
    """{field: spec} of the dossier list view, many2one as display names, as the web client."""
    Dossier = env["qms.tthc.dossier"]
    arch = Dossier.get_view(env.ref("qms_iso9001_tthc.qms_tthc_dossier_view_list").id, "list")
    spec = {}
    for node in ElementTree.fromstring(arch["arch"]).iter("field"):
        name = node.get("name")
        field = Dossier._fields[name]
        spec[name] = {"fields": {"display_name": {}}} if field.type == "many2one" else {}
    return spec


def _count_queries(env, function):
    """(seconds, queries, result, Odoo's CPU seconds) of one call, Odoo's cache emptied first.
    The CPU time tells what the call costs when the machine is shared: the wall clock then
    includes the wait for a core."""
    env.invalidate_all()
    before = env.cr.sql_log_count
    cpu = time.process_time()
    seconds, result = timed(function)
    return seconds, env.cr.sql_log_count - before, result, time.process_time() - cpu


def _search_sql_ms(user_env, domain):
    """PostgreSQL's own execution time (EXPLAIN ANALYZE) of the search behind a list: the
    first 80 ids in the default order with the user's record rules, what grows with the
    province if anything does; apart from Odoo's work and from the wait for a core."""
    query = user_env["qms.tthc.dossier"]._search(domain, limit=80)
    user_env.cr.execute(SQL("EXPLAIN (ANALYZE, FORMAT JSON) %s", query.select()))
    return round(user_env.cr.fetchone()[0][0]["Execution Time"], 1)


SCREEN_DOMAINS = {
    "list": [],
    "with my unit": [("is_with_my_unit", "=", True), ("state", "in", OPEN_STATES)],
    "overdue": [("is_overdue", "=", True)],
}


def _screens(user_env, spec):
    """The screens of a user, as callables."""
    Dossier = user_env["qms.tthc.dossier"]
    uid = user_env.uid

    def listing(domain):
        return lambda: Dossier.web_search_read(domain, spec, limit=80, count_limit=10001)

    return {
        **{name: listing(domain) for name, domain in SCREEN_DOMAINS.items()},
        "my dossiers": lambda: (
            Dossier.web_read_group([("current_user_id", "=", uid)], ["state"], ["__count"]),
            Dossier.web_search_read(
                [("current_user_id", "=", uid)], spec, limit=80, count_limit=10001
            ),
        ),
    }


def _users(env, companies):
    """(agency, handler, desk officer) of the first, middle and last agencies: the handler of
    a unit that is not the desk (the desk sees every dossier of its agency)."""
    handler_group = env.ref(scale_data.HANDLER)
    desk_group = env.ref(scale_data.ONE_STOP)
    picked = []
    for company in (companies[0], companies[len(companies) // 2], companies[-1]):
        Employee = env["hr.employee"].with_context(active_test=True)
        employees = Employee.search([("company_id", "=", company.id)], order="id")
        desk_unit = env["hr.department"].search(
            [("company_id", "=", company.id)], order="id", limit=1
        )
        desk = employees.filtered(lambda e: desk_group in e.user_id.group_ids)[:1].user_id
        handler = employees.filtered(
            lambda e, desk_unit=desk_unit: (
                handler_group in e.user_id.group_ids
                and desk_group not in e.user_id.group_ids
                and e.department_id != desk_unit
            )
        )[:1].user_id
        picked.append((company, handler, desk))
    return picked


def _explained_ms(env, function):
    """PostgreSQL's execution time (EXPLAIN ANALYZE) of the heaviest query `function` runs
    through `execute_query` (the statistics' aggregate)."""
    queries = []
    environment = type(env)
    original = environment.execute_query

    def spy(self, query):
        queries.append(query)
        return original(self, query)

    environment.execute_query = spy
    try:
        function()
    finally:
        environment.execute_query = original
    times = []
    for query in queries:
        env.cr.execute(SQL("EXPLAIN (ANALYZE, FORMAT JSON) %s", query))
        times.append(env.cr.fetchone()[0][0]["Execution Time"])
    return round(max(times, default=0.0), 1)


def _statistics(env, companies, runs):
    Statistics = env["qms.tthc.statistics"]
    today = date.today()
    date_from, date_to = today - timedelta(days=365), today
    tenth = companies[: max(1, len(companies) // 10)]
    results = {}
    for label, scope in (("N", companies), ("N/10", tenth)):
        count = (
            env["qms.tthc.dossier"]
            .with_context(active_test=False)
            .search_count([("company_id", "in", scope.ids)])
        )
        for groupby in ("unit", "procedure"):
            samples = [
                _count_queries(
                    env,
                    lambda groupby=groupby, scope=scope: Statistics._qms_dossier_statistics(
                        date_from, date_to, groupby, [("company_id", "in", scope.ids)]
                    ),
                )
                for _run in range(runs)
            ]
            results[f"{label} {groupby}"] = {
                "dossiers": count,
                "seconds": round(median(s[0] for s in samples), 3),
                "odoo_cpu_s": round(median(s[3] for s in samples), 3),
                "sql_ms": _explained_ms(
                    env,
                    lambda groupby=groupby, scope=scope: Statistics._qms_dossier_statistics(
                        date_from, date_to, groupby, [("company_id", "in", scope.ids)]
                    ),
                ),
                "queries": samples[-1][1],
                "groups": len(samples[-1][2]),
            }
    return results


def _wizard(env, company, runs):
    """One agency's statistics for a year by unit, as its leader clicks them."""
    today = date.today()
    wizard = (
        env["qms.tthc.statistics"]
        .with_company(company)
        .create(
            {
                "company_id": company.id,
                "date_from": today - timedelta(days=365),
                "date_to": today,
                "groupby": "unit",
            }
        )
    )
    samples = [_count_queries(env, wizard.action_compute) for _run in range(runs)]
    return {
        "seconds": round(median(s[0] for s in samples), 3),
        "queries": samples[-1][1],
    }


def measure(env, runs):
    mark = scale_data.generated(env)
    if not mark or scale_data.explicit_parameters():
        mark = scale_data.generate(env, log=lambda text: print(text, file=sys.stderr))
    companies = scale_data.agencies(env)
    spec = _list_specification(env)
    total = env["qms.tthc.dossier"].with_context(active_test=False).search_count([])

    stats = _statistics(env, companies, runs)
    wizard = _wizard(env, companies[0], runs)
    stats_ok = all(value["seconds"] < STATISTICS_TARGET_S for value in stats.values()) and all(
        stats[f"N {g}"]["queries"] == stats[f"N/10 {g}"]["queries"] for g in ("unit", "procedure")
    )

    screens = {}
    for company, handler, desk in _users(env, companies):
        for role, user in (("handler", handler), ("desk", desk)):
            user_env = env(user=user.id, su=False, context={"allowed_company_ids": company.ids})
            for name, call in _screens(user_env, spec).items():
                if role == "desk" and name != "list":
                    continue
                samples = [_count_queries(env, call) for _run in range(runs)]
                last = samples[-1][2]
                rows = last[1] if isinstance(last, tuple) else last
                domain = SCREEN_DOMAINS.get(name, [("current_user_id", "=", user.id)])
                screens[f"{company.qms_agency_code} {role} {name}"] = {
                    "ms": round(1000 * median(s[0] for s in samples), 1),
                    "sql_ms": _search_sql_ms(user_env, domain),
                    "odoo_cpu_ms": round(1000 * median(s[3] for s in samples), 1),
                    "queries": samples[-1][1],
                    "rows": len(rows["records"]),
                    "length": rows["length"],
                }
    worst = max(screens.values(), key=lambda value: value["ms"])
    handler_lists = [value for key, value in screens.items() if key.endswith("handler list")]
    list_worst = max(value["ms"] for value in handler_lists)
    scale = f"{len(companies)} agencies x {mark['units']} units, {total:,} dossiers"
    load = os.getloadavg()[0]

    return {
        "figure": "one province on one instance",
        "measured": f"{scale}: slowest list or inbox {worst['ms']} ms (load {load:.1f})",
        "target": f"every list and inbox < {LIST_TARGET_MS} ms for a user of any agency",
        "ok": worst["ms"] < LIST_TARGET_MS,
        "rows": [
            {
                "figure": "statistics for a year by unit / by procedure",
                "measured": (
                    f"{stats['N unit']['dossiers']:,} dossiers: by unit "
                    f"{stats['N unit']['seconds']} s, by procedure "
                    f"{stats['N procedure']['seconds']} s, {stats['N unit']['queries']} queries; "
                    f"{stats['N/10 unit']['dossiers']:,} dossiers: "
                    f"{stats['N/10 unit']['seconds']} s, {stats['N/10 procedure']['seconds']} s, "
                    f"{stats['N/10 unit']['queries']} queries; one agency's wizard "
                    f"{wizard['seconds']} s, {wizard['queries']} queries"
                ),
                "target": "3 M dossiers < 3 s, queries independent of N",
                "ok": stats_ok,
            },
            {
                "figure": "dossier list as a unit handler (record rule), 80 rows",
                "measured": (
                    f"{list_worst} ms at {total:,} dossiers (slowest of 3 agencies, "
                    f"load average {load:.1f})"
                ),
                "target": f"< {LIST_TARGET_MS} ms at 3 M",
                "ok": list_worst < LIST_TARGET_MS,
            },
            {
                "figure": "one instance with 200 agencies x 30 units",
                "measured": f"{scale}: slowest list or inbox {worst['ms']} ms (load {load:.1f})",
                "target": "every list and inbox within its target for a user of any agency",
                "ok": worst["ms"] < LIST_TARGET_MS,
            },
        ],
        "data": mark,
        "statistics": stats,
        "wizard": wizard,
        "screens": screens,
        "load_average": load,
    }
