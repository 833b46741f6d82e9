from . import qms_tthc_lookup, qms_tthc_portal
