"""make loadtest: Odoo with 4 workers on loopback, 50 JSON-RPC clients, then what was lost.

The clients are desk officers of three agencies. Each runs a mix of the desk's daily work over
JSON-RPC, the way the web client does it: receiving a dossier (`web_save` of a new
`qms.tthc.dossier`, the model's own create), handing one it received over to a specialist
(`action_hand_over`), approving a procedure document waiting on any officer of the agency
(`action_approve`, several officers may click the same one at once) and acknowledging an issued
procedure (`action_acknowledge`). Each client keeps what the server acknowledged. When a call
gets no answer (a worker killed, the database restarting) the client asks the server whether it
was done before trying again, so a retry never doubles a dossier.

After the run the database is checked against the clients' books: no 5xx, dossier codes of each
agency and day numbered 1..N without gap or duplicate, every acknowledged reception, hand-over,
approval and reading present, no approval step with two decisions, no dossier half written.
Throughput and latency percentiles are printed per kind of operation.

Scenarios (LOAD_SCENARIOS, comma separated, default all four):
  plain      the run alone
  kill       the same, one HTTP worker killed with SIGKILL at 30 % and another at 60 %
  pgrestart  PostgreSQL restarted (pg_ctl restart -m fast) at 40 %; only when this script owns
             the cluster (the bootstrap's private one, or LOAD_OWN_PG=1), else skipped
  backup     `odoo-bin db dump` (zip with the filestore) restored with `odoo-bin db load` into a
             new database: same row counts, same files

Environment: LOAD_OPS (10000 operations per run), LOAD_CLIENTS (50), LOAD_WORKERS (4),
LOAD_DB (reuse a database made by an earlier run), LOAD_KEEP_DB=1, LOAD_OWN_PG=1 (run
everything on a throwaway PostgreSQL cluster started by this script).
Nothing listens beyond 127.0.0.1; every process started here is stopped at the end.
"""

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections import defaultdict

import psutil
import psycopg2
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from loadtest_setup import MIX  # noqa: E402

ADDONS = "qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc"
BUSINESS_ERRORS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
}
SESSION_EXPIRED = "odoo.http.SessionExpiredException"
# how long a client keeps retrying one operation through a fault before giving it up
RETRY_FOR = 600
# the tables whose counts must survive a backup
BACKUP_TABLES = (
    "qms_tthc_dossier",
    "qms_tthc_dossier_step",
    "qms_tthc_dossier_number",
    "qms_document_revision",
    "qms_document_distribution",
    "qms_approval_request_step",
    "qms_approval_decision",
    "mail_message",
    "mail_tracking_value",
    "ir_attachment",
    "res_users",
)


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------------------------------ cluster
class Cluster:
    """The PostgreSQL the run uses, and whether this script may restart it."""

    def __init__(self):
        self.host = os.environ.get("PGHOST", "")
        self.port = os.environ.get("PGPORT", "5432")
        self.user = os.environ.get("PGUSER", "")
        self.data_dir = None
        self.bindir = None
        self.temp_dir = None
        self.as_postgres = os.geteuid() == 0
        cache = os.environ.get("QMS_CACHE") or os.path.expanduser("~/.cache/qms-iso9001")
        private_run = os.path.join(cache, "pg", "run")
        if self.host and os.path.realpath(self.host) == os.path.realpath(private_run):
            self.data_dir = os.path.join(cache, "pg", "data")
            self.bindir = self._bindir()

    @staticmethod
    def _bindir():
        found = sorted(
            (
                os.path.join("/usr/lib/postgresql", name, "bin")
                for name in os.listdir("/usr/lib/postgresql")
            ),
            key=lambda path: [int(part) for part in path.split("/")[-2].split(".")],
        )
        return found[-1] if found else None

    @property
    def owned(self):
        return bool(self.data_dir)

    def why_not_owned(self):
        return (
            f"PostgreSQL at {self.host or 'localhost'}:{self.port} was not started by this "
            "project's bootstrap (it is the machine's or another one's server, which other "
            "processes use): restarting it is not this script's to do. Run with LOAD_OWN_PG=1 "
            "to use a throwaway cluster."
        )

    def _run(self, *args):
        cmd = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True)

    def start_throwaway(self):
        """A cluster of our own in a temporary folder, on a socket only (no TCP port)."""
        self.bindir = self._bindir()
        self.temp_dir = tempfile.mkdtemp(prefix="qms-loadtest-pg-")
        os.chmod(self.temp_dir, 0o755)
        self.data_dir = os.path.join(self.temp_dir, "data")
        if self.as_postgres:
            shutil.chown(self.temp_dir, "postgres")
        self._run("initdb", "-D", self.data_dir, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.port = str(free_port())
        self.host = self.temp_dir
        self._pg_ctl("start")
        if self.as_postgres:
            self._run(
                "psql", "-h", self.host, "-p", self.port, "-U", "postgres", "-d", "postgres",
                "-c", f'CREATE ROLE "{self.user}" LOGIN SUPERUSER',
            )  # fmt: skip
        os.environ.update(PGHOST=self.host, PGPORT=self.port)
        log(f"    throwaway PostgreSQL at {self.host}:{self.port}")

    def _pg_ctl(self, action, *extra):
        self._run(
            "pg_ctl", "-D", self.data_dir, "-w", "-l", os.path.join(self.data_dir, "server.log"),
            "-o", f"-p {self.port} -k {self.host} -c listen_addresses='' -c max_connections=200",
            *extra, action,
        )  # fmt: skip

    def restart(self):
        self._pg_ctl("restart", "-m", "fast")

    def stop_throwaway(self):
        if self.temp_dir:
            self._pg_ctl("stop", "-m", "fast")
            shutil.rmtree(self.temp_dir, ignore_errors=True)

    def connect(self, db_name):
        return psycopg2.connect(
            dbname=db_name, host=self.host or None, port=int(self.port), user=self.user or None
        )


# ------------------------------------------------------------------------------------ odoo
def odoo_conf(cluster, work_dir):
    """The bootstrap's odoo.conf, pointed at the run's cluster."""
    with open(os.environ["ODOO_CONF"], encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    lines = [line for line in lines if not line.startswith(("db_host", "db_port"))]
    lines += [f"db_host = {cluster.host}", f"db_port = {cluster.port}"]
    path = os.path.join(work_dir, "odoo.conf")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def create_database(conf, db_name, work_dir):
    log(f"==> creating {db_name} with {ADDONS} (a few minutes on a busy machine)")
    started = time.time()
    with open(os.path.join(work_dir, "install.log"), "w", encoding="utf-8") as out:
        subprocess.run(
            [
                os.environ["ODOO_BIN"], "-c", conf, "-d", db_name, "-i", ADDONS,
                "--stop-after-init", "--log-level=warn", "--http-port", str(free_port()),
                "--max-cron-threads=0",
            ],
            check=True, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    log(f"    installed in {time.time() - started:.0f} s")


def data_dir(conf):
    with open(conf, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("data_dir"):
                return line.split("=", 1)[1].strip()
    return os.path.expanduser("~/.local/share/Odoo")


class Server:
    """odoo-bin with N workers on 127.0.0.1 and a free port."""

    def __init__(self, conf, db_name, workers, work_dir, name):
        self.conf = conf
        self.db_name = db_name
        self.workers = workers
        self.port = free_port()
        self.log_path = os.path.join(work_dir, f"odoo-{name}.log")
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def launcher(self):
        """A launcher script: with workers, Odoo starts its websocket (gevent) process as
        `python <argv[0]> gevent`, which the bootstrap's `python -c` launcher cannot be."""
        path = os.path.join(os.path.dirname(self.log_path), "odoo-launcher.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(
                f"import sys\nsys.path.insert(0, {os.environ['ODOO_ROOT']!r})\n"
                "import odoo.cli\nodoo.cli.main()\n"
            )
        return [sys.executable, path]

    def start(self):
        cmd = [
            *self.launcher(), "-c", self.conf, "-d", self.db_name,
            "--db-filter", f"^{self.db_name}$", "--workers", str(self.workers),
            "--max-cron-threads", "0", "--http-interface", "127.0.0.1",
            "--http-port", str(self.port), "--gevent-port", str(free_port()),
            "--logfile", self.log_path, "--log-level", "warn", "--db_maxconn", "64",
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, start_new_session=True)
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start; see {self.log_path}")
            try:
                if requests.get(f"{self.url}/web/health", timeout=5).status_code == 200:
                    log(f"    Odoo up on {self.url} with {self.workers} workers")
                    return self
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"Odoo did not answer in 3 minutes; see {self.log_path}")

    def http_workers(self):
        """The worker processes serving HTTP (not the master, not the gevent server)."""
        master = psutil.Process(self.proc.pid)
        return [
            child
            for child in master.children()
            if "gevent" not in child.cmdline()[1:3] and child.status() != "zombie"
        ]

    def cpu_seconds(self):
        """CPU time of the Odoo processes alive now (a worker killed or recycled takes its
        time with it, so this is a lower bound in the fault scenarios)."""
        master = psutil.Process(self.proc.pid)
        total = 0.0
        for proc in [master, *master.children(recursive=True)]:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# ------------------------------------------------------------------------------------ clients
class Unknown(Exception):
    """No answer: the operation may or may not have been done."""


class Refused(Exception):
    """The server refused the operation with a business error (e.g. a step already decided)."""


class Stats:
    """What all the clients saw, shared under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.counts = defaultdict(int)
        self.http_5xx = 0
        self.server_errors = defaultdict(int)
        self.first_errors = {}
        self.attempted = []  # every reception sent, answered or not
        self.done = 0
        self.books = defaultdict(list)  # kind -> acknowledged facts

    def add(self, key, value=1):
        with self.lock:
            self.counts[key] += value


class Client(threading.Thread):
    def __init__(self, run, agency, officer):
        super().__init__(daemon=True)
        self.run_ = run
        self.agency = agency
        self.officer = officer
        self.session = requests.Session()
        # an Odoo worker serves one request per connection and then closes it: a kept-alive
        # connection would fail on its next use with "connection aborted"
        self.session.headers["Connection"] = "close"
        self.random = random.Random(officer["uid"])
        self.received = []  # my dossiers still at the desk: (id, code)
        self.lines = list(officer["line_ids"])
        self.context = {
            "lang": "en_US",
            "tz": "Asia/Ho_Chi_Minh",
            "allowed_company_ids": [agency["company_id"]],
        }
        self.error = None

    # -------------------------------------------------------------- transport
    def _post(self, path, params):
        stats = self.run_.stats
        try:
            response = self.session.post(
                self.run_.server.url + path,
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
                timeout=180,
            )
        except requests.RequestException as error:
            stats.add(f"no_answer:{type(error).__name__}")
            with stats.lock:
                stats.first_errors.setdefault(type(error).__name__, str(error)[:300])
            raise Unknown(type(error).__name__) from None
        if response.status_code >= 500:
            with stats.lock:
                stats.http_5xx += 1
            raise Unknown(f"HTTP {response.status_code}")
        if response.status_code != 200:
            stats.add(f"http_{response.status_code}")
            raise Unknown(f"HTTP {response.status_code}")
        body = response.json()
        if "error" not in body:
            return body["result"]
        data = body["error"].get("data") or {}
        name = data.get("name", "")
        if name in BUSINESS_ERRORS:
            raise Refused(data.get("message", ""))
        if name == SESSION_EXPIRED:
            self.login()
            raise Unknown("session expired")
        with stats.lock:
            stats.server_errors[name or body["error"].get("message", "?")] += 1
        raise Unknown(name)

    def login(self):
        deadline = time.time() + RETRY_FOR
        while True:
            try:
                result = self._post(
                    "/web/session/authenticate",
                    {
                        "db": self.run_.db_name,
                        "login": self.officer["login"],
                        "password": self.officer["password"],
                    },
                )
                if result and result.get("uid") == self.officer["uid"]:
                    return
            except Unknown:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"{self.officer['login']} cannot log in")
            time.sleep(1)

    def call(self, model, method, args, **kwargs):
        kwargs["context"] = self.context
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def until_known(self, do, check):
        """`do` until it answers; after a call without an answer, `check` says whether it was
        done after all (and by whom) before `do` is tried again."""
        deadline = time.time() + RETRY_FOR
        unknown = False
        while True:
            try:
                if unknown:
                    known = check()
                    if known is not None:
                        self.run_.stats.add("recovered")
                        return known
                return do()
            except Unknown:
                unknown = True
                if time.time() > deadline:
                    self.run_.stats.add("given_up")
                    return None
                time.sleep(0.5 + self.random.random())

    # -------------------------------------------------------------- operations
    def reception(self):
        token = uuid.uuid4().hex[:12]
        address = f"Số {token}, thôn Thử Tải"
        with self.run_.stats.lock:
            self.run_.stats.attempted.append(address)
        vals = {
            "procedure_id": self.agency["procedure_id"],
            "applicant_id": self.random.choice(self.agency["applicant_ids"]),
            "applicant_address": address,
            "channel": "direct",
            "company_id": self.agency["company_id"],
        }

        def do():
            rows = self.call("qms.tthc.dossier", "web_save", [[], vals], specification={"name": {}})
            return rows[0]

        def check():
            rows = self.call(
                "qms.tthc.dossier",
                "search_read",
                [[("applicant_address", "=", address)]],
                fields=["name"],
            )
            return rows[0] if rows else None

        row = self.until_known(do, check)
        if row:
            self.received.append((row["id"], row["name"]))
            return ("reception", {"token": address, "id": row["id"], "code": row["name"]})
        return None

    def hand_over(self):
        if not self.received:
            return self.reception()
        dossier_id, code = self.received.pop(self.random.randrange(len(self.received)))
        taker = self.random.choice(self.agency["handler_ids"])

        def do():
            self.call("qms.tthc.dossier", "action_hand_over", [[dossier_id]], user=taker)
            return True

        def check():
            rows = self.call(
                "qms.tthc.dossier", "read", [[dossier_id]], fields=["state", "current_user_id"]
            )
            if rows and rows[0]["current_user_id"] and rows[0]["current_user_id"][0] == taker:
                return True
            return None

        if self.until_known(do, check):
            return ("hand_over", {"id": dossier_id, "code": code, "taker": taker})
        return None

    def approval(self):
        revision_id = self.run_.next_revision(self.agency, self.random)
        if revision_id is None:
            return self.acknowledge() if self.lines else self.reception()

        def do():
            self.call("qms.document.revision", "action_approve", [[revision_id]])
            return True

        def check():
            rows = self.call(
                "qms.document.revision", "read", [[revision_id]], fields=["approver_id"]
            )
            approver = rows and rows[0]["approver_id"]
            if approver and approver[0] == self.officer["uid"]:
                return True
            if approver:
                raise Refused("decided by another officer")
            return None

        if self.until_known(do, check):
            return ("approval", {"revision_id": revision_id, "uid": self.officer["uid"]})
        return None

    def acknowledge(self):
        if not self.lines:
            return self.reception()
        line_id = self.lines.pop()

        def do():
            self.call("qms.document.distribution", "action_acknowledge", [[line_id]])
            return True

        def check():
            rows = self.call("qms.document.distribution", "read", [[line_id]], fields=["state"])
            return True if rows and rows[0]["state"] == "acknowledged" else None

        if self.until_known(do, check):
            return ("acknowledge", {"line_id": line_id})
        return None

    # -------------------------------------------------------------- loop
    def run(self):
        try:
            self.login()
        except Exception as error:  # reported with the run's results
            self.error = f"{self.officer['login']}: {error!r}"
            return
        finally:
            # the run is timed from the moment every client is logged in: a login checks a
            # password hash on purpose slowly, it is not the desk's work
            self.run_.logged_in.wait()
            self.run_.go.wait()
        try:
            kinds, weights = zip(*MIX.items(), strict=True)
            while self.run_.take_ticket():
                kind = self.random.choices(kinds, weights)[0]
                started = time.perf_counter()
                try:
                    outcome = getattr(self, kind)()
                except Refused:
                    self.run_.stats.add(f"refused_{kind}")
                    continue
                elapsed = time.perf_counter() - started
                if outcome:
                    done_kind, fact = outcome
                    with self.run_.stats.lock:
                        self.run_.stats.latencies[done_kind].append(elapsed)
                        self.run_.stats.books[done_kind].append(fact)
                        self.run_.stats.done += 1
        except Exception as error:  # reported with the run's results
            self.error = f"{self.officer['login']}: {error!r}"


def listen_overflows():
    """The kernel's count of connections dropped because a listening socket's accept queue was
    full (machine-wide; Odoo's prefork server listens with a queue of 8 x workers)."""
    try:
        with open("/proc/net/netstat", encoding="ascii") as handle:
            lines = [line.split() for line in handle if line.startswith("TcpExt:")]
        return int(dict(zip(lines[0], lines[1], strict=True))["ListenOverflows"])
    except (OSError, KeyError, IndexError, ValueError):
        return 0


def pg_cpu_seconds(cluster, db_name):
    """CPU time of the PostgreSQL backends serving the database now (Odoo keeps its
    connections pooled, so they live as long as the workers)."""
    with cluster.connect(db_name) as conn, conn.cursor() as cr:
        cr.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [db_name])
        pids = [pid for (pid,) in cr.fetchall()]
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


class Run:
    def __init__(self, db_name, server, plan, ops, cluster):
        self.cluster = cluster
        self.db_name = db_name
        self.server = server
        self.plan = plan
        self.ops = ops
        self.stats = Stats()
        self.tickets = 0
        self.lock = threading.Lock()
        self.revisions = {a["company_id"]: list(a["revision_ids"]) for a in plan["agencies"]}

    def take_ticket(self):
        with self.lock:
            if self.tickets >= self.ops:
                return False
            self.tickets += 1
            return True

    def next_revision(self, agency, rnd):
        """A revision waiting for approval; one time in five it stays in the pool, so that
        another officer may click it at the same moment (the step must be decided once)."""
        with self.lock:
            pool = self.revisions[agency["company_id"]]
            if not pool:
                return None
            index = rnd.randrange(min(len(pool), 5))
            if rnd.random() < 0.2:
                return pool[index]
            return pool.pop(index)

    def progress(self):
        return self.tickets / self.ops

    def show_progress(self):
        started = time.time()
        shown = 0
        while self.tickets < self.ops:
            time.sleep(1)
            if self.progress() >= shown + 0.1:
                shown = int(self.progress() * 10) / 10
                log(
                    f"    {shown:.0%} of the operations started, {self.stats.done} acknowledged, "
                    f"{time.time() - started:.0f} s"
                )

    def execute(self, clients, fault=None):
        officers = [(a, o) for a in self.plan["agencies"] for o in a["officers"]][:clients]
        threads = [Client(self, agency, officer) for agency, officer in officers]
        self.logged_in = threading.Barrier(len(threads) + 1)
        self.go = threading.Event()
        for thread in threads:
            thread.start()
        self.logged_in.wait()
        log(f"    {len(threads)} clients logged in")
        started = time.time()
        self.load_before = os.getloadavg()
        overflows = listen_overflows()
        cpu_before = self.server.cpu_seconds(), pg_cpu_seconds(self.cluster, self.db_name)
        self.go.set()
        threading.Thread(target=self.show_progress, daemon=True).start()
        fault_thread = None
        if fault:
            fault_thread = threading.Thread(target=fault, args=(self,), daemon=True)
            fault_thread.start()
        for thread in threads:
            thread.join()
        if fault_thread:
            fault_thread.join(timeout=60)
        self.elapsed = time.time() - started
        self.load_after = os.getloadavg()
        self.overflows = listen_overflows() - overflows
        self.cpu = (
            self.server.cpu_seconds() - cpu_before[0],
            pg_cpu_seconds(self.cluster, self.db_name) - cpu_before[1],
        )
        self.client_errors = [t.error for t in threads if t.error]
        return self


# ------------------------------------------------------------------------------------ faults
def wait_progress(run, share):
    while run.progress() < share:
        time.sleep(0.2)


def kill_workers(run):
    for share in (0.3, 0.6):
        wait_progress(run, share)
        workers = run.server.http_workers()
        # the busiest worker: the one most likely to be in the middle of a request
        victim = max(workers, key=lambda proc: proc.cpu_times().user)
        os.kill(victim.pid, signal.SIGKILL)
        run.stats.add("workers_killed")
        log(f"    SIGKILL worker {victim.pid} at {run.progress():.0%} of the operations")


def restart_postgres(cluster):
    def fault(run):
        wait_progress(run, 0.4)
        started = time.time()
        log(f"    restarting PostgreSQL at {run.progress():.0%} of the operations")
        cluster.restart()
        run.stats.add("pg_restart_seconds", round(time.time() - started))
        log(f"    PostgreSQL back after {time.time() - started:.1f} s")

    return fault


# ------------------------------------------------------------------------------------ checks
def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(run, title):
    stats = run.stats
    log(f"\n--- {title}: {run.ops} operations, {len(run.plan['agencies'])} agencies")
    log(
        f"    {stats.done} acknowledged in {run.elapsed:.1f} s: "
        f"{stats.done / run.elapsed:.1f} operations/s"
    )
    odoo_cpu, pg_cpu = run.cpu
    per_op = 1000 * (odoo_cpu + pg_cpu) / max(stats.done, 1)
    log(
        f"    CPU: Odoo {odoo_cpu:.0f} s, PostgreSQL {pg_cpu:.0f} s, {per_op:.0f} ms per "
        f"operation; load average {run.load_before[0]:.1f} before, {run.load_after[0]:.1f} after "
        f"(the machine is shared: latencies include waiting for a core)"
    )
    log(
        f"    connections dropped by a full accept queue (kernel ListenOverflows, whole "
        f"machine): {run.overflows}"
    )
    log("    kind          count    p50 ms   p95 ms   p99 ms")
    figures = {
        "ops": run.ops,
        "acknowledged": stats.done,
        "seconds": round(run.elapsed, 1),
        "ops_per_s": round(stats.done / run.elapsed, 2),
        "cpu_s_odoo": round(odoo_cpu, 1),
        "cpu_s_pg": round(pg_cpu, 1),
        "cpu_ms_per_op": round(per_op),
        "loadavg_before_after": [run.load_before[0], run.load_after[0]],
        "listen_overflows": run.overflows,
        "per_kind": {},
    }
    for kind in MIX:
        values = stats.latencies.get(kind, [])
        row = [percentile(values, share) * 1000 for share in (0.5, 0.95, 0.99)]
        figures["per_kind"][kind] = {
            "count": len(values),
            "p50_p95_p99_ms": [round(v) for v in row],
        }
        log(f"    {kind:<12} {len(values):>6} {row[0]:>9.0f} {row[1]:>8.0f} {row[2]:>8.0f}")
    refused = {k: v for k, v in stats.counts.items() if k.startswith("refused_")}
    others = {k: v for k, v in stats.counts.items() if not k.startswith("refused_")}
    log(f"    refused by the server (business errors): {refused or 'none'}")
    log(f"    faults seen by clients: {others or 'none'}")
    log(f"    server errors (JSON-RPC, not business): {dict(stats.server_errors) or 'none'}")
    for name, text in stats.first_errors.items():
        log(f"    first {name}: {text}")
    figures.update(
        counts=dict(stats.counts),
        server_errors=dict(stats.server_errors),
        first_errors=stats.first_errors,
    )
    return figures


def check_codes(cr):
    """<agency>-YYMMDD-NNNN numbered 1..N per agency and day, no gap, no duplicate, and no
    dossier half written."""
    failures = []
    cr.execute("SELECT name, count(*) FROM qms_tthc_dossier GROUP BY name HAVING count(*) > 1")
    failures += [f"dossier code {name} given {n} times" for name, n in cr.fetchall()]
    cr.execute(
        """SELECT company_id, day, count(*), max(number) FROM qms_tthc_dossier_number
           GROUP BY company_id, day HAVING count(*) != max(number)"""
    )
    failures += [f"numbers of agency {c} on {d}: {n} for 1..{m}" for c, d, n, m in cr.fetchall()]
    cr.execute(
        """SELECT count(*) FROM qms_tthc_dossier d
           WHERE d.origin IS DISTINCT FROM 'imported' AND NOT EXISTS (
               SELECT 1 FROM qms_tthc_dossier_number n
               WHERE n.company_id = d.company_id
                 AND n.number = split_part(d.name, '-', 3)::int
                 AND to_char(n.day, 'YYMMDD') = split_part(d.name, '-', 2))"""
    )
    orphans = cr.fetchone()[0]
    if orphans:
        failures.append(f"{orphans} dossiers whose code has no number of their agency and day")
    cr.execute(
        """SELECT count(*) FROM qms_tthc_dossier_number n WHERE NOT EXISTS (
               SELECT 1 FROM qms_tthc_dossier d WHERE d.company_id = n.company_id
                 AND d.name LIKE '%%-' || to_char(n.day, 'YYMMDD') || '-'
                              || lpad(n.number::text, 4, '0'))"""
    )
    unused = cr.fetchone()[0]
    if unused:
        failures.append(f"{unused} numbers taken by no dossier (a gap in the codes)")
    cr.execute(
        """SELECT count(*) FROM qms_tthc_dossier d WHERE d.name IS NULL OR d.name = '/'
           OR d.flow_id IS NULL OR d.current_step_id IS NULL OR d.appointment_date IS NULL
           OR NOT EXISTS (SELECT 1 FROM qms_tthc_dossier_step s WHERE s.dossier_id = d.id)"""
    )
    half = cr.fetchone()[0]
    if half:
        failures.append(f"{half} dossiers half written (no code, flow, step or appointment)")
    return failures


def check_receptions(cr, facts, attempted):
    """Every acknowledged reception stored once, with the code the client was told; and no
    dossier stored that no client was told of (a reception given up without an answer aside)."""
    failures = []
    cr.execute(
        "SELECT count(*) FROM qms_tthc_dossier WHERE applicant_address = ANY(%s)", [attempted]
    )
    count = cr.fetchone()[0]
    if count != len(facts):
        failures.append(f"{count} dossiers stored by this run, clients were told of {len(facts)}")
    cr.execute(
        "SELECT applicant_address, id, name FROM qms_tthc_dossier "
        "WHERE applicant_address = ANY(%s)",
        [[fact["token"] for fact in facts]],
    )
    stored = defaultdict(list)
    for address, dossier_id, name in cr.fetchall():
        stored[address].append((dossier_id, name))
    for fact in facts:
        rows = stored.get(fact["token"], [])
        if rows != [(fact["id"], fact["code"])]:
            failures.append(f"reception {fact['code']} told, the database has {rows}")
    return failures


def check_hand_overs(cr, facts):
    """The dossier's open step is the taker's."""
    failures = []
    for fact in facts:
        cr.execute(
            """SELECT d.state, s.user_id FROM qms_tthc_dossier d
               JOIN qms_tthc_dossier_step s ON s.id = d.current_step_id WHERE d.id = %s""",
            [fact["id"]],
        )
        row = cr.fetchone()
        if not row or row[0] != "in_progress" or row[1] != fact["taker"]:
            failures.append(f"hand-over of {fact['code']} told, the database has {row}")
    return failures


def check_approvals(cr, facts, pool, given_up):
    """No step decided twice; every told approval is the step's one decision, by that client;
    no approval the clients were not told of (except operations given up without an answer)."""
    cr.execute(
        "SELECT step_id, count(*) FROM qms_approval_decision GROUP BY step_id HAVING count(*) > 1"
    )
    failures = [f"approval step {s} decided {n} times" for s, n in cr.fetchall()]
    for fact in facts:
        cr.execute(
            """SELECT r.state, d.user_id FROM qms_document_revision r
               JOIN qms_approval_decision d ON d.request_id = r.approval_request_id
               WHERE r.id = %s""",
            [fact["revision_id"]],
        )
        rows = cr.fetchall()
        if rows != [("approved", fact["uid"])]:
            failures.append(f"approval of revision {fact['revision_id']} told, database {rows}")
    cr.execute(
        "SELECT count(*) FROM qms_document_revision WHERE id = ANY(%s) AND state = 'approved'",
        [pool],
    )
    approved = cr.fetchone()[0]
    told = len({fact["revision_id"] for fact in facts})
    if not told <= approved <= told + given_up:
        failures.append(f"{approved} revisions approved in the database, clients were told {told}")
    return failures


def check_readings(cr, facts):
    line_ids = [fact["line_id"] for fact in facts]
    cr.execute(
        "SELECT count(*) FROM qms_document_distribution WHERE id = ANY(%s) "
        "AND state = 'acknowledged' AND date_acknowledged IS NOT NULL",
        [line_ids],
    )
    found = cr.fetchone()[0]
    if found != len(set(line_ids)):
        return [f"{len(line_ids)} readings told, {found} in the database"]
    return []


def check(run, cluster, strict=True):
    """The database against the clients' books; returns the failures."""
    failures = []
    stats = run.stats
    if stats.http_5xx:
        failures.append(f"{stats.http_5xx} HTTP 5xx answers")
    if strict and stats.server_errors:
        failures.append(f"server errors outside any fault: {dict(stats.server_errors)}")
    failures += [f"client stopped: {error}" for error in run.client_errors]
    books = stats.books
    pool = [r for agency in run.plan["agencies"] for r in agency["revision_ids"]]
    with cluster.connect(run.db_name) as conn, conn.cursor() as cr:
        failures += check_codes(cr)
        failures += check_receptions(cr, books["reception"], stats.attempted)
        failures += check_hand_overs(cr, books["hand_over"])
        failures += check_approvals(cr, books["approval"], pool, stats.counts["given_up"])
        failures += check_readings(cr, books["acknowledge"])
        cr.execute("SELECT count(*) FROM qms_tthc_dossier")
        in_db = cr.fetchone()[0]
    log(
        f"    checked: {len(books['reception'])} receptions, {len(books['hand_over'])} "
        f"hand-overs, {len(books['approval'])} approvals, {len(books['acknowledge'])} readings "
        f"told ({in_db} dossiers in the database after all runs); {len(failures)} failures"
    )
    for failure in failures[:30]:
        log(f"    FAIL {failure}")
    return failures


# ------------------------------------------------------------------------------------ backup
def backup_restore(conf, cluster, db_name, work_dir):
    """Odoo's own dump (database + filestore in a zip) restored into a new database."""
    failures = []
    target = f"{db_name}_restored"
    dump = os.path.join(work_dir, f"{db_name}.zip")
    odoo = [os.environ["ODOO_BIN"], "db", "-c", conf]
    started = time.time()
    subprocess.run([*odoo, "dump", db_name, dump], check=True, capture_output=True)
    dumped = time.time() - started
    subprocess.run([*odoo, "load", "-f", target, dump], check=True, capture_output=True)
    restored = time.time() - started - dumped
    with zipfile.ZipFile(dump) as archive:
        files_in_zip = sum(1 for name in archive.namelist() if name.startswith("filestore/"))
    counts = {}
    for name in (db_name, target):
        with cluster.connect(name) as conn, conn.cursor() as cr:
            row = []
            for table in BACKUP_TABLES:
                cr.execute(f"SELECT count(*) FROM {table}")
                row.append(cr.fetchone()[0])
            cr.execute(
                "SELECT store_fname, checksum FROM ir_attachment WHERE store_fname IS NOT NULL"
            )
            attachments = sorted(cr.fetchall())
            counts[name] = (row, attachments)
    source_rows, source_files = counts[db_name]
    target_rows, target_files = counts[target]
    for table, before, after in zip(BACKUP_TABLES, source_rows, target_rows, strict=True):
        if before != after:
            failures.append(f"{table}: {before} rows, {after} after restore")
    if source_files != target_files:
        failures.append("the attachments' files differ after restore")
    store = os.path.join(data_dir(conf), "filestore")
    missing = [
        fname
        for fname, _checksum in target_files
        if not os.path.isfile(os.path.join(store, target, fname))
    ]
    if missing:
        failures.append(f"{len(missing)} files missing from the restored filestore")
    size = os.path.getsize(dump) / 2**20
    log(
        f"    dump {size:.1f} MiB in {dumped:.1f} s, restored in {restored:.1f} s; "
        f"{len(target_files)} attachments stored as {len({f for f, _c in target_files})} files "
        f"({files_in_zip} in the zip), all in the restored filestore: {not missing}; rows of "
        f"{len(BACKUP_TABLES)} tables identical: {source_rows == target_rows}"
    )
    subprocess.run([*odoo, "drop", target], check=False, capture_output=True)
    for failure in failures:
        log(f"    FAIL {failure}")
    return failures, {
        "dump_mib": round(size, 1),
        "dump_s": round(dumped, 1),
        "restore_s": round(restored, 1),
        "files": len(target_files),
        "rows": dict(zip(BACKUP_TABLES, source_rows, strict=True)),
    }


def growth(cluster, db_name):
    """Rows each dossier brings to the tables that grow with it (the partitioning question of
    docs/scaling.md), and the on-disk size per dossier of the dossier tables."""
    queries = {
        "dossier_steps": "SELECT count(*) FROM qms_tthc_dossier_step",
        "numbers": "SELECT count(*) FROM qms_tthc_dossier_number",
        "messages": "SELECT count(*) FROM mail_message WHERE model = 'qms.tthc.dossier'",
        "tracking_values": """SELECT count(*) FROM mail_tracking_value t
            JOIN mail_message m ON m.id = t.mail_message_id WHERE m.model = 'qms.tthc.dossier'""",
        "followers": "SELECT count(*) FROM mail_followers WHERE res_model = 'qms.tthc.dossier'",
        "notifications": """SELECT count(*) FROM mail_notification n
            JOIN mail_message m ON m.id = n.mail_message_id WHERE m.model = 'qms.tthc.dossier'""",
        "bytes_dossier_tables": """SELECT pg_total_relation_size('qms_tthc_dossier')
            + pg_total_relation_size('qms_tthc_dossier_step')
            + pg_total_relation_size('qms_tthc_dossier_number')""",
    }
    with cluster.connect(db_name) as conn, conn.cursor() as cr:
        cr.execute("SELECT count(*) FROM qms_tthc_dossier")
        dossiers = cr.fetchone()[0] or 1
        per_dossier = {}
        for name, query in queries.items():
            cr.execute(query)
            per_dossier[name] = round(cr.fetchone()[0] / dossiers, 2)
    log(f"\n==> per dossier, over the {dossiers} dossiers of the runs: {per_dossier}")
    return {"dossiers": dossiers, "per_dossier": per_dossier}


# ------------------------------------------------------------------------------------ main
def setup(conf, db_name, *, ops, clients, tag, work_dir):
    plan_path = os.path.join(work_dir, f"plan-{tag}.json")
    started = time.time()
    env = dict(os.environ, ODOO_CONF=conf)
    subprocess.run(
        [sys.executable, os.path.join(HERE, "loadtest_setup.py"), db_name, plan_path,
         str(ops), str(clients), tag],
        check=True, env=env,
    )  # fmt: skip
    log(f"    data for the run made in {time.time() - started:.0f} s")
    with open(plan_path, encoding="utf-8") as handle:
        return json.load(handle)


def one_run(conf, cluster, db_name, *, settings, scenario, work_dir):
    ops, clients, workers = settings
    log(f"\n==> scenario {scenario}: {ops} operations by {clients} clients, {workers} workers")
    plan = setup(
        conf,
        db_name,
        ops=ops,
        clients=clients,
        tag=f"{scenario}{int(time.time()) % 100000}",
        work_dir=work_dir,
    )
    server = Server(conf, db_name, workers, work_dir, scenario).start()
    fault = {"kill": kill_workers, "pgrestart": restart_postgres(cluster)}.get(scenario)
    try:
        run = Run(db_name, server, plan, ops, cluster).execute(clients, fault)
    finally:
        server.stop()
    figures = report(run, scenario)
    failures = check(run, cluster, strict=scenario == "plain")
    figures["failures"] = failures
    return failures, figures


def main():
    ops = int(os.environ.get("LOAD_OPS") or 10000)
    clients = int(os.environ.get("LOAD_CLIENTS") or 50)
    workers = int(os.environ.get("LOAD_WORKERS") or 4)
    scenarios = (os.environ.get("LOAD_SCENARIOS") or "plain,kill,pgrestart,backup").split(",")
    work_dir = tempfile.mkdtemp(prefix="qms-loadtest-")
    log(f"==> load test; logs and dumps in {work_dir}")
    cluster = Cluster()
    if os.environ.get("LOAD_OWN_PG") and not cluster.owned:
        cluster.start_throwaway()
    conf = odoo_conf(cluster, work_dir)
    db_name = os.environ.get("LOAD_DB") or f"qms_load_{uuid.uuid4().hex[:8]}"
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB",
        "db": db_name,
        "scenarios": {},
    }
    failures = []
    try:
        if not os.environ.get("LOAD_DB"):
            create_database(conf, db_name, work_dir)
        for scenario in scenarios:
            if scenario == "backup":
                log("\n==> scenario backup: odoo-bin db dump, then db load into a new database")
                found, figures = backup_restore(conf, cluster, db_name, work_dir)
            elif scenario == "pgrestart" and not cluster.owned:
                log(f"\n==> scenario pgrestart skipped: {cluster.why_not_owned()}")
                results["scenarios"][scenario] = {"skipped": cluster.why_not_owned()}
                continue
            else:
                found, figures = one_run(
                    conf,
                    cluster,
                    db_name,
                    settings=(ops, clients, workers),
                    scenario=scenario,
                    work_dir=work_dir,
                )
            failures += [f"{scenario}: {failure}" for failure in found]
            results["scenarios"][scenario] = figures
        results["growth"] = growth(cluster, db_name)
    finally:
        with open(os.path.join(work_dir, "results.json"), "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1, default=str)
        if not os.environ.get("LOAD_KEEP_DB") and not os.environ.get("LOAD_DB"):
            subprocess.run(
                [os.environ["ODOO_BIN"], "db", "-c", conf, "drop", db_name],
                check=False,
                capture_output=True,
            )
        cluster.stop_throwaway()
    log(f"\nresults: {os.path.join(work_dir, 'results.json')}")
    log(f"load test: {'FAILED, ' + str(len(failures)) + ' failures' if failures else 'passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
