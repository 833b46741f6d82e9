from . import (
    test_foundation,
    test_tthc_announcement,
    test_tthc_catalogue,
    test_tthc_flow,
    test_tthc_import,
    test_tthc_management_review,
    test_tthc_reports,
    test_tthc_security,
)
