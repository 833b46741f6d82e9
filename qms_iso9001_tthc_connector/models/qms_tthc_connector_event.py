import base64
import binascii
import hashlib
import json
import logging
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..adapters.base import API_RATINGS

_logger = logging.getLogger(__name__)

EVENT_KINDS = [
    ("create", "Dossier Created"),
    ("received", "Received"),
    ("handed_over", "Handed Over"),
    ("supplement_requested", "Supplement Requested"),
    ("supplement_received", "Supplement Received"),
    ("resolved", "Resolved"),
    ("returned", "Returned"),
    ("refused", "Refused"),
    ("withdrawn", "Withdrawn"),
    ("rated", "Rated"),
]
RATINGS = [
    ("satisfied", "Satisfied"),
    ("acceptable", "Acceptable"),
    ("not_satisfied", "Not Satisfied"),
]
# Papers of an online application: what the desk can open, no larger than a scanned paper.
MAX_PAPER_BYTES = 10 * 1024 * 1024
MAX_PAPERS = 30
ALLOWED_MIMETYPES = {
    "application/pdf": b"%PDF",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
}


class ApiError(Exception):
    """A refusal the REST API answers with its HTTP status, a stable code and a message in the
    agency's language; the transaction is rolled back."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class QmsTthcConnectorEvent(models.Model):
    """An event of a dossier's life received from a connected system, kept once: the key
    (system, external id, event id) is unique, so a call repeated after a time-out or a lost
    answer changes nothing and gets the first answer back. Only applied events are kept: a
    refused one may be sent again once corrected."""

    _name = "qms.tthc.connector.event"
    _description = "Event Received from a Connected System"
    _order = "id desc"

    system_id = fields.Many2one(
        "qms.tthc.connected.system",
        string="Connected System",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(related="system_id.company_id", store=True, index=True)
    external_id = fields.Char(string="External Code", required=True, readonly=True)
    event_id = fields.Char(string="Event ID", required=True, readonly=True)
    kind = fields.Selection(EVENT_KINDS, required=True, readonly=True)
    dossier_id = fields.Many2one("qms.tthc.dossier", index=True, readonly=True)
    request_hash = fields.Char(readonly=True)
    payload = fields.Json(readonly=True)
    response = fields.Json(readonly=True)
    rating = fields.Selection(RATINGS, readonly=True)
    rating_reason = fields.Text(readonly=True)

    _event_uniq = models.UniqueIndex(
        "(system_id, external_id, event_id)", "This event was already received."
    )

    # ------------------------------------------------------------------ idempotency
    @api.model
    def _qms_request_hash(self, kind, payload):
        text = json.dumps({"kind": kind, "payload": payload}, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    @api.model
    def _qms_previous(self, system, external_id, event_id, kind, payload):
        """The answer already given to this key, or None. The same key with another request is
        a mistake of the caller, refused rather than guessed."""
        previous = self.search(
            [
                ("system_id", "=", system.id),
                ("external_id", "=", external_id),
                ("event_id", "=", event_id),
            ],
            limit=1,
        )
        if not previous:
            return None
        if previous.request_hash != self._qms_request_hash(kind, payload):
            raise ApiError(
                409,
                "event_id_reused",
                self.env._(
                    "The event %(event)s of %(external)s was already received with other "
                    "content: give a new event ID to a new event.",
                    event=event_id,
                    external=external_id,
                ),
            )
        return dict(previous.response or {}, duplicate=True)

    @api.model
    def _qms_store(
        self, system, *, external_id, event_id, kind, payload, dossier, response, **vals
    ):
        self.create(
            {
                "system_id": system.id,
                "external_id": external_id,
                "event_id": event_id,
                "kind": kind,
                "dossier_id": dossier.id,
                "payload": payload,
                "response": response,
                **vals,
            }
        )
        return dict(response, duplicate=False)

    # ------------------------------------------------------------------ dossiers
    @api.model
    def _qms_link(self, system, external_code):
        link = self.env["qms.tthc.connector.link"].search(
            [("system_id", "=", system.id), ("external_code", "=", external_code)], limit=1
        )
        if not link or not link.dossier_id.has_access("read"):
            raise ApiError(
                404,
                "dossier_not_found",
                self.env._(
                    "No dossier with the external code %(code)s is known for this system.",
                    code=external_code,
                ),
            )
        return link

    @api.model
    def _qms_dossier_status(self, dossier):
        return {
            "dossier_code": dossier.name,
            "state": dossier.state,
            "received_at": dossier.received_at,
            "appointment_date": dossier.appointment_date,
            "new_appointment_date": dossier.new_appointment_date or None,
            "resolved_at": dossier.resolved_at or None,
            "returned_at": dossier.returned_at or None,
            "timeliness": dossier.timeliness or None,
            "current_step": dossier.current_step_id.name or None,
            "current_unit": dossier.current_department_id.name or None,
        }

    @api.model
    def _qms_json_status(self, dossier):
        return json.loads(json.dumps(self._qms_dossier_status(dossier), default=_json_default))

    @api.model
    def _qms_procedure(self, code):
        procedure = self.env["qms.tthc.procedure"].search(
            [("code", "=", code), ("state", "!=", "abolished")], limit=1
        )
        if not procedure:
            raise ApiError(
                404,
                "procedure_not_found",
                self.env._("No procedure in force has the code %(code)s.", code=code),
            )
        return procedure

    @api.model
    def _qms_applicant(self, applicant):
        """The applicant's contact: the one with the same ID number when there is one, else a
        new contact."""
        Partner = self.env["res.partner"]
        id_number = applicant.get("id_number")
        if id_number:
            found = Partner.search([("qms_id_number", "=", id_number)], limit=1)
            if found:
                return found
        return Partner.create(
            {
                "name": applicant["name"],
                "is_company": applicant.get("type") == "organization",
                "qms_id_number": id_number or False,
                "phone": applicant.get("phone") or False,
                "email": applicant.get("email") or False,
                "street": applicant.get("address") or False,
            }
        )

    @api.model
    def _qms_decode_papers(self, papers):
        """Papers in base64, checked before anything is created: type by content, not by name."""
        if len(papers) > MAX_PAPERS:
            raise ApiError(
                422,
                "too_many_papers",
                self.env._("At most %(count)s papers per application.", count=MAX_PAPERS),
            )
        decoded = []
        for paper in papers:
            try:
                raw = base64.b64decode(paper["content_base64"], validate=True)
            except (binascii.Error, ValueError) as error:
                raise ApiError(
                    422,
                    "paper_not_base64",
                    self.env._("The paper %(name)s is not valid base64.", name=paper["filename"]),
                ) from error
            if len(raw) > MAX_PAPER_BYTES:
                raise ApiError(
                    422,
                    "paper_too_large",
                    self.env._(
                        "The paper %(name)s is larger than %(size)s MB.",
                        name=paper["filename"],
                        size=MAX_PAPER_BYTES // (1024 * 1024),
                    ),
                )
            magic = ALLOWED_MIMETYPES.get(paper["mimetype"])
            if not raw or magic is None or not raw.startswith(magic):
                raise ApiError(
                    422,
                    "paper_type_not_allowed",
                    self.env._(
                        "The paper %(name)s must be a PDF, JPEG or PNG file whose content "
                        "matches its type.",
                        name=paper["filename"],
                    ),
                )
            decoded.append((paper, raw))
        return decoded

    @api.model
    def _qms_api_create_dossier(self, system, payload):
        """Receive an online application through the dossier's own reception (create, with its
        guard): the system's technical user is the receiver."""
        external = payload["external_code"]
        previous = self._qms_previous(system, external, payload["event_id"], "create", payload)
        if previous is not None:
            return previous
        if self.env["qms.tthc.connector.link"].search_count(
            [("system_id", "=", system.id), ("external_code", "=", external)]
        ):
            raise ApiError(
                409,
                "dossier_exists",
                self.env._(
                    "A dossier with the external code %(code)s was already created from this "
                    "system.",
                    code=external,
                ),
            )
        procedure = self._qms_procedure(payload["procedure_code"])
        papers = self._qms_decode_papers(payload.get("papers") or [])
        applicant = self._qms_applicant(payload["applicant"])
        vals = {
            "procedure_id": procedure.id,
            "channel": payload["channel"],
            "applicant_id": applicant.id,
            "company_id": system.company_id.id,
        }
        if payload.get("received_at"):
            # ISO 8601 in the API, Odoo's own format for the reception's check
            vals["received_at"] = str(payload["received_at"]).replace("T", " ")[:19]
        dossier = self.env["qms.tthc.dossier"].create(vals)
        self.env["qms.tthc.connector.link"].create(
            {"system_id": system.id, "external_code": external, "dossier_id": dossier.id}
        )
        if papers:
            self.env["ir.attachment"].create(
                [
                    {
                        "name": paper["filename"],
                        "raw": raw,
                        "mimetype": paper["mimetype"],
                        "res_model": dossier._name,
                        "res_id": dossier.id,
                        "description": paper.get("component") or False,
                    }
                    for paper, raw in papers
                ]
            )
        dossier.message_post(
            body=self.env._(
                "Received from %(system)s with the code %(code)s.",
                system=system.name,
                code=external,
            )
        )
        stored = dict(payload, papers=[p["filename"] for p in payload.get("papers") or []])
        return self._qms_store(
            system,
            external_id=external,
            event_id=payload["event_id"],
            kind="create",
            payload=stored,
            request_hash=self._qms_request_hash("create", payload),
            dossier=dossier,
            response=self._qms_json_status(dossier),
        )

    @api.model
    def _qms_api_post_event(self, system, external_code, payload):
        """Apply an event of the dossier's life through the dossier's transition methods: their
        checks (state, rights of the technical user) decide, nothing is written around them."""
        kind = payload["kind"]
        previous = self._qms_previous(system, external_code, payload["event_id"], kind, payload)
        if previous is not None:
            return previous
        dossier = self._qms_link(system, external_code).dossier_id
        extra = {}
        note = payload.get("note") or False
        reason = payload.get("reason") or False
        if kind == "received":
            # the reception is the creation of the dossier: the event only confirms it
            if dossier.state != "received":
                raise ApiError(
                    422,
                    "refused",
                    self.env._(
                        "%(code)s is no longer at reception.",
                        code=dossier.name,
                    ),
                )
        elif kind == "handed_over":
            dossier.action_hand_over(self._qms_taker(payload.get("to_user")), note)
        elif kind == "supplement_requested":
            dossier.action_request_supplement(reason)
        elif kind == "supplement_received":
            dossier.action_supplement_received()
        elif kind == "resolved":
            dossier.action_resolve(note)
        elif kind == "returned":
            dossier.action_return()
        elif kind == "refused":
            dossier.action_refuse(reason)
        elif kind == "withdrawn":
            dossier.action_withdraw(reason)
        elif kind == "rated":
            extra = self._qms_rating(dossier, payload)
        return self._qms_store(
            system,
            external_id=external_code,
            event_id=payload["event_id"],
            kind=kind,
            payload=payload,
            request_hash=self._qms_request_hash(kind, payload),
            dossier=dossier,
            response=self._qms_json_status(dossier),
            **extra,
        )

    @api.model
    def _qms_taker(self, login):
        """The user the dossier is handed to, named by login (the other system knows no ids),
        in the agency of the technical user."""
        if not login:
            return self.env["res.users"]
        user = (
            self.env["res.users"]
            .sudo()
            .search(
                [("login", "=", login), ("company_ids", "in", self.env.user.company_id.ids)],
                limit=1,
            )
        )
        if not user:
            raise ApiError(
                422,
                "user_not_found",
                self.env._("No user of the agency has the login %(login)s.", login=login),
            )
        return user

    @api.model
    def _qms_rating(self, dossier, payload):
        """The citizen's rating given on the connected system: recorded on the dossier as a
        rating at the desk is (a "not satisfied" opens a complaint, repeated ones an NC), and
        kept with the event in the words of the API."""
        rating = payload.get("rating")
        if not rating:
            raise ApiError(
                422,
                "rating_required",
                self.env._(
                    "A rating event gives the rating: satisfied, acceptable or not_satisfied."
                ),
            )
        if rating == "not_satisfied" and not (payload.get("reason") or "").strip():
            raise ApiError(
                422,
                "reason_required",
                self.env._('A "not satisfied" rating gives its reason.'),
            )
        dossier._qms_record_rating(
            API_RATINGS.get(rating, rating), payload.get("reason"), channel="connector"
        )
        return {"rating": rating, "rating_reason": payload.get("reason") or False}


def _json_default(value):
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    if isinstance(value, date):
        return fields.Date.to_string(value)
    return str(value)


def api_error_from(env, error):
    """The API answer of an error raised by the dossier's own checks."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, AccessError):
        return ApiError(403, "forbidden", str(error.args[0]))
    if isinstance(error, UserError):
        return ApiError(422, "refused", str(error.args[0]))
    raise error
