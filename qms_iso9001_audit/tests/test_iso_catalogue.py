from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestIsoCatalogue(AuditCommon):
    """Clause catalogues by edition: 2015 with Amd 1:2024 in force, 2026 loaded on adoption, and
    the transition gap plan as tasks of an ISO plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.edition_2015 = cls.env.ref("qms_iso9001_audit.iso_9001_2015")
        cls.edition_2026 = cls.env.ref("qms_iso9001_audit.iso_9001_2026")
        cls.plan = cls.env["qms.plan"].create({"name": "Kế hoạch ISO năm 2027", "year": 2027})

    def _clause(self, code, edition=None):
        return self.env["qms.iso.clause"].search(
            [("standard_id", "=", (edition or self.edition_2015).id), ("code", "=", code)]
        )

    def _load_2026(self):
        self.edition_2026.with_user(self.qms_manager).action_load_catalogue()

    def test_untitled_sub_clauses_are_cited_with_the_standards_opening_words(self):
        for code in ("6.1.2", "6.2.2", "7.1.5.1", "7.5.3.2", "8.2.3.2", "8.7.1", "9.2.1", "10.2.1"):
            with self.subTest(code=code):
                self.assertTrue(self._clause(code), f"{code} missing from the 2015 catalogue")
        planning = self._clause("6.1.2").with_context(lang="en_US")
        self.assertTrue(planning.untitled)
        self.assertEqual(planning.display_name, "6.1.2 “The organization shall plan:”")
        outputs = self._clause("8.7.1").with_context(lang="en_US")
        self.assertTrue(outputs.display_name.startswith("8.7.1 “The organization shall ensure"))
        self.assertTrue(outputs.display_name.endswith("…”"), "long opening words are shortened")
        self.assertFalse(self._clause("7.1.5.1").untitled, "7.1.5.1 has a title: General")
        self.assertIn("climate change", self._clause("4.1").note)

    def test_a_new_edition_is_loaded_once_by_the_standing_office(self):
        self.assertEqual(self.edition_2026.clause_count, 0, "not offered before it is adopted")
        with self.assertRaises(AccessError):
            self.edition_2026.with_user(self.qms_user).action_load_catalogue()
        self.assertEqual(self.edition_2026.state, "available")
        self._load_2026()
        self.assertEqual(self.edition_2026.state, "loaded")
        self.assertEqual(self.edition_2026.clause_count, 90)
        opportunities = self._clause("6.1.3", self.edition_2026)
        self.assertEqual(opportunities.parent_id, self._clause("6.1", self.edition_2026))
        self.assertEqual(opportunities.mapping_ids.source_clause_id, self._clause("6.1.2"))
        self.assertEqual(opportunities.mapping_ids.change, "split")
        self.assertEqual(self._clause("7.5.3.2", self.edition_2026).mapping_ids.change, "same")
        with self.assertRaises(UserError):
            self._load_2026()
        self.assertEqual(self.edition_2026.clause_count, 90)

    def test_pickers_offer_the_edition_the_agency_audits_against(self):
        self._load_2026()
        clauses = self.env["qms.iso.clause"]
        self.assertEqual(
            clauses.search(clauses._qms_edition_domain()).standard_id, self.edition_2015
        )
        with self.assertRaises(ValidationError):
            self.env.company.qms_iso_standard_id = self.env["qms.iso.standard"].create(
                {"name": "Chưa nạp", "code": "9001:2099"}
            )
        self.env.company.qms_iso_standard_id = self.edition_2026
        self.assertEqual(
            clauses.search(clauses._qms_edition_domain()).standard_id, self.edition_2026
        )

    def test_an_audit_cites_clauses_of_one_edition(self):
        self._load_2026()
        mixed = [Command.set((self.clause["7.5"] | self._clause("6.1.3", self.edition_2026)).ids)]
        with self.assertRaises(ValidationError):
            self._create_audit(clause_ids=mixed)
        audit = self._create_audit()
        with self.assertRaises(ValidationError):
            audit.clause_ids = mixed
        self.assertEqual(audit.clause_ids, self.clause["7.5"] | self.clause["8.5"])

    def _audited(self, clause, state="reported"):
        audit = self._create_audit(clause_ids=[Command.set(clause.ids)])
        self.env["qms.audit.checklist.line"].create(
            {
                "audit_id": audit.id,
                "question": "Tài liệu lỗi thời có được nhận biết?",
                "clause_id": clause.id,
                "result": "conform",
            }
        )
        audit.write({"state": state})
        return audit

    def _wizard(self, user=None):
        form = Form(self.env["qms.iso.transition.wizard"].with_user(user or self.qms_manager))
        form.standard_id = self.edition_2026
        form.plan_id = self.plan
        form.department_id = self.department_office
        return form.save()

    def test_gap_plan_lists_clauses_without_evidence_under_the_new_edition(self):
        self._audited(self._clause("7.5.3.2"))
        self._audited(self._clause("4.1"))
        self._audited(self._clause("8.7.1"), state="in_progress")
        self._load_2026()
        gaps = self._wizard().gap_clause_ids.mapped("code")
        self.assertNotIn("7.5.3.2", gaps, "unchanged and audited: the evidence carries over")
        self.assertIn("4.1", gaps, "changed by the new edition: audited again")
        self.assertIn("6.1.3", gaps, "split from 6.1.2")
        self.assertIn("8.7.1", gaps, "an audit still in progress is no evidence")
        self.assertNotIn("7.5.3", gaps, "a task per sub-clause, not for the parent")

    def test_gap_plan_becomes_tasks_of_a_draft_plan_once(self):
        self._load_2026()
        wizard = self._wizard()
        wizard.action_generate()
        tasks = self.plan.task_ids
        self.assertEqual(len(tasks), wizard.gap_count)
        task = tasks.filtered(lambda t: t.iso_clause_id.code == "6.1.3")
        self.assertEqual(task.department_id, self.department_office)
        self.assertIn("9001:2026", task.name)
        self.assertIn("Split from an Earlier Clause", task.with_context(lang="en_US").description)
        self._wizard().action_generate()
        self.assertEqual(len(self.plan.task_ids), len(tasks), "generated twice, planned once")

    def test_gap_plan_needs_a_draft_plan_and_the_standing_office(self):
        self._load_2026()
        with self.assertRaises(AccessError):
            self._wizard(self.qms_user)
        self.plan.write({"state": "approved"})
        wizard = self.env["qms.iso.transition.wizard"].create(
            {"standard_id": self.edition_2026.id, "plan_id": self.plan.id}
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.qms_manager).action_generate()
        self.assertFalse(self.plan.task_ids)
