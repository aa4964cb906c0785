// SPDX-License-Identifier: MIT
// libFuzzer target over a page body. Build with -DRUNLOG_BUILD_FUZZERS=ON and clang; run e.g.
//   fuzz_pageparser -max_total_time=600 -rss_limit_mb=2048 corpus-work tests/fuzz/corpus/pageparser
#include "fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::pageParser(data, size);
    return 0;
}
