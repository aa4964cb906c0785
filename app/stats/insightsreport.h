// SPDX-License-Identifier: MIT
#pragma once

#include "stats/insights.h"

#include <QByteArray>

// Insights as `runlog --insights` prints them, for scripts and CI. Entry numbers are 1-based.
namespace InsightsReport {

// One JSON object (issue 23's contract): entries; loops [{period, repeats, first_entry,
// last_entry, tools, entries}]; repeated_failures [{signature, count, entries}]; first_failure
// {entry, message_type, tool_name, signature} or null; commands [{entry, tool, command,
// exit_code, failed}]; files [{path, reads, writes, entries}]. Nulls are JSON null.
QByteArray toJson(const Insights &insights);

// One line per finding, tab-separated, the kind of finding first (as --stats does). Lists of
// entry numbers are comma-separated; an absent value (null) is an empty field; the free texts
// come last, with tabs, line breaks and backslashes written as \t, \n, \r and a doubled
// backslash (TerminalSafeText::forTsv):
//   entries<TAB><TAB>COUNT
//   loop<TAB>FIRST_ENTRY<TAB>LAST_ENTRY<TAB>PERIOD<TAB>REPEATS<TAB>ENTRIES<TAB>TOOL[<TAB>TOOL...]
//   repeated_failure<TAB>COUNT<TAB>ENTRIES<TAB>SIGNATURE
//   first_failure<TAB>ENTRY<TAB>MESSAGE_TYPE<TAB>TOOL_NAME<TAB>SIGNATURE   (no line without one)
//   command<TAB>ENTRY<TAB>EXIT_CODE<TAB>true|false<TAB>TOOL<TAB>COMMAND
//   file<TAB>READS<TAB>WRITES<TAB>ENTRIES<TAB>PATH
QByteArray toTsv(const Insights &insights);

} // namespace InsightsReport
