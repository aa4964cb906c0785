#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The desktop file makes Runlog the handler of runlog:// links, as a desktop finds it: registered
# in a folder of its own (update-desktop-database), `gio mime` names it for x-scheme-handler/runlog,
# `gio open LINK` starts it with the link, and `gio launch` with a file gives it the file's path.
# A stand-in named runlog records what it is started with: no window, no display needed.
# Usage: test-scheme-handler.sh DESKTOP_FILE
set -uo pipefail
desktop=$(realpath "${1:?usage: test-scheme-handler.sh DESKTOP_FILE}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/share/applications" "$work/home" "$work/bin"
cp "$desktop" "$work/share/applications/"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/arguments"\n' "$work" > "$work/bin/runlog"
chmod +x "$work/bin/runlog"
update-desktop-database "$work/share/applications" || exit 1
export PATH="$work/bin:$PATH" XDG_DATA_DIRS="$work/share" XDG_DATA_HOME="$work/home" \
       XDG_CONFIG_HOME="$work/home" XDG_CONFIG_DIRS="$work/home"

failures=0
expect() {
    if [[ $2 == "$3" ]]; then echo "PASS: $1"; else echo "FAIL: $1: expected [$2], got [$3]"; failures=$((failures + 1)); fi
}
started_with() { # waits for the stand-in, which gio starts without waiting for it
    for _ in $(seq 50); do [[ -s $work/arguments ]] && break; sleep 0.1; done
    cat "$work/arguments" 2>/dev/null
    rm -f "$work/arguments"
}

name=$(basename "$desktop")
expect "the scheme's default handler" "Default application for “x-scheme-handler/runlog”: $name" \
       "$(timeout 20 gio mime x-scheme-handler/runlog | head -n 1)"
link='runlog://run?org=7&run=42&entry=1412'
timeout 20 gio open "$link"
expect "gio open passes the link" "$link" "$(started_with)"
touch "$work/a run.json"
timeout 20 gio launch "$work/share/applications/$name" "$work/a run.json"
expect "a file still arrives as its path" "$work/a run.json" "$(started_with)"
((failures == 0))
