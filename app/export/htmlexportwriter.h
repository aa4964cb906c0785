// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportsink.h"
#include "export/runsnapshot.h"

// .html: one self-contained page that looks like Runlog: the run's summary, then every entry as
// a collapsible <details> (index, time, type, tool, one-line summary), the thought as text and
// the payloads pretty-printed. No script, no external resource (a Content-Security-Policy says
// so to the browser too), so it works offline and from a mail attachment. Every value is
// HTML-escaped, so nothing an entry holds can become markup or script.
namespace HtmlExportWriter {
bool write(const RunSnapshot &snapshot, ExportSink &sink);
}
