from . import qms_tthc_lookup, qms_tthc_portal, qms_tthc_rating
