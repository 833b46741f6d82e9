# Sourced by the tools/*.sh scripts (not run on its own): where this checkout is, the shared
# cache, and this checkout's run folder, so that the scripts agree on them in one place.
#   REPO       the checkout holding the addons
#   QMS_CACHE  everything downloaded or built (default ~/.cache/qms-iso9001), shared by checkouts
#   RUN_DIR    this checkout's folder in the cache (odoo.conf, env.sh, logs): one per checkout, so
#              several work trees can share the cache without sharing a configuration
# shellcheck shell=bash
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMS_CACHE=${QMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qms-iso9001}
RUN_DIR=$QMS_CACHE/run/$(printf %s "$REPO" | sha256sum | cut -c1-10)

# qms_bootstrap [--quiet]: bring the machine up to date (tools/bootstrap.sh; --quiet hides its
# progress lines, never its errors), then load the run folder's env.sh (ODOO_PY, ODOO_BIN,
# ODOO_CONF, ODOO_ROOT, VENV, PG*). Returns non-zero when the bootstrap failed.
qms_bootstrap() {
    if [[ ${1:-} == --quiet ]]; then
        bash "$REPO/tools/bootstrap.sh" >/dev/null || return 1
    else
        bash "$REPO/tools/bootstrap.sh" || return 1
    fi
    # shellcheck source=/dev/null
    source "$RUN_DIR/env.sh"
}
