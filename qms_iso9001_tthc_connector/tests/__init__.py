from . import test_api, test_connected_system, test_proof_access
