#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a command against a real, private Secret Service: a new D-Bus session bus with its own
# gnome-keyring-daemon whose login keyring is created with a throwaway password and unlocked, all
# under a temporary HOME and XDG directories, so no desktop is needed and the user's own keyring
# is never touched. Everything it started stops when the command ends (the daemon leaves with
# its bus).
#
#   with-secret-service.sh COMMAND [ARG...]
set -euo pipefail

for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "with-secret-service.sh: $tool not found (packaging/install-deps.sh installs it)" >&2; exit 1; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# QtKeychain picks its backend from the desktop: keep it on the Secret Service.
unset DISPLAY WAYLAND_DISPLAY XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID

# (Run as root, dbus-daemon warns that it cannot raise its fd limit: harmless.)
dbus-run-session -- bash -c '
    set -euo pipefail
    # --unlock reads the new login keyring'"'"'s password from stdin. It must not be empty: with
    # an empty one no login keyring is made, and the first write asks a prompter that cannot
    # open a window.
    printf "runlog-test" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
    exec "$@"
' with-secret-service "$@"
