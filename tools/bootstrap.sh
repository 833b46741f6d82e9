#!/usr/bin/env bash
# Brings a bare Debian/Ubuntu machine to the point where Odoo 19 can run the QMS addons.
#
# Everything downloaded or built lives under $QMS_CACHE (default ~/.cache/qms-iso9001), so a
# second run only checks stamps. At the end it writes $QMS_CACHE/run/env.sh, which the other
# scripts source: ODOO_PY (python of the venv), ODOO_CONF (generated odoo.conf), PG* values.
#
# Environment: ODOO_SRC=/path  use an existing Odoo 19 source tree (the folder holding `odoo/`).
#              PGHOST/PGPORT/PGUSER  a PostgreSQL server to use.
#              QMS_SKIP_BROWSER=1    do not install chromium (demo only).
set -euo pipefail

# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ODOO_DEB_VERSION_GLOB="odoo-19_19.0*"
SELFIE_NPM="@mediapipe/selfie_segmentation@0.1.1675465747"
PRIVATE_PG_PORT=${QMS_PRIVATE_PG_PORT:-54329}
mkdir -p "$QMS_CACHE/log" "$RUN_DIR"
LOG="$RUN_DIR/bootstrap.log"
: >"$LOG"
# Several checkouts share the cache: two bootstraps building the same venv or Odoo tree at once
# would remove each other's files. One runs at a time; the others wait, then only check stamps.
if command -v flock >/dev/null; then
    exec 9>"$QMS_CACHE/bootstrap.lock"
    flock 9
    # the server started below must not keep the lock (see 9>&- on pg_ctl)
fi

STEP="start"
step() {
    STEP=$1
    printf '==> %s\n' "$STEP"
}
fail() {
    printf '\nERROR during "%s": %s\n' "$STEP" "$1" >&2
    [[ -n ${2:-} ]] && printf 'What to do: %s\n' "$2" >&2
    printf 'Full log: %s\n' "$LOG" >&2
    exit 1
}
trap 'fail "command failed (line $LINENO): $BASH_COMMAND" "read the log below, fix the cause and run the command again"' ERR

as_root() {
    if [[ $(id -u) == 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        fail "root rights are needed to run: $*" "run as root, install sudo, or install the Debian packages yourself"
    fi
}

APT_UPDATED=""
apt_install() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    command -v apt-get >/dev/null || fail "missing system packages: ${missing[*]}" "install them with your package manager"
    echo "    installing Debian packages: ${missing[*]}"
    if [[ -z $APT_UPDATED ]]; then
        as_root apt-get update >>"$LOG" 2>&1 || fail "apt-get update failed" "check the machine's apt sources and network"
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1 \
        || fail "apt-get install ${missing[*]} failed" "see the log; the packages must come from Debian's bookworm (or newer) archive"
}

# ---------------------------------------------------------------------------------------------
step "system packages"
apt_install ca-certificates curl python3-venv libjs-jquery libjs-underscore libjs-jquery-form \
    fonts-font-awesome fonts-roboto-unhinted fonts-inconsolata fonts-dejavu-core wkhtmltopdf
if [[ -z ${QMS_SKIP_BROWSER:-} ]]; then
    apt_install chromium
fi

# ---------------------------------------------------------------------------------------------
step "Odoo 19 source"
if [[ -n ${ODOO_SRC:-} ]]; then
    [[ -f $ODOO_SRC/odoo/release.py ]] || fail "ODOO_SRC=$ODOO_SRC holds no odoo/release.py" \
        "point ODOO_SRC at the folder that contains the 'odoo' package (an Odoo 19 checkout)"
    ODOO_ROOT=$(cd "$ODOO_SRC" && pwd)
else
    ODOO_ROOT=""
    for found in "$QMS_CACHE"/odoo-src/*/usr/lib/python3/dist-packages; do
        [[ -f $found/.qms-ready ]] && ODOO_ROOT=$found
    done
    if [[ -z $ODOO_ROOT ]]; then
        "$REPO/tools/fetch_odoo_deb.sh" "$QMS_CACHE" "$LOG" || fail "could not get Debian's odoo-19 package" \
            "check that the machine's Debian mirror is reachable (apt-get update works)"
        deb=$(ls -1 "$QMS_CACHE"/apt/debs/$ODOO_DEB_VERSION_GLOB.deb | tail -n 1)
        dest="$QMS_CACHE/odoo-src/$(basename "$deb" .deb)"
        rm -rf "$dest"
        mkdir -p "$dest"
        echo "    unpacking $(basename "$deb")"
        dpkg -x "$deb" "$dest"
        ODOO_ROOT="$dest/usr/lib/python3/dist-packages"
        python3 "$REPO/tools/repair_odoo_links.py" "$dest" >>"$LOG" 2>&1 \
            || fail "repairing the package's symlinks failed"
        selfie_dir="$ODOO_ROOT/odoo/addons/mail/static/lib/selfie_segmentation"
        if [[ ! -s $selfie_dir/selfie_segmentation.js ]]; then
            command -v npm >/dev/null || apt_install npm
            tmp=$(mktemp -d)
            (cd "$tmp" && npm pack --silent "$SELFIE_NPM" >>"$LOG" 2>&1) \
                || fail "npm pack $SELFIE_NPM failed" "check that the npm registry is reachable"
            tar -xzf "$tmp"/*.tgz -C "$tmp"
            mkdir -p "$selfie_dir"
            cp "$tmp/package/selfie_segmentation.js" "$selfie_dir/"
            rm -rf "$tmp"
        fi
        touch "$ODOO_ROOT/.qms-ready"
    fi
fi
ADDONS_PATH="$ODOO_ROOT/odoo/addons"
[[ -d $ODOO_ROOT/addons ]] && ADDONS_PATH="$ODOO_ROOT/addons,$ADDONS_PATH"
ADDONS_PATH="$REPO,$ADDONS_PATH"

# ---------------------------------------------------------------------------------------------
step "Python virtualenv"
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10) or sys.version_info >= (3, 14))' \
    || fail "$PYTHON is $($PYTHON -V 2>&1); Odoo 19 needs Python 3.10 to 3.13" "set PYTHON=/path/to/python3.11"
req_hash=$( (cat "$REPO/requirements.txt" "$REPO/requirements-odoo-addons.txt"; "$PYTHON" -V) | sha256sum | cut -c1-12)
VENV="$QMS_CACHE/venv-$req_hash"
if [[ ! -f $VENV/.qms-ready ]]; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV" >>"$LOG" 2>&1 || fail "python -m venv failed" "install python3-venv"
    echo "    installing requirements.txt into $VENV (about a minute)"
    "$VENV/bin/pip" install --quiet --upgrade pip wheel >>"$LOG" 2>&1 \
        || fail "pip install --upgrade pip wheel failed" "see the log; PyPI must be reachable"
    "$VENV/bin/pip" install --quiet -r "$REPO/requirements.txt" >>"$LOG" 2>&1 \
        || fail "pip install -r requirements.txt failed" "see the log; PyPI must be reachable"
    # OCA addons (fastapi, queue_job, ...): their wheels require `odoo`, which is not on PyPI;
    # their real Python dependencies are already in requirements.txt
    echo "    installing the OCA addons of requirements-odoo-addons.txt"
    "$VENV/bin/pip" install --quiet --no-deps -r "$REPO/requirements-odoo-addons.txt" >>"$LOG" 2>&1 \
        || fail "pip install --no-deps -r requirements-odoo-addons.txt failed" "see the log; PyPI must be reachable"
    touch "$VENV/.qms-ready"
fi
ODOO_PY="$VENV/bin/python"
# the OCA wheels unpack into site-packages/odoo/addons: one more addons folder
OCA_ADDONS="$("$ODOO_PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
[[ -f $OCA_ADDONS/fastapi/__manifest__.py ]] || fail "the OCA addons are missing from $OCA_ADDONS" \
    "remove $VENV and run the command again"
ADDONS_PATH="$ADDONS_PATH,$OCA_ADDONS"

# ---------------------------------------------------------------------------------------------
step "PostgreSQL"
pg_try() { # host port user -> 0 when a login works and the role may create databases
    PGCONNECT_TIMEOUT=3 "$ODOO_PY" - "$@" <<'PY' >>"$LOG" 2>&1
import sys, psycopg2
host, port, user = sys.argv[1:4]
conn = psycopg2.connect(host=host or None, port=int(port), user=user, dbname="postgres")
cr = conn.cursor()
cr.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
sys.exit(0 if cr.fetchone()[0] else 3)
PY
}
pg_create_role() { # host port psql-command... -> creates $PG_USER (LOGIN CREATEDB, no superuser);
    # status 1 when the role exists already (left as it is); any other failure stops the bootstrap
    local h=$1 p=$2
    shift 2
    local exists
    exists=$("$@" -h "$h" -p "$p" -d postgres -v ON_ERROR_STOP=1 -v role="$PG_USER" -At 2>>"$LOG" <<'SQL'
SELECT 1 FROM pg_roles WHERE rolname = :'role';
SQL
) || fail "cannot read the roles of PostgreSQL at $h:$p" "see $LOG"
    if [[ -n $exists ]]; then
        echo "    the role $PG_USER exists at $h:$p but cannot log in or lacks CREATEDB" >>"$LOG"
        return 1
    fi
    "$@" -h "$h" -p "$p" -d postgres -v ON_ERROR_STOP=1 -v role="$PG_USER" >>"$LOG" 2>&1 <<'SQL' \
        || fail "creating the PostgreSQL role $PG_USER at $h:$p failed" "see $LOG"
CREATE ROLE :"role" LOGIN CREATEDB;
SQL
    echo "    created the PostgreSQL role $PG_USER (LOGIN CREATEDB) at $h:$p"
}
PG_USER=${PGUSER:-$(id -un)}
[[ $PG_USER == postgres ]] && fail "Odoo refuses to connect as the 'postgres' role" "set PGUSER to another role"
PG_HOST="" PG_PORT=""
if [[ -n ${PGHOST:-} ]]; then
    candidates=("$PGHOST:${PGPORT:-5432}")
else
    candidates=("127.0.0.1:${PGPORT:-5432}" "/var/run/postgresql:${PGPORT:-5432}" "$QMS_CACHE/pg/run:$PRIVATE_PG_PORT")
fi
for c in "${candidates[@]}"; do
    h=${c%:*} p=${c##*:}
    if pg_try "$h" "$p" "$PG_USER"; then PG_HOST=$h PG_PORT=$p; break; fi
    # The server answers but our role is missing: create it through the postgres superuser.
    if [[ $(id -u) == 0 ]] && [[ -S ${h#/}/.s.PGSQL.$p || $h == /* || $h == 127.0.0.1 ]] \
        && runuser -u postgres -- psql -U postgres -h "$h" -p "$p" -d postgres -Atc "select 1" >>"$LOG" 2>&1; then
        # status 1: the role exists already, and cannot be used from here
        if pg_create_role "$h" "$p" runuser -u postgres -- psql -U postgres; then
            if pg_try "$h" "$p" "$PG_USER"; then PG_HOST=$h PG_PORT=$p; break; fi
            # e.g. TCP asks a password the new role has none of: the socket (peer) may do
            echo "    the new role $PG_USER cannot log in at $h:$p; trying the next server" | tee -a "$LOG"
        fi
    fi
done
if [[ -z $PG_HOST && -n ${PGHOST:-} ]]; then
    fail "cannot log in to PostgreSQL at $PGHOST:${PGPORT:-5432} as $PG_USER with CREATEDB" \
        "check PGHOST/PGPORT/PGUSER (password in ~/.pgpass), or unset PGHOST to let the script start its own server"
fi
if [[ -z $PG_HOST ]]; then
    echo "    no reachable server: starting a private cluster in $QMS_CACHE/pg"
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $bindir ]]; then
        apt_install postgresql
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    pgdir="$QMS_CACHE/pg"
    mkdir -p "$pgdir/run"
    run_pg=()
    if [[ $(id -u) == 0 ]]; then
        id postgres >/dev/null 2>&1 || fail "running as root but there is no 'postgres' system user" "install Debian's postgresql package"
        chown -R postgres "$pgdir"
        # the server runs as postgres and must reach its data folder inside the cache
        chmod 755 "$QMS_CACHE" "$(dirname "$QMS_CACHE")" \
            || fail "cannot open $QMS_CACHE to the postgres user" "set QMS_CACHE to a folder the postgres user can reach"
        run_pg=(runuser -u postgres --)
        "${run_pg[@]}" test -x "$pgdir" || fail "the postgres user cannot reach $pgdir" \
            "set QMS_CACHE to a folder the postgres user can reach (e.g. /var/cache/qms-iso9001), or PGHOST to a running server"
    fi
    if [[ ! -f $pgdir/data/PG_VERSION ]]; then
        "${run_pg[@]}" "$bindir/initdb" -D "$pgdir/data" -A trust -E UTF8 --locale=C.UTF-8 >>"$LOG" 2>&1 \
            || fail "initdb failed"
    fi
    "${run_pg[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
        -o "-p $PRIVATE_PG_PORT -k $pgdir/run -c listen_addresses=''" start >>"$LOG" 2>&1 9>&- \
        || "${run_pg[@]}" "$bindir/pg_ctl" -D "$pgdir/data" status >>"$LOG" 2>&1 \
        || fail "the private PostgreSQL did not start" "see $pgdir/server.log"
    PG_HOST="$pgdir/run" PG_PORT=$PRIVATE_PG_PORT
    bootstrap_role=$([[ $(id -u) == 0 ]] && echo postgres || id -un)
    if [[ $bootstrap_role != "$PG_USER" ]]; then
        pg_create_role "$PG_HOST" "$PG_PORT" "${run_pg[@]}" "$bindir/psql" -U "$bootstrap_role" || :
    fi
    pg_try "$PG_HOST" "$PG_PORT" "$PG_USER" || fail "the private PostgreSQL refuses $PG_USER" "see $LOG"
fi
echo "    using PostgreSQL at $PG_HOST:$PG_PORT as $PG_USER"

# ---------------------------------------------------------------------------------------------
step "configuration"
# no cron threads here: tests must not be disturbed by scheduled actions; tools/demo.sh starts
# the demo server with --max-cron-threads=1
ODOO_CONF="$RUN_DIR/odoo.conf"
cat >"$ODOO_CONF" <<EOF
[options]
addons_path = $ADDONS_PATH
data_dir = $QMS_CACHE/data
db_host = $PG_HOST
db_port = $PG_PORT
db_user = $PG_USER
$([[ -n ${PGPASSWORD:-} ]] && echo "db_password = $PGPASSWORD")
http_interface = 127.0.0.1
max_cron_threads = 0
EOF
ODOO_BIN="$RUN_DIR/odoo-bin"
cat >"$ODOO_BIN" <<EOF
#!/bin/sh
# Odoo 19 from $ODOO_ROOT with the project's virtualenv.
PYTHONPATH="$ODOO_ROOT\${PYTHONPATH:+:\$PYTHONPATH}" exec "$ODOO_PY" -c "import odoo.cli; odoo.cli.main()" "\$@"
EOF
chmod +x "$ODOO_BIN"
cat >"$RUN_DIR/env.sh" <<EOF
ODOO_PY="$ODOO_PY"
ODOO_BIN="$ODOO_BIN"
ODOO_CONF="$ODOO_CONF"
ODOO_ROOT="$ODOO_ROOT"
VENV="$VENV"
export PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER="$PG_USER"
EOF
echo "    ready: $ODOO_CONF"
