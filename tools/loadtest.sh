#!/usr/bin/env bash
# make loadtest: bootstrap like `make test`, then bench/loadtest.py (Odoo with 4 workers on
# 127.0.0.1, 50 JSON-RPC clients, then the checks and the fault scenarios).
# LOAD_OPS=500 make loadtest        a quick run; see bench/loadtest.py for the other settings
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMS_CACHE=${QMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qms-iso9001}
# one run folder per checkout, so several work trees can share the cache
RUN_DIR=$QMS_CACHE/run/$(printf %s "$REPO" | sha256sum | cut -c1-10)
QMS_SKIP_BROWSER=1 bash "$REPO/tools/bootstrap.sh"
# shellcheck source=/dev/null
source "$RUN_DIR/env.sh"
export ODOO_PY ODOO_BIN ODOO_CONF ODOO_ROOT QMS_CACHE
# the driver's own imports (requests, psutil) are Odoo's; run it from the repository, never
# from a folder holding a module named like a standard one (Odoo's source has an http.py)
cd "$REPO"
exec "$ODOO_PY" "$REPO/bench/loadtest.py"
