// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

// The fuzz targets of the converters of other agents' logs (app/agentlogs), shared by the
// libFuzzer executables and tst_fuzzcorpus as fuzztargets.h's are. Each runs the format's
// detector and converter over any bytes and stops (a trap) where a promise is broken: a failed
// conversion hands over entries or no sentence, a successful one an entry that is not a JSON
// object with its agent_run_id and its place, or two formats claim the same head.
namespace FuzzTargets {
void codexRollout(const std::uint8_t *data, std::size_t size);
void sweAgentTrajectory(const std::uint8_t *data, std::size_t size);
void openHandsEvents(const std::uint8_t *data, std::size_t size);
// A .json log or an .eval archive: the samples listed, then each converted (the first eight).
void inspectLog(const std::uint8_t *data, std::size_t size);
}
