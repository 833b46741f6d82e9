from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_access import AccessMatrixMixin, RecordRulesMixin
from odoo.addons.qms_iso9001.tests.proof_common import CORE_COLUMNS, ProofCase

from . import proof_fixtures  # noqa: F401  (registers the TTHC addon's fixture factories)

COLUMNS = (*CORE_COLUMNS, "one_stop", "handler")


@tagged("post_install", "-at_install", "qms_proof")
class TestTthcAccessMatrix(AccessMatrixMixin, ProofCase):
    """tests/access_matrix.csv of the TTHC addon, both ways."""

    _proof_addon = "qms_iso9001_tthc"
    _proof_columns = COLUMNS


@tagged("post_install", "-at_install", "qms_proof")
class TestTthcRecordRules(RecordRulesMixin, ProofCase):
    """tests/record_rules.csv of the TTHC addon."""

    _proof_addon = "qms_iso9001_tthc"
    _proof_columns = COLUMNS
    _proof_rule_models = (
        "qms.tthc.flow",
        "qms.tthc.dossier",
        "qms.tthc.guidance",
        "qms.tthc.scorecard",
        "qms.tthc.scorecard.line",
        "qms.tthc.scorecard.indicator",
        "qms.tthc.history.import",
        "qms.tthc.import.mapping",
    )
