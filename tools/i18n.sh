#!/usr/bin/env bash
# Refresh the translation files of the addons (default: all three) from a working database:
# writes i18n/<addon>.pot and i18n/vi.po, keeping every existing Vietnamese translation and
# adding the new terms with an empty msgstr, to be translated by hand.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMS_CACHE=${QMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qms-iso9001}
# one run folder per checkout, so several work trees can share the cache
RUN_DIR=$QMS_CACHE/run/$(printf %s "$REPO" | sha256sum | cut -c1-10)
bash "$REPO/tools/bootstrap.sh" >/dev/null
# shellcheck source=/dev/null
source "$RUN_DIR/env.sh"
addons=${1:-qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc}
db=qms_i18n_$(basename "$RUN_DIR")
"$ODOO_BIN" -c "$ODOO_CONF" -d "$db" -i "$addons" -u "$addons" --load-language=vi_VN \
    --stop-after-init --log-level=warn --http-port=0
previous=$(mktemp -d)
trap 'rm -rf "$previous"' EXIT
for addon in ${addons//,/ }; do
    [[ -f $REPO/$addon/i18n/vi.po ]] && cp "$REPO/$addon/i18n/vi.po" "$previous/$addon.po"
done
"$ODOO_BIN" i18n export -c "$ODOO_CONF" -d "$db" -l pot vi -- ${addons//,/ } 2>&1 | grep -v " INFO " || true
for addon in ${addons//,/ }; do
    "$ODOO_PY" "$REPO/tools/po_prefill.py" "$ODOO_ROOT/odoo/addons" "$REPO/$addon/i18n/vi.po" \
        "$previous/$addon.po"
    empty=$("$ODOO_PY" -c "import polib,sys; print(sum(1 for e in polib.pofile(sys.argv[1]) if not e.msgstr))" \
        "$REPO/$addon/i18n/vi.po")
    echo "$addon/i18n/vi.po: $empty term(s) to translate"
done
