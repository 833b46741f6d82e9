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
    # stderr too: what libraries print outside the logger (docutils rendering the OCA
    # addons' READMEs, Odoo's warning about running as root) belongs with the log
    if ! "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --logfile="$LOG" --log-level=info \
        --http-port="$PORT" "$@" 2>>"$LOG"; then
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
    "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --logfile="$LOG" --http-port="$PORT" >>"$LOG" 2>&1 <<'PY' \
        || { echo "ERROR: switching the users to Vietnamese failed; see $LOG" >&2; exit 1; }
env["res.lang"]._activate_lang("vi_VN")
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
env["res.partner"].browse(env.ref("base.main_company").partner_id.id).write({"lang": "vi_VN"})
env.cr.commit()
PY
else
    odoo_step "updating the addons in $DB to this checkout" -u "$ADDONS_ALL" --stop-after-init
fi

cat <<MSG

  ISO điện tử - demo of Sở Tư pháp tỉnh Quảng Trị (web client in Vietnamese)
  Open    http://127.0.0.1:$PORT/odoo        (database $DB)
  Public look-up of dossiers (no login): http://127.0.0.1:$PORT/tra-cuu-ho-so

  Log in as (password = login)                             home screen
    iso_user      Lê Minh Tuấn, civil servant            Tài liệu cần đọc (documents to read)
    iso_officer   Nguyễn Thị Lan, standing office        Cần phê duyệt (approvals waiting for her)
    iso_leader    Trần Văn Hùng, director                Cần phê duyệt (approvals waiting for him)
    tp_hctp       Võ Đức Thành, head of a unit           Mục tiêu của đơn vị tôi (his unit's objectives)
    tp_xdkt       Đỗ Thị Mai, head of a unit             Mục tiêu của đơn vị tôi (her unit's objectives)
    mot_cua       Đặng Thu Trang, one-stop desk          Hồ sơ của tôi (dossiers she holds)
    tu_phap       Hoàng Văn Nam, dossier handler         Hồ sơ của tôi (dossiers he holds)
    pho_giam_doc  Phạm Thị Hoa, signing deputy director  Quá hạn (overdue dossiers)
    admin         (password admin) system administrator

  Try first:
    1. iso_user: open the quality manual, issue 02, and press "Xác nhận đã đọc".
    2. iso_officer: review the nonconformity procedure waiting in "Cần phê duyệt";
       then iso_leader approves the internal audit procedure.
    3. mot_cua: "Thủ tục hành chính > Bộ phận Một cửa > Tiếp nhận hồ sơ", receive a dossier,
       print its receipt (form 01), "Chuyển xử lý" to tu_phap.
    4. pho_giam_doc: the overdue dossier on her home screen is held by tu_phap, who
       apologises to the applicant with a new appointment ("Xin lỗi", form 04).

  Odoo's log: $LOG
  Stop with Ctrl+C.

MSG
# the generated odoo.conf keeps max_cron_threads = 0 for the tests; the demo runs the scheduled
# actions (reminders, escalations, public holidays of the coming year) like a deployment would,
# and the job runner of OCA queue_job (server-wide module) that sends the dossiers' events to the
# connected systems: one job at a time on its own channel, the runner calling this server
export ODOO_QUEUE_JOB_CHANNELS=${ODOO_QUEUE_JOB_CHANNELS:-root:2,root.qms_tthc_connector:1}
export ODOO_QUEUE_JOB_HOST=127.0.0.1 ODOO_QUEUE_JOB_PORT="$PORT"
# the server's stderr stays on the console (a port already in use must show), without Odoo's
# line about running as root
exec "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
    --logfile="$LOG" --log-level=info --max-cron-threads=1 --load=base,rpc,web,queue_job \
    2> >(grep --line-buffered -v "^Running as user 'root' is a security risk" >&2)
