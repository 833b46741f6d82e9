{
    "name": "ISO 9001 Internal Audit for Public Agencies",
    "summary": "Internal audit programmes, audits, clause checklists and findings (ISO 9.2)",
    "version": "19.0.1.0.0",
    "category": "Services/Quality",
    "author": "QMS for government developers",
    "website": "https://github.com/qms-gov/qms-iso9001",
    "license": "LGPL-3",
    "depends": ["qms_iso9001"],
    "data": [
        "security/qms_audit_security.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
