from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.qms_iso9001.tests.common import QmsCommon

from ..models.qms_tthc_connected_system import hash_key


@tagged("post_install", "-at_install")
class TestConnectedSystem(QmsCommon):
    """The standing office registers a connected system, gives it keys shown once, rotates and
    revokes them; nobody else may."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.one_stop = cls._create_qms_user("tthc_desk", "qms_iso9001_tthc.group_qms_tthc_one_stop")
        cls.System = cls.env["qms.tthc.connected.system"]
        cls.system = cls.System.with_user(cls.qms_manager).create(
            {"name": "Hệ thống TTHC tỉnh", "code": "HTTTGQTTHC", "kind": "provincial"}
        )

    def _new_key(self, system=None, user=None):
        action = (system or self.system).with_user(user or self.qms_manager).action_generate_key()
        return action["context"]["default_key"]

    def test_technical_user(self):
        """The system's calls run as its own user: in its agency, with only the API group, no
        password, not a QMS manager."""
        user = self.system.user_id
        self.assertTrue(user)
        self.assertEqual(user.company_id, self.env.company)
        self.assertTrue(user.has_group("qms_iso9001_tthc_connector.group_qms_tthc_connector_api"))
        self.assertTrue(user.has_group("qms_iso9001_tthc.group_qms_tthc_one_stop"))
        self.assertFalse(user.has_group("qms_iso9001.group_qms_manager"))
        self.assertFalse(user.has_group("base.group_system"))
        self.assertFalse(user.share)
        with self.assertRaises(UserError):
            self.system.with_user(self.qms_manager).write({"user_id": self.qms_manager.id})

    def test_system_stays_in_its_agency(self):
        """Its technical user, keys and events belong to the agency it was made for: moving it
        is refused, renaming it is not."""
        other = self.env["res.company"].create({"name": "Sở Xây dựng (khác)"})
        self.qms_manager.write({"company_ids": [(4, other.id)]})
        as_manager = self.system.with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "cannot move to another agency"):
            as_manager.write({"company_id": other.id})
        self.assertEqual(self.system.company_id, self.env.company)
        self.assertEqual(self.system.user_id.company_id, self.env.company)
        as_manager.write({"name": "Hệ thống TTHC tỉnh (mới)", "company_id": self.env.company.id})
        self.assertEqual(self.system.name, "Hệ thống TTHC tỉnh (mới)")

    def test_code_is_unique_per_agency_whatever_its_case(self):
        """Refused by the index on (agency, lower(code)), whose message the web client shows."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            self.env["qms.tthc.connected.system"].create(
                {"name": "Trùng mã", "code": "htttgqtthc", "kind": "provincial"}
            )
        constraint = caught.exception.diag.constraint_name
        self.assertEqual(
            self.env["qms.tthc.connected.system"]._sql_error_to_message(caught.exception),
            "A connected system with this code already exists.",
            constraint,
        )
        other = self.env["res.company"].create({"name": "Sở Xây dựng (khác)"})
        self.env["qms.tthc.connected.system"].create(
            {"name": "Cùng mã", "code": "HTTTGQTTHC", "kind": "provincial", "company_id": other.id}
        )

    def test_key_shown_once_hash_stored(self):
        key = self._new_key()
        self.assertTrue(key.startswith("tthc_"))
        stored = self.system.key_ids.sudo()
        self.assertEqual(len(stored), 1)
        self.assertEqual(stored.key_hash, hash_key(key))
        self.assertNotIn(key, stored.key_hash)
        self.assertEqual(stored.key_prefix, key[:12])
        self.assertEqual(self.System._qms_authenticate(key), self.system)
        self.assertFalse(self.System._qms_authenticate(key + "x"))
        self.assertFalse(self.System._qms_authenticate("nothing"))
        self.assertEqual(self.system.active_key_count, 1)
        # the window shows the key and saves nothing
        form = Form(
            self.env["qms.tthc.connected.system.key.show"]
            .with_user(self.qms_manager)
            .with_context(default_key=key, default_system_id=self.system.id)
        )
        self.assertEqual(form.key, key)

    def test_key_hash_hidden(self):
        self._new_key()
        key = self.system.key_ids.with_user(self.qms_manager)
        with self.assertRaises(AccessError):
            key.read(["key_hash"])

    def test_revoke(self):
        key = self._new_key()
        stored = self.system.key_ids
        stored.with_user(self.qms_manager).action_revoke()
        self.assertEqual(stored.state, "revoked")
        self.assertEqual(stored.revoked_by_id, self.qms_manager)
        self.assertFalse(self.System._qms_authenticate(key))
        with self.assertRaises(UserError):
            stored.with_user(self.qms_manager).action_revoke()
        with self.assertRaises(UserError):
            stored.with_user(self.qms_manager).unlink()

    def test_rotate(self):
        old = self._new_key()
        action = self.system.with_user(self.qms_manager).action_rotate_keys()
        new = action["context"]["default_key"]
        self.assertNotEqual(old, new)
        old_key = self.system.key_ids.sudo().filtered(lambda key: key.key_hash == hash_key(old))
        self.assertTrue(old_key.expires_at, "the old key expires after the grace period")
        # both keys work during the grace period
        self.assertEqual(self.System._qms_authenticate(old), self.system)
        self.assertEqual(self.System._qms_authenticate(new), self.system)
        old_key.sudo().expires_at = "2000-01-01 00:00:00"
        self.assertFalse(self.System._qms_authenticate(old))

    def test_archived_system_refused(self):
        key = self._new_key()
        self.system.with_user(self.qms_manager).active = False
        self.assertFalse(self.system.user_id.active)
        self.assertFalse(self.System._qms_authenticate(key))
        with self.assertRaises(UserError):
            self._new_key()

    def test_others_refused(self):
        """Keys are the standing office's: a desk officer or a leader can neither read the
        systems nor issue or revoke keys."""
        self._new_key()
        for user in (self.one_stop, self.leader, self.qms_user, self.system.user_id):
            with self.assertRaises(AccessError):
                self.system.with_user(user).action_generate_key()
            with self.assertRaises(AccessError):
                self.system.key_ids.with_user(user).action_revoke()
            with self.assertRaises(AccessError):
                self.System.with_user(user).create({"name": "X", "code": "X"})

    def test_code_checked(self):
        with self.assertRaises(UserError):
            self.System.with_user(self.qms_manager).create({"name": "X", "code": "bad code!"})
