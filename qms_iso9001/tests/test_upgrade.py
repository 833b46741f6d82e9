import importlib.util
import os

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

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
        for module, filename in (
            ("qms_iso9001", "security/qms_rules.xml"),
            ("qms_iso9001_audit", "security/qms_audit_rules.xml"),
            ("qms_iso9001_tthc", "security/qms_tthc_rules.xml"),
        ):
            if self.env["ir.module.module"]._get(module).state != "installed":
                continue
            with file_open(f"{module}/{filename}", "rb") as rules_file:
                first = etree.parse(rules_file).find(".//record[@model='ir.rule']").get("id")
            rule = self.env.ref(f"{module}.{first}")
            released = rule.domain_force
            rule.domain_force = "[(0, '=', 1)]"
            self._migration(module).migrate(self.env.cr, "19.0.1.0.0")
            self.assertEqual(rule.domain_force, released, module)

    @staticmethod
    def _migration(module):
        """The post-migrate script of the addon's latest version."""
        folder = os.path.join(get_module_path(module), "migrations")
        latest = max(os.listdir(folder), key=lambda v: [int(n) for n in v.split(".")])
        path = os.path.join(folder, latest, "post-migrate.py")
        spec = importlib.util.spec_from_file_location(f"{module}_post_migrate", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        return script
