// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <limits>
#include <memory>

// One log entry of a run. The entry's JSON is kept byte for byte as the server sent it, so that
// exports are exact and unknown fields survive; the few fields the table sorts and filters by are
// extracted once, when the page is parsed. The summary line is not kept: the table makes it from
// the bytes when a row is shown (PageParser::summaryOf), so a big run holds no text of its own.
struct LogEntry
{
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    QByteArray rawJson;           // the entry object exactly as received
    // What rawJson's bytes live in when they are borrowed, not owned: an entry read from a file
    // is a QByteArray::fromRawData slice of the mapped file, one from the server a slice of its
    // page's body, and this keeps them alive for as long as the entry is. Null when rawJson owns
    // its bytes (parsed buffers, tests). Whoever keeps rawJson apart from its entry (a worker, a
    // snapshot) keeps this too (LogStore::rawOwners()), or copies the bytes.
    std::shared_ptr<const void> rawOwner;
    qint64 agentRunId = 0;
    qint64 createdAtMsecs = kNoTime; // UTC milliseconds since the epoch, kNoTime when null/unparsable
    QString createdAtText;        // as received; null when the server sent null, and (to save
                                  // memory) for a borrowed entry with a time: read it from
                                  // rawJson then (LogTableModel::createdAtTextOf)
    QString messageType;          // null when the server sent null
    QString toolName;             // null when the server sent null
    // agent_run_id is not the run that was asked for. Such an entry keeps its place (paging is
    // positional, so dropping it would shift every later row) but is flagged, never silently
    // mixed in: RunLoader counts and reports them, the UI can mark the row.
    bool otherRun = false;

    bool hasTime() const { return createdAtMsecs != kNoTime; }
};
