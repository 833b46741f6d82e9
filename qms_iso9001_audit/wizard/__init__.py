from . import qms_iso_transition_wizard
