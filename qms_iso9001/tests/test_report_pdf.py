from odoo.tests import HttpCase, tagged

from .pdf_text import pdf_text, render_pdf
from .test_governance import GovernanceCommon


@tagged("post_install", "-at_install")
class TestReportPdfText(HttpCase, GovernanceCommon):
    """Printed documents are searched and copied from: their text, Vietnamese letters included,
    is text in the PDF, not drawn outlines (issue 19)."""

    def test_policy_pdf_text_can_be_copied(self):
        self.company.qms_agency_name = "Sở Tư pháp tỉnh Quảng Trị"
        policy = (
            self.env["qms.policy"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": "Chính sách chất lượng",
                    "statement": "<p>Công khai, minh bạch, đúng hẹn.</p>",
                    "commitments": "<p>Tuân thủ pháp luật, lấy sự hài lòng của người dân "
                    "làm thước đo.</p>",
                    "signer_id": self.employee_director.id,
                }
            )
        )
        text = pdf_text(render_pdf(self.env, "qms_iso9001.action_report_qms_policy", policy.ids))
        for words in (
            "SỞ TƯ PHÁP TỈNH QUẢNG TRỊ",
            "CHÍNH SÁCH CHẤT LƯỢNG",
            "Công khai, minh bạch, đúng hẹn.",
            "lấy sự hài lòng của người dân",
            self.employee_director.name,
        ):
            self.assertIn(words, text)
