// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <simdjson.h>

#include <optional>
#include <utility>
#include <string_view>

// What the converters that read their records with simdjson's DOM parser share (all five:
// Claude Code, Codex CLI, SWE-agent, OpenHands and Inspect): the lines of a file, a record's parse with QJsonDocument's
// strictness and words, and the readings of a parsed value that QJsonValue's accessors gave
// (a repeated key's last value, toString()'s empty string for anything else). So a converter
// reads without a Qt tree per record (most of a conversion's time) and writes what it wrote
// before. Internal to the core: it exposes simdjson.
namespace SimdRecords {

using simdjson::dom::element;

inline QByteArrayView viewOf(std::string_view text)
{
    return QByteArrayView(text.data(), qsizetype(text.size()));
}

inline QByteArray bytesOf(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

// The file's lines, each with its 1-based number, without the line break ("\n" or "\r\n") and
// without a byte order mark that starts it (files appended to by tools that write one each time:
// the mark is not part of the record, and kept it would be quoted into the entry's source
// records, which then are no JSON); `visit(line, number, last)` returns false to stop. `last` is a
// last line without a break.
template<typename Visit>
void forEachLine(QByteArrayView bytes, Visit visit)
{
    qsizetype pos = 0;
    int number = 0;
    while (pos < bytes.size()) {
        ++number;
        qsizetype end = bytes.indexOf('\n', pos);
        const qsizetype next = end < 0 ? bytes.size() : end + 1;
        if (end < 0)
            end = bytes.size();
        QByteArrayView line = bytes.sliced(pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
        pos = next;
        if (!visit(line, number, next >= bytes.size() && !bytes.endsWith('\n')))
            return;
    }
}

// A member's string as QJsonValue::toString() gives it: empty for anything else.
std::string_view stringOf(element value);
// QJsonValue::toBool(): true only for true.
bool trueOf(element value);
// QJsonObject::value(): the last member of that key (QJsonObject keeps a repeated key's last).
std::optional<element> fieldOf(simdjson::dom::object object, std::string_view key);
// fieldOf() on a value that may be no object (QJsonValue::toObject() of it is empty).
std::optional<element> fieldOf(const std::optional<element> &value, std::string_view key);
std::optional<element> fieldOf(element value, std::string_view key);
// stringOf() of fieldOf(): empty when absent or no string.
std::string_view stringField(simdjson::dom::object object, std::string_view key);
// Whether `text` is blank as QString::trimmed() sees it (Unicode white space too).
bool isBlankText(QByteArrayView text);
// Which blocks of a content array contentTextOf() reads: the non-empty "text" of each block
// (Claude Code, Codex, SWE-agent), or, as Inspect reads its messages, the "text" of each block
// whose "type" is "text", an empty one too.
enum class TextBlocks { NonEmptyText, TypedText };
// contentText() on the parsed value: a string as it is; the texts of an array's blocks, joined by
// blank lines; anything else empty.
QByteArray contentTextOf(element content, TextBlocks blocks = TextBlocks::NonEmptyText);
// `utf8` as a JSON string, or null when empty (agentEntryJson()'s stringOrNull()).
void appendStringOrNull(QByteArray &out, QByteArrayView utf8);
// The value as QJsonDocument read it, for a run's metadata (a few values a file).
QJsonValue toQJsonValue(element value);

// The fields every entry begins with, as UTF-8 and compact JSON (empty writes null).
struct EntryHead {
    QByteArrayView createdAt;
    QByteArrayView messageType;
    QByteArrayView thought;
    QByteArrayView toolName;
    QByteArrayView toolInput;
    QByteArrayView toolOutput;
};
// `{"agent_run_id":…,"id":…` up to "tool_output" as agentEntryJson() writes them; the
// observation and what follows are the caller's.
void appendEntryHead(QByteArray &out, qint64 runId, qint64 id, const EntryHead &head);
// The same up to "tool_name" only (head.toolInput and head.toolOutput unread): the caller writes
// `,"tool_input":…,"tool_output":…` itself, then appendEntryRest().
void appendEntryStart(QByteArray &out, qint64 runId, qint64 id, const EntryHead &head);

// An entry as the converters on simdjson make it: the fields as UTF-8 and compact JSON (empty
// writes null), written by entryJson() with agentEntryJson()'s order and bytes.
struct RawEntry {
    QByteArray createdAt;
    const char *messageType = "";
    QByteArray thought;
    QByteArray toolName;
    QByteArray toolInput;   // an object's compact JSON
    QByteArray toolOutput;  // an object's compact JSON
    QByteArray observation; // any value's compact JSON
    // The extra fields, their values as compact JSON; written in QJsonObject's order (by key).
    // `key` is a string literal (ASCII), kept without a copy: a conversion sets a few an entry.
    template <qsizetype N>
    void setExtra(const char (&key)[N], QByteArray json)
    {
        setExtraKey(QByteArray::fromRawData(key, N - 1), std::move(json));
    }
    void setExtraKey(const QByteArray &key, QByteArray json);
    bool hasExtra(QByteArrayView key) const;
    QList<std::pair<QByteArray, QByteArray>> extra;
    // The records it was made of: parsed (written again by entryJson(), as QJsonObject wrote
    // them, straight into the entry: they must outlive it, in the parse they came from), or the
    // bytes as read; written as "source_records", the parsed ones first.
    QList<element> parsedSources;
    QList<QByteArrayView> rawSources;
};

} // namespace SimdRecords

// Moved bit for bit when its list grows (realloc, of a large list without a copy): its members
// are Qt's containers and plain values, none pointing into itself.
Q_DECLARE_TYPEINFO(SimdRecords::RawEntry, Q_RELOCATABLE_TYPE);

namespace SimdRecords {
// Appends the entry to `out`. Only reads `entry` and the parse its parsedSources are in: entries
// are written on two threads.
void appendEntryJson(QByteArray &out, const RawEntry &entry, qint64 runId, qint64 id);
// What appendEntryJson() writes after "tool_output": the observation, the extra fields, the
// source records and the closing brace.
void appendEntryRest(QByteArray &out, const RawEntry &entry);
// `utf8` as a QByteArray without a copy: for a string of a parse that outlives what keeps it
// (a whole file's, until the entries are written), or of a StringArena.
inline QByteArray unownedBytes(QByteArrayView utf8)
{
    return QByteArray::fromRawData(utf8.data(), utf8.size());
}
// `utf8` as a JSON string; a value as compact JSON in QJsonDocument's bytes (QtOrderedJson).
QByteArray jsonString(QByteArrayView utf8);
QByteArray jsonOf(element value);
QByteArray jsonOf(simdjson::dom::object object);
// QJsonValue::isDouble() and toDouble(): any number.
std::optional<double> numberOf(const std::optional<element> &value);
// exactInteger() of the value QJsonDocument read.
std::optional<qint64> exactIntegerOf(const std::optional<element> &value);

// One reused simdjson parser with QJsonDocument's verdicts: what simdjson refuses and
// QJsonDocument took (a raw control character in a string, a lone surrogate escape, invalid
// UTF-8) is read through QJsonDocument and its compact rewrite, and what neither takes is
// refused with QJsonDocument's reason. A parse's values live until the next parse.
class RecordParser
{
public:
    // Parsed: the kind wanted; OtherKind: JSON of another kind (an array for an object).
    enum class Result { Parsed, OtherKind, NotJson };
    // Parses `json` (`readableAfter` readable bytes follow it) into `object`; NotJson with
    // QJsonDocument's reason in `reason` (Qt 6.4 calls a bare string an "illegal value").
    Result parseObject(QByteArrayView json, qsizetype readableAfter, simdjson::dom::object &object, QString &reason);
    // The same, with the object as a value (to write it with QtOrderedJson::append()).
    Result parseObject(QByteArrayView json, qsizetype readableAfter, element &root, QString &reason);
    // A whole file's JSON text of the kind wanted (an object, an array); for NotJson also the
    // offset of the error, as QJsonParseError gives it.
    Result parse(QByteArrayView json, qsizetype readableAfter, simdjson::dom::element_type wanted, element &root, QString &reason,
                 qsizetype *errorOffset = nullptr);

private:
    simdjson::dom::parser m_parser;
};

} // namespace SimdRecords
