from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestExternalProvider(QmsCommon):
    """External providers (ISO 9001 clause 8.4): criteria, evaluations decided by a leader,
    re-evaluation dates and reminders, and who may see and do what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.other_officer = cls._create_qms_user(
            "qms_officer_other", "qms_iso9001.group_qms_unit_officer"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Phạm Văn Nam",
                "department_id": cls.department_office.id,
                "user_id": cls.other_officer.id,
            }
        )
        cls.second_leader = cls._create_qms_user("qms_leader_two", "qms_iso9001.group_qms_leader")
        Partner = cls.env["res.partner"]
        cls.Provider = cls.env["qms.external.provider"]
        cls.Evaluation = cls.env["qms.external.provider.evaluation"]
        cls.postal = cls.Provider.with_user(cls.qms_manager).create(
            {
                "partner_id": Partner.create({"name": "Bưu điện tỉnh"}).id,
                "kind": "postal",
                "services": "Trả kết quả TTHC qua dịch vụ bưu chính công ích",
                "department_ids": [fields.Command.set(cls.department_unit.ids)],
            }
        )
        cls.consultant = cls.Provider.with_user(cls.qms_manager).create(
            {
                "partner_id": Partner.create({"name": "Viện Năng suất Việt Nam"}).id,
                "kind": "consultant",
                "department_ids": [fields.Command.set(cls.department_office.ids)],
            }
        )

    def _evaluation(self, provider, scores=None):
        evaluation = self.Evaluation.with_user(self.qms_manager).create(
            {"provider_id": provider.id, "date": "2026-03-10"}
        )
        for line in evaluation.line_ids:
            line.score = (scores or {}).get(line.criterion_id, "5")
        return evaluation

    def _submitted(self, provider, scores=None):
        evaluation = self._evaluation(provider, scores)
        evaluation.action_submit()
        return evaluation.with_user(self.leader)

    def test_evaluation_starts_with_the_criteria_of_the_kind(self):
        postal_only = self.env.ref("qms_iso9001.provider_criterion_postal_delivery")
        postal = self._evaluation(self.postal)
        consultant = self._evaluation(self.consultant)
        self.assertIn(postal_only, postal.line_ids.criterion_id)
        self.assertNotIn(postal_only, consultant.line_ids.criterion_id)
        self.assertEqual(len(postal.line_ids), len(consultant.line_ids) + 1)
        # the weight is copied, so that later changes of the criteria do not move the score
        self.assertEqual(
            postal.line_ids.mapped("weight"), postal.line_ids.criterion_id.mapped("weight")
        )
        self.assertEqual(postal.score, 100.0)
        self.assertEqual(postal.suggested_result, "approved")

    def test_score_is_the_weighted_average(self):
        quality = self.env.ref("qms_iso9001.provider_criterion_quality")
        evaluation = self._evaluation(self.consultant, {quality: "1"})
        weights = evaluation.line_ids.mapped("weight")
        expected = 100.0 * (sum(weights) * 5 - quality.weight * 4) / (sum(weights) * 5)
        self.assertAlmostEqual(evaluation.score, round(expected, 1))

    def test_submit_needs_every_criterion_scored(self):
        evaluation = self.Evaluation.with_user(self.qms_manager).create(
            {"provider_id": self.consultant.id}
        )
        evaluation.line_ids[:-1].write({"score": "4"})
        with self.assertRaisesRegex(UserError, "Score every criterion"):
            evaluation.action_submit()
        self.assertEqual(evaluation.state, "draft")

    def test_leader_decides_and_the_provider_gets_its_next_date(self):
        evaluation = self._submitted(self.postal)
        with self.assertRaisesRegex(UserError, "conditions or the reasons"):
            evaluation.action_decide_conditional()
        evaluation.decision_note = "Bổ sung cam kết bảo mật hồ sơ"
        evaluation.action_decide_conditional()
        self.assertEqual(evaluation.state, "decided")
        self.assertEqual(evaluation.result, "conditional")
        self.assertEqual(evaluation.decided_by_id, self.leader)
        self.assertEqual(self.postal.last_result, "conditional")
        self.assertEqual(str(self.postal.date_next_evaluation), "2027-03-10")
        self.assertEqual(self.postal.last_score, evaluation.score)

    def test_decided_evaluation_is_never_rewritten_nor_deleted(self):
        evaluation = self._submitted(self.postal)
        evaluation.action_decide_approved()
        manager_view = evaluation.with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager_view.comment = "Sửa sau khi quyết định"
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager_view.line_ids[0].score = "1"
        with self.assertRaisesRegex(UserError, "change only through its actions"):
            manager_view.result = "rejected"
        with self.assertRaisesRegex(UserError, "no longer changed"):
            self.env["qms.external.provider.evaluation.line"].with_user(self.qms_manager).create(
                {
                    "evaluation_id": evaluation.id,
                    "criterion_id": self.env.ref("qms_iso9001.provider_criterion_cost").id,
                    "score": "5",
                }
            )
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            manager_view.unlink()
        with self.assertRaisesRegex(UserError, "archive the provider"):
            self.postal.with_user(self.qms_manager).unlink()
        with self.assertRaisesRegex(UserError, "not possible"):
            evaluation.action_decide_rejected()

    def test_refused_paths(self):
        evaluation = self._evaluation(self.postal)
        # only the standing office evaluates and submits
        with self.assertRaises(AccessError):
            self.Evaluation.with_user(self.unit_officer).create({"provider_id": self.postal.id})
        with self.assertRaises(AccessError):
            evaluation.with_user(self.leader).action_submit()
        evaluation.action_submit()
        # unit officers read their providers' evaluations but do not decide
        with self.assertRaises(AccessError):
            evaluation.with_user(self.unit_officer).action_decide_approved()
        # the evaluator does not decide on their own evaluation
        mine = self._evaluation(self.consultant)
        mine.evaluator_id = self.leader
        mine.action_submit()
        with self.assertRaisesRegex(UserError, "another leader decides"):
            mine.with_user(self.leader).action_decide_approved()
        mine.with_user(self.second_leader).action_decide_approved()
        self.assertEqual(mine.result, "approved")
        # nobody sets the result by hand
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.Evaluation.with_user(self.qms_manager).create(
                {"provider_id": self.postal.id, "result": "approved"}
            )

    def test_units_see_their_providers_and_no_drafts(self):
        draft = self._evaluation(self.postal)
        submitted = self._submitted(self.postal)
        consultant = self._submitted(self.consultant)
        Evaluation = self.Evaluation.with_user(self.unit_officer)
        self.assertEqual(
            Evaluation.search([("id", "in", (draft | submitted | consultant).ids)]), submitted
        )
        other = self.Evaluation.with_user(self.other_officer)
        self.assertEqual(
            other.search([("id", "in", (draft | submitted | consultant).ids)]), consultant
        )
        self.assertEqual(
            self.Provider.with_user(self.unit_officer).search(
                [("id", "in", (self.postal | self.consultant).ids)]
            ),
            self.postal,
        )
        leader_sees = self.Evaluation.with_user(self.leader).search(
            [("id", "in", (draft | submitted | consultant).ids)]
        )
        self.assertEqual(leader_sees, submitted | consultant)
        with self.assertRaises(AccessError):
            self.postal.with_user(self.unit_officer).write({"services": "Khác"})

    def test_reminder_before_the_re_evaluation_date_once(self):
        evaluation = self._submitted(self.postal)
        evaluation.action_decide_approved()
        self.postal.evaluation_interval = 1
        due = self.postal.date_next_evaluation
        self.assertEqual(due, fields.Date.to_date("2026-04-10"))
        activity = "qms_iso9001.mail_activity_type_qms_provider_evaluation"

        def reminders():
            return self.postal.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(activity)
            )

        Provider = self.Provider.with_context(active_test=False)
        with freeze_time(due - timedelta(days=40)):
            Provider._cron_evaluation_reminders()
        self.assertFalse(reminders())
        with freeze_time(due - timedelta(days=10)):
            Provider._cron_evaluation_reminders()
            Provider._cron_evaluation_reminders()
        self.assertEqual(len(reminders()), 1)
        self.assertEqual(reminders().user_id, self.qms_manager)
        self.assertEqual(reminders().date_deadline, due)
        with freeze_time(due + timedelta(days=1)):
            self.assertTrue(self.postal.is_evaluation_overdue)
            self.assertIn(self.postal, self.Provider.search([("is_evaluation_overdue", "=", True)]))

    def test_form_records_a_provider(self):
        with Form(self.Provider.with_user(self.qms_manager)) as form:
            form.partner_id = self.env["res.partner"].create({"name": "Công ty phần mềm Một cửa"})
            form.kind = "it_vendor"
            form.services = "Bảo trì phần mềm một cửa điện tử"
        provider = form.record
        self.assertEqual(provider.last_result, "none")
        self.assertFalse(provider.date_next_evaluation)
        self.assertEqual(provider.responsible_id, self.qms_manager)
