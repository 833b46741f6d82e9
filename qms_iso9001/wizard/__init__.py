from . import (
    qms_approval_wizard,
    qms_document_review,
    qms_emulation_score_wizard,
    qms_holiday_import,
    qms_master_list,
    qms_nonconformity_cancel,
    qms_nonconformity_raise,
    qms_nonconformity_register,
    qms_plan_copy,
    qms_reason_wizard,
    qms_report_xlsx,
    qms_risk_register,
)
