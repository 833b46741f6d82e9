from . import qms_audit_report_xlsx
