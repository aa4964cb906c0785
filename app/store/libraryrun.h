// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <optional>

// One run as the library holds it: what the Library view lists.
struct LibraryRun
{
    qint64 key = 0;            // the library's own id of the run
    QString origin;            // the API's address (PageCache::originOf)
    qint64 orgId = 0;
    qint64 runId = 0;
    QString status;            // null when the server sent none
    QString createdAt;         // as the server wrote it
    qint64 createdMs = 0;      // UTC ms; 0 when unknown
    QString webUrl;
    QString result;
    QString summary;
    std::optional<qint64> totalLogs;
    qint64 storedEntries = 0;
    qint64 storedBytes = 0;    // the entries' JSON
    qint64 lastOpenedMs = 0;
    qint64 lastWrittenMs = 0;
    int notes = 0;             // the user's notes and marks on it (Delete asks first)
    // Of a run read from another agent's log (its origin a file, see FileOrigin): the agent,
    // "Claude Code" (else the format, "Claude Code transcript"). Empty for an API's run.
    QString agentName;

    // Every entry the server counted is here.
    bool isWhole() const { return totalLogs && storedEntries >= *totalLogs; }
};
Q_DECLARE_METATYPE(LibraryRun)
