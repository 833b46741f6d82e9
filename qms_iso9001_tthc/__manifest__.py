{
    "name": "ISO 9001 Administrative Procedures (TTHC) and One-stop Desk",
    "summary": "TTHC catalogue, ISO process flows and one-stop dossiers for state agencies",
    "version": "19.0.1.0.0",
    "category": "Services/Quality",
    "author": "QMS for government developers",
    "website": "https://github.com/qms-gov/qms-iso9001",
    "license": "LGPL-3",
    "depends": ["qms_iso9001"],
    "external_dependencies": {"python": ["num2words", "holidays", "xlsxwriter"]},
    "data": [
        "security/qms_tthc_security.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
