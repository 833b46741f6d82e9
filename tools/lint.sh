#!/usr/bin/env bash
# make lint: ruff (check + format check) and pylint-odoo's mandatory checks on the addons.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
qms_bootstrap --quiet || { echo "lint: the bootstrap failed (run 'make bootstrap')" >&2; exit 1; }
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
