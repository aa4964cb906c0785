#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes the .deb from a configured and built tree and checks it as Debian would: lintian must
# report no error and no warning (its infos are shown), and the package must hold the man page,
# completion, copyright, changelog, desktop file, metainfo and screenshot. tests/run-all.sh runs it
# on the dev tree, which saves a release build; the release preset's package passes the same way.
# Usage: packaging/check-package.sh BUILD_DIR
set -euo pipefail
build_dir=$(realpath "${1:?usage: packaging/check-package.sh BUILD_DIR}")

rm -rf "$build_dir/package"
if ! cpack_output=$(cd "$build_dir" && cpack -G DEB -B "$build_dir/package" 2>&1); then
    echo "$cpack_output"
    echo "FAIL: cpack could not make the package"
    exit 1
fi
debs=("$build_dir"/package/runlog_*.deb)
deb=${debs[0]}
echo "==> $(basename "$deb")"

contents=$(dpkg-deb --contents "$deb" | awk '{ print $NF }')
missing=0
for path in ./usr/bin/runlog \
            ./usr/share/man/man1/runlog.1.gz \
            ./usr/share/bash-completion/completions/runlog \
            ./usr/share/doc/runlog/copyright \
            ./usr/share/doc/runlog/changelog.gz \
            ./usr/share/applications/dev.runlog.runlog.desktop \
            ./usr/share/metainfo/dev.runlog.runlog.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/dev.runlog.runlog.svg \
            ./usr/share/mime/packages/runlog.xml \
            ./usr/share/runlog/screenshots/main-window.png; do
    grep -qxF "$path" <<<"$contents" || { echo "FAIL: the package has no $path"; missing=1; }
done

# The package's own desktop file registers the runlog scheme.
unpacked=$(mktemp -d)
dpkg-deb --extract "$deb" "$unpacked"
if ! bash "$(dirname "$0")/../tests/packaging/test-scheme-handler.sh" "$unpacked/usr/share/applications/dev.runlog.runlog.desktop"; then
    echo "FAIL: the package's desktop file does not make Runlog the runlog:// handler"
    missing=1
fi
rm -rf "$unpacked"

lintian_options=(--display-info --fail-on error,warning)
[[ $EUID == 0 ]] && lintian_options+=(--allow-root)
echo "==> lintian ${lintian_options[*]}"
status=0
report=$(lintian "${lintian_options[@]}" "$deb" 2>&1) || status=$?
[[ -n $report ]] && echo "$report"
if ((status)) || grep -qE '^[EW]: ' <<<"$report"; then
    echo "FAIL: lintian reports errors or warnings (exit status $status)"
    exit 1
fi
((missing)) && exit 1
echo "PASS: lintian reports no error or warning, and the package holds every file"
