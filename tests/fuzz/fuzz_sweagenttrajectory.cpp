// SPDX-License-Identifier: MIT
// libFuzzer target over a SWE-agent trajectory (.traj). See fuzz_pageparser.cpp.
#include "agentlogfuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzTargets::sweAgentTrajectory(data, size);
    return 0;
}
