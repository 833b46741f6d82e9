from odoo import fields
from odoo.tests import tagged

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcManagementReview(TthcCommon):
    """With the TTHC module installed, the management review reports on the procedures."""

    def _tthc_section(self, date_from, date_to):
        review = self.env["qms.management.review"].create(
            {
                "name": "Họp xem xét của lãnh đạo",
                "date": date_to,
                "date_from": date_from,
                "date_to": date_to,
                "chair_id": self.employee_director.id,
                "secretary_id": self.employee_secretary.id,
            }
        )
        review.action_gather_inputs()
        section = review.input_ids.filtered(lambda line: line.code == "tthc_performance")
        self.assertEqual(len(section), 1)
        return str(section.content)

    def test_catalogue_and_flows_in_the_period(self):
        self.env["qms.tthc.procedure"].create(
            {
                "code": "2.000815",
                "name": "Chứng thực bản sao từ bản chính",
                "field_id": self.field_cert.id,
                "level": "commune",
            }
        )
        self._approve(
            self._flow(
                steps=[
                    ("Tiếp nhận", 4, "hour", ("direct",)),
                    ("Thẩm định", 2, "day", ("direct", "online")),
                    ("Ký", 4, "hour", ("direct",)),
                ]
            )
        )
        today = fields.Date.context_today(self.procedure)
        content = self._tthc_section(today.replace(month=1, day=1), today)
        self.assertIn("Hộ tịch", content)
        self.assertIn("Chứng thực", content)
        self.assertIn("<td>Total</td><td>2</td><td>1</td>", content)
        self.assertIn("1 flow version(s) approved", content)

        last_year = today.replace(year=today.year - 1)
        earlier = self._tthc_section(last_year.replace(month=1, day=1), last_year)
        self.assertIn("0 flow version(s) approved", earlier, "approved this year, not last year")
