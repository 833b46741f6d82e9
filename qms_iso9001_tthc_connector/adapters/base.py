"""The adapter contract, its registry and the HTTP transport shared by every target."""

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import requests

_logger = logging.getLogger(__name__)

SCHEMA = "qms.tthc.event/1"
# The API's words for the applicant's rating where the dossier has its own.
API_RATINGS = {"not_satisfied": "dissatisfied"}
# Answers after which the same request may succeed later: the message is retried with back-off.
RETRYABLE_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
_REGISTRY = {}


class AdapterError(Exception):
    """A send or a fetch that failed. `retryable` says whether trying again later may help
    (time-outs, unreachable system, 5xx) or not (a refused payload or credentials: a person
    must look at it first)."""

    def __init__(self, message, retryable=True, status=None):
        super().__init__(message)
        self.retryable = retryable
        self.status = status


@dataclass(frozen=True)
class SendResult:
    """What the system answered to an event: `duplicate` when it already held that event
    (same idempotency key) and applied nothing."""

    status: int
    duplicate: bool
    body: str = ""


@dataclass(frozen=True)
class RemoteDossier:
    """One dossier as a connected system holds it (an entry of its list for a period)."""

    code: str
    state: str
    sequences: tuple = ()
    received_at: str = ""
    extra: dict = field(default_factory=dict)


def register(cls):
    """Class decorator: make an adapter selectable on connected systems."""
    if not cls.code:
        raise ValueError(f"{cls.__name__} has no code")
    _REGISTRY[cls.code] = cls
    return cls


def adapter_class(code):
    """The adapter class registered under `code`; AdapterError when there is none."""
    try:
        return _REGISTRY[code]
    except KeyError:
        raise AdapterError(f"No outbound adapter {code!r}", retryable=False) from None


def adapter_selection():
    """(code, label) of the registered adapters, for a selection field."""
    return [(code, cls.label) for code, cls in sorted(_REGISTRY.items())]


def _utc_iso(moment):
    if not moment:
        return None
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(moment)


class OutboundAdapter:
    """Base of the adapters. Subclasses set `code`, `label` and override `map_data` (how the
    target wants the dossier described); the envelope, the headers and the error handling are
    the contract's and the same for every target.

    `endpoint` is the system's base URL, `token` the credential it gave us (sent as a bearer
    token), `timeout` seconds for one request.
    """

    code = None
    label = None

    def __init__(self, endpoint, token=None, timeout=10.0):
        if not endpoint:
            raise AdapterError("The connected system has no endpoint URL.", retryable=False)
        self.endpoint = endpoint.rstrip("/")
        self.token = token or ""
        self.timeout = timeout or 10.0

    # ------------------------------------------------------------------ mapping
    def build_payload(self, dossier, event, *, sequence, event_id, occurred_at, note=None):
        """The envelope of one event (the contract's part) with the target's `data`."""
        return {
            "schema": SCHEMA,
            "event_id": event_id,
            "sequence": sequence,
            "event": event,
            "occurred_at": _utc_iso(occurred_at),
            "dossier_code": dossier.name,
            "state": dossier.state,
            "received_at": _utc_iso(dossier.received_at),
            "data": self.map_data(dossier, event, note=note),
        }

    def map_data(self, dossier, event, note=None):
        """How the target describes the dossier; overridden per target."""
        raise NotImplementedError

    # ------------------------------------------------------------------ transport
    def _headers(self, idempotency_key=None):
        headers = {"Accept": "application/json", "X-QMS-Adapter": self.code}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def _request(self, method, path, **kwargs):
        url = f"{self.endpoint}{path}"
        try:
            response = requests.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as error:
            raise AdapterError(f"No answer within {self.timeout:g} s from {url}.") from error
        except requests.RequestException as error:
            raise AdapterError(f"{url} could not be reached: {error}") from error
        if response.status_code >= 400:
            retryable = response.status_code in RETRYABLE_STATUSES
            raise AdapterError(
                f"{url} answered {response.status_code}: {response.text[:300]}",
                retryable=retryable,
                status=response.status_code,
            )
        return response

    def send(self, payload):
        """Post one event; the event id is the idempotency key, so a repeated delivery is
        answered `duplicate` and applied once by the target."""
        response = self._request(
            "POST",
            "/events",
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers={
                **self._headers(payload["event_id"]),
                "Content-Type": "application/json; charset=utf-8",
            },
        )
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        return SendResult(
            status=response.status_code,
            duplicate=answer.get("status") == "duplicate",
            body=response.text[:1000],
        )

    def fetch_dossiers(self, date_from, date_to):
        """The dossiers the target holds that were received in [date_from, date_to]."""
        response = self._request(
            "GET",
            "/dossiers",
            params={
                "received_from": _iso_day(date_from),
                "received_to": _iso_day(date_to),
            },
            headers=self._headers(),
        )
        try:
            rows = response.json()["dossiers"]
        except (ValueError, KeyError, TypeError) as error:
            raise AdapterError(
                "The dossier list of the connected system is not readable.", retryable=False
            ) from error
        result = []
        for row in rows:
            if not isinstance(row, dict) or not row.get("dossier_code"):
                continue
            result.append(
                RemoteDossier(
                    code=str(row["dossier_code"]),
                    state=str(row.get("state") or ""),
                    sequences=tuple(sorted(int(s) for s in row.get("sequences") or ())),
                    received_at=str(row.get("received_at") or ""),
                )
            )
        return result


def _iso_day(value):
    return value.isoformat() if isinstance(value, date) else str(value)
