from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditProgram(AuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["qms.audit.program"].create(
            {
                "name": "Chương trình đánh giá nội bộ năm 2026",
                "year": 2026,
                "department_ids": [
                    Command.set(
                        [cls.department_office.id, cls.department_unit.id, cls.department_legal.id]
                    )
                ],
                "clause_ids": [Command.set([cls.clause["7.5"].id, cls.clause["8.5"].id])],
            }
        )

    def test_coverage_flags_the_gap(self):
        # Round 1 audits two units on both clauses; the office is only audited on 7.5.3,
        # which counts for 7.5 but leaves 8.5 uncovered: the deliberate gap.
        self._create_audit(program_id=self.program.id)
        office_audit = self._create_audit(
            name="Đánh giá Văn phòng",
            program_id=self.program.id,
            department_ids=[Command.set(self.department_office.ids)],
            clause_ids=[Command.set(self.clause["7.5.3"].ids)],
            lead_auditor_id=self.other_auditor.id,
            auditor_ids=[Command.clear()],
        )
        coverage = self.program._qms_coverage()
        self.assertEqual(coverage[(self.department_office.id, self.clause["7.5"].id)], office_audit)
        self.assertEqual(
            self.program._qms_uncovered_cells(),
            [(self.department_office, self.clause["8.5"])],
        )
        self.assertEqual(self.program.uncovered_count, 1)
        self.assertEqual(self.program.coverage_html.count("qms_uncovered"), 1)
        self.assertEqual(self.program.coverage_html.count("qms_covered"), 5)
        self.assertIn("Đánh giá Văn phòng", self.program.coverage_html)

    def test_cancelled_audit_does_not_cover(self):
        audit = self._create_audit(program_id=self.program.id)
        self.assertEqual(self.program.uncovered_count, 2)
        audit.action_cancel("Gộp vào đợt 2")
        self.program.invalidate_recordset()
        self.assertEqual(self.program.uncovered_count, 6)

    def test_approve_needs_scope(self):
        empty = self.env["qms.audit.program"].create({"name": "Chương trình trống", "year": 2026})
        with self.assertRaises(UserError):
            empty.action_approve()
        self.assertEqual(empty.state, "draft")
        self.program.action_approve()
        self.assertEqual(self.program.state, "approved")

    def test_coverage_query_count_does_not_grow_with_audits(self):
        for index in range(3):
            self._create_audit(name=f"Đợt {index}", program_id=self.program.id)
        self.program.invalidate_recordset()
        self.env.invalidate_all()
        with self.assertQueryCount(20):
            html = self.program.coverage_html
        self.assertEqual(html.count("qms_covered"), 4)
