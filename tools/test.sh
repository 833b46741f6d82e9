#!/usr/bin/env bash
# make test: bootstrap, then install the addons with tests into a throwaway database.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if ! qms_bootstrap; then
    echo "0 passed, 1 failed"
    exit 1
fi
args=(--config "$ODOO_CONF" --odoo-bin "$ODOO_BIN")
[[ -n ${ADDONS:-} ]] && args+=(--addons "$ADDONS")
[[ -n ${TAGS:-} ]] && args+=(--tags "$TAGS")
[[ -n ${KEEP_DB:-} ]] && args+=(--keep-db)
[[ -n ${VERBOSE:-} ]] && args+=(--verbose)
exec "$ODOO_PY" "$REPO/tools/run_tests.py" "${args[@]}"
