// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportsink.h"
#include "export/runsnapshot.h"

// .md: a transcript to read or paste into an issue. A heading with the run's summary, then one
// section per entry (index, time, type, tool), the thought as text, and the payloads as pretty
// JSON in fenced code blocks. Nothing an entry holds can become Markdown structure of the
// document: texts are backslash-escaped (CommonMark allows it for any ASCII punctuation), their
// leading whitespace is written as character references, line breaks become hard breaks, and
// every fence is longer than the longest run of backticks inside it.
namespace MarkdownExportWriter {
bool write(const RunSnapshot &snapshot, ExportSink &sink);
}
