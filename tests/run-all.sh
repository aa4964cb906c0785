#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what the build needs, builds, and runs every test: first the dev build, then the .deb
# made from it under lintian, then the whole suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer (RUNLOG_SKIP_SANITIZERS=1 skips that last pass). Exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
run_suite() {
    local preset=$1
    echo "==> ${preset}: configure and build"
    cmake --preset "${preset}" >/dev/null
    cmake --build --preset "${preset}" -j "${jobs}"
    echo "==> ${preset}: tests"
    ctest --preset "${preset}" -j "${jobs}"
}

run_suite dev
echo "==> dev: the .deb under lintian"
bash packaging/check-package.sh build/dev
if [[ "${RUNLOG_SKIP_SANITIZERS:-0}" != 1 ]]; then
    run_suite asan
fi
