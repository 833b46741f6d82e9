from . import (
    test_audit_announcement,
    test_audit_checklist,
    test_audit_finding,
    test_audit_hooks,
    test_audit_lifecycle,
    test_audit_nonconformity_source,
    test_audit_program,
    test_audit_qualification,
    test_audit_report,
    test_audit_security,
    test_audit_team,
    test_audit_ui,
    test_audit_workflow,
    test_foundation,
    test_iso_catalogue,
    test_proof_access,
    test_proof_sweep,
)

from . import test_audit_demo_states  # isort: skip
from . import test_guide_screenshots  # isort: skip
