from . import (
    test_api,
    test_connected_system,
    test_connector_outbound,
    test_foundation,
    test_proof_access,
    test_proof_fuzz,
    test_proof_sweep,
)
