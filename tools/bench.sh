#!/usr/bin/env bash
# make bench: bootstrap like `make test`, build a dedicated database with the three addons (no
# demo data), then bench/run.py measures every figure of bench/figures/ in it, prints a table and
# writes bench/results/latest.json. Commits nothing.
#   BENCH_ONLY=deadlines,install   only these figures (file names of bench/figures/)
#   BENCH_RUNS=5                   runs per figure (each figure reports the median)
#   BENCH_DB=qms_bench             the database, dropped and recreated unless BENCH_KEEP_DB=1
#   BENCH_INSTALL_RUNS=2           fresh installs per side in bench/figures/install.py
# The OCA addons compared with (bench/requirements-oca.txt) are pip-installed into
# $QMS_CACHE/bench-addons and added to a bench-only copy of odoo.conf: never into the product.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
command_line="make bench"
for var in $(compgen -v BENCH_ | sort); do
    [[ -n ${!var} ]] && command_line+=" $var=${!var}"
done
QMS_SKIP_BROWSER=1 qms_bootstrap --quiet || { echo "bench: the bootstrap failed (run 'make bootstrap')" >&2; exit 1; }
BENCH_DB=${BENCH_DB:-qms_bench}
ADDONS="qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc"
LOG_DIR="$RUN_DIR/bench"
mkdir -p "$LOG_DIR"

# --- the OCA addons, in their own folder, keyed by the pinned versions --------------------------
OCA_REQ="$REPO/bench/requirements-oca.txt"
OCA_DIR="$QMS_CACHE/bench-addons/$(sha256sum "$OCA_REQ" | cut -c1-12)"
OCA_STATUS=""
if [[ ! -f $OCA_DIR/.qms-ready ]]; then
    echo "==> installing the OCA addons of bench/requirements-oca.txt into $OCA_DIR"
    rm -rf "$OCA_DIR"
    if "$VENV/bin/pip" install --quiet --no-deps --target "$OCA_DIR" -r "$OCA_REQ" \
        >"$LOG_DIR/pip-oca.log" 2>&1; then
        touch "$OCA_DIR/.qms-ready"
    else
        OCA_STATUS="pip could not install bench/requirements-oca.txt (see $LOG_DIR/pip-oca.log)"
        echo "    $OCA_STATUS: the figures comparing with OCA are skipped"
    fi
fi
BENCH_CONF="$LOG_DIR/odoo.conf"
if [[ -z $OCA_STATUS ]]; then
    [[ -f $OCA_DIR/odoo/addons/mgmtsystem_nonconformity/__manifest__.py ]] \
        || OCA_STATUS="the wheels in $OCA_DIR hold no mgmtsystem_nonconformity"
fi
if [[ -z $OCA_STATUS ]]; then
    sed "s|^addons_path = .*|&,$OCA_DIR/odoo/addons|" "$ODOO_CONF" >"$BENCH_CONF"
    ADDONS+=",mgmtsystem_nonconformity"
else
    cp "$ODOO_CONF" "$BENCH_CONF"
fi

# --- the database ---------------------------------------------------------------------------------
odoo_db_exists() {
    psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}
if [[ -n ${BENCH_KEEP_DB:-} ]] && odoo_db_exists "$BENCH_DB"; then
    echo "==> keeping the database $BENCH_DB (BENCH_KEEP_DB=1)"
else
    if odoo_db_exists "$BENCH_DB"; then
        "$ODOO_BIN" db -c "$BENCH_CONF" drop "$BENCH_DB" >"$LOG_DIR/drop.log" 2>&1 \
            || { echo "bench: could not drop $BENCH_DB, see $LOG_DIR/drop.log" >&2; exit 1; }
    fi
    echo "==> creating $BENCH_DB with $ADDONS, no demo data (a few minutes on a busy machine)"
    started=$SECONDS
    if ! "$ODOO_BIN" -c "$BENCH_CONF" -d "$BENCH_DB" -i "$ADDONS" --stop-after-init \
        --max-cron-threads=0 --log-level=warn --logfile="$LOG_DIR/install.log"; then
        echo "bench: installing $ADDONS into $BENCH_DB failed, see $LOG_DIR/install.log" >&2
        exit 1
    fi
    echo "    installed in $((SECONDS - started)) s"
fi

export ODOO_PY ODOO_BIN ODOO_ROOT QMS_CACHE BENCH_DB
export ODOO_CONF="$BENCH_CONF" QMS_BENCH_COMMAND="$command_line" QMS_BENCH_OCA_STATUS="$OCA_STATUS"
# run from the repository, never from a folder holding a module named like a standard one
cd "$REPO"
exec "$ODOO_PY" "$REPO/bench/run.py"
