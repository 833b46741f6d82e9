#!/usr/bin/env bash
# Refresh the translation files of the addons (default: all three) from a working database:
# writes i18n/<addon>.pot and i18n/vi.po, keeping every existing Vietnamese translation and
# adding the new terms with an empty msgstr, to be translated by hand.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
qms_bootstrap --quiet || { echo "i18n: the bootstrap failed (run 'make bootstrap')" >&2; exit 1; }
addons=${1:-qms_iso9001,qms_iso9001_audit,qms_iso9001_tthc}
db=qms_i18n_$(basename "$RUN_DIR")
"$ODOO_BIN" -c "$ODOO_CONF" -d "$db" -i "$addons" -u "$addons" --load-language=vi_VN \
    --stop-after-init --log-level=warn --http-port=0
previous=$(mktemp -d)
trap 'rm -rf "$previous"' EXIT
for addon in ${addons//,/ }; do
    [[ -f $REPO/$addon/i18n/vi.po ]] && cp "$REPO/$addon/i18n/vi.po" "$previous/$addon.po"
done
export_log="$RUN_DIR/i18n-export.log"
if ! "$ODOO_BIN" i18n export -c "$ODOO_CONF" -d "$db" -l pot vi -- ${addons//,/ } >"$export_log" 2>&1; then
    grep -v " INFO " "$export_log" >&2 || :
    echo "i18n: exporting the terms failed; full log: $export_log" >&2
    exit 1
fi
# what Odoo said besides its INFO lines (grep exits 1 when there is nothing to show)
grep -v " INFO " "$export_log" || (($? == 1))
for addon in ${addons//,/ }; do
    "$ODOO_PY" "$REPO/tools/po_prefill.py" "$ODOO_ROOT/odoo/addons" "$REPO/$addon/i18n/vi.po" \
        "$previous/$addon.po"
    empty=$("$ODOO_PY" -c "import polib,sys; print(sum(1 for e in polib.pofile(sys.argv[1]) if not e.msgstr))" \
        "$REPO/$addon/i18n/vi.po")
    echo "$addon/i18n/vi.po: $empty term(s) to translate"
done
