// SPDX-License-Identifier: MIT
// libFuzzer target over an OpenHands event stream (.json). See fuzz_pageparser.cpp.
#include "agentlogfuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::openHandsEvents(data, size);
    return 0;
}
