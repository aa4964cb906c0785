#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what the build needs, builds, and runs every test: first the dev build, then the .deb
# made from it under lintian, then the suites of what reads untrusted input again under AddressSanitizer +
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
# The suites of the parts that read untrusted input (tests/CMakeLists.txt:
# runlog_untrusted_input_tests, untrusted-input-tests.regex).
run_untrusted_input_suites() {
    local preset=$1
    shift
    echo "==> ${preset}: configure and build the suites of what reads untrusted input"
    cmake --preset "${preset}" "$@" >/dev/null
    cmake --build --preset "${preset}" -j "${jobs}" --target runlog_untrusted_input_tests
    echo "==> ${preset}: the suites of what reads untrusted input"
    ctest --preset "${preset}" -j "${jobs}" -R "$(cat "build/${preset}/untrusted-input-tests.regex")"
}

# What is built only to be run by hand (benchmarks, screenshot tools) is left out: it costs CI
# minutes and tests nothing. (The release preset builds the benchmarks.) Debug information is
# line tables only (-g1, as the asan preset has), enough for a backtrace's files and lines: full
# -g made compiling and linking the suites a good part of CI's 30 minutes (1,842 s here with this
# stop's suites). The package is stripped either way. The libraries compile in batches
# (RUNLOG_UNITY_BUILD, CMakeLists.txt): a batch parses Qt's headers once for all its files.
run_suite dev -DRUNLOG_BUILD_BENCHMARKS=OFF -DRUNLOG_BUILD_SCREENSHOTS=OFF -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DRUNLOG_UNITY_BUILD=ON
echo "==> dev: the .deb under lintian"
bash packaging/check-package.sh build/dev
if [[ "${RUNLOG_SKIP_SANITIZERS:-0}" != 1 ]]; then
    # The sanitizers watch what reads bytes from outside: pages and JSON, run files of every
    # format, other agents' logs, the query language and regular expressions, the fuzz corpora.
    # Every suite runs in the dev stage above; building all the core's suites instrumented as well
    # took CI past 30 minutes on two cores. (`cmake --preset asan && cmake --build --preset asan &&
    # ctest --preset asan` runs everything instrumented, by hand.)
    run_untrusted_input_suites asan -DRUNLOG_BUILD_SCREENSHOTS=OFF -DRUNLOG_BUILD_WINDOW_TESTS=OFF -DRUNLOG_UNITY_BUILD=ON
fi
