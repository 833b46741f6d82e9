from odoo.tests import Form, tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditNonconformitySource(AuditCommon):
    """The internal audit source of nonconformities is the audit addon's, not the core's."""

    def test_internal_audit_is_a_source_added_by_the_addon(self):
        source = self.env["qms.nonconformity"]._fields["source"]
        self.assertIn("internal_audit", source.get_values(self.env))
        # the core's own sources stay in their place around it
        values = source.get_values(self.env)
        self.assertLess(values.index("internal_audit"), values.index("inspection"))
        wizard_source = self.env["qms.nonconformity.raise"]._fields["source"]
        self.assertIn("internal_audit", wizard_source.get_values(self.env))

    def test_raised_from_an_audit_comes_from_the_internal_audit(self):
        audit = self._create_audit()
        wizard = Form(
            self.env["qms.nonconformity.raise"].with_context(
                active_model="qms.audit", active_id=audit.id
            )
        )
        self.assertEqual(wizard.source, "internal_audit")
        wizard.department_id = self.department_unit
        wizard.description = "<p>Phiếu yêu cầu chưa được lưu.</p>"
        action = wizard.save().action_raise()
        nonconformity = self.env["qms.nonconformity"].browse(action["res_id"])
        self.assertEqual(nonconformity.source, "internal_audit")
        self.assertEqual((nonconformity.res_model, nonconformity.res_id), ("qms.audit", audit.id))

    def test_raised_from_a_document_keeps_the_core_default(self):
        wizard = Form(
            self.env["qms.nonconformity.raise"].with_context(
                active_model="hr.department", active_id=self.department_unit.id
            )
        )
        self.assertEqual(wizard.source, "other")
