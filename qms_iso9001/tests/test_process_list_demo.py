from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install", "-standard", "qms_demo")
class TestProcessListDemo(TransactionCase):
    """The demo agency's proposed process list: approved, each process with its unit and
    justification, the issued ones tracked to their documents (seeds 000 and 003).

    Only meaningful on a database installed with demo data (`make demo`), so left out of the
    standard runs: run it with `--with-demo --test-tags qms_demo`."""

    def setUp(self):
        super().setUp()
        self.process_list = self.env.ref("qms_iso9001.demo_process_list")

    def test_the_demo_list_is_approved_and_justified(self):
        process_list = self.process_list
        self.assertEqual(process_list.state, "approved")
        self.assertTrue(process_list.date_approved)
        self.assertTrue(20 <= process_list.line_count <= 40)
        lines = process_list.line_ids
        self.assertTrue(all(lines.mapped("justification")))
        self.assertTrue(all(lines.mapped("department_id")))
        self.assertEqual(set(lines.mapped("kind")), {"system", "business", "tthc"})
        names = lines.mapped("name")
        for process in (
            "Quy trình kiểm soát tài liệu",
            "Quy trình đánh giá nội bộ",
            "Quy trình kiểm soát sự không phù hợp và hành động khắc phục",
            "Quy trình xem xét của lãnh đạo",
        ):
            self.assertIn(process, names)

    def test_issued_processes_are_tracked_to_their_documents(self):
        process_list = self.process_list
        issued = process_list.line_ids.filtered(lambda line: line.status == "issued")
        drafting = process_list.line_ids.filtered(lambda line: line.status == "drafting")
        self.assertGreaterEqual(len(issued), 3)
        self.assertGreaterEqual(len(drafting), 1)
        self.assertEqual(
            (process_list.issued_count, process_list.drafting_count, process_list.planned_count),
            (len(issued), len(drafting), process_list.line_count - len(issued) - len(drafting)),
        )
        control = issued.filtered(lambda line: line.name == "Quy trình kiểm soát tài liệu")
        document = self.env.ref("qms_iso9001.demo_doc_control")
        self.assertEqual(control.document_id, document)
        self.assertEqual(control.document_code, document.code)
        self.assertEqual(control.issue_number, document.current_revision_id.issue_number)
        self.assertEqual(control.effective_date, document.current_revision_id.effective_date)
        self.assertEqual(control.action_open_document()["res_id"], document.id)
        for line in issued:
            self.assertEqual(line.document_id.current_revision_id.state, "issued")
        # the stat buttons of the list open exactly the processes of each status
        for method, expected in (
            ("action_view_issued", issued),
            ("action_view_drafting", drafting),
        ):
            action = getattr(process_list, method)()
            self.assertEqual(self.env[action["res_model"]].search(action["domain"]), expected)
        with Form(process_list) as form:
            self.assertEqual(form.issued_count, len(issued))
