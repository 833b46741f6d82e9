"""`make bench`: measure every figure of bench/figures/ in the bench database, print a table and
write bench/results/latest.json.

Run by tools/bench.sh, which bootstraps, builds the database and exports ODOO_ROOT, ODOO_CONF,
ODOO_BIN, BENCH_DB. A figure is a module of bench/figures/ (files starting with "_" are helpers)
with a function ``measure(env, runs) -> dict`` returning at least:

    figure    short name of the figure
    measured  what was measured, in words and numbers, for the table
    target    the target, in words
    ok        whether the target is met (None: skipped, with the reason in ``skipped``)

plus its raw numbers (kept as they are in latest.json). A figure reporting several rows returns
them as ``rows``, a list of dicts with the same four keys. Each figure gets its own cursor as the
superuser: whatever it leaves uncommitted is rolled back after it; a figure that needs its data
to stay commits it itself and says so in its docstring. A figure that raises is reported as
failed and the next one runs.

Environment: BENCH_ONLY=name1,name2 (file names without .py), BENCH_RUNS (default 5).
"""

import contextlib
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIGURES = HERE / "figures"
RESULTS = HERE / "results" / "latest.json"


def open_registry(db_name):
    sys.path.insert(0, os.environ["ODOO_ROOT"])
    from odoo.tools import config  # noqa: PLC0415

    # Odoo's log at warning level: the table is what this script prints
    config.parse_config(["-c", os.environ["ODOO_CONF"], "-d", db_name, "--log-level=warn"])
    from odoo.orm.registry import Registry  # noqa: PLC0415

    return Registry(db_name)


def figure_names():
    """Every module of bench/figures/, or those of BENCH_ONLY (unknown names refused)."""
    found = sorted(path.stem for path in FIGURES.glob("*.py") if not path.stem.startswith("_"))
    only = [name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()]
    if not only:
        return found
    unknown = sorted(set(only) - set(found))
    if unknown:
        sys.exit(f"bench: unknown figure(s) {', '.join(unknown)}; choose among {', '.join(found)}")
    return [name for name in found if name in only]


def load_figure(name):
    # bench/ for `figures.<name>` (relative imports work), bench/figures/ for `import _common`
    for folder in (str(FIGURES), str(HERE)):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    return importlib.import_module(f"figures.{name}")


def run_figure(registry, name, runs):
    """The figure's result, never an exception: a failure becomes a row saying so."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    started = time.perf_counter()
    try:
        module = load_figure(name)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            try:
                result = module.measure(env, runs)
            finally:
                cr.rollback()
        if not isinstance(result, dict):
            raise TypeError(f"measure() returned {type(result).__name__}, not a dict")
        result = dict(result)
        result.setdefault("figure", name)
        result["status"] = _status(result)
    except Exception as error:  # one failed figure must not stop the others
        print(f"\n--- figure {name} failed:", file=sys.stderr)
        traceback.print_exc()
        result = {
            "figure": name,
            "measured": f"FAILED: {type(error).__name__}: {error}",
            "target": "-",
            "ok": False,
            "status": "failed",
            "error": traceback.format_exc(),
        }
    result["module"] = name
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _status(result):
    rows = result.get("rows") or [result]
    oks = [row.get("ok") for row in rows]
    if result.get("skipped") or all(ok is None for ok in oks):
        return "skipped"
    return "ok" if all(ok is not False for ok in oks) else "missed"


def table_rows(results):
    for result in results:
        rows = result.get("rows") if result["status"] != "failed" else None
        for row in rows or [result]:
            ok = row.get("ok")
            verdict = (
                "FAILED"
                if result["status"] == "failed"
                else "skipped"
                if ok is None
                else "yes"
                if ok
                else "NO"
            )
            yield (
                row.get("figure", result["figure"]),
                str(row.get("measured", "")),
                str(row.get("target", "")),
                verdict,
            )


def print_table(results):
    header = ("figure", "measured", "target", "met")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in table_rows(results):
        print("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")


def _run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine(env):
    cpu_model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = None
    with contextlib.suppress(ValueError, OSError):
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    env.cr.execute("SHOW server_version")
    from odoo import release  # noqa: PLC0415

    return {
        "cores": os.cpu_count(),
        "ram_gib": round(ram / 2**30, 1) if ram else None,
        "cpu_model": cpu_model,
        "postgresql": env.cr.fetchone()[0],
        "python": platform.python_version(),
        "odoo": release.version,
        "os": platform.platform(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def commit():
    head = _run("git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD")
    dirty = _run("git", "-C", str(HERE.parent), "status", "--porcelain", "--untracked-files=no")
    return f"{head}{' (with uncommitted changes)' if dirty else ''}" if head else None


def main():
    runs = int(os.environ.get("BENCH_RUNS") or 5)
    db_name = os.environ.get("BENCH_DB") or "qms_bench"
    names = figure_names()
    registry = open_registry(db_name)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        about = machine(api.Environment(cr, SUPERUSER_ID, {}))
    print(
        f"==> bench in {db_name}: {', '.join(names)}; {runs} runs each; {about['cores']} cores, "
        f"{about['ram_gib']} GiB, PostgreSQL {about['postgresql']}, load {about['load_average']}",
        flush=True,
    )
    results = []
    for name in names:
        print(f"==> {name}", flush=True)
        result = run_figure(registry, name, runs)
        print(f"    {result['status']} in {result['seconds']} s: {result['measured']}", flush=True)
        results.append(result)
    print_table(results)
    document = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": about | {"load_average_after": [round(v, 2) for v in os.getloadavg()]},
        "commit": commit(),
        "command": os.environ.get("QMS_BENCH_COMMAND") or "make bench",
        "database": db_name,
        "runs": runs,
        "figures": results,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    count = {
        s: sum(r["status"] == s for r in results) for s in ("ok", "missed", "skipped", "failed")
    }
    print(
        f"\n{len(results)} figures: {count['ok']} met their target, {count['missed']} missed, "
        f"{count['skipped']} skipped, {count['failed']} failed; written to "
        f"{RESULTS.relative_to(HERE.parent)}"
    )
    return 1 if count["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
