"""Install the QMS addons into a throwaway database with tests enabled and judge the run.

Odoo's own summary only says "F failed, E error(s) of T tests"; a run is also bad when no test
ran, when a test was skipped (a browser test skips silently without chromium or
websocket-client), when installing logged an error, or when a model has no access rules.
The last line printed is "N passed, M failed", and the exit status is non-zero on any of these.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time

ALL_ADDONS = ["qms_iso9001", "qms_iso9001_audit", "qms_iso9001_tthc", "qms_iso9001_tthc_connector"]
CORE = "qms_iso9001"
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
SUMMARY = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests")
NO_ACCESS = "have no access rules"
DEMO_FAILED = "demo data failed to install"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="odoo.conf written by the bootstrap")
    parser.add_argument("--odoo-bin", required=True, help="launcher written by the bootstrap")
    parser.add_argument("--addons", default=",".join(ALL_ADDONS))
    parser.add_argument("--tags", default="", help="Odoo --test-tags; default: the addons' own")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--with-demo",
        action="store_true",
        help="load the demo data (implied by the tag qms_demo: the demo tests read it)",
    )
    parser.add_argument("--verbose", action="store_true", help="print Odoo's whole log")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_browser_prerequisites():
    problems = []
    try:
        import websocket  # noqa: F401, PLC0415
    except ImportError:
        problems.append("Python package websocket-client is missing from the virtualenv")
    if not (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    ):
        problems.append("no chromium on PATH (apt-get install chromium)")
    return problems


class RunReport:
    """What the log of one Odoo run tells about the tests and the installation."""

    def __init__(self):
        self.summary = None
        self.skipped = []
        self.failed_tests = []
        self.log_errors = []
        self.access_warnings = []
        self._in_access_warning = False

    def feed(self, line):
        match = LOG_LINE.match(line)
        if not match:
            if self._in_access_warning and line.strip():
                self.access_warnings.append(line.strip())
            return
        self._in_access_warning = False
        level, logger, msg = match["level"], match["logger"], match["msg"]
        if msg.startswith("skipped ") and logger.startswith("odoo.addons."):
            self.skipped.append(msg)
        summary = SUMMARY.search(msg)
        if logger == "odoo.tests.result" and summary and "when loading database" in msg:
            self.summary = {k: int(v) for k, v in summary.groupdict().items()}
        if msg.startswith(("FAIL: ", "ERROR: ")):
            self.failed_tests.append(msg)
        elif level in ("ERROR", "CRITICAL") and not self._is_test_bookkeeping(logger, msg):
            self.log_errors.append(f"{logger}: {msg}")
        if level == "WARNING" and DEMO_FAILED in msg:
            # Odoo only warns and goes on without the demo data: the demo tests then fail for
            # a reason the summary would not tell
            self.log_errors.append(f"{logger}: {msg}")
        if level == "WARNING" and NO_ACCESS in msg:
            self.access_warnings.append(msg)
            self._in_access_warning = True

    @staticmethod
    def _is_test_bookkeeping(logger, msg):
        # Odoo repeats a failed test's outcome as summaries; the test itself is counted already.
        return (
            logger == "odoo.tests.result"
            or (logger == "odoo.modules.loading" and re.search(r"\d+ failures, \d+ errors of", msg))
            or (logger == "odoo.tests.stats")
        )


def run_odoo(args, db_name, log_path):
    addons = [a for a in args.addons.split(",") if a]
    unknown = sorted(set(addons) - set(ALL_ADDONS))
    if unknown:
        sys.exit(f"Unknown addon(s): {', '.join(unknown)}. Choose among {', '.join(ALL_ADDONS)}.")
    to_install = [CORE] + [a for a in addons if a != CORE]
    tags = args.tags or ",".join(f"/{a}" for a in addons)
    cmd = [
        args.odoo_bin,
        "-c",
        args.config,
        "-d",
        db_name,
        "-i",
        ",".join(to_install),
        "--test-enable",
        "--test-tags",
        tags,
        "--stop-after-init",
        "--http-port",
        str(free_port()),
        "--workers",
        "0",
        "--max-cron-threads",
        "0",
        "--log-level",
        "info",
        "--logfile",
        "",
    ]
    if args.with_demo or "qms_demo" in tags:
        cmd.append("--with-demo")
    print(f"==> installing {', '.join(to_install)} into {db_name}, tests: {tags}", flush=True)
    print(f"    full log: {log_path}", flush=True)
    report = RunReport()
    started = time.time()
    shown = False
    with (
        open(log_path, "w", encoding="utf-8") as log,
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        ) as proc,
    ):
        for line in proc.stdout:
            log.write(line)
            report.feed(line.rstrip("\n"))
            shown = _worth_showing(line, shown)
            if args.verbose or shown:
                sys.stdout.write(line)
                sys.stdout.flush()
        returncode = proc.wait()
    print(
        f"==> Odoo finished in {time.time() - started:.0f} s with exit status {returncode}",
        flush=True,
    )
    return report, returncode


def _worth_showing(line, previous_shown):
    """Warnings, errors (with the traceback lines that follow them) and module load lines."""
    match = LOG_LINE.match(line.rstrip("\n"))
    if not match:
        return previous_shown
    if match["logger"] == "py.warnings":
        return False  # Odoo's own deprecation warnings, with their stacks: only in the log file
    if match["level"] in ("WARNING", "ERROR", "CRITICAL"):
        return True
    return (
        match["logger"] == "odoo.modules.loading"
        and "Module " in match["msg"]
        and "loaded in" in match["msg"]
    )


def drop_database(config_path, db_name):
    import configparser  # noqa: PLC0415

    import psycopg2  # noqa: PLC0415

    options = configparser.ConfigParser()
    options.read(config_path)
    conf = options["options"]
    password = conf.get("db_password")
    conn = psycopg2.connect(
        host=conf.get("db_host") or None,
        port=int(conf.get("db_port") or 5432),
        user=conf.get("db_user"),
        password=None if password in (None, "False") else password,
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    conn.close()
    shutil.rmtree(os.path.join(conf.get("data_dir"), "filestore", db_name), ignore_errors=True)


def judge(report, returncode):
    """Return (passed, failed, reasons) for the closing line and the exit status."""
    reasons = []
    summary = report.summary or {"run": 0, "failed": 0, "errors": 0}
    run, failed = summary["run"], summary["failed"] + summary["errors"]
    passed = run - failed - len(report.skipped)
    if report.summary is None:
        reasons.append("Odoo printed no test summary (the installation probably failed)")
    if run == 0:
        reasons.append("no test ran")
    if failed:
        reasons.append(f"{failed} test(s) failed or raised errors")
    if report.skipped:
        reasons.append(f"{len(report.skipped)} test(s) skipped: a skipped test is a failure here")
        failed += len(report.skipped)
    extra = len(report.log_errors) + (1 if report.access_warnings else 0)
    if report.log_errors:
        reasons.append(f"{len(report.log_errors)} error(s) logged outside the tests")
    if report.access_warnings:
        reasons.append("models without access rules were reported at installation")
    failed += extra
    if returncode and not reasons:
        reasons.append(f"Odoo exited with status {returncode}")
    if reasons and not failed:
        failed = 1
    return max(passed, 0), failed, reasons


def print_details(report):
    for title, items in (
        ("Failed tests", report.failed_tests),
        ("Skipped tests", report.skipped),
        ("Errors logged", report.log_errors),
        ("Access warnings", report.access_warnings),
    ):
        if items:
            print(f"\n{title}:")
            for item in items:
                print(f"  - {item[:500]}")


def main():
    args = parse_args()
    problems = check_browser_prerequisites()
    if problems:
        print("Browser tests cannot run: " + "; ".join(problems) + ". Run the bootstrap again.")
        print("0 passed, 1 failed")
        return 1
    db_name = f"qms_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
    log_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(args.config))), "log")
    os.makedirs(log_dir, exist_ok=True)
    log_path = os.path.join(log_dir, f"{db_name}.log")
    try:
        report, returncode = run_odoo(args, db_name, log_path)
    finally:
        if not args.keep_db:
            drop_database(args.config, db_name)
    passed, failed, reasons = judge(report, returncode)
    print_details(report)
    if reasons:
        print("\nThe run is red: " + "; ".join(reasons) + f".\nFull log: {log_path}")
    print(f"{passed} passed, {failed} failed")
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
