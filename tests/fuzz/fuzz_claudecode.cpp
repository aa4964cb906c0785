// SPDX-License-Identifier: MIT
// libFuzzer target over a Claude Code transcript (issue 28). See fuzz_pageparser.cpp.
#include "fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::claudeCode(data, size);
    return 0;
}
