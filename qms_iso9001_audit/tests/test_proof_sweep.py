from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_common import ProofCase
from odoo.addons.qms_iso9001.tests.proof_sweep import WorkflowSweepMixin

from . import proof_fixtures  # noqa: F401  (registers the audit addon's fixture factories)
from .test_proof_access import COLUMNS

# The audit addon's models with a lifecycle, swept now: {model: fixture variant}. No variant puts a
# group user on the audit team (`mine` would): the sweep needs users who hold no record role, so
# that the transitions of the lead auditor or the team are refused to all but the standing office.
SWEEP_MODELS = {
    "qms.audit": None,
    "qms.audit.program": None,
    "qms.audit.schedule.line": None,
    "qms.audit.checklist.line": None,
    "qms.audit.finding": None,
    "qms.audit.checklist.template": None,
    "qms.audit.checklist.template.line": None,
    "qms.iso.standard": None,
}


@tagged("post_install", "-at_install", "qms_proof")
class TestAuditWorkflowSweep(WorkflowSweepMixin, ProofCase):
    _proof_addon = "qms_iso9001_audit"
    _proof_columns = COLUMNS
    _sweep_models = SWEEP_MODELS
