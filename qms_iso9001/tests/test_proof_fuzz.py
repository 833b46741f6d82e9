from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from . import proof_fixtures  # noqa: F401  (registers the core's fixture factories)
from .proof_common import CORE_COLUMNS, Fixture
from .proof_fuzz import UNKNOWN_ID, FuzzTarget, HostileInputMixin

EXAMPLES = 600
LOOKUP_EXAMPLES = 100
# Fields a model reads before the ORM stores them (a revision's issue number is counted from
# its document) or that a unique index guards (the document's code in its agency): fuzzed on
# their own as well, so that their values are proven checked before any code uses them.
LOOKUP_FIELDS = {
    "qms.document.revision": ("document_id",),
    "qms.document": ("code", "company_id"),
}


@tagged("post_install", "-at_install", "qms_proof")
class TestHostileInput(HostileInputMixin, HttpCase):
    """A unit ISO officer sends generated JSON-RPC calls to the documents, revisions, approval
    wizard, delegations and the reason wizard; only results and user errors come back."""

    _fuzz_login = "proof_officer"
    _fuzz_password = "proof_officer"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        fx = cls.fx = Fixture(cls.env, CORE_COLUMNS)
        cls.env["qms.approval.route"].create(
            {
                "name": "Proof revisions",
                "model_id": cls.env["ir.model"]._get_id("qms.document.revision"),
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Leader approves",
                            "approver_type": "users",
                            "user_ids": [Command.set(fx.users["leader"].ids)],
                        }
                    )
                ],
            }
        )
        cls.document = fx.make("qms.document", place="A")
        cls.draft = fx.make("qms.document.revision", state="draft", place="A", variant="file")
        cls.pending = fx.make("qms.document.revision", state="draft", place="A", variant="file")
        cls.pending.with_user(fx.users["officer"]).action_submit_for_approval()
        cls.issued = fx.make("qms.document.revision", state="issued", place="A", variant="file")
        cls.other_unit = fx.make("qms.document.revision", state="draft", place="B")
        cls.foreign = fx.make("qms.document.revision", state="draft", place="X")
        cls.foreign_delegation = fx.make("qms.approval.delegation", place="X")
        cls.own_delegation = fx.make("qms.approval.delegation", place="A", variant="mine")
        ids = {
            cls.document.id,
            cls.draft.id,
            cls.draft.document_id.id,
            cls.pending.id,
            cls.issued.id,
            cls.issued.document_id.id,
            cls.other_unit.id,
            cls.other_unit.document_id.id,
            cls.foreign.id,
            cls.foreign.document_id.id,
            cls.foreign_delegation.id,
            cls.own_delegation.id,
            fx.users["officer"].id,
            fx.users["leader"].id,
            fx.user("A").id,
            fx.user("X").id,
            fx.department("X").id,
            fx.company("X").id,
            UNKNOWN_ID,
            -1,
            0,
        }
        cls.fuzz_ids = sorted(ids)

    def _targets(self):
        type_id = self.env.ref("qms_iso9001.document_type_business_procedure").id
        return [
            FuzzTarget(
                "qms.document",
                methods=("action_new_revision", "action_request_obsolete"),
                base={
                    "name": "Fuzz procedure",
                    "type_id": type_id,
                    "department_id": self.fx.department("A").id,
                },
            ),
            FuzzTarget(
                "qms.document.revision",
                methods=(
                    "action_submit_for_approval",
                    "action_approve",
                    "action_reject_with_reason",
                    "action_recall",
                    "action_issue",
                ),
                base={"document_id": self.document.id},
            ),
            FuzzTarget(
                "qms.approval.wizard",
                write=False,
                after_create=("action_confirm",),
                base={
                    "res_model": "qms.document.revision",
                    "res_id": self.pending.id,
                    "decision": "reject",
                    "comment": "Fuzz",
                },
            ),
            FuzzTarget(
                "qms.approval.delegation",
                base={
                    "delegate_id": self.fx.user("A").id,
                    "date_from": fields.Date.to_string(fields.Date.today() + timedelta(days=1)),
                    "date_to": fields.Date.to_string(fields.Date.today() + timedelta(days=5)),
                },
            ),
            FuzzTarget(
                "qms.reason.wizard",
                write=False,
                after_create=("action_confirm",),
                base={
                    "res_model": "qms.document.revision",
                    "res_ids": [self.draft.id],
                    "method": "action_reject_with_reason",
                    "reason": "Fuzz",
                },
            ),
        ]

    def test_hostile_input_documents_and_approvals(self):
        self._fuzz(self._targets(), self.fuzz_ids, EXAMPLES, "documents and approvals")

    def test_fields_read_before_storing(self):
        """The code, company and document of documents and revisions are checked before the
        models look them up (they used to crash on a list or a dict)."""
        targets = [
            FuzzTarget(
                target.model,
                write=target.write,
                base=target.base,
                fields=LOOKUP_FIELDS[target.model],
            )
            for target in self._targets()
            if target.model in LOOKUP_FIELDS
        ]
        self._fuzz(targets, self.fuzz_ids, LOOKUP_EXAMPLES, "fields read before storing")

    def test_hostile_input_process_lists_and_signatures(self):
        """The proposed process list, its drafting, the trusted roots and the signature check
        answer hostile JSON-RPC calls of a unit officer with user errors only."""
        fx = self.fx
        approved = fx.make("qms.process.list", state="approved", place="A")
        draft = fx.make("qms.process.list", state="draft", place="A")
        foreign = fx.make("qms.process.list", state="approved", place="X")
        roots = fx.make("qms.signature.root", place="A") | fx.make("qms.signature.root", place="X")
        ids = sorted(
            set(self.fuzz_ids)
            | set((approved | draft | foreign).ids)
            | set((approved | draft | foreign).line_ids.ids)
            | set(roots.ids)
        )
        targets = [
            FuzzTarget(
                "qms.process.list",
                methods=("action_submit_for_approval", "action_revise"),
                base={"name": "Fuzz list", "year": 2026},
            ),
            FuzzTarget(
                "qms.process.list.line",
                methods=("action_start_drafting",),
                base={
                    "list_id": draft.id,
                    "name": "Fuzz process",
                    "department_id": fx.department("A").id,
                    "justification": "Fuzz",
                },
            ),
            FuzzTarget("qms.signature.root", base={"name": "Fuzz root"}),
            FuzzTarget(
                "qms.document.revision",
                create=False,
                write=False,
                methods=("action_check_signature",),
            ),
        ]
        self._fuzz(targets, ids, LOOKUP_EXAMPLES, "process lists and signatures")

    def test_hostile_input_feedback(self):
        """Complaints and feedback answer hostile JSON-RPC calls of a unit officer (who reads
        them only) with user errors only."""
        fx = self.fx
        records = (
            fx.make("qms.feedback", state="new", place="A")
            | fx.make("qms.feedback", state="answered", place="A")
            | fx.make("qms.feedback", state="new", place="X")
        )
        ids = sorted(set(self.fuzz_ids) | set(records.ids))
        targets = [
            FuzzTarget(
                "qms.feedback",
                methods=("action_answer", "action_close"),
                base={"partner_name": "Fuzz citizen", "description": "Fuzz"},
            ),
        ]
        self._fuzz(targets, ids, LOOKUP_EXAMPLES, "complaints and feedback")

    def test_hostile_input_providers_and_satisfaction(self):
        """External providers, their evaluations and the satisfaction surveys answer hostile
        JSON-RPC calls of a unit officer (who reads them only) with user errors only."""
        fx = self.fx
        providers = fx.make("qms.external.provider", place="A") | fx.make(
            "qms.external.provider", place="X"
        )
        evaluations = (
            fx.make("qms.external.provider.evaluation", state="draft", place="A")
            | fx.make("qms.external.provider.evaluation", state="to_decide", place="A")
            | fx.make("qms.external.provider.evaluation", state="decided", place="X")
        )
        campaigns = fx.make("qms.satisfaction.survey", state="draft", place="A") | fx.make(
            "qms.satisfaction.survey", state="open", place="X"
        )
        ids = sorted(
            set(self.fuzz_ids)
            | set(providers.ids)
            | set(evaluations.ids)
            | set(evaluations.line_ids.ids)
            | set(campaigns.ids)
            | set(campaigns.survey_id.ids)
        )
        targets = [
            FuzzTarget(
                "qms.external.provider",
                methods=("action_new_evaluation", "action_view_evaluations"),
                base={"kind": "postal"},
            ),
            FuzzTarget(
                "qms.external.provider.evaluation",
                methods=(
                    "action_submit",
                    "action_decide_approved",
                    "action_decide_conditional",
                    "action_decide_rejected",
                    "action_back_to_draft",
                    "action_cancel",
                ),
                base={"provider_id": providers[:1].id},
            ),
            FuzzTarget("qms.external.provider.evaluation.line"),
            FuzzTarget(
                "qms.satisfaction.survey",
                methods=(
                    "action_open",
                    "action_refresh_results",
                    "action_close",
                    "action_cancel",
                    "action_open_questionnaire",
                ),
                base={"name": "Fuzz survey", "date_from": "2026-01-01", "date_to": "2026-06-30"},
            ),
        ]
        self._fuzz(targets, ids, LOOKUP_EXAMPLES, "providers and satisfaction")

    def test_hostile_input_announcements_and_unit_reports(self):
        """The decision's exclusions and readiness, and the units' reports, answer hostile
        JSON-RPC calls of a unit officer with user errors only (issue 17)."""
        fx = self.fx
        announcement = fx.make("qms.announcement", place="A")
        readiness = fx.make("qms.announcement.readiness", place="A")
        own = fx.make("qms.report.unit", place="A")
        other = fx.make("qms.report.unit", state="submitted", place="B")
        foreign = fx.make("qms.report.unit", place="X")
        ids = sorted(
            set(self.fuzz_ids)
            | {announcement.id, readiness.id, readiness.announcement_id.id}
            | set((own | other | foreign).ids)
        )
        targets = [
            FuzzTarget(
                "qms.announcement.exclusion",
                base={
                    "announcement_id": announcement.id,
                    "clause_code": "8.3",
                    "justification": "Fuzz",
                },
            ),
            FuzzTarget(
                "qms.announcement.readiness",
                create=False,
                write=False,
                methods=("action_open_evidence",),
            ),
            FuzzTarget(
                "qms.report.unit",
                methods=("action_compute_figures", "action_submit"),
                base={
                    "department_id": fx.department("A").id,
                    "year": 2011,
                    "half": "2",
                    "situation": "<p>Fuzz</p>",
                },
            ),
        ]
        self._fuzz(targets, ids, LOOKUP_EXAMPLES, "announcements and unit reports")

    def test_hostile_input_individual_emulation(self):
        """Civil servants' scores and their evidence answer hostile JSON-RPC calls of a unit
        officer (who only reads them) with user errors only."""
        fx = self.fx
        own = fx.make("qms.emulation.individual.score.line", state="draft", place="A")
        other = fx.make("qms.emulation.individual.score.line", state="confirmed", place="B")
        foreign = fx.make("qms.emulation.individual.score.line", state="draft", place="X")
        lines = own | other | foreign
        ids = sorted(set(self.fuzz_ids) | set(lines.ids) | set(lines.score_id.ids))
        targets = [
            FuzzTarget(
                "qms.emulation.individual.score",
                methods=(
                    "action_compute_year",
                    "action_recompute",
                    "action_confirm",
                    "action_reopen",
                    "action_open_reopen_wizard",
                    "action_view_lines",
                ),
                base={"year": 2026, "employee_id": fx.employee("A").id},
            ),
            FuzzTarget(
                "qms.emulation.individual.score.line",
                methods=("action_open_evidence", "action_open_evidence_achieved"),
                base={"score_id": own.score_id.id, "criterion_id": own.criterion_id.id},
            ),
        ]
        self._fuzz(targets, ids, LOOKUP_EXAMPLES, "individual emulation")

    def test_hostile_input_document_change_requests(self):
        """Change requests of documents answer hostile JSON-RPC calls of a unit officer (who
        decides those about the unit's documents) with user errors only."""
        fx = self.fx
        requests = (
            fx.make("qms.document.change.request", state="draft", place="A")
            | fx.make("qms.document.change.request", state="submitted", place="A")
            | fx.make("qms.document.change.request", state="submitted", place="B")
            | fx.make("qms.document.change.request", state="submitted", place="X")
        )
        ids = sorted(set(self.fuzz_ids) | set(requests.ids) | set(requests.document_id.ids))
        targets = [
            FuzzTarget(
                "qms.document.change.request",
                methods=(
                    "action_submit",
                    "action_accept",
                    "action_refuse",
                    "action_open_refuse_wizard",
                ),
                base={
                    "document_id": self.issued.document_id.id,
                    "section": "5.2",
                    "proposed_change": "Fuzz",
                    "reason": "Fuzz",
                },
            ),
            FuzzTarget(
                "qms.document",
                create=False,
                write=False,
                methods=("action_request_change", "action_view_change_requests"),
            ),
        ]
        self._fuzz(targets, ids, LOOKUP_EXAMPLES, "document change requests")
