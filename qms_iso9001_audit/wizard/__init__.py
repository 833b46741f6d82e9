from . import qms_iso_transition_wizard, qms_nonconformity_raise
