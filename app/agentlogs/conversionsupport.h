// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

// What the converters of Claude Code transcripts, Codex CLI rollouts, SWE-agent trajectories, OpenHands event streams and
// Inspect logs share: bounded warnings, timestamps with a zone, the line of a byte, text out of
// content blocks.

// Warnings as AgentLogConversion keeps them, but at most `limit` of them: a damaged file of a
// million lines must not give a million sentences. What is left over is counted in one last one.
class ConversionWarnings
{
public:
    explicit ConversionWarnings(int limit = 100);
    void add(const QString &warning);
    // Adds `other`'s warnings after these, as if each had been added here (`other` has the same
    // limit): a conversion that gathers its kinds of warnings apart gives them in a fixed order.
    void addAll(ConversionWarnings &&other);
    // The warnings, with "... and N more warnings" when some were left off.
    QStringList take();

private:
    int m_limit;
    int m_leftOff = 0;
    QStringList m_warnings;
};

// An ISO 8601 time as an entry's created_at: with a zone. A time written without one
// ("2025-01-20T12:34:56.123456", as Python's isoformat() writes it) is read as UTC, as the
// endpoint's own zone-less times are; anything else is returned as it is.
QString timestampWithZone(const QString &time);

class StringArena;
// timestampWithZone() of UTF-8 `time`, without a QString for the usual time (ASCII): `time`
// itself when it stays as it is, else the time with its zone kept in `arena`.
QByteArrayView timestampWithZone(QByteArrayView time, StringArena &arena);

// The 1-based line of the byte at `offset`.
int lineOfOffset(QByteArrayView bytes, qsizetype offset);

// A message's text: a string as it is; an array of content blocks as the "text" of each block
// that has one, joined by blank lines; anything else empty.
QString contentText(const QJsonValue &content);

// What a header may show as a run's title: the first line of `text` that is not blank, trimmed,
// cut to 200 characters.
QString titleFromText(const QString &text);

// A JSON number that is a whole number a double holds exactly (|n| <= 2^53), as an integer; none
// for anything else (a string, 1.5, 1e300: converting those would be undefined behaviour).
std::optional<qint64> exactInteger(const QJsonValue &value);

// The entry as agentEntryJson() writes it (`fields` without source records), with the records it
// was made of as "source_records", each the bytes of a JSON value as the file held them: no
// parse and re-write of every record (most of a conversion's time), and exactly what was read.
// A record that is not valid UTF-8 is written as Qt's parser reads it (each bad sequence a
// replacement character), so that the entry stays valid JSON.
QByteArray entryWithRawSources(const AgentEntryFields &fields, const QList<QByteArray> &rawSources);
// The same for an entry's JSON written otherwise (a compact object, its closing brace last):
// the records, slices of the converter's input, spliced in as "source_records".
void appendRawSources(QByteArray &entryJson, const QList<QByteArrayView> &rawSources);

// The first word of a command line ("find_file" of "find_file foo.py ./src"), empty for none.
QString firstWord(const QString &commandLine);

// A conversion's ConversionCancel, asked once every kRecordsPerAsk records (a call per record
// would cost more than the records' cheapest reading); once it said stop, it stays stopped.
class CancelCheck
{
public:
    static constexpr unsigned kRecordsPerAsk = 256;
    explicit CancelCheck(const ConversionCancel &cancel);
    // Counts a record; true when the conversion is to stop.
    bool operator()();
    bool cancelled() const { return m_cancelled; }

private:
    const ConversionCancel &m_cancel;
    unsigned m_records = 0;
    bool m_cancelled = false;
};

// What a cancelled conversion returns: no entries, cancelled set, a sentence that says so.
AgentLogConversion cancelledConversion(const QString &agentName);

// Copies of short strings a conversion keeps (ids, times, tool names) in a few large blocks: one
// allocation per 256 KB instead of one per string, and views that stay where they are until the
// arena goes, so that they can be the keys of QSet<QByteArrayView> and QHash<QByteArrayView, …>.
class StringArena
{
public:
    QByteArrayView keep(QByteArrayView text);
    // A buffer to build a string in before keeping it (reused: no allocation per string).
    QByteArray &scratch() { return m_scratch; }

private:
    QByteArray m_scratch;
    std::vector<std::unique_ptr<char[]>> m_blocks; // the last one is being filled
    std::vector<std::unique_ptr<char[]>> m_large;
    qsizetype m_used = 0;
    qsizetype m_capacity = 0;
};
