from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_access import AccessMatrixMixin, RecordRulesMixin
from odoo.addons.qms_iso9001.tests.proof_common import CORE_COLUMNS, ProofCase

from . import proof_fixtures  # noqa: F401  (registers the audit addon's fixture factories)

COLUMNS = (*CORE_COLUMNS, "auditor")


@tagged("post_install", "-at_install", "qms_proof")
class TestAuditAccessMatrix(AccessMatrixMixin, ProofCase):
    """tests/access_matrix.csv of the audit addon, both ways."""

    _proof_addon = "qms_iso9001_audit"
    _proof_columns = COLUMNS


@tagged("post_install", "-at_install", "qms_proof")
class TestAuditRecordRules(RecordRulesMixin, ProofCase):
    """tests/record_rules.csv of the audit addon."""

    _proof_addon = "qms_iso9001_audit"
    _proof_columns = COLUMNS
    _proof_rule_models = (
        "qms.audit",
        "qms.audit.finding",
        "qms.audit.program",
        "qms.audit.schedule.line",
        "qms.audit.checklist.line",
        "qms.audit.checklist.template",
        "qms.audit.checklist.template.line",
    )
