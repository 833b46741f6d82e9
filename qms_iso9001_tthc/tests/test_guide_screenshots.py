from odoo.tests import HttpCase, tagged

from odoo.addons.qms_iso9001.tests.guide_screenshots import (
    DOCS_IMG,
    GuideScreenshotMixin,
    as_guide_user,
    load_vietnamese,
)

from .test_tthc_desk_tour import DeskCommon


@tagged("post_install", "-at_install")
class TestGuideScreenshots(GuideScreenshotMixin, HttpCase, DeskCommon):
    """The one-stop screens of docs/huong-dan-su-dung.md, in Vietnamese: the desk receives a
    dossier and hands it over, the unit's handler resolves it, the desk returns the result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        for user, name in ((cls.one_stop, "Hoàng Thị Mai"), (cls.handler, "Đỗ Văn Nam")):
            as_guide_user(user, name)

    def _tour(self, tour_name, login, expected):
        self.assertEqual(self.start_guide_tour(tour_name, login=login), expected)
        for name in expected:
            self.assertGreater((DOCS_IMG / f"{name}.png").stat().st_size, 10_000, name)

    def test_guide_desk_and_handler(self):
        """Reception, appointment slip, hand-over, handling, return and statistics, each a
        screenshot of the guide, with the dossier really moving through its states."""
        self._tour(
            "qms_guide_desk_receive_tour",
            "tthc_desk",
            ["mot-cua-tiep-nhan", "mot-cua-phieu-hen", "mot-cua-chuyen-xu-ly"],
        )
        dossier = self.env["qms.tthc.dossier"].search([("applicant_id", "=", self.citizen.id)])
        self.assertEqual(dossier.state, "in_progress")
        self.assertEqual(dossier.current_user_id, self.handler)
        self._tour(
            "qms_guide_handler_tour",
            "tthc_handler",
            ["xu-ly-ho-so-cua-phong", "xu-ly-ho-so", "xu-ly-chuyen-buoc"],
        )
        self.assertEqual(dossier.state, "resolved")
        self._tour(
            "qms_guide_desk_return_tour",
            "tthc_desk",
            ["mot-cua-bang-ho-so", "mot-cua-tra-ket-qua", "mot-cua-thong-ke"],
        )
        self.assertEqual(dossier.state, "returned")
