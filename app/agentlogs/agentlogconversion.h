// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// What reading another agent's log gives: its entries in the endpoint's shape (an
// AgentRunLogResponse: agent_run_id, created_at, message_type, thought, tool_name, tool_input,
// tool_output, observation), so that the reader describes them with the same PageParser as a
// Codegen page, plus what the format has and an entry has not (model, cwd, branch, token usage,
// scores), kept in `metadata` for the run and in each entry's own extra fields.
//
// Every converter is a pure function of the file's bytes (no files, threads or signals), so that
// tests and fuzz targets call it directly and the reader calls it on its worker.
struct AgentLogConversion {
    bool ok = false;
    // Stopped by its ConversionCancel: no entries, `error` says so. The reader then says that
    // the reading was cancelled.
    bool cancelled = false;
    // One sentence when !ok: the format the file looked like, the line (or the place), and what
    // is wrong. "Claude Code transcript, line 12: not JSON (unterminated string)."
    QString error;
    // "Claude Code", "Codex CLI", "SWE-agent", "OpenHands", "Inspect".
    QString agentName;
    // What the header may show as the run's title (the task, the first user message); may be empty.
    QString title;
    // The run's own facts the entries cannot hold: model, cwd, git branch, session id, version,
    // token usage totals, scores. Shown in the header's metadata; never required.
    QJsonObject metadata;
    // False when the format has no times (SWE-agent): entries carry created_at null and the
    // header says so; the timeline uses the entry index as its axis.
    bool hasTimes = true;
    // The mapped entries, oldest first (the order of the calls), each one compact JSON object.
    QList<QByteArray> entries;
    // What was read over and not mapped, one sentence each, with its line or place:
    // "line 7: not JSON; skipped", "a tool result (id toolu_01) without its call".
    QStringList warnings;
};

// Asked while a conversion runs, every few hundred records: true stops it, and the converter
// returns at once (AgentLogConversion::cancelled). The reader's Cancel reaches a conversion of a
// large log so, instead of waiting for its end. Empty: never asked. Called on the converting
// thread; it must be cheap and thread-safe (an atomic flag's load).
using ConversionCancel = std::function<bool()>;

// A converter that knows when a prefix of its entries is settled (no later record can change
// them, their ids or their run id) hands them over while it reads, so that the window shows a
// large log's first rows long before its end (AgentLogFormats::Format::convertInBatches). The
// entries handed over, followed by the conversion's `entries` (the rest, settled at the end),
// are exactly the entries of the whole conversion; the run's facts (title, metadata, warnings,
// hasTimes) still come only with the result.
struct SettledEntries {
    // The next settled entries, oldest first, on the converting thread, and how many bytes of the
    // input were read so far. False stops the conversion (it returns as cancelled).
    std::function<bool(QList<QByteArray> &&entries, qsizetype bytesRead)> handOver;
    // A batch is handed over once this many entries are settled: the first small, so that the
    // first screen comes early, the others larger, so that a batch costs little.
    qsizetype firstBatch = 256;
    qsizetype batch = 4096;
    // For a format read as one JSON text: bytes after the input that may be read, so that it is
    // parsed in place (AgentLogFormats::Format::convert's `readableAfter`).
    qsizetype readableAfter = 0;
};

// One mapped entry's fields. Built by the converters, written by agentEntryJson().
struct AgentEntryFields {
    qint64 agentRunId = 0;
    qint64 id = 0;                               // 1-based position in the run
    QString createdAt;                           // ISO 8601 with zone; empty writes null
    QString messageType;                         // ACTION, USER_MESSAGE, PLAN_EVALUATION,
                                                 // FINAL_ANSWER, ERROR, …
    QString thought;                             // empty writes null
    QString toolName;                            // empty writes null
    QJsonValue toolInput = QJsonValue::Null;     // an object or null
    QJsonValue toolOutput = QJsonValue::Null;    // an object or null: see toolOutputObject()
    QJsonValue observation = QJsonValue::Null;   // an object, a string or null
    // Fields the format has and the endpoint's shape has not, kept beside the known ones:
    // "exit_code" (so that insights see a failed command), "sidechain": true, "usage", "model".
    QJsonObject extra;
    // The source record(s) the entry was made of, exactly as read (a call and its result are
    // two records): written as "source_records", so that the JSON view shows what the file held.
    QJsonArray sourceRecords;
};

// The entry as one compact JSON object: the endpoint's fields first (in the order above), then
// `extra`'s, then "source_records" when there are any.
QByteArray agentEntryJson(const AgentEntryFields &fields);

// A stable, positive agent_run_id for a run that has none (a session id, a file's name): the
// first 48 bits of the key's SHA-256, so that the same session always gets the same number and
// the library and notes find it again.
qint64 agentRunIdFor(QByteArrayView sessionKey);

// A tool's result as the endpoint's tool_output (an object): an object as it is, a string as
// {"content": "..."}, anything else (an array of content blocks, a number) as {"content": value}.
QJsonObject toolOutputObject(const QJsonValue &result);
