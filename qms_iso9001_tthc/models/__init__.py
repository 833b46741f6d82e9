from . import qms_tthc_procedure_part_mixin  # isort: skip  (inherited by the parts below)
from . import (
    qms_announcement,
    qms_emulation_criterion,
    qms_management_review,
    qms_nonconformity,
    qms_objective_line,
    qms_report,
    qms_tthc_dossier,
    qms_tthc_dossier_component,
    qms_tthc_dossier_component_digitisation,
    qms_tthc_dossier_number,
    qms_tthc_dossier_quality,
    qms_tthc_dossier_step,
    qms_tthc_dossier_visibility,
    qms_tthc_field,
    qms_tthc_flow,
    qms_tthc_guidance,
    qms_tthc_history_import,
    qms_tthc_history_import_line,
    qms_tthc_import_mapping,
    qms_tthc_import_mapping_line,
    qms_tthc_lookup_attempt,
    qms_tthc_procedure,
    qms_tthc_procedure_component,
    qms_tthc_procedure_fee,
    qms_tthc_processing_time,
    qms_tthc_scorecard,
    qms_tthc_scorecard_indicator,
    qms_tthc_scorecard_line,
    qms_tthc_service_centre,
    qms_tthc_step,
    report_qms_tthc_dossier_receipt,
    res_company,
    res_config_settings,
    res_partner,
)

from . import ir_actions_report  # isort: skip
from . import report_qms_tthc_tracking_book  # isort: skip
from . import qms_tthc_dossier_xlsx  # isort: skip
from . import qms_tthc_dossier_code  # isort: skip
from . import qms_tthc_dossier_deadline  # isort: skip
from . import qms_tthc_dossier_lookup  # isort: skip
