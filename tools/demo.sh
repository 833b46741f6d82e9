#!/usr/bin/env bash
# make demo: the database qms_demo with the addons, demo data and Vietnamese, served on
# http://127.0.0.1:8069. A second run reuses the database, updates the addons and starts the
# server. Odoo's own log goes to $RUN_DIR/demo.log; the console shows what to do.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB=${DEMO_DB:-qms_demo}
PORT=${DEMO_PORT:-8069}
ADDONS_ALL=qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc,qms_iso9001_tthc_connector
QMS_SKIP_BROWSER=1 qms_bootstrap || { echo "demo: the bootstrap failed (see the message above)" >&2; exit 1; }
LOG="$RUN_DIR/demo.log"

# odoo_step "what" args...: one Odoo run with its log in $LOG; on failure, the errors it logged
odoo_step() {
    local what=$1
    shift
    echo "==> $what (log: $LOG)"
    if ! "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --logfile="$LOG" --log-level=info \
        --http-port="$PORT" "$@"; then
        echo "ERROR: $what failed. What Odoo logged as errors:" >&2
        grep -E " (ERROR|CRITICAL) " -A 20 "$LOG" | tail -n 60 >&2 || :
        echo "Full log: $LOG" >&2
        exit 1
    fi
}

installed=$("$ODOO_PY" - "$DB" <<'PY'
import sys, psycopg2
try:
    conn = psycopg2.connect(dbname=sys.argv[1])
except psycopg2.OperationalError:
    print(0)  # no such database yet
    sys.exit()
cr = conn.cursor()
cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
if not cr.fetchone()[0]:
    print(0)
    sys.exit()
cr.execute("SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN %s",
           [("qms_iso9001", "qms_iso9001_audit", "qms_iso9001_tthc", "qms_iso9001_tthc_connector")])
print(cr.fetchone()[0])
PY
)
: >"$LOG"
if [[ $installed != 4 ]]; then
    odoo_step "creating the database $DB with demo data and Vietnamese (a few minutes)" \
        -i "$ADDONS_ALL" --with-demo --load-language=vi_VN --stop-after-init
    echo "==> switching the users of $DB to Vietnamese"
    "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --logfile="$LOG" --http-port="$PORT" >/dev/null <<'PY'
env["res.lang"]._activate_lang("vi_VN")
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
env["res.partner"].browse(env.ref("base.main_company").partner_id.id).write({"lang": "vi_VN"})
env.cr.commit()
PY
else
    odoo_step "updating the addons in $DB to this checkout" -u "$ADDONS_ALL" --stop-after-init
fi

cat <<MSG

  ISO điện tử - demo of Sở Tư pháp tỉnh Quảng Trị
  Open   http://127.0.0.1:$PORT/odoo        (database $DB)
  Public look-up of dossiers: http://127.0.0.1:$PORT/tra-cuu-ho-so

  Log in as (password = login)           lands on
    iso_user       Lê Minh Tuấn, civil servant          documents to read
    iso_officer    Nguyễn Thị Lan, standing office      approvals waiting for her
    iso_leader     Trần Văn Hùng, director              approvals waiting for him
    tp_hctp        Võ Đức Thành, unit head              his unit's quality objectives
    tp_xdkt        Đỗ Thị Mai, unit head                her unit's quality objectives
    mot_cua        Đặng Thu Trang, one-stop desk        dossiers with her (to return)
    tu_phap        Hoàng Văn Nam, handler               dossiers with him
    pho_giam_doc   Phạm Thị Hoa, signing deputy         overdue dossiers
    admin / admin  system administrator

  Try first: as iso_user confirm a document as read; as iso_officer review the revision
  waiting in "To Approve"; as mot_cua receive a dossier (Administrative Procedures >
  One-stop Desk > Receive) and print its receipt; as tu_phap hand a dossier on.

  Odoo's log: $LOG
  Stop with Ctrl+C.

MSG
# the generated odoo.conf keeps max_cron_threads = 0 for the tests; the demo runs the scheduled
# actions (reminders, escalations, public holidays of the coming year) like a deployment would,
# and the job runner of OCA queue_job (server-wide module) that sends the dossiers' events to the
# connected systems: one job at a time on its own channel, the runner calling this server
export ODOO_QUEUE_JOB_CHANNELS=${ODOO_QUEUE_JOB_CHANNELS:-root:2,root.qms_tthc_connector:1}
export ODOO_QUEUE_JOB_HOST=127.0.0.1 ODOO_QUEUE_JOB_PORT="$PORT"
exec "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
    --logfile="$LOG" --log-level=info --max-cron-threads=1 --load=base,rpc,web,queue_job
