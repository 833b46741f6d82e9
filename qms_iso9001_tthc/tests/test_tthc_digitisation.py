import base64

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_tthc_rating import RatingCommon

SCAN = base64.b64encode(b"%PDF-1.4 scan")


@tagged("post_install", "-at_install")
class TestTthcDigitisation(RatingCommon):
    """Papers and results digitised at the desk and by the unit, who and when recorded by the
    system; a later dossier of the same applicant reuses a digitised result."""

    def _paper(self, dossier, **values):
        return (
            self.env["qms.tthc.dossier.component"]
            .with_user(self.one_stop)
            .create({"dossier_id": dossier.id, "name": "Tờ khai", "original_count": 1, **values})
        )

    def test_scan_records_who_and_when(self):
        dossier = self.Dossier.with_user(self.one_stop).create(
            {"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}
        )
        paper = self._paper(dossier)
        self.assertFalse(paper.is_digitised)
        paper.write({"scan_file": SCAN, "scan_filename": "to-khai.pdf"})
        self.assertTrue(paper.is_digitised)
        self.assertEqual(paper.digitised_by_id, self.one_stop)
        self.assertTrue(paper.digitised_at)
        with self.assertRaises(UserError):
            paper.write({"digitised_by_id": self.qms_manager.id})
        self.assertEqual(dossier.digitised_component_count, 1)

    def test_reuse_of_an_earlier_digitised_result(self):
        earlier = self._returned()
        later = self.Dossier.with_user(self.one_stop).create(
            {"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}
        )
        with self.assertRaises(ValidationError):
            self._paper(later, reused_dossier_id=earlier.id)  # no digitised result yet
        earlier.write({"result_file": SCAN, "result_filename": "kq.pdf"})
        self.assertTrue(earlier.is_result_digitised)
        paper = self._paper(later, reused_dossier_id=earlier.id)
        self.assertTrue(paper.is_digitised)
        self.assertEqual(earlier.result_reuse_count, 1)
        stranger = self.env["res.partner"].create(
            {"name": "Lê Văn Cường", "qms_id_number": "045090009999"}
        )
        other = self.Dossier.with_user(self.one_stop).create(
            {"procedure_id": self.procedure.id, "applicant_id": stranger.id}
        )
        with self.assertRaises(ValidationError):
            self._paper(other, reused_dossier_id=earlier.id)

    def test_result_file_only_while_handled_or_resolved(self):
        dossier = self._returned()
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"result_file": SCAN})
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"result_digitised_by_id": self.one_stop.id})
