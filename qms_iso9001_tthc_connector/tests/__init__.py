from . import test_connected_system, test_connector_outbound, test_proof_access
