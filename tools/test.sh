#!/usr/bin/env bash
# make test: bootstrap, then install the addons with tests into a throwaway database.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMS_CACHE=${QMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qms-iso9001}
# one run folder per checkout, so several work trees can share the cache
RUN_DIR=$QMS_CACHE/run/$(printf %s "$REPO" | sha256sum | cut -c1-10)
if ! bash "$REPO/tools/bootstrap.sh"; then
    echo "0 passed, 1 failed"
    exit 1
fi
# shellcheck source=/dev/null
source "$RUN_DIR/env.sh"
args=(--config "$ODOO_CONF" --odoo-bin "$ODOO_BIN")
[[ -n ${ADDONS:-} ]] && args+=(--addons "$ADDONS")
[[ -n ${TAGS:-} ]] && args+=(--tags "$TAGS")
[[ -n ${KEEP_DB:-} ]] && args+=(--keep-db)
[[ -n ${VERBOSE:-} ]] && args+=(--verbose)
exec "$ODOO_PY" "$REPO/tools/run_tests.py" "${args[@]}"
