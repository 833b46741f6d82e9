#!/usr/bin/env bash
# Downloads Debian's odoo-19 package (suite sid) into $1/apt/debs with a private apt state,
# reusing the Debian mirror the machine is already configured with. The system's apt state is
# left untouched; apt verifies the index signature with Debian's archive keyring.
set -euo pipefail
cache=$1 log=$2
aptdir="$cache/apt"
mkdir -p "$aptdir"/{sources,lists/partial,cache/archives/partial,debs}

mirror=$(python3 - <<'PY'
import glob, re
uris = []
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    text = open(path, encoding="utf-8").read()
    for stanza in re.split(r"\n\s*\n", text):
        fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.+)$", stanza, re.M))
        if fields.get("Enabled", "yes").lower() == "no":
            continue
        if "debian-archive-keyring" in fields.get("Signed-By", "") or "debian" in fields.get("URIs", ""):
            uris += [u for u in fields.get("URIs", "").split() if "security" not in u]
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        continue
    for line in lines:
        m = re.match(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line.strip())
        if m and "security" not in m.group(1) and "debian" in m.group(1):
            uris.append(m.group(1))
print(uris[0] if uris else "")
PY
)
if [[ -z $mirror ]]; then
    echo "no Debian mirror found in /etc/apt/sources.list*; add one (or set ODOO_SRC)" >&2
    exit 1
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || { echo "missing $keyring (package debian-archive-keyring)" >&2; exit 1; }
cat >"$aptdir/sources/odoo.sources" <<SRC
Types: deb
URIs: $mirror
Suites: sid
Components: main
Signed-By: $keyring
SRC
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$aptdir/sources"
    -o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache"
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
echo "    downloading odoo-19 from Debian sid (~123 MB)"
apt-get "${apt_opts[@]}" update >>"$log" 2>&1
(cd "$aptdir/debs" && apt-get "${apt_opts[@]}" download odoo-19 >>"$log" 2>&1)
ls "$aptdir"/debs/odoo-19_*.deb >/dev/null
