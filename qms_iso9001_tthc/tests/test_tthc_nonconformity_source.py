from odoo.tests import Form, tagged

from .test_tthc_dossier import DossierCommon, local


@tagged("post_install", "-at_install")
class TestTthcNonconformitySource(DossierCommon):
    """The late dossier source of nonconformities is the TTHC addon's, not the core's."""

    def test_late_dossier_is_a_source_added_by_the_addon(self):
        values = self.env["qms.nonconformity"]._fields["source"].get_values(self.env)
        self.assertIn("late_dossier", values)
        self.assertLess(values.index("late_dossier"), values.index("monitoring"))
        wizard_source = self.env["qms.nonconformity.raise"]._fields["source"]
        self.assertIn("late_dossier", wizard_source.get_values(self.env))

    def test_raised_from_a_dossier_comes_from_a_late_dossier(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        wizard = Form(
            self.env["qms.nonconformity.raise"].with_context(
                active_model="qms.tthc.dossier", active_id=dossier.id
            )
        )
        self.assertEqual(wizard.source, "late_dossier")
        wizard.department_id = self.department_unit
        wizard.description = "<p>Hồ sơ trả kết quả quá hạn.</p>"
        action = wizard.save().action_raise()
        nonconformity = self.env["qms.nonconformity"].browse(action["res_id"])
        self.assertEqual(nonconformity.source, "late_dossier")
        self.assertEqual(nonconformity.res_model, "qms.tthc.dossier")
