// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportsink.h"
#include "export/runsnapshot.h"

// .jsonl (JSON Lines): one entry per line, oldest first, exactly as the server sent it. Only an
// entry that itself spans lines (whitespace between its tokens) is written without that
// whitespace, which changes no value: a line must hold one whole entry.
namespace JsonlExportWriter {
bool write(const RunSnapshot &snapshot, ExportSink &sink);
}
