from . import (
    qms_tthc_connected_system,
    qms_tthc_connected_system_key,
    qms_tthc_connected_system_key_show,
    qms_tthc_dossier,
    qms_tthc_outbox_message,
)
