import base64
from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.qms_iso9001_tthc.models.qms_tthc_scorecard_indicator import GROUP_WEIGHTS

from .test_tthc_rating import RatingCommon

FILE = base64.b64encode(b"%PDF-1.4 result")


@tagged("post_install", "-at_install")
class TestTthcScorecard(RatingCommon):
    """The QĐ 766 scorecard: computed from the data, never typed; five groups weighing 18, 20,
    22, 22 and 18; every lost point opens what lost it; fed to objectives, review, report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Scorecard = cls.env["qms.tthc.scorecard"]
        cls.month = fields.Date.context_today(cls.Scorecard).replace(day=1)
        now = fields.Datetime.now()
        cls.on_time = cls._returned()
        cls.on_time.write(
            {"timeliness": "on_time", "result_file": FILE, "result_filename": "kq.pdf"}
        )
        cls.late = cls._returned()
        cls.late.write({"timeliness": "late", "resolved_at": now})
        cls.on_time._qms_record_rating("satisfied", False, "desk")
        cls.late._qms_record_rating("dissatisfied", "Trả kết quả chậm", "lookup")

    def _line(self, scorecard, code):
        return scorecard.line_ids.filtered(lambda line: line.indicator_id.code == code)

    def test_computed_from_the_data(self):
        card = self.Scorecard.with_user(self.qms_manager)._qms_compute(self.company, self.month)
        self.assertEqual(card.month, self.month)
        groups = {group: card[f"score_{group}"] for group in GROUP_WEIGHTS}
        for group, score in groups.items():
            self.assertLessEqual(score, GROUP_WEIGHTS[group] + 0.01)
            lines = card.line_ids.filtered(lambda line, g=group: line.group == g)
            self.assertAlmostEqual(sum(lines.mapped("max_points")), GROUP_WEIGHTS[group], 1)
        self.assertAlmostEqual(card.total, sum(groups.values()), 1)
        on_time = self._line(card, "H1")
        self.assertEqual((on_time.denominator, on_time.numerator), (2, 1))
        self.assertAlmostEqual(on_time.points, on_time.max_points / 2, 1)
        self.assertGreater(on_time.lost_points, 0)
        rated = self._line(card, "S1")
        self.assertEqual((rated.denominator, rated.numerator), (2, 1))
        results = self._line(card, "D2")
        self.assertEqual((results.denominator, results.numerator), (2, 1))
        self.assertTrue(self.on_time.result_digitised_at)
        self.assertEqual(self.on_time.result_digitised_by_id, self.env.user)

    def test_lost_points_open_what_lost_them(self):
        card = self.Scorecard.with_user(self.qms_manager)._qms_compute(self.company, self.month)
        action = self._line(card, "H1").with_user(self.qms_manager).action_view_lost()
        self.assertEqual(action["res_model"], "qms.tthc.dossier")
        lost = self.env["qms.tthc.dossier"].with_context(active_test=False).search(action["domain"])
        self.assertEqual(lost, self.late)
        rating = self._line(card, "S1").with_user(self.qms_manager).action_view_lost()
        self.assertEqual(self.env["qms.tthc.dossier"].search(rating["domain"]), self.late)

    def test_computed_again_replaces_the_month(self):
        Scorecard = self.Scorecard.with_user(self.qms_manager)
        card = Scorecard._qms_compute(self.company, self.month)
        lines = len(card.line_ids)
        self.on_time.write({"channel": "online"})
        again = Scorecard._qms_compute(self.company, self.month)
        self.assertEqual(again, card)
        self.assertEqual(len(again.line_ids), lines)
        self.assertEqual(self._line(again, "O3").numerator, 1)
        unit_card = Scorecard._qms_compute(self.company, self.month, self.department_unit)
        self.assertNotEqual(unit_card, card)
        self.assertEqual(unit_card.department_id, self.department_unit)
        with self.assertRaises(UserError):
            Scorecard._qms_compute(self.company, date(2999, 1, 1))

    def test_never_typed_and_only_the_standing_office_computes(self):
        card = self.Scorecard.with_user(self.qms_manager)._qms_compute(self.company, self.month)
        for user in (self.unit_officer, self.leader, self.one_stop):
            with self.assertRaises(AccessError):
                self.Scorecard.with_user(user)._qms_compute(self.company, self.month)
            with self.assertRaises(AccessError):
                card.with_user(user).action_recompute()
            self.assertEqual(card.with_user(user).total, card.total, "everyone reads it")
        with self.assertRaises(AccessError):
            card.with_user(self.qms_manager).write({"total": 100})
        with self.assertRaises(UserError):  # refused by the guard before the access rights
            self.Scorecard.with_user(self.qms_manager).create(
                {"company_id": self.company.id, "month": self.month, "total": 100}
            )
        with self.assertRaises(AccessError):
            card.with_user(self.qms_manager).unlink()
        action = self.Scorecard.with_user(self.qms_manager).action_compute_last_month()
        self.assertEqual(action["res_model"], "qms.tthc.scorecard")

    def test_indicators_are_settings_with_their_source(self):
        indicators = self.env["qms.tthc.scorecard.indicator"].search([])
        self.assertEqual(set(indicators.mapped("group")), set(GROUP_WEIGHTS))
        self.assertTrue(all(indicators.mapped("source_note")))
        self.assertTrue(all("766" in note for note in indicators.mapped("source_note")))
        on_time = indicators.filtered(lambda i: i.code == "H1")
        on_time.with_user(self.qms_manager).target_rate = 50
        card = self.Scorecard.with_user(self.qms_manager)._qms_compute(self.company, self.month)
        line = self._line(card, "H1")
        self.assertAlmostEqual(line.points, line.max_points, 1, "50% reaches the target")
        with self.assertRaises(AccessError):
            on_time.with_user(self.unit_officer).target_rate = 10

    def test_feeds_objectives_review_and_report(self):
        self.Scorecard.with_user(self.qms_manager)._qms_compute(self.company, self.month)
        year_start = self.month.replace(month=1)
        year_end = self.month.replace(month=12, day=31)
        Line = self.env["qms.objective.line"]
        line = Line.new(
            {"indicator_source": "tthc_satisfaction_rate", "company_id": self.company.id}
        )
        self.assertEqual(line._qms_compute_indicator_value(year_start, year_end), 50.0)
        line = Line.new({"indicator_source": "tthc_scorecard_total", "company_id": self.company.id})
        card = self.Scorecard.search([("department_id", "=", False), ("month", "=", self.month)])
        self.assertEqual(line._qms_compute_indicator_value(year_start, year_end), card.total)
        review = self.env["qms.management.review"].new(
            {"company_id": self.company.id, "date_from": year_start, "date_to": year_end}
        )
        satisfaction = str(review._qms_render_parts([review._qms_tthc_ratings_part()]))
        self.assertIn("50.0%", satisfaction)
        performance = str(review._qms_render_parts(review._qms_tthc_performance_parts()))
        self.assertIn(f"{card.total}", performance)
        report = self.env["qms.report"].new(
            {"company_id": self.company.id, "date_from": year_start, "date_to": year_end}
        )
        figures = {f["code"]: f for f in report._qms_figures_tthc_satisfaction()}
        self.assertEqual(figures["tthc_rated"]["value_integer"], 2)
        self.assertEqual(figures["tthc_satisfaction_rate"]["value_float"], 50.0)
        self.assertEqual(figures["tthc_scorecard_total"]["value_float"], round(card.total, 1))
