// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

// Times as the API sends them and as the table shows them. Parsing runs once per entry of runs
// with 100,000 entries, so it reads digits by hand instead of going through QDateTime or a
// regular expression for every row.
namespace Timestamps {

// UTC milliseconds since the epoch, or LogEntry::kNoTime when the text is not a time.
// Accepts ISO 8601 as the API sends it: "2024-01-15T10:30:15Z", 'T' or 't' or one space between
// date and time, seconds optional, a fraction of any length after '.' or ',' (truncated to
// milliseconds), and a zone "Z"/"z", "+02:00", "+0200", "+02", "-05:00". No zone means UTC:
// the API writes "2025-06-21 12:06:31.108894" for a UTC time. Whitespace around is ignored.
qint64 parseUtcMsecs(QStringView text);

enum class LocalStyle {
    Time,        // "HH:mm:ss.zzz", for table rows
    DateAndTime, // "yyyy-MM-dd HH:mm:ss.zzz", for headers, tooltips and exports
};

// The instant in the system's local time zone; an empty string for LogEntry::kNoTime.
QString formatLocal(qint64 msecs, LocalStyle style = LocalStyle::Time);

// Where the table's Time column counts from.
enum class Clock { Local, Utc };
// The instant for a table row: "HH:mm:ss.zzz", or "MM-dd HH:mm:ss.zzz" when the run spans
// more than one day (so rows of different days never look alike). Empty for kNoTime.
QString formatRowTime(qint64 msecs, Clock clock, bool withDate);
// Time since the run's first entry: "0:00.000", "12:03.456", "1:02:03.456", "2d 01:02:03.456"
// ("-0:01.000" for an entry before the first). Empty for kNoTime on either side.
QString formatSinceStart(qint64 msecs, qint64 startMsecs);
// Whether two instants fall on different calendar days in that clock.
bool onDifferentDays(qint64 firstMsecs, qint64 lastMsecs, Clock clock);

// A gap between two entries, short and signed: "+0.4 s", "+12 s", "+3 min 05 s", "+2 h 03 min"
// ("-1.2 s" when the clock went backwards). Truncates rather than rounds, so a value never
// shows a unit it has not reached. Empty for LogEntry::kNoTime.
QString formatGap(qint64 msecs);
// The same gap in fewer characters, for a narrow column: "+9.9s", "+42s", "+5m 2s", "+2h 3m".
QString formatGapShort(qint64 msecs);

} // namespace Timestamps
