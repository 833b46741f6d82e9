from . import (
    test_approval,
    test_distribution,
    test_document,
    test_document_ui,
    test_master_list,
    test_record_type,
    test_review,
    test_security,
    test_settings,
    test_steering_committee,
    test_translations,
    test_ui,
)
