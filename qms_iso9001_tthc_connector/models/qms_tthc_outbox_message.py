import json
import logging
import uuid

from odoo import api, fields, models
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..adapters import AdapterError

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

ADMIN = "base.group_system"
# Who watches the exchange and repairs it: the ISO standing office and the administrators.
OPERATORS = (MANAGER, ADMIN)
CHANNEL = "root.qms_tthc_connector"
# Seconds before the next try after the 1st, 2nd... failure; the last one is repeated.
RETRY_SECONDS = (30, 60, 120, 300, 600, 1800)
MAX_ATTEMPTS = len(RETRY_SECONDS) + 1
EVENTS = [
    ("received", "Received"),
    ("handed_over", "Handed Over"),
    ("supplement_requested", "Supplement Requested"),
    ("supplement_received", "Supplement Received"),
    ("resolved", "Resolved"),
    ("returned", "Returned to Applicant"),
    ("refused", "Refused"),
    ("withdrawn", "Withdrawn"),
    ("rated", "Rated by the Applicant"),
]
# Messages that keep the later ones of their dossier and system waiting.
UNSENT = ("pending", "failed")


class QmsTthcOutboxMessage(models.Model):
    """One event of a dossier to be told to one connected system.

    The message is written when the event happens (its payload is a snapshot of the dossier
    then) and sent by a queue job through the system's adapter, so a slow or absent system
    never holds up the desk. The event id is the idempotency key: a repeated delivery is
    applied once by the system. Messages of a dossier reach a system in their order: one waits
    while an earlier one is unsent. Nothing here is edited by hand; the standing office and
    the administrators re-send or cancel, and messages are never deleted (they are the trail
    of what the agency told whom).
    """

    _name = "qms.tthc.outbox.message"
    _inherit = ["qms.lifecycle.mixin"]
    _description = "Message to a Connected System"
    _order = "id desc"
    _qms_workflow_fields = (
        "attempts",
        "last_error",
        "last_attempt_at",
        "sent_at",
        "is_duplicate",
    )
    _qms_deletable_states = ()

    name = fields.Char(compute="_compute_name")
    dossier_id = fields.Many2one(
        "qms.tthc.dossier", required=True, readonly=True, index=True, ondelete="restrict"
    )
    system_id = fields.Many2one(
        "qms.tthc.connected.system",
        string="Connected System",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="dossier_id.company_id", store=True, index=True, string="Agency"
    )
    event = fields.Selection(EVENTS, required=True, readonly=True)
    sequence = fields.Integer(
        required=True,
        readonly=True,
        help="Order of the event in the life of the dossier (1 = its reception).",
    )
    event_uuid = fields.Char(
        string="Event ID",
        required=True,
        readonly=True,
        copy=False,
        help="Sent as the idempotency key: the system applies an event once, however often "
        "it receives it.",
    )
    occurred_at = fields.Datetime(string="Event Time", required=True, readonly=True)
    payload = fields.Text(readonly=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    last_error = fields.Text(readonly=True)
    last_attempt_at = fields.Datetime(readonly=True)
    sent_at = fields.Datetime(readonly=True)
    is_duplicate = fields.Boolean(
        string="Already Held",
        readonly=True,
        help="The system answered that it already held this event: nothing was applied twice.",
    )

    _event_uuid_unique = models.UniqueIndex("(event_uuid)")
    _dossier_system_sequence_unique = models.UniqueIndex("(dossier_id, system_id, sequence)")
    _dossier_system_state_index = models.Index("(dossier_id, system_id, state)")

    @api.depends("dossier_id.name", "sequence", "event")
    def _compute_name(self):
        labels = dict(self._fields["event"]._description_selection(self.env))
        for message in self:
            message.name = (
                f"{message.dossier_id.name or ''} #{message.sequence} "
                f"{labels.get(message.event, message.event or '')}"
            )

    # ------------------------------------------------------------------ creation
    @api.model
    def _qms_queue_event(self, dossiers, event, note=None):
        """Write one message per enabled system of each dossier's agency for `event`, which
        has just happened (the dossier already in its new state), and queue the sends. Called
        by the dossier's transitions after their own checks: the system writes the messages."""
        systems = self.env["qms.tthc.connected.system"].sudo()._qms_outbound_systems()
        # an event a system told us (its technical user calling the API) is not told back to it
        systems = systems.filtered(lambda system: system.user_id != self.env.user)
        if not systems or not dossiers:
            return self.browse()
        model = self.sudo()
        last = dict(
            model._read_group(
                [("dossier_id", "in", dossiers.ids)], ["dossier_id"], ["sequence:max"]
            )
        )
        now = fields.Datetime.now()
        vals_list = []
        for dossier in dossiers.sudo():
            sequence = (last.get(dossier) or 0) + 1
            for system in systems.filtered(lambda s, d=dossier: s.company_id == d.company_id):
                event_id = str(uuid.uuid4())
                payload = system._qms_adapter().build_payload(
                    dossier,
                    event,
                    sequence=sequence,
                    event_id=event_id,
                    occurred_at=now,
                    note=note,
                )
                vals_list.append(
                    {
                        "dossier_id": dossier.id,
                        "system_id": system.id,
                        "event": event,
                        "sequence": sequence,
                        "event_uuid": event_id,
                        "occurred_at": now,
                        "payload": json.dumps(payload, ensure_ascii=False, indent=1),
                    }
                )
        messages = model.create(vals_list)
        messages._qms_enqueue()
        return messages

    # ------------------------------------------------------------------ queue
    def _qms_blocking(self):
        """The earlier messages of the same dossier and system that are still unsent."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("dossier_id", "=", self.dossier_id.id),
                ("system_id", "=", self.system_id.id),
                ("sequence", "<", self.sequence),
                ("state", "in", UNSENT),
            ],
            order="sequence",
        )

    def _qms_enqueue(self):
        """Queue a send job for each pending message whose predecessors are all sent; the
        others are queued when their predecessor is sent. The identity key keeps a message
        from being queued twice while a job for it waits."""
        for message in self.sudo().filtered(lambda m: m.state == "pending"):
            if message._qms_blocking():
                continue
            message.with_delay(
                channel=CHANNEL,
                max_retries=MAX_ATTEMPTS + 1,
                identity_key=identity_exact,
                description=self.env._(
                    "Send %(message)s to %(system)s",
                    message=message.name,
                    system=message.system_id.name,
                ),
            )._qms_send()

    @api.model
    def _cron_qms_requeue_pending(self, limit=500):
        """Queue again the pending messages that head their dossier's queue: a job already
        waiting for one is not doubled (identity key)."""
        self.sudo().search([("state", "=", "pending")], order="id", limit=limit)._qms_enqueue()

    def _qms_successor(self):
        """The next unsent message of the same dossier and system, if any."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("dossier_id", "=", self.dossier_id.id),
                ("system_id", "=", self.system_id.id),
                ("sequence", ">", self.sequence),
                ("state", "=", "pending"),
            ],
            order="sequence",
            limit=1,
        )

    def _qms_send(self):
        """Queue job: send the message through its system's adapter.

        A failure that may pass (time-out, unreachable system, 5xx) is recorded on the message
        and retried by queue_job with growing delays; one that will not (a refused payload or
        credentials) fails the message at once, as does the last try. A message whose
        predecessor is unsent does nothing: the predecessor queues it once sent."""
        message = self.sudo()
        # a failed try was recorded by another transaction
        message.invalidate_recordset()
        if message.state != "pending":
            return f"nothing to send: the message is {message.state}"
        blocking = message._qms_blocking()
        if blocking:
            return f"waits for message #{blocking[0].sequence} of the same dossier"
        system = message.system_id
        if not system._qms_is_outbound():
            return "the system does not take events any more: the message stays pending"
        now = fields.Datetime.now()
        attempts = message.attempts + 1
        try:
            result = system._qms_adapter().send(json.loads(message.payload))
        except AdapterError as error:
            if error.retryable and attempts < MAX_ATTEMPTS:
                seconds = RETRY_SECONDS[min(attempts, len(RETRY_SECONDS)) - 1]
                message._qms_record_retry(attempts, str(error), now)
                raise RetryableJobError(str(error), seconds=seconds) from error
            message._qms_set(
                {
                    "state": "failed",
                    "attempts": attempts,
                    "last_error": str(error),
                    "last_attempt_at": now,
                }
            )
            _logger.warning("outbox message %s failed: %s", message.id, error)
            return f"failed: {error}"
        message._qms_set(
            {
                "state": "sent",
                "attempts": attempts,
                "last_attempt_at": now,
                "sent_at": now,
                "last_error": False,
                "is_duplicate": result.duplicate,
            }
        )
        message._qms_successor()._qms_enqueue()
        return "already held by the system" if result.duplicate else "sent"

    def _qms_record_retry(self, attempts, error, moment):
        """Record a failed try in a transaction of its own: queue_job rolls back the job's
        transaction before it retries, and the screen must still show the error and the count.
        The job has written nothing on the message before, so nothing waits on its lock."""
        with self.env.registry.cursor() as cr:
            message = self.env(cr=cr, su=True)[self._name].browse(self.id)
            message.write({"attempts": attempts, "last_error": error, "last_attempt_at": moment})

    # ------------------------------------------------------------------ transitions
    @transition(
        ("pending", "failed", "sent"), groups=OPERATORS, access="read", label=_lt("Re-send")
    )
    def action_resend(self):
        """Send again: a failed message once the cause is fixed, or a sent one the system lost
        (found by the reconciliation). The event id stays the same, so a system that held it
        after all applies nothing twice."""
        self._qms_set({"state": "pending", "attempts": 0, "last_error": False})
        self._qms_enqueue()
        return True

    @transition(("pending", "failed"), groups=OPERATORS, access="read", label=_lt("Cancel"))
    def action_cancel(self):
        """Give up a message that must not be sent; the later ones of its dossier go on."""
        self._qms_set({"state": "cancelled"})
        for message in self:
            message._qms_successor()._qms_enqueue()
        return True
