from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_access import AccessMatrixMixin, RecordRulesMixin
from odoo.addons.qms_iso9001.tests.proof_common import CORE_COLUMNS, ProofCase

from . import proof_fixtures  # noqa: F401  (registers the connector's fixture factories)

COLUMNS = (*CORE_COLUMNS, "one_stop", "handler", "connector_api")


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorAccessMatrix(AccessMatrixMixin, ProofCase):
    """tests/access_matrix.csv of the connector addon, both ways."""

    _proof_addon = "qms_iso9001_tthc_connector"
    _proof_columns = COLUMNS


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorRecordRules(RecordRulesMixin, ProofCase):
    """tests/record_rules.csv of the connector addon: agencies never see each other's connected
    systems, keys, received events, links, messages or reconciliations; a system's technical
    user sees the events and links of its own system only."""

    _proof_addon = "qms_iso9001_tthc_connector"
    _proof_columns = COLUMNS
    _proof_rule_models = (
        "qms.tthc.connected.system",
        "qms.tthc.connected.system.key",
        "qms.tthc.connector.event",
        "qms.tthc.connector.link",
        "qms.tthc.outbox.message",
        "qms.tthc.reconciliation",
        "qms.tthc.reconciliation.line",
    )
