#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what the build needs, builds, and runs every test: first the dev build, then the .deb
# made from it under lintian, then the core's suites again under AddressSanitizer +
# UndefinedBehaviorSanitizer (RUNLOG_SKIP_SANITIZERS=1 skips that last pass). Exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
run_suite() {
    local preset=$1
    shift
    echo "==> ${preset}: configure and build"
    cmake --preset "${preset}" "$@" >/dev/null
    cmake --build --preset "${preset}" -j "${jobs}"
    echo "==> ${preset}: tests"
    ctest --preset "${preset}" -j "${jobs}"
}
# The core's suites alone (tests/CMakeLists.txt: runlog_core_tests, core-tests.regex).
run_core_suites() {
    local preset=$1
    shift
    echo "==> ${preset}: configure and build the core's suites"
    cmake --preset "${preset}" "$@" >/dev/null
    cmake --build --preset "${preset}" -j "${jobs}" --target runlog_core_tests
    echo "==> ${preset}: the core's suites"
    ctest --preset "${preset}" -j "${jobs}" -R "$(cat "build/${preset}/core-tests.regex")"
}

# What is built only to be run by hand (benchmarks, screenshot tools) is left out: it costs CI
# minutes and tests nothing. (The release preset builds the benchmarks.)
run_suite dev -DRUNLOG_BUILD_BENCHMARKS=OFF -DRUNLOG_BUILD_SCREENSHOTS=OFF
echo "==> dev: the .deb under lintian"
bash packaging/check-package.sh build/dev
if [[ "${RUNLOG_SKIP_SANITIZERS:-0}" != 1 ]]; then
    # The sanitizers watch the core's suites: loaders, parsers, the library, search, the query
    # language, insights, compare, notes, the hand-over's socket. The real binary's and the
    # window's suites run in the dev stage above; building the whole UI instrumented for them took
    # CI past 30 minutes on two cores. (`cmake --preset asan && cmake --build --preset asan &&
    # ctest --preset asan` runs everything instrumented, by hand.)
    run_core_suites asan -DRUNLOG_BUILD_SCREENSHOTS=OFF -DRUNLOG_BUILD_WINDOW_TESTS=OFF
fi
