"""Fixture factories of the connector's models (see qms_iso9001/tests/proof_common.py).

A connected system of a place belongs to that place's agency and is not sending events (no
endpoint), so that dossiers made by the TTHC factories queue nothing. The variant `own` makes
the fixture's `connector_api` user the system's technical user: the records of that system are
the ones its calls may reach (the API group's record rules), those of the other systems are not.

Every record a factory needs is made afresh (no `fx.once`): the fixture outlives the savepoint of
each test, so a record remembered from one test would be gone in the next.
"""

import json
import uuid
from datetime import timedelta

from odoo import fields

from odoo.addons.qms_iso9001.tests.proof_common import factory
from odoo.addons.qms_iso9001_tthc.tests import proof_fixtures  # noqa: F401  (dossier factories)

from ..models.qms_tthc_connected_system import KEY_PREFIX, KEY_SHOWN_LENGTH, hash_key


def _own_user(fx, variant):
    """The fixture's API user when the variant asks for it (and the fixture has one)."""
    if variant == "own" and "connector_api" in fx.users:
        return fx.users["connector_api"]
    return None


def _system(fx, place, variant):
    return fx.make("qms.tthc.connected.system", place=place, variant=variant)


@factory("qms.tthc.connected.system")
def connected_system(fx, place, variant):
    own = _own_user(fx, variant)
    vals = {
        "name": f"Proof connected system {fx.seq()}",
        "code": f"PROOF{fx.seq()}",
        "kind": "provincial",
        "company_id": fx.company(place).id,
    }
    if own:
        # the system's calls run as the fixture's API user (a superuser write, as the fixture's)
        vals["_after"] = lambda system: system.write({"user_id": own.id})
    return vals


@factory("qms.tthc.connected.system.key")
def connected_system_key(fx, place, variant):
    key = f"{KEY_PREFIX}proof-{uuid.uuid4().hex}"
    return {
        "system_id": _system(fx, place, variant).id,
        "name": "Proof key",
        "key_prefix": key[:KEY_SHOWN_LENGTH],
        "key_hash": hash_key(key),
        "_state_vals": {
            "revoked": {
                "revoked_at": fields.Datetime.now(),
                "revoked_by_id": fx.user(place).id,
            }
        },
    }


@factory("qms.tthc.connected.system.key.show")
def connected_system_key_show(fx, place, variant):
    return {
        "system_id": _system(fx, place, variant).id,
        "key": f"{KEY_PREFIX}proof-{uuid.uuid4().hex}",
    }


@factory("qms.tthc.connector.link")
def connector_link(fx, place, variant):
    dossier = fx.make("qms.tthc.dossier", state="received", place=place)
    return {
        "system_id": _system(fx, place, variant).id,
        "external_code": f"PROOF-EXT-{fx.seq()}",
        "dossier_id": dossier.id,
    }


@factory("qms.tthc.connector.event")
def connector_event(fx, place, variant):
    dossier = fx.make("qms.tthc.dossier", state="received", place=place)
    payload = {"kind": "received", "event_id": f"proof-event-{fx.seq()}"}
    return {
        "system_id": _system(fx, place, variant).id,
        "external_id": f"PROOF-EXT-{fx.seq()}",
        "event_id": payload["event_id"],
        "kind": "received",
        "dossier_id": dossier.id,
        "request_hash": fx.env["qms.tthc.connector.event"]._qms_request_hash("received", payload),
        "payload": payload,
        "response": {"dossier_code": dossier.name, "state": dossier.state},
    }


@factory("qms.tthc.outbox.message")
def outbox_message(fx, place, variant):
    """The reception of a dossier of the place, to be told to a system of its agency."""
    dossier = fx.make("qms.tthc.dossier", state="received", place=place)
    now = fields.Datetime.now()
    event_id = str(uuid.uuid4())
    return {
        "dossier_id": dossier.id,
        "system_id": _system(fx, place, variant).id,
        "event": "received",
        "sequence": 1,
        "event_uuid": event_id,
        "occurred_at": now - timedelta(minutes=5),
        "payload": json.dumps({"event_id": event_id, "event": "received"}),
        "_state_vals": {
            "sent": {"attempts": 1, "last_attempt_at": now, "sent_at": now},
            "failed": {
                "attempts": 7,
                "last_attempt_at": now,
                "last_error": "Proof: the system answered 400.",
            },
        },
    }


@factory("qms.tthc.reconciliation")
def reconciliation(fx, place, variant):
    today = fields.Date.today()
    return {
        "date_from": today - timedelta(days=30),
        "date_to": today,
        "company_id": fx.company(place).id,
    }


@factory("qms.tthc.reconciliation.line")
def reconciliation_line(fx, place, variant):
    report = fx.make("qms.tthc.reconciliation", place=place)
    return {
        "reconciliation_id": report.id,
        "system_id": _system(fx, place, variant).id,
        "dossier_code": f"PROOF-{fx.seq()}",
        "status": "extra",
        "their_state": "received",
    }
