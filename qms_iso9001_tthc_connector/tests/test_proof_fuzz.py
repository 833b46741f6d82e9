from odoo.tests import HttpCase, tagged

from odoo.addons.qms_iso9001.tests.proof_common import Fixture
from odoo.addons.qms_iso9001.tests.proof_fuzz import UNKNOWN_ID, FuzzTarget, HostileInputMixin

from . import proof_fixtures  # noqa: F401  (registers the connector's fixture factories)
from .standin_server import StandInSystem
from .test_proof_access import COLUMNS

OFFICE_EXAMPLES = 300
OFFICER_EXAMPLES = 100
DESK_EXAMPLES = 150


class ConnectorFuzzCommon(HostileInputMixin, HttpCase):
    """A connected system of the agency that takes events (played by a stand-in on 127.0.0.1,
    so that a reconciliation really reads its list), one of another agency, their keys, the
    messages of dossiers to them in each state and a reconciliation of each agency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().hours_per_day = 8.0
        cls.standin = StandInSystem(token="fuzz-token").start()
        cls.addClassCleanup(cls.standin.stop)
        fx = cls.fx = Fixture(cls.env, COLUMNS)
        cls.system = fx.make("qms.tthc.connected.system", place="A")
        cls.foreign_system = fx.make("qms.tthc.connected.system", place="X")
        cls.key = fx.make("qms.tthc.connected.system.key", place="A", system_id=cls.system.id)
        cls.revoked_key = fx.make(
            "qms.tthc.connected.system.key", state="revoked", place="A", system_id=cls.system.id
        )
        cls.foreign_key = fx.make("qms.tthc.connected.system.key", place="X")
        cls.dossier = fx.make("qms.tthc.dossier", state="received", place="A")
        messages = cls.env["qms.tthc.outbox.message"]
        for state in ("pending", "sent", "failed", "cancelled"):
            messages |= fx.make(
                "qms.tthc.outbox.message", state=state, place="A", system_id=cls.system.id
            )
        cls.messages = messages
        cls.foreign_message = fx.make("qms.tthc.outbox.message", state="failed", place="X")
        cls.reconciliation = fx.make("qms.tthc.reconciliation", place="A")
        cls.line = fx.make(
            "qms.tthc.reconciliation.line",
            place="A",
            reconciliation_id=cls.reconciliation.id,
            system_id=cls.system.id,
            lost_message_ids=[(6, 0, messages[1].ids)],
        )
        cls.foreign_line = fx.make("qms.tthc.reconciliation.line", place="X")
        # the system takes events from now on: the messages above were made by hand
        cls.system.sudo().write(
            {
                "endpoint_url": cls.standin.url,
                "outbound_token": cls.standin.token,
                "timeout": 1.0,
                "is_outbound": True,
            }
        )
        cls.event = fx.make("qms.tthc.connector.event", place="A")
        cls.link = fx.make("qms.tthc.connector.link", place="A")
        cls.foreign_event = fx.make("qms.tthc.connector.event", place="X")
        ids = {
            cls.system.id,
            cls.foreign_system.id,
            cls.system.user_id.id,
            cls.key.id,
            cls.revoked_key.id,
            cls.foreign_key.id,
            cls.dossier.id,
            *messages.ids,
            *messages.dossier_id.ids,
            cls.foreign_message.id,
            cls.foreign_message.dossier_id.id,
            cls.reconciliation.id,
            cls.line.id,
            cls.foreign_line.id,
            cls.foreign_line.reconciliation_id.id,
            cls.event.id,
            cls.link.id,
            cls.foreign_event.id,
            fx.users["manager"].id,
            fx.user("X").id,
            fx.company("X").id,
            UNKNOWN_ID,
            -1,
            0,
        }
        cls.fuzz_ids = sorted(ids)

    def _connector_targets(self):
        return [
            FuzzTarget(
                "qms.tthc.connected.system",
                methods=("action_generate_key", "action_rotate_keys", "action_view_outbox"),
                base={"name": "Fuzz system", "code": "FUZZ"},
            ),
            FuzzTarget(
                "qms.tthc.connected.system.key",
                methods=("action_revoke",),
                base={"system_id": self.system.id, "name": "Fuzz key"},
            ),
            FuzzTarget(
                "qms.tthc.connected.system.key.show",
                base={"system_id": self.system.id, "key": "tthc_fuzz"},
            ),
            FuzzTarget(
                "qms.tthc.outbox.message",
                methods=("action_resend", "action_cancel"),
                base={
                    "dossier_id": self.dossier.id,
                    "system_id": self.system.id,
                    "event": "received",
                    "sequence": 9,
                    "event_uuid": "fuzz-event",
                    "occurred_at": "2026-01-05 08:00:00",
                },
            ),
            FuzzTarget(
                "qms.tthc.reconciliation",
                methods=("action_compare", "action_resend_lost", "action_export_xlsx"),
                after_create=("action_compare",),
                base={"date_from": "2026-01-01", "date_to": "2026-01-31"},
            ),
            FuzzTarget(
                "qms.tthc.reconciliation.line",
                methods=("action_resend",),
                base={"reconciliation_id": self.reconciliation.id, "status": "missing"},
            ),
            FuzzTarget(
                "qms.tthc.connector.event",
                base={
                    "system_id": self.system.id,
                    "external_id": "FUZZ-1",
                    "event_id": "fuzz-1",
                    "kind": "received",
                },
            ),
            FuzzTarget(
                "qms.tthc.connector.link",
                base={
                    "system_id": self.system.id,
                    "external_code": "FUZZ-1",
                    "dossier_id": self.dossier.id,
                },
            ),
        ]


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorHostileInput(ConnectorFuzzCommon):
    """The standing office sends generated JSON-RPC calls to the connected systems, their keys,
    the outbox and the reconciliation: only results and user errors come back."""

    _fuzz_login = "proof_manager"
    _fuzz_password = "proof_manager"

    def test_hostile_input_connector(self):
        self._fuzz(self._connector_targets(), self.fuzz_ids, OFFICE_EXAMPLES, "connector")


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorHostileInputOfficer(ConnectorFuzzCommon):
    """A unit ISO officer, who has no part in the exchange, sends the same calls: refused with
    user or access errors, never a server error."""

    _fuzz_login = "proof_officer"
    _fuzz_password = "proof_officer"

    def test_hostile_input_connector_officer(self):
        self._fuzz(
            self._connector_targets(), self.fuzz_ids, OFFICER_EXAMPLES, "connector (officer)"
        )

    def test_officer_refused(self):
        """The officer reaches none of it: every button refused with an AccessError."""
        self.authenticate(self._fuzz_login, self._fuzz_password)
        self._fuzz_counter = 1
        calls = [
            ("qms.tthc.connected.system", "action_generate_key", self.system.ids),
            ("qms.tthc.connected.system", "action_rotate_keys", self.system.ids),
            ("qms.tthc.connected.system.key", "action_revoke", self.key.ids),
            ("qms.tthc.outbox.message", "action_resend", self.messages[2].ids),
            ("qms.tthc.outbox.message", "action_cancel", self.messages[0].ids),
            ("qms.tthc.reconciliation", "action_compare", self.reconciliation.ids),
            ("qms.tthc.reconciliation.line", "action_resend", self.line.ids),
        ]
        for model, method, ids in calls:
            outcome = self._rpc(model, method, [ids])
            self.assertEqual(
                (outcome.kind, outcome.detail),
                ("allowed error", "odoo.exceptions.AccessError"),
                f"{model}.{method} by a unit officer",
            )
        self.assertEqual(self.key.state, "active")
        self.assertEqual(self.messages[0].state, "pending")


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorDeskHostileInput(ConnectorFuzzCommon):
    """A one-stop officer's hostile calls to the dossier actions the connector tells the
    systems about (each writes its outbox messages): user errors only."""

    _fuzz_login = "proof_one_stop"
    _fuzz_password = "proof_one_stop"

    def test_hostile_input_dossier_events(self):
        fx = self.fx
        in_progress = fx.make("qms.tthc.dossier", state="in_progress", place="A")
        returned = fx.make("qms.tthc.dossier", state="returned", place="A")
        foreign = fx.make("qms.tthc.dossier", state="received", place="X")
        ids = sorted(
            set(self.fuzz_ids)
            | {in_progress.id, returned.id, foreign.id, fx.user("B").id, fx.users["handler"].id}
        )
        targets = [
            FuzzTarget(
                "qms.tthc.dossier",
                create=False,
                write=False,
                methods=(
                    "action_hand_over",
                    "action_request_supplement",
                    "action_supplement_received",
                    "action_refuse",
                    "action_withdraw",
                    "action_return",
                    "action_rate_satisfied",
                    "action_rate_dissatisfied",
                ),
            ),
        ]
        self._fuzz(targets, ids, DESK_EXAMPLES, "dossier events told to the systems")
