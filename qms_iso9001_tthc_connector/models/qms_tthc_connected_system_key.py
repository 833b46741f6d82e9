from odoo import fields, models

from odoo.addons.qms_iso9001.lifecycle import transition

from .qms_tthc_connected_system import KEY_ADMINS


class QmsTthcConnectedSystemKey(models.Model):
    """An API key of a connected system. Only its hash and first characters are stored: the key
    itself is shown once, when it is issued. A key is never deleted, so that the history of who
    could call stays; it is revoked."""

    _name = "qms.tthc.connected.system.key"
    _description = "Connected System API Key"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "create_date desc, id desc"
    _qms_workflow_fields = (
        "system_id",
        "key_prefix",
        "key_hash",
        "expires_at",
        "revoked_at",
        "revoked_by_id",
        "last_used_at",
    )
    _qms_editable_fields = {"active": ("name",), "revoked": ()}
    _qms_deletable_states = ()

    name = fields.Char(string="Label", help="What the key is for, e.g. the server that uses it.")
    system_id = fields.Many2one(
        "qms.tthc.connected.system",
        string="Connected System",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="system_id.company_id", store=True, index=True)
    state = fields.Selection(
        [("active", "Active"), ("revoked", "Revoked")],
        default="active",
        required=True,
        readonly=True,
        index=True,
    )
    key_prefix = fields.Char(string="Key Starts With", readonly=True)
    key_hash = fields.Char(readonly=True, groups="base.group_system")
    expires_at = fields.Datetime(string="Expires On", readonly=True)
    revoked_at = fields.Datetime(string="Revoked On", readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    last_used_at = fields.Datetime(string="Last Used On", readonly=True)

    _key_hash_uniq = models.UniqueIndex("(key_hash)", "This key already exists.")

    def _qms_is_usable(self, now):
        self.ensure_one()
        return self.state == "active" and (not self.expires_at or self.expires_at > now)

    @transition(("active",), groups=KEY_ADMINS)
    def action_revoke(self):
        """Withdraw the key at once: the next call with it is refused."""
        now = fields.Datetime.now()
        self._qms_set({"state": "revoked", "revoked_at": now, "revoked_by_id": self.env.uid})
        for key in self:
            key.system_id.message_post(
                body=self.env._("API key %(prefix)s… revoked.", prefix=key.key_prefix)
            )
        return True

    def _qms_touch(self):
        """Record the use of the key, at most once a minute (a busy system calls often)."""
        now = fields.Datetime.now()
        for key in self:
            if not key.last_used_at or (now - key.last_used_at).total_seconds() > 60:
                key.sudo().write({"last_used_at": now})
