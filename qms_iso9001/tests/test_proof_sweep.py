from odoo.tests import tagged

from . import proof_fixtures  # noqa: F401  (registers the core's fixture factories)
from .proof_common import ProofCase
from .proof_sweep import WorkflowSweepMixin

# The core's models with a lifecycle, swept now: {model: fixture variant}.
SWEEP_MODELS = {
    "qms.document": None,
    "qms.document.revision": None,
    "qms.document.distribution": None,
    "qms.context.issue": None,
    "qms.interested.party": None,
    "qms.steering.member": None,
    "qms.training.attendee": None,
    "qms.management.review.input": None,
    "qms.report.line": None,
    "qms.emulation.score.line": None,
    "qms.nonconformity": None,
    "qms.action": None,
    "qms.objective": None,
    "qms.objective.line": None,
    "qms.objective.measurement": None,
    "qms.plan": None,
    "qms.plan.task": None,
    "qms.process.list": None,
    "qms.process.list.line": None,
    "qms.policy": None,
    "qms.steering.committee": None,
    "qms.risk": None,
    "qms.training": None,
    "qms.announcement": None,
    "qms.report": None,
    "qms.management.review": None,
    "qms.management.review.output": None,
    "qms.emulation.score": None,
    "qms.external.provider": None,
    "qms.external.provider.evaluation": None,
    "qms.external.provider.evaluation.line": None,
    "qms.satisfaction.survey": None,
    "qms.feedback": None,
    "qms.announcement.exclusion": None,
    "qms.report.unit": None,
    "qms.emulation.individual.score": None,
    "qms.emulation.individual.score.line": None,
    "qms.document.change.request": None,
}


@tagged("post_install", "-at_install", "qms_proof")
class TestWorkflowSweep(WorkflowSweepMixin, ProofCase):
    """Every workflow field refused to every group in every state; every transition allowed
    or refused as declared."""

    _proof_addon = "qms_iso9001"
    _sweep_models = SWEEP_MODELS
