#!/usr/bin/env bash
# make demo: the database qms_demo with the three addons, demo data and Vietnamese, served on
# http://127.0.0.1:8069. A second run reuses the database and only starts the server.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMS_CACHE=${QMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qms-iso9001}
# one run folder per checkout, so several work trees can share the cache
RUN_DIR=$QMS_CACHE/run/$(printf %s "$REPO" | sha256sum | cut -c1-10)
DB=${DEMO_DB:-qms_demo}
PORT=${DEMO_PORT:-8069}
ADDONS_ALL=qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc,qms_iso9001_tthc_connector
QMS_SKIP_BROWSER=1 bash "$REPO/tools/bootstrap.sh"
# shellcheck source=/dev/null
source "$RUN_DIR/env.sh"

installed=$("$ODOO_PY" - "$DB" <<'PY'
import sys, psycopg2
try:
    conn = psycopg2.connect(dbname=sys.argv[1])
    cr = conn.cursor()
    cr.execute("SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN %s",
               [("qms_iso9001", "qms_iso9001_audit", "qms_iso9001_tthc", "qms_iso9001_tthc_connector")])
    print(cr.fetchone()[0])
except psycopg2.Error:
    print(0)
PY
)
if [[ $installed != 4 ]]; then
    echo "==> creating the database $DB with demo data and Vietnamese (about 2 minutes)"
    "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -i "$ADDONS_ALL" --with-demo --load-language=vi_VN \
        --stop-after-init --log-level=warn --http-port="$PORT" \
        || { echo "ERROR: installing the addons into $DB failed; see the messages above."; exit 1; }
    "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --log-level=warn --http-port="$PORT" >/dev/null <<'PY'
env["res.lang"]._activate_lang("vi_VN")
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
env["res.partner"].browse(env.ref("base.main_company").partner_id.id).write({"lang": "vi_VN"})
env.cr.commit()
PY
else
    echo "==> updating the addons in $DB to this checkout"
    "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -u "$ADDONS_ALL" --stop-after-init --log-level=warn \
        --http-port="$PORT" \
        || { echo "ERROR: updating the addons in $DB failed; see the messages above."; exit 1; }
fi
cat <<MSG

  QMS demo: http://127.0.0.1:$PORT/odoo      (database $DB)
  Login: admin / admin      other roles: iso_officer, iso_leader, iso_user, mot_cua, tu_phap,
  pho_giam_doc, unit heads tp_hctp, tp_xdkt (password = login)
  Stop with Ctrl+C.

MSG
# the generated odoo.conf keeps max_cron_threads = 0 for the tests; the demo runs the scheduled
# actions (reminders, escalations, public holidays of the coming year) like a deployment would,
# and the job runner of OCA queue_job (server-wide module) that sends the dossiers' events to the
# connected systems: one job at a time on its own channel, the runner calling this server
export ODOO_QUEUE_JOB_CHANNELS=${ODOO_QUEUE_JOB_CHANNELS:-root:2,root.qms_tthc_connector:1}
export ODOO_QUEUE_JOB_HOST=127.0.0.1 ODOO_QUEUE_JOB_PORT="$PORT"
exec "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --log-level=warn \
    --max-cron-threads=1 --load=base,rpc,web,queue_job
