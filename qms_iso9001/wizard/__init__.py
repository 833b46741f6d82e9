from . import qms_approval_wizard, qms_document_review, qms_master_list
