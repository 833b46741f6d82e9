"""Install time: the three addons with their demo data against Odoo's `hr` alone.

What an agency waits for when it creates its database, and what the product adds to a bare HR
install: each side is installed into a fresh database by `odoo-bin -i ... --with-demo
--stop-after-init` (a subprocess, the bench's odoo.conf), BENCH_INSTALL_RUNS times (default 2),
the sides interleaved and their order swapped every run; the figure is the ratio of the medians.
There is no target: the ratio is reported.

Data: each database is created and dropped by this figure (named qms_bench_install_<pid>_<n>);
the bench database is not touched. `runs` (BENCH_RUNS) is not used: an install takes minutes.
"""

import os
import subprocess
import tempfile
import time

from _common import median

SIDES = {
    "qms": "qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc",
    "hr": "hr",
}


def _odoo(*args, log=None):
    return subprocess.run(
        [os.environ["ODOO_BIN"], *args],
        check=False,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def _install(addons, db_name, log_path):
    conf = os.environ["ODOO_CONF"]
    with open(log_path, "w", encoding="utf-8") as log:
        began = time.perf_counter()
        done = _odoo(
            "-c", conf, "-d", db_name, "-i", addons, "--with-demo", "--stop-after-init",
            "--max-cron-threads=0", "--log-level=warn", log=log,
        )  # fmt: skip
        seconds = time.perf_counter() - began
    _odoo("db", "-c", conf, "drop", db_name)
    if done.returncode:
        raise RuntimeError(f"installing {addons} into {db_name} failed, see {log_path}")
    return seconds


def measure(env, runs):
    install_runs = int(os.environ.get("BENCH_INSTALL_RUNS") or 2)
    log_dir = tempfile.mkdtemp(prefix="qms-bench-install-")
    seconds = {side: [] for side in SIDES}
    for run in range(install_runs):
        order = list(SIDES) if run % 2 == 0 else list(SIDES)[::-1]
        for side in order:
            db_name = f"qms_bench_install_{os.getpid()}_{side}_{run}"
            log_path = os.path.join(log_dir, f"{side}-{run}.log")
            seconds[side].append(_install(SIDES[side], db_name, log_path))
    ours, hr = median(seconds["qms"]), median(seconds["hr"])
    return {
        "figure": "install of the three addons with demo data vs hr alone",
        "measured": f"{ours:,.0f} s vs {hr:,.0f} s: {ours / hr:,.1f}x (median of {install_runs})",
        "target": "ratio reported",
        "ok": True,
        "ratio": round(ours / hr, 2),
        "install_seconds": seconds,
        "logs": log_dir,
    }
