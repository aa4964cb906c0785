// SPDX-License-Identifier: MIT
#pragma once

#include "stats/runstatistics.h"

#include <QByteArray>

// RunStatistics as `runlog --stats` prints them, for scripts and CI. Entry numbers are 1-based
// (as the window shows them), seconds have millisecond precision, times are ISO 8601 UTC.
namespace StatisticsReport {

// One JSON object: entries, message_types (type -> count), entries_without_message_type, tools
// (tool -> count), entries_without_tool, errors (count), error_entries, entries_without_time,
// first_created_at, last_created_at, duration_seconds (null without times),
// time_per_tool_seconds (tool -> seconds), longest_gaps ([{after_entry, seconds, from}]),
// entries_per_minute ({start, bucket_seconds, counts}).
QByteArray toJson(const RunStatistics &stats);

// Lines of "section<TAB>key<TAB>value"; key is empty where a section has one value. Tabs, line
// breaks and backslashes inside a key are written as \t, \n, \r and \\.
QByteArray toTsv(const RunStatistics &stats);

} // namespace StatisticsReport
