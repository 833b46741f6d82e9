#!/usr/bin/env bash
# make lint: ruff (check + format check) and pylint-odoo's mandatory checks on the addons.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMS_CACHE=${QMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qms-iso9001}
# one run folder per checkout, so several work trees can share the cache
RUN_DIR=$QMS_CACHE/run/$(printf %s "$REPO" | sha256sum | cut -c1-10)
bash "$REPO/tools/bootstrap.sh" >/dev/null || { echo "lint: the bootstrap failed (run 'make bootstrap')"; exit 1; }
# shellcheck source=/dev/null
source "$RUN_DIR/env.sh"
cd "$REPO"
status=0
echo "==> ruff check"
"$VENV/bin/ruff" check . || status=1
echo "==> ruff format --check"
"$VENV/bin/ruff" format --check . || status=1
echo "==> pylint-odoo (mandatory checks)"
PYTHONPATH="$ODOO_ROOT" "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory \
    qms_iso9001 qms_iso9001_audit qms_iso9001_tthc qms_iso9001_tthc_connector || status=1
((status == 0)) && echo "lint: clean"
exit $status
