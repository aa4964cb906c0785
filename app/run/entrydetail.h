// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QtGlobal>

// One log entry read in full, for the detail pane and the exporters. The table keeps only a few
// fields per entry (LogEntry); this is parsed on demand from the entry's raw JSON.
struct EntryDetail
{
    bool ok = false;        // false when the text is not a JSON object; then `error` says why
    QString error;

    QString thought;        // null when null or absent; a non-string value as its raw JSON
    QByteArray toolInput;   // raw JSON text of the value; empty when null or absent
    QByteArray toolOutput;  // raw JSON text of the value; empty when null or absent
    QByteArray observation; // raw JSON text of the value (a string keeps its quotes and escapes)
    bool observationIsString = false;
    QString observationText; // the unescaped text when observationIsString
    QString createdAtText;  // as received; null when null or absent
    QString messageType;    // null when null or absent; a non-string value as its raw JSON
    QString toolName;       // likewise
    qint64 agentRunId = 0;  // 0 when absent or not an integer
    QList<QPair<QString, QByteArray>> otherFields; // fields not named above, in order, raw
};

// Parses one entry's raw JSON (as kept in LogEntry::rawJson or read from an exported file).
// Thread-safe; never throws; any input gives either a filled EntryDetail or ok == false.
EntryDetail parseEntryDetail(const QByteArray &rawEntryJson);
