from odoo.tests import HttpCase, tagged

from odoo.addons.qms_iso9001.tests.proof_common import Fixture
from odoo.addons.qms_iso9001.tests.proof_fuzz import UNKNOWN_ID, FuzzTarget, HostileInputMixin

from . import proof_fixtures  # noqa: F401  (registers the TTHC addon's fixture factories)
from .test_proof_access import COLUMNS

FLOW_EXAMPLES = 150
DOSSIER_EXAMPLES = 300


@tagged("post_install", "-at_install", "qms_proof")
class TestTthcHostileInput(HostileInputMixin, HttpCase):
    """A one-stop officer sends generated JSON-RPC calls to the flows and the dossiers."""

    _fuzz_login = "proof_one_stop"
    _fuzz_password = "proof_one_stop"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().hours_per_day = 8.0
        fx = cls.fx = Fixture(cls.env, COLUMNS)
        cls.received = fx.make("qms.tthc.dossier", state="received", place="A")
        cls.in_progress = fx.make("qms.tthc.dossier", state="in_progress", place="A")
        cls.other_unit = fx.make("qms.tthc.dossier", state="received", place="B")
        cls.foreign = fx.make("qms.tthc.dossier", state="received", place="X")
        cls.draft_flow = fx.make("qms.tthc.flow", state="draft", place="A")
        cls.procedure = cls.received.procedure_id
        ids = {
            cls.received.id,
            cls.in_progress.id,
            cls.other_unit.id,
            cls.foreign.id,
            cls.draft_flow.id,
            cls.received.flow_id.id,
            cls.foreign.flow_id.id,
            cls.procedure.id,
            cls.foreign.procedure_id.id,
            cls.received.applicant_id.id,
            cls.foreign.applicant_id.id,
            fx.users["one_stop"].id,
            fx.users["handler"].id,
            fx.user("A").id,
            fx.user("B").id,
            fx.user("X").id,
            fx.department("B").id,
            UNKNOWN_ID,
            -1,
            0,
        }
        cls.fuzz_ids = sorted(ids)

    def test_hostile_input_flows(self):
        targets = [
            FuzzTarget(
                "qms.tthc.flow",
                methods=(
                    "action_submit_for_approval",
                    "action_approve",
                    "action_reject_with_reason",
                    "action_recall",
                ),
                base={"procedure_id": self.procedure.id},
            ),
        ]
        self._fuzz(targets, self.fuzz_ids, FLOW_EXAMPLES, "TTHC flows")

    def test_hostile_input_dossiers(self):
        """Dossier creation at the desk, its actions and its wizards, and a new flow version."""
        dossier_base = {
            "procedure_id": self.procedure.id,
            "applicant_id": self.received.applicant_id.id,
            "channel": "direct",
        }
        targets = [
            FuzzTarget(
                "qms.tthc.dossier",
                methods=(
                    "action_hand_over",
                    "action_request_supplement",
                    "action_supplement_received",
                    "action_refuse",
                    "action_withdraw",
                    "action_apologize",
                    "action_return",
                ),
                base=dossier_base,
            ),
            FuzzTarget(
                "qms.tthc.dossier.refusal",
                write=False,
                after_create=("action_confirm",),
                base={"dossier_id": self.received.id, "reason": "Fuzz"},
            ),
            FuzzTarget(
                "qms.tthc.dossier.supplement.request",
                write=False,
                after_create=("action_confirm",),
                base={"dossier_id": self.in_progress.id, "reason": "Fuzz"},
            ),
            FuzzTarget(
                "qms.tthc.dossier.withdrawal",
                write=False,
                after_create=("action_confirm",),
                base={"dossier_id": self.received.id, "reason": "Fuzz"},
            ),
            FuzzTarget(
                "qms.tthc.dossier.apology",
                write=False,
                after_create=("action_confirm",),
                base={
                    "dossier_id": self.in_progress.id,
                    "new_appointment_date": "2030-01-15 09:00:00",
                    "reason": "Fuzz",
                },
            ),
            FuzzTarget(
                "qms.tthc.flow",
                create=False,
                write=False,
                methods=("action_new_version",),
            ),
            FuzzTarget(
                "qms.tthc.dossier.handover",
                write=False,
                after_create=("action_confirm",),
                base={"dossier_id": self.received.id, "user_id": self.fx.user("B").id},
            ),
        ]
        self._fuzz(targets, self.fuzz_ids, DOSSIER_EXAMPLES, "TTHC dossiers")

    def test_hostile_input_ratings_and_scorecard(self):
        """The rating buttons of a returned dossier, the digitised papers and the scorecard
        answer hostile JSON-RPC calls of a one-stop officer with user errors only."""
        fx = self.fx
        returned = fx.make("qms.tthc.dossier", state="returned", place="A")
        foreign = fx.make("qms.tthc.dossier", state="returned", place="X")
        cards = fx.make("qms.tthc.scorecard", place="A") | fx.make("qms.tthc.scorecard", place="X")
        ids = sorted(set(self.fuzz_ids) | {returned.id, foreign.id} | set(cards.ids))
        targets = [
            FuzzTarget(
                "qms.tthc.dossier",
                create=False,
                write=False,
                methods=(
                    "action_rate_satisfied",
                    "action_rate_acceptable",
                    "action_rate_dissatisfied",
                    "action_open_dissatisfied",
                ),
            ),
            FuzzTarget(
                "qms.tthc.dossier.component",
                base={"dossier_id": self.received.id, "name": "Fuzz paper"},
                fields=("scan_file", "scan_filename", "reused_dossier_id"),
            ),
            FuzzTarget(
                "qms.tthc.scorecard",
                create=False,
                write=False,
                methods=("action_recompute",),
            ),
        ]
        self._fuzz(targets, ids, FLOW_EXAMPLES, "ratings and scorecard")


HISTORY_EXAMPLES = 100


@tagged("post_install", "-at_install", "qms_proof")
class TestTthcHistoryImportHostileInput(HostileInputMixin, HttpCase):
    """The standing office sends generated JSON-RPC calls to the imports of dossier histories
    and their column mappings (issue 15)."""

    _fuzz_login = "proof_manager"
    _fuzz_password = "proof_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().hours_per_day = 8.0
        fx = cls.fx = Fixture(cls.env, COLUMNS)
        cls.draft = fx.make("qms.tthc.history.import", state="draft", place="A")
        cls.checked = fx.make("qms.tthc.history.import", state="checked", place="A")
        cls.foreign = fx.make("qms.tthc.history.import", state="draft", place="X")
        cls.mapping = fx.make("qms.tthc.import.mapping", place="A")
        cls.foreign_mapping = fx.make("qms.tthc.import.mapping", place="X")
        dossier = fx.make("qms.tthc.dossier", state="received", place="A")
        cls.fuzz_ids = sorted(
            {
                cls.draft.id,
                cls.checked.id,
                cls.foreign.id,
                cls.mapping.id,
                cls.mapping.line_ids.id,
                cls.foreign_mapping.id,
                dossier.id,
                dossier.procedure_id.id,
                fx.company("X").id,
                UNKNOWN_ID,
                -1,
                0,
            }
        )

    def test_hostile_input_history_imports(self):
        targets = [
            FuzzTarget(
                "qms.tthc.history.import",
                methods=("action_check", "action_import", "action_reset_to_draft"),
                after_create=("action_check",),
                base={
                    "source_system": "Fuzz system",
                    "file_name": "fuzz.xlsx",
                    "file_data": self.draft.with_context(bin_size=False).file_data.decode(),
                },
            ),
            FuzzTarget("qms.tthc.import.mapping", base={"name": "Fuzz mapping"}),
            FuzzTarget(
                "qms.tthc.import.mapping.line",
                base={"mapping_id": self.mapping.id, "target": "status", "column": "Trạng thái"},
            ),
        ]
        self._fuzz(targets, self.fuzz_ids, HISTORY_EXAMPLES, "TTHC history imports")


CATALOGUE_EXAMPLES = 300


@tagged("post_install", "-at_install", "qms_proof")
class TestTthcCatalogueHostileInput(HostileInputMixin, HttpCase):
    """The standing office (QMS manager), who alone edits the TTHC catalogue, sends generated
    JSON-RPC calls to its fields, procedures, processing times, fees and dossier papers: the
    one-stop officer's fuzz never reaches them, which is how a procedure code sent as a list
    got a TypeError (issue 18)."""

    _fuzz_login = "proof_manager"
    _fuzz_password = "proof_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().hours_per_day = 8.0
        fx = cls.fx = Fixture(cls.env, COLUMNS)
        cls.procedure = fx.make("qms.tthc.procedure", place="A")
        cls.abolished = fx.make("qms.tthc.procedure", state="abolished", place="A")
        cls.amended = fx.make("qms.tthc.procedure", state="amended", place="A")
        cls.in_force = fx.make("qms.tthc.flow", state="approved", place="A").procedure_id
        cls.foreign = fx.make("qms.tthc.procedure", place="X")
        for procedure in cls.procedure | cls.foreign:
            fx.model("qms.tthc.procedure.fee").create(
                {"procedure_id": procedure.id, "name": "Lệ phí", "amount": 8000}
            )
            fx.model("qms.tthc.procedure.component").create(
                {"procedure_id": procedure.id, "name": "Tờ khai"}
            )
        cls.document = (
            fx.model("qms.document")
            .search([("kind", "=", "tthc_procedure"), ("company_id", "=", fx.company("A").id)])
            .ids[:1]
        )
        procedures = cls.procedure | cls.abolished | cls.amended | cls.in_force | cls.foreign
        cls.fuzz_ids = sorted(
            {
                *procedures.ids,
                *procedures.field_id.ids,
                *procedures.processing_time_ids.ids,
                *procedures.fee_ids.ids,
                *procedures.component_ids.ids,
                *cls.in_force.flow_ids.ids,
                *cls.document,
                fx.department("A").id,
                fx.department("X").id,
                fx.company("X").id,
                fx.users["manager"].id,
                UNKNOWN_ID,
                -1,
                0,
            }
        )

    def test_hostile_input_catalogue(self):
        """Create, write, delete and the buttons of the catalogue, with values of every type in
        every field, on the agency's own records, another agency's and unknown ids."""
        procedure = {"procedure_id": self.procedure.id}
        targets = [
            FuzzTarget(
                "qms.tthc.field",
                methods=("action_view_procedures", "unlink"),
                after_create=("action_view_procedures", "unlink"),
                base={"name": "Fuzz field"},
            ),
            FuzzTarget(
                "qms.tthc.procedure",
                methods=(
                    "action_mark_amended",
                    "action_abolish",
                    "action_reinstate",
                    "action_reinstate_wizard",
                    "action_view_flows",
                    "action_open_current_flow",
                    "unlink",
                ),
                after_create=("action_mark_amended", "action_abolish", "unlink"),
                base={"name": "Fuzz procedure", "field_id": self.procedure.field_id.id},
            ),
            FuzzTarget(
                "qms.tthc.processing.time",
                methods=("unlink",),
                after_create=("unlink",),
                base={**procedure, "filing_method": "postal", "duration": 5, "unit": "day"},
            ),
            FuzzTarget(
                "qms.tthc.procedure.fee",
                methods=("unlink",),
                after_create=("unlink",),
                base={**procedure, "name": "Fuzz fee", "amount": 8000},
            ),
            FuzzTarget(
                "qms.tthc.procedure.component",
                methods=("unlink",),
                after_create=("unlink",),
                base={**procedure, "name": "Fuzz paper"},
            ),
            FuzzTarget(
                "qms.reason.wizard",
                write=False,
                after_create=("action_confirm",),
                base={
                    "res_model": "qms.tthc.procedure",
                    "res_ids": [self.abolished.id],
                    "method": "action_reinstate",
                    "reason": "Fuzz",
                },
            ),
        ]
        self._fuzz(targets, self.fuzz_ids, CATALOGUE_EXAMPLES, "TTHC catalogue")
        self._assert_nothing_saved_out_of_the_agency()

    def _assert_nothing_saved_out_of_the_agency(self):
        """The oracle sees the answers only: what a call saved where it should not (in another
        agency, or a decision date the input guard would refuse) is checked in the data."""
        manager = self.fx.users["manager"]
        other = self.fx.company("X")
        for model in (
            "qms.tthc.field",
            "qms.tthc.procedure",
            "qms.tthc.processing.time",
            "qms.tthc.procedure.fee",
            "qms.tthc.procedure.component",
        ):
            touched = (
                self.env[model]
                .with_context(active_test=False)
                .search(
                    [
                        ("company_id", "=", other.id),
                        "|",
                        ("create_uid", "=", manager.id),
                        ("write_uid", "=", manager.id),
                    ]
                )
            )
            self.assertFalse(touched, f"{model} of another agency saved by {manager.login}")
        procedures = self.env["qms.tthc.procedure"].with_context(active_test=False).search([])
        for name in ("date_effective", "date_amended", "date_abolished"):
            years = {day.year for day in procedures.mapped(name) if day}
            self.assertTrue(all(1900 <= year <= 2200 for year in years), f"{name}: {years}")
