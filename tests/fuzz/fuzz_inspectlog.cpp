// SPDX-License-Identifier: MIT
// libFuzzer target over an Inspect eval log (.json or .eval archive). See fuzz_pageparser.cpp.
#include "agentlogfuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::inspectLog(data, size);
    return 0;
}
