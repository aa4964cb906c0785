// SPDX-License-Identifier: MIT
#include "agentlogs/simdjsonrecords.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/qtorderedjson.h"
#include "json/jsonwriter.h"
#include "json/paddedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace SimdRecords {

namespace {

// QJsonDocument's compact text with each lone surrogate (which it writes as an escape, and
// simdjson refuses) as '?', which is what QString::toUtf8() made of it when entries were written
// from QStrings.
QByteArray withoutLoneSurrogates(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    for (qsizetype i = 0; i < json.size(); ++i) {
        if (json.at(i) != '\\' || i + 1 >= json.size()) {
            out += json.at(i);
            continue;
        }
        const bool surrogate = json.at(i + 1) == 'u' && i + 5 < json.size() && (json.at(i + 2) == 'd' || json.at(i + 2) == 'D')
            && QByteArrayView("89abcdefABCDEF").contains(json.at(i + 3));
        if (surrogate) {
            out += '?';
            i += 5;
        } else {
            out += json.mid(i, 2); // an escape of one character, or \u and the first of its digits
            ++i;
        }
    }
    return out;
}

} // namespace

std::string_view stringOf(element value)
{
    std::string_view text;
    return value.get_string().get(text) ? std::string_view() : text;
}

bool trueOf(element value)
{
    bool flag = false;
    return !value.get_bool().get(flag) && flag;
}

std::optional<element> fieldOf(simdjson::dom::object object, std::string_view key)
{
    std::optional<element> found;
    for (const simdjson::dom::key_value_pair field : object) {
        if (field.key == key)
            found = field.value;
    }
    return found;
}

std::optional<element> fieldOf(const std::optional<element> &value, std::string_view key)
{
    return value ? fieldOf(*value, key) : std::nullopt;
}

std::optional<element> fieldOf(element value, std::string_view key)
{
    simdjson::dom::object object;
    if (value.get_object().get(object))
        return std::nullopt;
    return fieldOf(object, key);
}

std::string_view stringField(simdjson::dom::object object, std::string_view key)
{
    const std::optional<element> value = fieldOf(object, key);
    return value ? stringOf(*value) : std::string_view();
}

bool isBlankText(QByteArrayView text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80)
            return QString::fromUtf8(text).trimmed().isEmpty();
        if (byte != ' ' && (byte < '\t' || byte > '\r'))
            return false;
    }
    return true;
}

QByteArray contentTextOf(element content, TextBlocks blocks)
{
    std::string_view text;
    if (!content.get_string().get(text))
        return bytesOf(text);
    simdjson::dom::array array;
    if (content.get_array().get(array))
        return {};
    QList<QByteArray> parts;
    for (const element block : array) {
        simdjson::dom::object object;
        if (block.get_object().get(object))
            continue;
        const std::string_view blockText = stringField(object, "text"); // the last one, as QJsonObject keeps it
        if (blocks == TextBlocks::TypedText ? stringField(object, "type") == "text" : !blockText.empty())
            parts.append(bytesOf(blockText));
    }
    return parts.join("\n\n");
}

QJsonValue toQJsonValue(element value)
{
    // QtOrderedJson writes the bytes QJsonDocument wrote of what it read: read back, the same value.
    QByteArray json = "[";
    QtOrderedJson::append(json, value);
    json += ']';
    return QJsonDocument::fromJson(json).array().at(0);
}

void appendStringOrNull(QByteArray &out, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        out += "null";
    else
        JsonWriter::appendString(out, QByteArray::fromRawData(utf8.data(), utf8.size()));
}

void RawEntry::setExtraKey(const QByteArray &key, QByteArray json)
{
    // Room for a second one at once: entries that have one mostly have two (a tool's name and
    // its exit code), and growing the list again was a fresh allocation an entry.
    if (extra.isEmpty())
        extra.reserve(2);
    // QJsonObject's order; the keys are ASCII, so bytes order them as QString does.
    auto at = extra.begin();
    while (at != extra.end() && QByteArrayView(at->first) < key)
        ++at;
    if (at != extra.end() && QByteArrayView(at->first) == key)
        at->second = std::move(json);
    else
        extra.insert(at, {key, std::move(json)});
}

bool RawEntry::hasExtra(QByteArrayView key) const
{
    for (const auto &[name, value] : extra) {
        if (QByteArrayView(name) == key)
            return true;
    }
    return false;
}

void appendEntryStart(QByteArray &out, qint64 runId, qint64 id, const EntryHead &head)
{
    out += "{\"agent_run_id\":";
    out += QByteArray::number(runId);
    out += ",\"id\":";
    out += QByteArray::number(id);
    out += ",\"created_at\":";
    appendStringOrNull(out, head.createdAt);
    out += ",\"message_type\":";
    appendStringOrNull(out, head.messageType);
    out += ",\"thought\":";
    appendStringOrNull(out, head.thought);
    out += ",\"tool_name\":";
    appendStringOrNull(out, head.toolName);
}

void appendEntryHead(QByteArray &out, qint64 runId, qint64 id, const EntryHead &head)
{
    appendEntryStart(out, runId, id, head);
    out += ",\"tool_input\":";
    out += head.toolInput.isEmpty() ? QByteArrayView("null") : head.toolInput;
    out += ",\"tool_output\":";
    out += head.toolOutput.isEmpty() ? QByteArrayView("null") : head.toolOutput;
}

void appendEntryJson(QByteArray &out, const RawEntry &entry, qint64 runId, qint64 id)
{
    qsizetype size = out.size() + 256 + entry.thought.size() + entry.toolInput.size() + entry.toolOutput.size() + entry.observation.size();
    for (const auto &[name, value] : entry.extra)
        size += name.size() + value.size() + 4;
    for (const QByteArrayView source : entry.rawSources)
        size += source.size() + 1;
    out.reserve(size);
    appendEntryHead(out, runId, id, {entry.createdAt, entry.messageType, entry.thought, entry.toolName, entry.toolInput, entry.toolOutput});
    appendEntryRest(out, entry);
}

void appendEntryRest(QByteArray &out, const RawEntry &entry)
{
    out += ",\"observation\":";
    out += entry.observation.isEmpty() ? QByteArrayView("null") : QByteArrayView(entry.observation);
    for (const auto &[name, value] : entry.extra) {
        out += ",\"";
        out += name;
        out += "\":";
        out += value;
    }
    if (!entry.parsedSources.isEmpty()) {
        out += ",\"source_records\":[";
        for (qsizetype i = 0; i < entry.parsedSources.size(); ++i) {
            if (i > 0)
                out += ',';
            QtOrderedJson::append(out, entry.parsedSources.at(i));
        }
        out += ']';
    }
    out += '}';
    appendRawSources(out, entry.rawSources);
}

QByteArray jsonString(QByteArrayView utf8)
{
    QByteArray out;
    JsonWriter::appendString(out, QByteArray::fromRawData(utf8.data(), utf8.size()));
    return out;
}

QByteArray jsonOf(element value)
{
    QByteArray out;
    QtOrderedJson::append(out, value);
    return out;
}

QByteArray jsonOf(simdjson::dom::object object)
{
    QByteArray out;
    QtOrderedJson::append(out, object);
    return out;
}

std::optional<double> numberOf(const std::optional<element> &value)
{
    double number = 0;
    if (!value || !value->is_number() || value->get_double().get(number))
        return std::nullopt;
    return number;
}

std::optional<qint64> exactIntegerOf(const std::optional<element> &value)
{
    const std::optional<double> number = numberOf(value);
    return number ? exactInteger(QJsonValue(*number)) : std::nullopt;
}

RecordParser::Result RecordParser::parseObject(QByteArrayView json, qsizetype readableAfter, simdjson::dom::object &object, QString &reason)
{
    element root;
    const Result result = parseObject(json, readableAfter, root, reason);
    if (result == Result::Parsed)
        object = root.get_object().value_unsafe();
    return result;
}

RecordParser::Result RecordParser::parseObject(QByteArrayView json, qsizetype readableAfter, element &root, QString &reason)
{
    return parse(json, readableAfter, simdjson::dom::element_type::OBJECT, root, reason);
}

RecordParser::Result RecordParser::parse(QByteArrayView json, qsizetype readableAfter, simdjson::dom::element_type wanted, element &root,
                                         QString &reason, qsizetype *errorOffset)
{
    const PaddedJson padded(json, readableAfter);
    if (padded.isValid() && !m_parser.parse(padded.data(), padded.size(), false).get(root) && root.type() == wanted)
        return Result::Parsed;
    // What simdjson refuses or is of another kind: QJsonDocument says why, in the words it always
    // used, or takes it; then its compact rewrite is what simdjson reads.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        reason = error.errorString();
        if (errorOffset)
            *errorOffset = error.offset;
        return Result::NotJson;
    }
    if (wanted == simdjson::dom::element_type::OBJECT ? !document.isObject() : !document.isArray())
        return Result::OtherKind;
    // The parse's strings live in m_parser: the rewrite is needed no longer than this.
    const PaddedJson rewritten(withoutLoneSurrogates(document.toJson(QJsonDocument::Compact)), 0);
    const simdjson::error_code code = m_parser.parse(rewritten.data(), rewritten.size(), false).get(root);
    if (code || root.type() != wanted) {
        reason = QString::fromUtf8(simdjson::error_message(code));
        if (errorOffset)
            *errorOffset = 0;
        return Result::NotJson;
    }
    return Result::Parsed;
}

} // namespace SimdRecords
