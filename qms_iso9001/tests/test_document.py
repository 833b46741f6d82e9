import base64
import io
import zipfile

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import QmsCommon


def minimal_docx():
    """The smallest zip that the type sniffer recognises as a Word .docx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestDocument(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_office.qms_code = "VP"
        cls.department_unit.qms_code = "HCTP"
        cls.procedure_type = cls.env.ref("qms_iso9001.document_type_business_procedure")
        cls.form_type = cls.env.ref("qms_iso9001.document_type_form")
        cls.env["hr.employee"].create(
            {
                "name": "Cán bộ ISO",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên",
                "department_id": cls.department_office.id,
                "user_id": cls.qms_user.id,
            }
        )

    def _document(self, name="Quy trình chứng thực", department=None, **values):
        return self.env["qms.document"].create(
            {
                "name": name,
                "type_id": self.procedure_type.id,
                "department_id": (department or self.department_unit).id,
                **values,
            }
        )

    def _attachment(self, name="quy_trinh.pdf"):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(b"%PDF-1.4 test"),
                "mimetype": "application/pdf",
            }
        )

    def _issue(self, revision, **values):
        """Stands for the approval chain, which has its own tests."""
        revision.main_attachment_id = revision.main_attachment_id or self._attachment()
        revision.sudo().write(
            {"state": "approved", "date_approved": "2026-01-05 08:00:00", **values}
        )
        revision.action_issue()
        return revision

    def _first_revision(self, document):
        return self.env["qms.document.revision"].create({"document_id": document.id})

    def test_codes_follow_the_type_pattern(self):
        first = self._document()
        second = self._document("Quy trình hộ tịch")
        office = self._document("Quy trình văn thư", department=self.department_office)
        self.assertEqual(first.code, "QT.01/HCTP")
        self.assertEqual(second.code, "QT.02/HCTP")
        self.assertEqual(office.code, "QT.01/VP")
        form = self.env["qms.document"].create(
            {
                "name": "Mẫu phiếu",
                "type_id": self.form_type.id,
                "department_id": self.department_unit.id,
                "parent_id": first.id,
            }
        )
        self.assertEqual(form.code, "BM.01-QT.01/HCTP")
        self.assertIn(form, first.child_ids)
        manual = self._document("Quy trình riêng", code="QT.99/HCTP")
        self.assertEqual(manual.code, "QT.99/HCTP", "a code typed by the user is kept")

    def test_duplicate_code_refused(self):
        """The index refuses a code taken in the agency, on creation and on renaming (its
        message reaches users over JSON-RPC: see test_unique_rpc)."""
        self._document(code="QT.01/HCTP")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self._document("Khác", code="QT.01/HCTP")
        self.assertEqual(caught.exception.diag.constraint_name, "qms_document_code_company_uniq")
        other = self._document("Khác", code="QT.02/HCTP")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            other.code = "QT.01/HCTP"
            other.flush_recordset()
        other_company = self.env["res.company"].create({"name": "Sở Nội vụ"})
        department = self.env["hr.department"].create(
            {"name": "VP", "company_id": other_company.id}
        )
        foreign = self._document(
            "Khác", department=department, code="QT.01/HCTP", company_id=other_company.id
        )
        self.assertEqual(foreign.code, "QT.01/HCTP", "codes are unique per agency only")

    def test_bad_code_pattern_refused(self):
        with self.assertRaises(ValidationError):
            self.procedure_type.code_pattern = "{prefix}.{number}"
        self.procedure_type.code_pattern = "{prefix}-{seq:03d}"
        self.assertEqual(self._document().code, "QT-001")

    def test_pattern_without_number_asks_for_a_code(self):
        self.procedure_type.code_pattern = "{prefix}/{unit}"
        self.assertEqual(self._document().code, "QT/HCTP")
        with self.assertRaises(UserError):
            self._document("Quy trình thứ hai")
        self.assertEqual(self._document("Quy trình thứ hai", code="QT.02/HCTP").code, "QT.02/HCTP")

    def test_issue_supersede_and_revise(self):
        document = self._document()
        first = self._first_revision(document)
        self.assertEqual(first.issue_number, 1)
        self.assertEqual(document.state, "draft")
        self._issue(first, effective_date="2026-01-10")
        self.assertEqual(document.state, "issued")
        self.assertEqual(document.current_revision_id, first)
        self.assertEqual(str(document.next_review_date), "2027-01-10")
        document.action_new_revision()
        with self.assertRaises(UserError):
            document.action_new_revision()
        second = document.revision_ids.filtered(lambda r: r.state == "draft")
        self.assertEqual(second.issue_number, 2)
        self.assertTrue(second.main_attachment_id)
        self.assertNotEqual(second.main_attachment_id, first.main_attachment_id, "files are copied")
        self._issue(second)
        self.assertEqual(first.state, "superseded")
        self.assertEqual(second.state, "issued")
        self.assertEqual(document.current_revision_id, second)
        self.assertEqual(
            self.env["qms.document.revision"].search_count(
                [("document_id", "=", document.id), ("state", "=", "issued")]
            ),
            1,
        )

    def test_issue_needs_main_file_and_effective_after_approval(self):
        revision = self._first_revision(self._document())
        revision.sudo().write({"state": "approved", "date_approved": "2026-01-05 08:00:00"})
        with self.assertRaises(UserError):
            revision.action_issue()
        self.assertEqual(revision.state, "approved")
        with self.assertRaises(ValidationError):
            revision.effective_date = "2026-01-04"
        revision.write(
            {"effective_date": "2026-01-05", "main_attachment_id": self._attachment().id}
        )
        revision.action_issue()
        self.assertEqual(revision.state, "issued")

    def test_issued_revisions_are_frozen_and_kept(self):
        revision = self._issue(self._first_revision(self._document()))
        as_manager = revision.with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_manager.issue_number = 5
        with self.assertRaisesRegex(UserError, "only through its actions"):
            as_manager.write({"state": "draft"})
        with self.assertRaises(UserError):
            as_manager.unlink()
        with self.assertRaises(UserError):
            revision.unlink()
        with self.assertRaises(UserError):
            revision.document_id.with_user(self.qms_manager).unlink()
        self.assertEqual(revision.issue_number, 1)
        draft = self._first_revision(self._document("Khác"))
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_obsoletion_goes_through_a_withdrawal_revision(self):
        document = self._document()
        issued = self._issue(self._first_revision(document))
        action = document.action_request_obsolete()
        withdrawal = self.env["qms.document.revision"].browse(action["res_id"])
        self.assertTrue(withdrawal.is_withdrawal)
        self.assertEqual(document.state, "issued", "still in force until approved and issued")
        self._issue(withdrawal)
        self.assertEqual(document.state, "obsolete")
        self.assertEqual(issued.state, "obsolete")
        self.assertFalse(document.current_revision_id)
        with self.assertRaises(UserError):
            document.action_new_revision()

    def test_form_creates_document_with_generated_code(self):
        with Form(self.env["qms.document"].with_user(self.unit_officer)) as form:
            form.name = "Quy trình đăng ký khai sinh"
            form.type_id = self.procedure_type
            form.department_id = self.department_unit
        self.assertEqual(form.record.code, "QT.01/HCTP")

    def test_unit_officer_edits_only_own_unit_drafts(self):
        own = self._document()
        other = self._document("Quy trình văn thư", department=self.department_office)
        own_draft = self._first_revision(own)
        other_draft = self._first_revision(other)
        own_draft.with_user(self.unit_officer).write({"revision_date": "2026-02-01"})
        self.assertEqual(str(own_draft.revision_date), "2026-02-01")
        with self.assertRaises(AccessError):
            other_draft.with_user(self.unit_officer).write({"revision_date": "2026-02-01"})
        with self.assertRaises(AccessError):
            self.env["qms.document"].with_user(self.unit_officer).create(
                {
                    "name": "X",
                    "type_id": self.procedure_type.id,
                    "department_id": self.department_office.id,
                }
            )
        self._issue(own_draft)
        with self.assertRaises(AccessError):
            own_draft.with_user(self.unit_officer).write({"effective_date": "2026-03-01"})

    def test_drafts_stay_in_the_unit_issued_ones_reach_everyone(self):
        document = self._document()
        issued = self._issue(self._first_revision(document))
        document.action_new_revision()
        draft = document.revision_ids.filtered(lambda r: r.state == "draft")
        staff = self.env["qms.document.revision"].with_user(self.qms_user)
        self.assertIn(issued, staff.search([]))
        self.assertNotIn(draft, staff.search([]))
        with self.assertRaises(AccessError):
            draft.with_user(self.qms_user).read(["name"])
        self.assertIn(
            draft, self.env["qms.document.revision"].with_user(self.unit_officer).search([])
        )
        self.assertIn(
            draft, self.env["qms.document.revision"].with_user(self.qms_manager).search([])
        )
        self.assertNotIn(draft, self.env["qms.document.revision"].with_user(self.leader).search([]))
        document.is_public = False
        self.assertNotIn(issued, staff.search([]), "a non-public document stays in its unit")

    def test_main_file_size_is_limited(self):
        revision = self._first_revision(self._document())
        self.company.qms_upload_max_mb = 1
        big = base64.b64encode(b"%PDF-1.4 " + b"0" * (1024 * 1024 + 1))
        with self.assertRaisesRegex(ValidationError, "at most 1 MB"):
            revision.write({"main_file": big, "main_file_name": "big.pdf"})

    def test_main_file_upload_accepts_office_and_pdf_only(self):
        revision = self._first_revision(self._document())
        program = base64.b64encode(b"MZ\x90\x00\x03 binary")
        with self.assertRaises(ValidationError):
            revision.write({"main_file": program, "main_file_name": "virus.exe"})
        with self.assertRaisesRegex(ValidationError, "not accepted"):
            revision.write({"main_file": program, "main_file_name": "virus.docx"})
        self.assertFalse(revision.main_attachment_id)
        content = base64.b64encode(minimal_docx())
        revision.write({"main_file": content, "main_file_name": "Quy trình.docx"})
        self.assertEqual(revision.main_attachment_id.name, "Quy trình.docx")
        self.assertEqual(revision.main_attachment_id.res_id, revision.id)
        self.assertEqual(revision.main_file, content)
