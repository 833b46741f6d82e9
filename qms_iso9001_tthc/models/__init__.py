from . import (
    qms_announcement,
    qms_management_review,
    qms_tthc_field,
    qms_tthc_flow,
    qms_tthc_procedure,
    qms_tthc_procedure_component,
    qms_tthc_procedure_fee,
    qms_tthc_processing_time,
    qms_tthc_step,
    res_company,
    res_config_settings,
)
