// SPDX-License-Identifier: MIT
// libFuzzer target over a Codex CLI rollout (.jsonl). See fuzz_pageparser.cpp.
#include "agentlogfuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::codexRollout(data, size);
    return 0;
}
