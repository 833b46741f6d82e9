#!/usr/bin/env bash
# make loadtest: bootstrap like `make test`, then bench/loadtest.py (Odoo with 4 workers on
# 127.0.0.1, 50 JSON-RPC clients, then the checks and the fault scenarios).
# LOAD_OPS=500 make loadtest        a quick run; see bench/loadtest.py for the other settings
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
QMS_SKIP_BROWSER=1 qms_bootstrap || { echo "loadtest: the bootstrap failed" >&2; exit 1; }
export ODOO_PY ODOO_BIN ODOO_CONF ODOO_ROOT QMS_CACHE
# the driver's own imports (requests, psutil) are Odoo's; run it from the repository, never
# from a folder holding a module named like a standard one (Odoo's source has an http.py)
cd "$REPO"
exec "$ODOO_PY" "$REPO/bench/loadtest.py"
