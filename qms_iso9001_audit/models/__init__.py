# The abstract models first: the others inherit them.
from . import qms_audit_part_mixin  # isort: skip
from . import (
    hr_employee,
    qms_announcement,
    qms_announcement_exclusion,
    qms_audit,
    qms_audit_checklist_line,
    qms_audit_checklist_template,
    qms_audit_checklist_template_line,
    qms_audit_finding,
    qms_audit_program,
    qms_audit_schedule_line,
    qms_emulation_criterion,
    qms_iso_clause,
    qms_iso_clause_mapping,
    qms_iso_standard,
    qms_management_review,
    qms_nonconformity,
    qms_plan_task,
    qms_report,
    res_company,
    res_config_settings,
)
