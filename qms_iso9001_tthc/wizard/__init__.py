from . import (
    qms_tthc_dossier_apology,
    qms_tthc_dossier_handover,
    qms_tthc_dossier_reason_mixin,
    qms_tthc_dossier_refusal,
    qms_tthc_dossier_supplement_request,
    qms_tthc_dossier_withdrawal,
    qms_tthc_import,
    qms_tthc_import_line,
    qms_tthc_list_wizard,
    qms_tthc_statistics,
    qms_tthc_statistics_line,
    qms_tthc_tracking_book,
)
