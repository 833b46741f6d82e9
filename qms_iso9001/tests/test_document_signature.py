import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import QmsCommon
from .signing import SigningAuthority, signed_pdf, tampered, unsigned_pdf


@tagged("post_install", "-at_install")
class TestDocumentSignature(QmsCommon):
    """Signatures of issued documents checked against the roots the agency trusts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.authority = SigningAuthority()
        cls.signer = cls.authority.signer()
        cls.env["qms.signature.root"].create(
            {
                "name": "Root CA thử nghiệm",
                "certificate_file": base64.b64encode(cls.authority.root_pem()),
            }
        )
        cls.document = cls.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực bản sao",
                "type_id": cls.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": cls.department_unit.id,
            }
        )

    def _revision(self, data, name="quy_trinh.pdf"):
        revision = self.env["qms.document.revision"].create({"document_id": self.document.id})
        revision.main_attachment_id = self.env["ir.attachment"].create(
            {"name": name, "datas": base64.b64encode(data), "mimetype": "application/pdf"}
        )
        return revision

    def _checked(self, data):
        revision = self._revision(data)
        revision.with_user(self.qms_manager).action_check_signature()
        return revision

    def test_a_valid_signature_names_the_signer_and_its_chain(self):
        revision = self._checked(signed_pdf(self.signer))
        self.assertEqual(revision.signature_status, "valid")
        self.assertIn("Nguyễn Văn An", revision.signature_signer)
        self.assertTrue(revision.signature_time)
        self.assertIn("Root CA thử nghiệm", revision.signature_chain)
        self.assertTrue(revision.signature_checked_at)

    def test_a_file_changed_after_signing_is_reported(self):
        revision = self._checked(tampered(signed_pdf(self.signer)))
        self.assertIn(revision.signature_status, ("modified", "invalid"))
        self.assertNotEqual(revision.signature_status, "valid")

    def test_an_expired_certificate_is_reported(self):
        revision = self._checked(signed_pdf(self.authority.signer(expired=True)))
        self.assertEqual(revision.signature_status, "expired")

    def test_a_root_the_agency_does_not_trust_is_reported(self):
        stranger = SigningAuthority("CA lạ")
        revision = self._checked(signed_pdf(stranger.signer()))
        self.assertEqual(revision.signature_status, "untrusted")

    def test_unsigned_and_non_pdf_files(self):
        self.assertEqual(self._checked(unsigned_pdf()).signature_status, "unsigned")
        word = self._revision(b"PK\x03\x04 not a pdf", name="quy_trinh.docx")
        word.action_check_signature()
        self.assertEqual(word.signature_status, "not_pdf")

    def test_the_result_changes_only_by_checking_again(self):
        revision = self._checked(unsigned_pdf())
        with self.assertRaises(AccessError, msg="a draft of another unit is not theirs to check"):
            revision.with_user(self.qms_user).action_check_signature()
        with self.assertRaises(UserError):
            revision.with_user(self.qms_manager).write({"signature_status": "valid"})
        self.assertEqual(revision.signature_status, "unsigned")

    def test_an_agency_can_require_a_valid_signature_before_issuing(self):
        self.env.company.qms_require_signature = True
        unsigned = self._revision(unsigned_pdf())
        unsigned.sudo().write({"state": "approved", "date_approved": "2026-01-05 08:00:00"})
        with self.assertRaises(UserError):
            unsigned.with_user(self.qms_manager).action_issue()
        self.assertEqual(unsigned.state, "approved")
        signed = self._revision(signed_pdf(self.signer))
        signed.sudo().write({"state": "approved", "date_approved": "2026-01-05 08:00:00"})
        signed.with_user(self.qms_manager).action_issue()
        self.assertEqual(signed.state, "issued")
        self.assertEqual(signed.signature_status, "valid")

    def test_trusted_roots_are_the_standing_offices_to_manage(self):
        Root = self.env["qms.signature.root"]
        pem = base64.b64encode(SigningAuthority("CA khác").root_pem())
        with self.assertRaises(AccessError):
            Root.with_user(self.qms_user).create({"name": "CA khác", "certificate_file": pem})
        root = Root.with_user(self.qms_manager).create({"name": "CA khác", "certificate_file": pem})
        self.assertIn("CA khác", root.subject)
        self.assertEqual(len(root.fingerprint), 64)
        with self.assertRaises(ValidationError):
            Root.with_user(self.qms_manager).create(
                {"name": "Không phải chứng thư", "certificate_file": base64.b64encode(b"hello")}
            )
