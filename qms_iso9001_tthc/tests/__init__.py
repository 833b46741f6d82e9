from . import (
    test_foundation,
    test_proof_access,
    test_proof_fuzz,
    test_proof_sweep,
    test_tthc_announcement,
    test_tthc_catalogue,
    test_tthc_code_rpc,
    test_tthc_desk_tour,
    test_tthc_digitisation,
    test_tthc_dossier,
    test_tthc_dossier_code,
    test_tthc_dossier_guards,
    test_tthc_dossier_security,
    test_tthc_flow,
    test_tthc_forms,
    test_tthc_guidance,
    test_tthc_history_import,
    test_tthc_import,
    test_tthc_input_checks,
    test_tthc_late_dossier,
    test_tthc_lifecycle,
    test_tthc_lookup,
    test_tthc_management_review,
    test_tthc_measures,
    test_tthc_nonconformity_source,
    test_tthc_number_input_ui,
    test_tthc_pdf,
    test_tthc_rating,
    test_tthc_reports,
    test_tthc_scorecard,
    test_tthc_security,
    test_tthc_service_centre,
    test_tthc_statistics,
    test_tthc_supplement,
    test_tthc_time_limits,
)

from . import test_tthc_emulation_individual  # isort: skip
from . import test_tthc_demo_states  # isort: skip
from . import test_tthc_home  # isort: skip
from . import test_guide_screenshots  # isort: skip
from . import test_tthc_exports  # isort: skip
from . import test_tthc_scale  # isort: skip
from . import test_tthc_dossier_model  # isort: skip
