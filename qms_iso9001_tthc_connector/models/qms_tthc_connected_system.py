import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

from ..adapters import adapter_class, adapter_selection

ADMIN = "base.group_system"
# Who issues and withdraws the keys of a connected system: the ISO standing office or the
# database administrator.
KEY_ADMINS = (MANAGER, ADMIN)
API_GROUP = "qms_iso9001_tthc_connector.group_qms_tthc_connector_api"
SYSTEM_KINDS = [
    ("provincial", "Provincial TTHC Information System"),
    ("national", "National Public Service Portal (DVCQG)"),
    ("other", "Other System"),
]
KEY_PREFIX = "tthc_"
# The first characters of a key, kept in clear so that a key can be recognised in a list.
KEY_SHOWN_LENGTH = 12
# After a rotation the previous keys still work this long, time for the other side to deploy
# the new one; a revocation is immediate.
ROTATION_GRACE = timedelta(hours=24)
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


def hash_key(key):
    """SHA-256 of the key: a key is 256 random bits, so a fast hash cannot be reversed and lets
    the key be found by an index; the clear key is never stored."""
    return hashlib.sha256(key.encode()).hexdigest()


class QmsTthcConnectedSystem(models.Model):
    """A system that exchanges dossiers with the agency: the province's TTHC information system
    (where the public administration service centres receive dossiers), the National Public
    Service Portal (DVCQG, the single online reception point since 27 June 2025 under
    NĐ 118/2025/NĐ-CP and TT 03/2025/TT-VPCP), or another one.

    Each system calls the REST API with its own keys (only their hash is stored) and its calls
    run as the system's own technical user in its agency, with the rights of that user's group
    and nothing more: the key says who calls, the user's groups and the record rules say what it
    may do. The standing office issues, rotates and revokes the keys.
    """

    _name = "qms.tthc.connected.system"
    _description = "Connected System"
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]
    _order = "company_id, name, id"
    _check_company_auto = True
    _qms_state_field = None
    _qms_workflow_fields = ("user_id",)
    _qms_deletable_states = ()

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code of the system in the agency (letters, digits, dot, dash, underscore), "
        "e.g. DVCQG or HTTTGQTTHC.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        tracking=True,
    )
    kind = fields.Selection(SYSTEM_KINDS, required=True, default="provincial", tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text()
    user_id = fields.Many2one(
        "res.users",
        string="Technical User",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The calls of this system run as this user, in its agency, with the rights of the "
        "group TTHC Connector (API) only. It has no password and cannot log in.",
    )
    key_ids = fields.One2many("qms.tthc.connected.system.key", "system_id", string="API Keys")
    active_key_count = fields.Integer(string="Keys in Use", compute="_compute_active_key_count")

    _code_uniq = models.UniqueIndex(
        "(company_id, lower(code))", "A connected system with this code already exists."
    )

    @api.depends("key_ids.state", "key_ids.expires_at")
    def _compute_active_key_count(self):
        now = fields.Datetime.now()
        for system in self:
            system.active_key_count = len(
                system.key_ids.filtered(lambda key: key._qms_is_usable(now))
            )

    @api.constrains("code", "company_id")
    def _check_code(self):
        for system in self:
            if not CODE_PATTERN.match(system.code or ""):
                raise UserError(
                    self.env._(
                        "The code %(code)s of a connected system may only hold letters, digits, "
                        "dots, dashes and underscores (32 at most).",
                        code=system.code,
                    )
                )

    # ------------------------------------------------------------------ technical user
    @api.model_create_multi
    def create(self, vals_list):
        """Each system gets its own technical user in its agency once the caller's right to
        create the system has been checked."""
        systems = super().create(vals_list)
        for system in systems:
            system._qms_set({"user_id": system._qms_new_technical_user().id})
        return systems

    def _qms_new_technical_user(self):
        self.ensure_one()
        company = self.company_id.sudo()
        return (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                {
                    "name": self.env._("%(system)s (API)", system=self.name),
                    "login": f"tthc-api-{company.id}-{self.code.lower()}-{self.id}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "group_ids": [(6, 0, self.env.ref(API_GROUP).ids)],
                }
            )
        )

    def write(self, vals):
        if "company_id" in vals and any(
            system.company_id.id != vals["company_id"] for system in self
        ):
            # its technical user, keys, links and events belong to the agency it was made for
            raise UserError(
                self.env._(
                    "A connected system cannot move to another agency: archive it and connect "
                    "the system again in the other agency."
                )
            )
        result = super().write(vals)
        if "active" in vals:
            # an archived system cannot call: its user goes with it
            self.user_id.sudo().write({"active": vals["active"]})
        return result

    # ------------------------------------------------------------------ keys
    @transition(groups=KEY_ADMINS)
    def action_generate_key(self):
        """Issue a new key; it is shown once, in the window this returns."""
        self.ensure_one()
        if not self.active:
            raise UserError(self.env._("An archived system cannot get a key."))
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        self.env["qms.tthc.connected.system.key"].sudo().create(
            {
                "system_id": self.id,
                "key_prefix": key[:KEY_SHOWN_LENGTH],
                "key_hash": hash_key(key),
            }
        )
        self.message_post(
            body=self.env._("New API key %(prefix)s… issued.", prefix=key[:KEY_SHOWN_LENGTH])
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New API Key"),
            "res_model": "qms.tthc.connected.system.key.show",
            "view_mode": "form",
            "target": "new",
            "context": {"default_key": key, "default_system_id": self.id},
        }

    @transition(groups=KEY_ADMINS)
    def action_rotate_keys(self):
        """Issue a new key; the keys in use keep working for a grace period, time for the other
        side to deploy the new one, then stop."""
        self.ensure_one()
        now = fields.Datetime.now()
        expires = now + ROTATION_GRACE
        for key in self.key_ids.filtered(lambda key: key._qms_is_usable(now)):
            if not key.expires_at or key.expires_at > expires:
                key._qms_set({"expires_at": expires})
        return self.action_generate_key()

    @api.model
    def _qms_authenticate(self, key):
        """The active system a key belongs to, or an empty recordset: a revoked, expired or
        unknown key, or an archived system, opens nothing."""
        System = self.sudo()
        if not isinstance(key, str) or not key.startswith(KEY_PREFIX) or len(key) > 128:
            return System.browse()
        digest = hash_key(key)
        found = (
            self.env["qms.tthc.connected.system.key"]
            .sudo()
            .search([("key_hash", "=", digest), ("state", "=", "active")], limit=1)
        )
        if not found or not hmac.compare_digest(found.key_hash, digest):
            return System.browse()
        if not found._qms_is_usable(fields.Datetime.now()):
            return System.browse()
        system = found.system_id
        if not system.active or not system.user_id.active:
            return System.browse()
        found._qms_touch()
        return system

    # ------------------------------------------------------------------ outbound (sync)
    _qms_max_timeout = 120
    endpoint_url = fields.Char(
        string="Endpoint URL",
        tracking=True,
        help="Base URL of the system's side of the outbound contract "
        "(docs/connector-outbound.md): the events are posted to <URL>/events and the "
        "reconciliation reads <URL>/dossiers.",
    )
    adapter = fields.Selection(
        adapter_selection(),
        compute="_compute_adapter",
        store=True,
        readonly=False,
        tracking=True,
        help="How the events are written for this system.",
    )
    outbound_token = fields.Char(
        groups="base.group_system",
        copy=False,
        help="The credential the connected system gave the agency, sent with every call.",
    )
    timeout = fields.Float(
        string="Time-out (s)",
        default=10.0,
        tracking=True,
        help="Seconds to wait for one answer; a call without an answer is tried again later.",
    )
    is_outbound = fields.Boolean(
        string="Send Events",
        tracking=True,
        help="Send the events of the agency's dossiers (reception, hand-overs, supplements, "
        "result, refusal, withdrawal) to this system.",
    )
    outbox_failed_count = fields.Integer(
        string="Failed Messages", compute="_compute_outbox_failed_count"
    )

    @api.depends("kind")
    def _compute_adapter(self):
        registered = dict(adapter_selection())
        for system in self:
            if not system.adapter and system.kind in registered:
                system.adapter = system.kind

    def _compute_outbox_failed_count(self):
        counts = dict(
            self.env["qms.tthc.outbox.message"]
            .sudo()
            ._read_group(
                [("system_id", "in", self.ids), ("state", "=", "failed")],
                ["system_id"],
                ["__count"],
            )
        )
        for system in self:
            system.outbox_failed_count = counts.get(system, 0)

    @api.constrains("is_outbound", "endpoint_url", "adapter", "timeout")
    def _check_outbound(self):
        for system in self:
            url = (system.endpoint_url or "").strip()
            if url and not url.lower().startswith(("https://", "http://")):
                raise UserError(
                    self.env._(
                        "The endpoint URL of %(system)s must start with https:// (or http://).",
                        system=system.name,
                    )
                )
            if system.is_outbound and not (url and system.adapter):
                raise UserError(
                    self.env._(
                        "Give %(system)s an endpoint URL and an adapter before sending it events.",
                        system=system.name,
                    )
                )
            if not 0 < system.timeout <= self._qms_max_timeout:
                raise UserError(
                    self.env._(
                        "The time-out is between 0 and %(max)s seconds.", max=self._qms_max_timeout
                    )
                )

    @api.model
    def _qms_outbound_systems(self):
        """The systems that take the events of dossiers now."""
        return self.search([("is_outbound", "=", True)]).filtered(
            lambda system: system._qms_is_outbound()
        )

    def _qms_is_outbound(self):
        self.ensure_one()
        active = self.active if "active" in self._fields else True
        return bool(active and self.is_outbound and self.endpoint_url and self.adapter)

    def _qms_adapter(self):
        """The adapter that speaks to this system (system credentials: called by the queue
        and the reconciliation once the caller's rights were checked)."""
        self.ensure_one()
        system = self.sudo()
        return adapter_class(system.adapter)(
            system.endpoint_url.strip(), system.outbound_token, system.timeout
        )

    def action_view_outbox(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc_connector.action_qms_tthc_outbox_message"
        )
        action["domain"] = [("system_id", "=", self.id)]
        return action
