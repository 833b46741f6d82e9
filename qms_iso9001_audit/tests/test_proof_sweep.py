from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_common import ProofCase
from odoo.addons.qms_iso9001.tests.proof_sweep import WorkflowSweepMixin

from . import proof_fixtures  # noqa: F401  (registers the audit addon's fixture factories)
from .test_proof_access import COLUMNS

# The audit addon's models with a lifecycle, swept now: {model: fixture variant}; `mine` puts the
# fixture's internal auditor on the audit team, so the auditors' record rules let them act.
SWEEP_MODELS = {
    "qms.audit": "mine",
    "qms.audit.program": None,
}


@tagged("post_install", "-at_install", "qms_proof")
class TestAuditWorkflowSweep(WorkflowSweepMixin, ProofCase):
    _proof_addon = "qms_iso9001_audit"
    _proof_columns = COLUMNS
    _sweep_models = SWEEP_MODELS
