#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what Runlog needs to build, test and run on Debian 12 (bookworm), as root.
# Idempotent: packages already present are left as they are.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config git
    # build: a faster linker (CMakeLists.txt uses it when present; RUNLOG_USE_LLD=OFF opts out)
    lld
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-httpserver-dev qtkeychain-qt6-dev libsimdjson-dev libsqlite3-dev libgl-dev
    # build: libzip, which reads Inspect's .eval logs (ZIP archives) from memory
    libzip-dev
    # build: PCRE2's own API (the library Qt's regular expressions use), to count a regular
    # expression's matches without a match object each (optional: slower without)
    libpcre2-dev
    # run: Qt's X11 platform plugin, fonts that cover emoji and most scripts (Chinese, Japanese
    # and Korean too: without fonts-noto-cjk the demo's Japanese shows as boxes)
    libqt6widgets6 qt6-qpa-plugins fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji fonts-noto-cjk
    # run: Qt's SQLite driver for the library of runs (Debian's links the system SQLite, whose
    # FTS5 and trigram tokenizer the cross-run search needs; qt6-base-dev brings the QtSql headers)
    libqt6sql6-sqlite
    # run: libsecret, which QtKeychain loads at run time to reach the Secret Service (GNOME
    # Keyring, KeePassXC, KWallet 5.97+); libqt6keychain1 does not depend on it
    libsecret-1-0
    # test: a virtual display for the window and xwininfo to see it (tst_demosmoke), python3 for
    # independent JSON/CSV checks
    xvfb xauth x11-utils python3
    # test: a private Secret Service for the keychain round trip (tests/settings/with-secret-service.sh)
    dbus-daemon gnome-keyring
    # packaging: the man page, the .deb (CPack runs dpkg-shlibdeps and file), and its checks
    help2man dpkg-dev file lintian desktop-file-utils appstream man-db bash-completion
    # packaging: gio, to check the runlog:// scheme opens Runlog (tests/packaging/test-scheme-handler.sh)
    libglib2.0-bin
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
