from . import test_connected_system, test_proof_access
