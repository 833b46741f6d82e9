from odoo.tests import HttpCase, tagged

from . import proof_fixtures  # noqa: F401  (registers the core's fixture factories)
from .proof_common import CORE_COLUMNS, Fixture
from .proof_fuzz import SCRIPT

MARKER = "<p>qms-xss-marker</p>"


@tagged("post_install", "-at_install", "qms_proof")
class TestScriptInHtmlField(HttpCase):
    """A unit ISO officer stores a script in a nonconformity's description (as over JSON-RPC,
    with their own rights); opening the form in a browser does not run it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fx = Fixture(cls.env, CORE_COLUMNS)
        cls.nonconformity = cls.fx.make("qms.nonconformity", state="draft", place="A")

    def test_script_in_description_does_not_run(self):
        officer = self.fx.users["officer"]
        self.nonconformity.with_user(officer).write({"description": MARKER + SCRIPT})
        stored = str(self.nonconformity.description)
        self.assertIn("qms-xss-marker", stored)
        self.assertNotIn("<script", stored)
        self.assertNotIn("onerror", stored)
        self.start_tour(
            f"/odoo/qms-nonconformities/{self.nonconformity.id}",
            "qms_xss_tour",
            login=officer.login,
        )
