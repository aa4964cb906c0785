// SPDX-License-Identifier: MIT
// libFuzzer target over an exported run file (.json, .jsonl, sniffed). See fuzz_pageparser.cpp.
#include "fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::runFile(data, size);
    return 0;
}
