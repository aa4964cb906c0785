#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# appstreamcli validate --pedantic, failing on any issue it reports (it exits 0 on warnings, infos
# and pedantic hints). Checks the metainfo this build installs, and the same template as a packager
# with a web site would fill it (homepage and screenshot), since a plain build lists neither.
# Usage: validate-metainfo.sh BUILT_METAINFO PACKAGING_DIR/metainfo.cmake
set -euo pipefail
built=$1 writer=$2

validate() {
    local file=$1 output
    # --no-net: the screenshot address of the second file is an example, and CI may be offline.
    output=$(appstreamcli validate --pedantic --no-net --no-color "$file" 2>&1) || true
    echo "$output"
    if grep -qE '^[EWIP]: ' <<<"$output" || ! grep -q 'Validation was successful' <<<"$output"; then
        echo "FAIL: appstreamcli reports issues in $file" >&2
        return 1
    fi
}

validate "$built"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
with_site=$scratch/dev.runlog.runlog.metainfo.xml
cmake -DOUTPUT="$with_site" -DHOMEPAGE=https://runlog.example/ \
      -DSCREENSHOT_BASE_URL='https://runlog.example/a&b/screenshots/' -P "$writer"
validate "$with_site"
grep -qF '<url type="homepage">https://runlog.example/</url>' "$with_site"
grep -qF '<image type="source">https://runlog.example/a&amp;b/screenshots/main-window.png</image>' "$with_site" \
    || { echo "FAIL: no screenshot at the packager's address in $with_site" >&2; exit 1; }
echo "PASS: both metainfo files validate with no issue"
