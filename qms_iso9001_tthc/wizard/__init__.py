from . import qms_tthc_import, qms_tthc_import_line, qms_tthc_list_wizard
