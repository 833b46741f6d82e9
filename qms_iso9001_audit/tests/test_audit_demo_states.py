from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "-standard", "qms_demo")
class TestAuditDemoStates(TransactionCase):
    """The audit demo shows a plan, an audit in progress and a closed one with its report.

    Only meaningful on a database installed with demo data: `make test TAGS=qms_demo`."""

    def test_audits_planned_in_progress_and_closed(self):
        audits = self.env["qms.audit"].search([])
        self.assertLessEqual({"draft", "in_progress", "closed"}, set(audits.mapped("state")))
        closed = self.env.ref("qms_iso9001_audit.demo_audit_2025")
        self.assertEqual(closed.state, "closed")
        self.assertTrue(closed.report_approver_id and closed.date_closed)
        self.assertEqual(closed.program_id.state, "done")
        planned = self.env.ref("qms_iso9001_audit.demo_audit_round_2")
        self.assertEqual(planned.state, "draft")
        self.assertEqual(
            planned.program_id, self.env.ref("qms_iso9001_audit.demo_audit_program_2026")
        )
