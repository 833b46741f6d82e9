from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .test_objective import ObjectiveCommon


@tagged("post_install", "-at_install")
class TestNumberInputUi(HttpCase, ObjectiveCommon):
    """Numbers typed in the browser under Vietnamese formats (decimal mark ",", thousands ".")
    are read as the user meant them, with either decimal mark (issue 19)."""

    def test_measured_value_typed_with_either_decimal_mark(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.qms_manager.lang = "vi_VN"
        self._approve(self.agency)
        measurement = self._measure(self.complaints, "2026-01-01", "2026-03-31", 3)
        self.start_tour(
            f"/odoo/action-qms_iso9001.action_qms_objective_measurement/{measurement.id}",
            "qms_number_input_tour",
            login=self.qms_manager.login,
        )
        self.assertEqual(measurement.actual_value, 2.25)


@tagged("post_install", "-at_install")
class TestDecimalMarkGuard(ObjectiveCommon):
    """A rate above 100% is a decimal typed with the wrong mark: refused with the mark of the
    user's language and the number probably meant (issue 19)."""

    def test_percent_above_100_is_refused_with_a_hint(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        with self.assertRaises(ValidationError) as caught:  # assertRaises rolls back
            self.on_time.target_value = 985
        self.assertIn("more than 100%", str(caught.exception))
        self._approve(self.agency)
        measure = self.env["qms.objective.measurement"].with_context(lang="en_US")
        values = {"line_id": self.on_time.id, "date_from": "2026-01-01", "date_to": "2026-03-31"}
        with self.assertRaises(ValidationError) as caught:
            measure.create({**values, "actual_value": 995})
        self.assertRegex(str(caught.exception), r'Did you mean 99\.5\? .*"\."')
        with self.assertRaises(ValidationError) as caught:
            measure.with_context(lang="vi_VN").create({**values, "actual_value": 995})
        self.assertRegex(str(caught.exception), r'Có phải ý bạn là 99,5\? .*","')
        kept = measure.create(
            {**values, "date_from": "2026-07-01", "date_to": "2026-09-30", "actual_value": 99.5}
        )
        self.assertEqual(kept.actual_value, 99.5)
        # other units have no such bound
        complaints = measure.create({**values, "line_id": self.complaints.id, "actual_value": 995})
        self.assertEqual(complaints.actual_value, 995)
