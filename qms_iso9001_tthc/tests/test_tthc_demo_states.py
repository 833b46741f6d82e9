from odoo.tests import TransactionCase, tagged

from odoo.addons.qms_iso9001.tests.test_demo_states import DemoHomeMixin


@tagged("post_install", "-at_install", "-standard", "qms_demo")
class TestTthcDemoStates(DemoHomeMixin, TransactionCase):
    """The one-stop demo: dossiers in every state on the 2026 administrative map, and the desk,
    the handler and the signing leader each landing on their dossiers.

    Only meaningful on a database installed with demo data: `make test TAGS=qms_demo`."""

    def test_dossiers_in_every_state(self):
        dossiers = self.env["qms.tthc.dossier"].search([])
        self.assertLessEqual(
            {
                "received",
                "in_progress",
                "supplement",
                "resolved",
                "returned",
                "refused",
                "withdrawn",
            },
            set(dossiers.mapped("state")),
        )
        returned = dossiers.filtered(lambda dossier: dossier.state == "returned")
        self.assertIn("late", returned.mapped("timeliness"))
        early = self.env.ref("qms_iso9001_tthc.demo_dossier_13")
        self.assertEqual((early.state, early.timeliness), ("returned", "early"))
        # every step of its flow taken by the person holding the step's role
        self.assertEqual(
            [step.user_id.login for step in early.step_ids][-4:],
            ["tu_phap", "tp_hctp", "pho_giam_doc", "mot_cua"],
        )
        overdue = self.env.ref("qms_iso9001_tthc.demo_dossier_15")
        self.assertTrue(overdue.is_overdue)
        self.assertTrue(overdue.nonconformity_id, "an overdue dossier records its nonconformity")

    def test_the_2026_administrative_map(self):
        """Two levels of local government since 1 July 2025: provinces of the new map, communes
        and wards, no district anywhere the demo shows an address."""
        centre = self.env.ref("qms_iso9001_tthc.demo_service_centre_province")
        self.assertEqual(centre.state_id, self.env.ref("base.state_vn_VN-25"))
        partners = self.env["res.partner"].search([("country_id.code", "=", "VN")])
        partners |= self.env.ref("base.main_company").partner_id
        self.assertTrue(partners)
        for partner in partners:
            address = " ".join(filter(None, (partner.street, partner.street2, partner.city)))
            for old_word in ("huyện", "quận", "thị xã"):
                self.assertNotIn(old_word, address.lower(), partner.display_name)
        procedures = self.env["qms.tthc.procedure"].search([])
        for procedure in procedures:
            self.assertNotIn("cấp huyện", (procedure.fee_text or "").lower(), procedure.name)

    def test_each_role_lands_on_its_dossiers(self):
        desk = self._home_records("mot_cua")
        # the dossier just received at the desk; the resolved ones wait for any desk officer
        self.assertIn(self.env.ref("qms_iso9001_tthc.demo_dossier_01"), desk)
        self.assertNotIn(self.env.ref("qms_iso9001_tthc.demo_dossier_04"), desk)
        handler = self._home_records("tu_phap")
        self.assertIn(self.env.ref("qms_iso9001_tthc.demo_dossier_02"), handler)
        for login, dossiers in (("mot_cua", desk), ("tu_phap", handler)):
            self.assertEqual(dossiers.mapped("current_user_id").mapped("login"), [login])
        self.assertFalse(desk & handler)
        overdue = self._home_records("pho_giam_doc")
        self.assertIn(self.env.ref("qms_iso9001_tthc.demo_dossier_15"), overdue)
        self.assertTrue(all(overdue.mapped("is_overdue")))
