// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportsink.h"
#include "export/runsnapshot.h"

// .json: one object in the shape of the endpoint's response, so other tools read it like a page
// that holds the whole run. The run's fields come first, in the server's order and exactly as
// sent (unknown ones kept); the paging fields page, size and pages are dropped, total_logs is the
// number of entries written; "logs" comes last, every entry byte for byte, oldest first. Fields
// before the big array let a reader show the header at once. Without run fields (a .jsonl
// source) the object holds only "total_logs" and "logs".
namespace JsonExportWriter {
bool write(const RunSnapshot &snapshot, ExportSink &sink);
}
