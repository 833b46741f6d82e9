from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.qms_iso9001.tests.announcement_fixtures import issue_document, make_agency_ready

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditAnnouncement(AuditCommon):
    """The audit addon adds its condition to the announcement's checklist: every unit in scope
    internally audited, with the audits as evidence (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["qms.document"].search([("company_id", "=", cls.company.id)]).active = False
        cls.env["qms.management.review"].search([("state", "=", "approved")]).write(
            {"state": "draft"}
        )
        make_agency_ready(cls.env, cls.company, cls.employee_director, audit=False)
        for code, unit in (("AU.QT.01", cls.department_unit), ("AU.QT.02", cls.department_legal)):
            issue_document(
                cls.env,
                f"Quy trình {code}",
                code,
                "qms_iso9001.document_type_system_procedure",
                unit,
            )
        cls.draft = cls.env["qms.announcement"].create(
            {
                "name": "40/QĐ-STP",
                "date_decision": "2026-06-01",
                "signer_id": cls.employee_director.id,
            }
        )

    def _audit_line(self):
        self.draft.action_check_readiness()
        return self.draft.readiness_line_ids.filtered(lambda line: line.key == "internal_audit")

    def test_every_unit_in_scope_is_audited(self):
        line = self._audit_line()
        self.assertFalse(line.is_met)
        self.assertIn(self.department_legal.name, line.detail)
        # an audit of one unit only, done: the other unit is still missing
        self._create_audit(department_ids=[Command.set(self.department_unit.ids)], state="closed")
        # a planned audit does not count
        self._create_audit(department_ids=[Command.set(self.department_legal.ids)])
        line = self._audit_line()
        self.assertFalse(line.is_met)
        self.assertIn(self.department_legal.name, line.detail)
        self.assertNotIn(self.department_unit.name, line.detail)
        with self.assertRaisesRegex(Exception, "cannot be announced yet"):
            self.draft.action_announce()
        audit = self._create_audit(
            department_ids=[Command.set(self.department_legal.ids)], state="reported"
        )
        line = self._audit_line()
        self.assertTrue(line.is_met, line.detail)
        action = line.action_open_evidence()
        self.assertEqual(action["res_model"], "qms.audit")
        self.assertIn(audit, self.env["qms.audit"].search(action["domain"]))
        self.draft.action_announce()
        self.assertEqual(self.draft.state, "announced")

    def test_exclusion_picked_from_the_clause_catalogue(self):
        design = self.env["qms.iso.clause"].search(
            [
                ("code", "=", "8.3"),
                ("standard_id", "=", self.env.ref("qms_iso9001_audit.iso_9001_2015").id),
            ]
        )
        form = Form(self.draft.with_user(self.qms_manager))
        with form.exclusion_ids.new() as line:
            line.clause_id = design
            line.justification = "Dịch vụ hành chính do pháp luật quy định"
        form.save()
        exclusion = self.draft.exclusion_ids
        self.assertEqual(exclusion.clause_code, "8.3")
        self.assertEqual(exclusion.clause_title, design.name_vi)
