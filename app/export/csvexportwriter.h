#pragma once

#include "export/exportsink.h"
#include "export/runsnapshot.h"

// .csv as RFC 4180: UTF-8 without a byte order mark, CRLF between records, a header row
//   index,created_at,message_type,tool_name,thought,observation,tool_input,tool_output
// then one record per entry, oldest first. index counts from 1, as the window does. Texts are
// written unescaped (a string observation as its text), objects as compact JSON with their
// values unchanged. Every text field is quoted, with quotes doubled, so commas, quotes and line
// breaks inside come back from any CSV reader; JSON null is an empty unquoted field, an empty
// string is "". Values are never altered to defuse spreadsheet formulas: the file is data.
namespace CsvExportWriter {
bool write(const RunSnapshot &snapshot, ExportSink &sink);
}
