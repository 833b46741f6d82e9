from . import (
    fastapi_endpoint,
    qms_tthc_connected_system,
    qms_tthc_connected_system_key,
    qms_tthc_connected_system_key_show,
    qms_tthc_connector_event,
    qms_tthc_connector_link,
    qms_tthc_dossier,
    qms_tthc_outbox_message,
)
