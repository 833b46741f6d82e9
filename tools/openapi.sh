#!/usr/bin/env bash
# make openapi: install the TTHC connector into a throwaway database and write the OpenAPI
# document its endpoint serves to docs/api/openapi.json (a test checks that the committed file
# is the served one).
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
qms_bootstrap --quiet || { echo "openapi: the bootstrap failed (run 'make bootstrap')" >&2; exit 1; }
DB="qms_openapi_$$"
LOG="$RUN_DIR/openapi.log"
OUT="$REPO/docs/api/openapi.json"
drop() {
    "$ODOO_PY" -c "import sys; sys.path.insert(0, '$REPO/tools'); import run_tests; run_tests.drop_database('$ODOO_CONF', '$DB')"
}
trap drop EXIT
echo "==> installing qms_iso9001_tthc_connector into $DB (a few minutes; log: $LOG)"
"$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -i qms_iso9001_tthc_connector --without-demo=1 \
    --stop-after-init --http-port 0 --workers 0 --max-cron-threads 0 >"$LOG" 2>&1
mkdir -p "$(dirname "$OUT")"
"$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --no-http >>"$LOG" 2>&1 <<PY
import json
endpoint = env.ref("qms_iso9001_tthc_connector.fastapi_endpoint_tthc_v1")
schema = endpoint._get_app().openapi()
# what FastAPI adds when it serves the document under the endpoint's root path
schema["servers"] = [{"url": endpoint.root_path}]
with open("$OUT", "w", encoding="utf-8") as out:
    json.dump(schema, out, ensure_ascii=False, indent=2, sort_keys=True)
    out.write("\n")
PY
echo "==> wrote $OUT"
