// SPDX-License-Identifier: MIT
#pragma once

#include "rows/pagecache.h"
#include "run/runinfo.h"
#include "run/sampleref.h"

#include <QString>

#include <optional>

class LogStore;
struct LogEntry;

// Another agent's log, once read, goes into the library like a run fetched from the API: listed
// in the Library (its agent's format named), searched by Search All Runs, opened again from there.
// Its origin is the file (and sample), see FileOrigin; its organization 0, its run the id the
// conversion derived from the session.
namespace AgentRunStore {

PageCache::Key keyOf(const QString &path, const std::optional<SampleRef> &sample, const RunInfo &run);

// Hands the run's fields and every entry of `entries` to `cache` (which writes on its own
// thread), in pieces of a bounded size. Nothing for a Codegen file (no agent) or a null cache.
// The run's fields as the window shows them, from what store() kept (`stored`, as the library
// reads it back) and its first entry: the agent and format named by the metadata, the title by
// the summary, no times when the first entry has none (SWE-agent). What the conversion read over
// is not kept.
RunInfo restoredRunInfo(const RunInfo &stored, const LogEntry &firstEntry);

void store(PageCache *cache, const QString &path, const std::optional<SampleRef> &sample, const RunInfo &run,
           const LogStore &entries);

} // namespace AgentRunStore
