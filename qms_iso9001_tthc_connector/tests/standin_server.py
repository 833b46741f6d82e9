"""A stand-in for a connected system, for the tests: a small threaded HTTP server on
127.0.0.1 (a free port) that implements the outbound contract of docs/connector-outbound.md
and can be told to misbehave for the next requests:

- ``timeout``: wait longer than the client's time-out, apply nothing;
- ``error``: answer 500, apply nothing;
- ``twice``: apply the event but lose the answer (500), so the same event is delivered again:
  the second delivery must be recognised by its idempotency key and applied no second time;
- ``drop``: answer "accepted" and forget the event (the system lost it);
- ``ok``: behave (to misbehave on a later request only).

It keeps what it applied, in arrival order, so a test can check that nothing was lost, nothing
applied twice and the order held.
"""

import json
import logging
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_logger = logging.getLogger(__name__)
FAULTS = ("ok", "timeout", "error", "twice", "drop")


class StandInSystem:
    """Start with `start()`, stop with `stop()` (or use it as a context manager)."""

    def __init__(self, token="stand-in-token", slow_seconds=1.5):
        self.token = token
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        self.faults = []
        self.applied = []  # envelopes applied, in arrival order
        self.deliveries = []  # (idempotency key, outcome) of every POST received
        self.keys = set()
        self.dossiers = {}
        self._server = None
        self._thread = None

    # ------------------------------------------------------------------ control
    def start(self):
        system = self

        class Handler(StandInHandler):
            standin = system

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/v1"

    def reset(self):
        """Forget everything: each test starts with an empty system."""
        with self.lock:
            self.faults.clear()
            self.applied.clear()
            self.deliveries.clear()
            self.keys.clear()
            self.dossiers.clear()

    def fail_next(self, *faults):
        """Misbehave in these ways for the next POSTs, one fault per request."""
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults {unknown}")
        with self.lock:
            self.faults.extend(faults)

    def sequences(self, code):
        """Sequences applied for a dossier, in arrival order."""
        return [env["sequence"] for env in self.applied if env["dossier_code"] == code]

    # ------------------------------------------------------------------ behaviour
    def _next_fault(self):
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    def _apply(self, envelope):
        """Apply an event once; False when its idempotency key is already known."""
        with self.lock:
            if envelope["event_id"] in self.keys:
                return False
            self.keys.add(envelope["event_id"])
            self.applied.append(envelope)
            code = envelope["dossier_code"]
            held = self.dossiers.setdefault(
                code, {"sequences": [], "state": "", "received_at": "", "last": 0}
            )
            held["sequences"].append(envelope["sequence"])
            if envelope.get("received_at"):
                held["received_at"] = envelope["received_at"]
            # the state is that of the latest event, whatever the arrival order
            if envelope["sequence"] >= held["last"]:
                held["last"] = envelope["sequence"]
                held["state"] = envelope["state"]
            return True

    def listing(self, received_from, received_to):
        rows = []
        with self.lock:
            for code, held in sorted(self.dossiers.items()):
                day = held["received_at"][:10]
                if day and received_from <= day <= received_to:
                    rows.append(
                        {
                            "dossier_code": code,
                            "state": held["state"],
                            "sequences": sorted(held["sequences"]),
                            "received_at": held["received_at"],
                        }
                    )
        return rows


class StandInHandler(BaseHTTPRequestHandler):
    standin = None
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        return

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError as error:
            # the client gave up (time-out): nobody reads the answer
            _logger.debug("stand-in answer not read: %s", error)

    def _authorised(self):
        if self.headers.get("Authorization") != f"Bearer {self.standin.token}":
            self._answer(401, {"error": "unauthorised"})
            return False
        return True

    def do_GET(self):
        split = urlsplit(self.path)
        if not self._authorised():
            return
        if not split.path.endswith("/dossiers"):
            self._answer(404, {"error": "not found"})
            return
        query = parse_qs(split.query)
        try:
            received_from = date.fromisoformat(query["received_from"][0]).isoformat()
            received_to = date.fromisoformat(query["received_to"][0]).isoformat()
        except (KeyError, ValueError):
            self._answer(400, {"error": "received_from and received_to are ISO dates"})
            return
        self._answer(200, {"dossiers": self.standin.listing(received_from, received_to)})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not self._authorised():
            return
        if not urlsplit(self.path).path.endswith("/events"):
            self._answer(404, {"error": "not found"})
            return
        try:
            envelope = json.loads(raw)
            key = self.headers["Idempotency-Key"]
            valid = (
                key
                and envelope["event_id"] == key
                and isinstance(envelope["sequence"], int)
                and envelope["dossier_code"]
                and envelope["state"]
            )
        except (ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            self._answer(400, {"error": "not an event of qms.tthc.event/1"})
            return
        standin = self.standin
        fault = standin._next_fault() or "ok"
        standin.deliveries.append((key, fault))
        if fault == "timeout":
            threading.Event().wait(standin.slow_seconds)
            self._answer(504, {"error": "too slow"})
        elif fault == "error":
            self._answer(500, {"error": "internal error"})
        elif fault == "twice":
            standin._apply(envelope)
            self._answer(500, {"error": "answer lost"})
        elif fault == "drop" or standin._apply(envelope):
            # a dropped event is answered like an applied one, and forgotten
            self._answer(200, {"status": "accepted", "event_id": key})
        else:
            self._answer(200, {"status": "duplicate", "event_id": key})
