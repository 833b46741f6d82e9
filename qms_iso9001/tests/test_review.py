from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .test_distribution import DocumentCase


@tagged("post_install", "-at_install")
class TestPeriodicReview(DocumentCase):
    def setUp(self):
        super().setUp()
        self.review_type = self.env.ref("qms_iso9001.mail_activity_type_qms_review")
        self.today = fields.Date.context_today(self.env.user)
        self.document = self._document(owner_id=self.employee_officer.id, review_interval_months=12)
        self.revision = self._issue(self.document, effective_date=self.today - timedelta(days=400))

    def _review_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "qms.document"),
                ("res_id", "=", self.document.id),
                ("activity_type_id", "=", self.review_type.id),
            ]
        )

    def _answer(self, decision, user=None):
        action = self.document.with_user(user or self.unit_officer).action_open_review_wizard()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.unit_officer)
            .with_context(**action["context"])
        )
        form.decision = decision
        form.note = "Đã rà soát theo Nghị định 118/2025"
        return form.save().action_confirm()

    def test_cron_asks_the_owner_once(self):
        self.assertLess(self.document.next_review_date, self.today)
        self.env["qms.document"]._cron_periodic_review()
        activity = self._review_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.unit_officer)
        self.env["qms.document"]._cron_periodic_review()
        self.assertEqual(len(self._review_activities()), 1, "not asked twice for the same date")

    def test_cron_falls_back_on_the_unit_manager(self):
        self.document.owner_id = False
        self.department_office.manager_id = self.employee_director
        self.env["qms.document"]._cron_periodic_review()
        self.assertEqual(self._review_activities().user_id, self.leader)

    def test_cron_ignores_documents_not_due(self):
        fresh = self._document("Quy trình văn thư", owner_id=self.employee_officer.id)
        self._issue(fresh)
        self.env["qms.document"]._cron_periodic_review()
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "qms.document"), ("res_id", "=", fresh.id)]
            )
        )

    def test_no_change_resets_the_review_date(self):
        self.env["qms.document"]._cron_periodic_review()
        self._answer("no_change")
        self.assertEqual(self.document.last_review_date, self.today)
        self.assertGreater(self.document.next_review_date, self.today)
        self.assertFalse(self._review_activities(), "the review activity is done")
        self.assertIn("Đã rà soát", self.document.message_ids[:1].body)
        self.assertEqual(self.document.state, "issued")

    def test_revise_opens_a_new_draft(self):
        action = self._answer("revise")
        draft = self.env["qms.document.revision"].browse(action["res_id"])
        self.assertEqual(draft.document_id, self.document)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.issue_number, self.revision.issue_number + 1)

    def test_obsolete_requests_a_withdrawal(self):
        action = self._answer("obsolete")
        withdrawal = self.env["qms.document.revision"].browse(action["res_id"])
        self.assertTrue(withdrawal.is_withdrawal)
        self.assertEqual(withdrawal.state, "draft")

    def test_only_the_owner_or_the_standing_office_reviews(self):
        self.document.is_public = True
        with self.assertRaises(AccessError):
            self._answer("no_change", user=self.qms_user)
        self.assertNotEqual(self.document.last_review_date, self.today)
        self._answer("no_change", user=self.qms_manager)
        self.assertEqual(self.document.last_review_date, self.today)
