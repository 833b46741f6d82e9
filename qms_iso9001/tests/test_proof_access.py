from odoo.tests import tagged

from . import proof_fixtures  # noqa: F401  (registers the core's fixture factories)
from .proof_access import AccessMatrixMixin, RecordRulesMixin
from .proof_common import ProofCase


@tagged("post_install", "-at_install", "qms_proof")
class TestAccessMatrix(AccessMatrixMixin, ProofCase):
    """tests/access_matrix.csv: model x group x create/read/write/unlink, both ways."""

    _proof_addon = "qms_iso9001"


@tagged("post_install", "-at_install", "qms_proof")
class TestRecordRules(RecordRulesMixin, ProofCase):
    """tests/record_rules.csv: who of each group in unit A reads and writes the records of
    unit A, unit B and another agency."""

    _proof_addon = "qms_iso9001"
    _proof_rule_models = (
        "qms.document",
        "qms.document.revision",
        "qms.nonconformity",
        "qms.action",
        "qms.objective",
        "qms.plan",
        "qms.risk",
        "qms.approval.request",
        "qms.approval.delegation",
        "qms.process.list",
        "qms.process.list.line",
        "qms.signature.root",
        "qms.external.provider",
        "qms.external.provider.evaluation",
        "qms.external.provider.evaluation.line",
        "qms.satisfaction.survey",
        "qms.feedback",
        "qms.report.unit",
        "qms.announcement.exclusion",
        "qms.announcement.readiness",
        "qms.emulation.individual.score",
        "qms.emulation.individual.score.line",
        "qms.document.change.request",
    )
