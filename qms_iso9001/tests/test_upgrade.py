import importlib.util
import os

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from odoo.addons.qms_iso9001.upgrade import reload_record_rules


@tagged("post_install", "-at_install")
class TestUpgrade(TransactionCase):
    def test_upgrade_restores_the_released_record_rules(self):
        """A database installed before the rules were tightened gets them on upgrade: the
        amendment lines of a draft are read only by those who read the draft, not by all."""
        rule = self.env.ref("qms_iso9001.rule_change_user_read")
        released = rule.domain_force
        rule.write({"domain_force": "[(1, '=', 1)]", "perm_write": True})
        reload_record_rules(self.env, "qms_iso9001", "security/qms_rules.xml")
        self.assertEqual(rule.domain_force, released)
        self.assertFalse(rule.perm_write)

    def test_upgrade_scripts_reload_each_addons_rules(self):
        """Each installed addon's migration script reloads its own rules on an upgrade."""
        for module in ("qms_iso9001", "qms_iso9001_audit", "qms_iso9001_tthc"):
            rules = self.env["ir.model.data"].search(
                [("module", "=", module), ("model", "=", "ir.rule")]
            )
            if not rules:
                continue  # the addon is not installed in this database
            rule = self.env["ir.rule"].browse(rules[0].res_id)
            released = rule.domain_force
            rule.domain_force = "[(0, '=', 1)]"
            self._migration(module).migrate(self.env.cr, "19.0.1.0.0")
            self.assertEqual(rule.domain_force, released, module)

    @staticmethod
    def _migration(module):
        path = os.path.join(get_module_path(module), "migrations", "19.0.1.1.0", "post-migrate.py")
        spec = importlib.util.spec_from_file_location(f"{module}_post_migrate", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        return script
