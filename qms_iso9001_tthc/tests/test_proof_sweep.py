from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_common import ProofCase
from odoo.addons.qms_iso9001.tests.proof_sweep import WorkflowSweepMixin

from . import proof_fixtures  # noqa: F401  (registers the TTHC addon's fixture factories)
from .test_proof_access import COLUMNS

# The TTHC addon's models with a lifecycle, swept now: {model: fixture variant}.
SWEEP_MODELS = {
    "qms.tthc.flow": None,
    "qms.tthc.step": None,
    "qms.tthc.dossier": None,
    "qms.tthc.dossier.component": None,
    "qms.tthc.dossier.step": None,
    "qms.tthc.procedure": None,
    "qms.tthc.import": None,
    "qms.tthc.guidance": None,
    "qms.tthc.scorecard": None,
    "qms.tthc.scorecard.line": None,
    "qms.tthc.history.import": None,
}


@tagged("post_install", "-at_install", "qms_proof")
class TestTthcWorkflowSweep(WorkflowSweepMixin, ProofCase):
    _proof_addon = "qms_iso9001_tthc"
    _proof_columns = COLUMNS
    _sweep_models = SWEEP_MODELS
