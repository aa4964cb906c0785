// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportsink.h"
#include "export/runsnapshot.h"

// .csv as RFC 4180: UTF-8, CRLF between records, a header row
//   index,created_at,message_type,tool_name,thought,observation,tool_input,tool_output,other_run_id
// then one record per entry, oldest first. index counts from 1, as the window does. Texts are
// written unescaped (a string observation as its text), objects as compact JSON with their
// values unchanged. Every text field is quoted, with quotes doubled, so commas, quotes and line
// breaks inside come back from any CSV reader; JSON null is an empty unquoted field, an empty
// string is "". other_run_id is the entry's agent_run_id when it is not the exported run's (the
// server sent an entry of another run among this run's), empty otherwise and when the run is
// not known (a .jsonl source).
//
// The file starts with a UTF-8 byte order mark unless snapshot.csvByteOrderMark is false: without
// one, LibreOffice's import and Excel's double-click take the file for the local code page and
// show 日本語 as æ—¥æœ¬èªž. RFC 4180 readers that know UTF-8 (Python's utf-8-sig, pandas) skip it.
//
// A spreadsheet runs a cell that begins with =, +, -, @, a tab or a carriage return as a
// formula, and an agent's thoughts and tool output are someone else's text. Such a cell is
// written with a ' in front, as OWASP recommends ("CSV injection"); the ' is the only change,
// and a reader that wants the exact value takes the JSON export.
namespace CsvExportWriter {
bool write(const RunSnapshot &snapshot, ExportSink &sink);
}
