from . import qms_tthc_reconciliation, qms_tthc_reconciliation_line
