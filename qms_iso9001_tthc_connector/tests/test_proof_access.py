from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_access import AccessMatrixMixin
from odoo.addons.qms_iso9001.tests.proof_common import CORE_COLUMNS, ProofCase

COLUMNS = (*CORE_COLUMNS, "one_stop", "handler", "connector_api")


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorAccessMatrix(AccessMatrixMixin, ProofCase):
    """tests/access_matrix.csv of the connector addon, both ways."""

    _proof_addon = "qms_iso9001_tthc_connector"
    _proof_columns = COLUMNS
