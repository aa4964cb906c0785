// SPDX-License-Identifier: MIT
#pragma once

#include "run/logentry.h"

#include <QSet>
#include <QStringList>
#include <QTimeZone>
#include <QVector>

#include <functional>

class LogTableModel;

// What the query language's keys read of each row besides its text, by the row of the search
// corpus (LogTableModel's source row): a plain snapshot handed to the search worker with the
// corpus. Built on the UI thread only for a query that uses such keys (a copy of a few ids per
// row, no parsing).
struct QueryRowFacts
{
    qint64 createdAtMsecs = LogEntry::kNoTime;
    qint64 gapMsecs = LogEntry::kNoTime;   // since the entry before in time; kNoTime when unknown
    quint32 messageType = 0;               // index into QueryFacts::texts; 0: null
    quint32 toolName = 0;
    qint32 entry = -1;                     // 0-based position in the run, oldest first
    bool marked = false;
};

// One entry of a stored run, read alone (the library's search): its facts as text.
struct QueryEntryFacts
{
    int entry = -1;                        // 0-based position in its run
    QString messageType;
    QString toolName;
    qint64 createdAtMsecs = LogEntry::kNoTime;
    bool hasNote = false;                  // the user wrote a note on it (has:note)
    // The note's text when it is searched with the entry, one more field (QueryEvaluator);
    // empty: the entry's own text alone.
    QString noteText;
};

// The run a stored entry belongs to: what run:, org:, status:, source:, after:, before: read.
struct QueryRunFacts
{
    qint64 runId = 0;
    qint64 orgId = 0;
    QString status;
    QString origin;                        // where the library got it (an API's address, a file)
    qint64 createdAtMsecs = LogEntry::kNoTime;
};

struct QueryFacts
{
    QVector<QueryRowFacts> rows;
    QStringList texts{QString()};
    // Whether the entry (0-based, oldest first) has a note. Empty while notes are not kept for
    // the run: has:note then matches nothing. Called on the search worker: it must be
    // thread-safe (a copy of the noted entries, not a live store).
    std::function<bool(int entry)> hasNote;
    // The text of the entry's note (empty: none): searched as one more field of the entry
    // (QueryEvaluator). Unset: notes are not searched. Thread-safe like hasNote.
    std::function<QString(int entry)> noteText;
    // Where time: reads the time of day (the window's local time; tests choose UTC).
    QTimeZone timeZone = QTimeZone::systemTimeZone();

    bool isEmpty() const { return rows.isEmpty(); }

    // The model's rows as they are now.
    static QueryFacts fromModel(const LogTableModel &model);
    // A whole run read in order (the command line): row == entry. `types` and `tools` are
    // each entry's message_type and tool_name (null for none); `times` its created_at.
    static QueryFacts fromEntries(const QStringList &types, const QStringList &tools, const QVector<qint64> &times,
                                  const QSet<int> &marked = {});
};
