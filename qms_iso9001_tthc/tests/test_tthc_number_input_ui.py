from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcNumberInputUi(HttpCase, TthcCommon):
    """Fees typed in the browser under Vietnamese formats (issue 19)."""

    def test_fees_typed_with_either_decimal_mark(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.qms_manager.lang = "vi_VN"
        self.procedure.fee_ids = [
            Command.create({"name": name, "amount": 0, "sequence": sequence})
            for sequence, name in enumerate(
                ("Lệ phí cấp giấy", "Phí sao y (mỗi trang)", "Phí chứng thực (mỗi trang)"), 1
            )
        ]
        self.start_tour(
            f"/odoo/action-qms_iso9001_tthc.action_qms_tthc_procedure/{self.procedure.id}",
            "qms_tthc_fee_input_tour",
            login=self.qms_manager.login,
        )
        currency = self.procedure.fee_ids.currency_id
        self.assertEqual(
            self.procedure.fee_ids.sorted("sequence").mapped("amount"),
            [1250000, currency.round(0.5), currency.round(0.5)],
        )
