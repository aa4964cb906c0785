// SPDX-License-Identifier: MIT
#include "pageparser.h"

#include "json/jsontext.h"
#include "json/jsonvalidation.h"
#include "json/paddedjson.h"
#include "json/parsebudget.h"
#include "json/simdjsonvalues.h"
#include "run/keyfieldsummary.h"
#include "run/messagecategory.h"
#include "run/timestamps.h"

#include <simdjson.h>

#include <string_view>

namespace {

using simdjson::error_code;
using simdjson::ondemand::json_type;
namespace ondemand = simdjson::ondemand;
using namespace SimdjsonValues;

// Deeper documents are refused with a clear message rather than risk a stack of that depth in
// any later consumer; real pages nest a few levels.
constexpr size_t kMaxDepth = 512;
constexpr qsizetype kSummaryChars = 300;
// Enough UTF-8 for kSummaryChars characters even when each takes four bytes, plus one.
constexpr qsizetype kSummaryBytes = kSummaryChars * 4 + 4;

QString typeName(json_type t)
{
    switch (t) {
    case json_type::object: return QStringLiteral("an object");
    case json_type::array: return QStringLiteral("an array");
    case json_type::string: return QStringLiteral("a string");
    case json_type::number: return QStringLiteral("a number");
    case json_type::boolean: return QStringLiteral("a boolean");
    case json_type::null: return QStringLiteral("null");
    }
    return QStringLiteral("an unknown value");
}

// A raw value shown inside an error message: short, one line.
QString shortRaw(std::string_view raw)
{
    const QByteArray preview = JsonText::compactPreview(QByteArrayView(raw.data(), qsizetype(raw.size())), 60);
    QString shown = QString::fromUtf8(preview);
    if (qsizetype(raw.size()) > preview.size())
        shown += QChar(0x2026);
    return shown;
}

// For optional string fields: the text; null stays null; any other type is shown as its raw
// JSON so that a server's surprise stays visible and the page stays usable.
error_code displayText(ondemand::value &value, json_type type, QString &out)
{
    if (type == json_type::null) {
        out = QString();
        return simdjson::SUCCESS;
    }
    std::string_view raw;
    if (error_code e = rawValue(value, type, raw))
        return e;
    out = type == json_type::string ? stringText(value, raw) : text(raw);
    return simdjson::SUCCESS;
}

std::optional<qint64> integerValue(ondemand::value &value, json_type type)
{
    if (type != json_type::number)
        return std::nullopt;
    int64_t v = 0;
    if (value.get_int64().get(v) != simdjson::SUCCESS)
        return std::nullopt;
    return qint64(v);
}

// The key of a field, read from its raw bytes: simdjson's unescaped_key() refuses lone surrogate
// escapes, and most keys have no escape at all, so they are compared in place. `scratch` holds
// the decoded UTF-8 of an escaped key for as long as the returned view is used.
std::string_view keyOf(const ondemand::field &field, const char *documentEnd, QByteArray &scratch)
{
    const char *start = field.key().raw();
    const char *p = start;
    bool escaped = false;
    while (p < documentEnd && *p != '"') {
        if (*p == '\\') {
            escaped = true;
            ++p;
        }
        ++p;
    }
    p = std::min(p, documentEnd);
    if (!escaped)
        return std::string_view(start, size_t(p - start));
    scratch = JsonText::unescapeString(QByteArrayView(start, p - start)).toUtf8();
    return std::string_view(scratch.constData(), size_t(scratch.size()));
}

// One line for the table from a text: its first line that has something on it, runs of
// whitespace and control characters collapsed to one space, at most kSummaryChars characters.
QString oneLine(QByteArrayView text, bool firstLineOnly, bool moreFollows)
{
    const auto isBlank = [](uchar c) { return c <= 0x20 || c == 0x7F; };
    qsizetype begin = 0;
    qsizetype end = text.size();
    if (firstLineOnly) {
        while (begin < text.size()) {
            qsizetype nl = text.indexOf('\n', begin);
            if (nl < 0)
                nl = text.size();
            qsizetype k = begin;
            while (k < nl && isBlank(uchar(text[k])))
                ++k;
            if (k < nl) {
                begin = k;
                end = nl;
                break;
            }
            begin = nl + 1;
        }
        if (begin >= text.size())
            return {};
    }
    QByteArray line;
    line.reserve(qMin(end - begin, kSummaryBytes));
    bool pendingSpace = false;
    bool cut = false;
    for (qsizetype k = begin; k < end; ++k) {
        const uchar c = uchar(text[k]);
        if (isBlank(c)) {
            pendingSpace = !line.isEmpty();
            continue;
        }
        if (line.size() >= kSummaryBytes) {
            cut = true;
            break;
        }
        if (pendingSpace)
            line.append(' ');
        pendingSpace = false;
        line.append(char(c));
    }
    QString result = QString::fromUtf8(line);
    if (result.size() > kSummaryChars || cut || moreFollows) {
        qsizetype keep = qMin(result.size(), kSummaryChars - 1);
        if (keep > 0 && result.at(keep - 1).isHighSurrogate())
            --keep;
        result.truncate(keep);
        result.append(QChar(0x2026));
    }
    return result;
}

QString compactLine(std::string_view raw)
{
    const QByteArrayView view(raw.data(), qsizetype(raw.size()));
    // An object reads as its key fields; anything else (an array, a number) as compact JSON.
    const QByteArray fields = KeyFieldSummary::of(view, kSummaryBytes);
    if (!fields.isEmpty())
        return oneLine(fields, false, false);
    const QByteArray preview = JsonText::compactPreview(view, kSummaryBytes);
    if (preview == "{}")
        return {}; // an empty object says nothing: the next source may
    // compactPreview stops at kSummaryBytes (or up to 3 bytes before, at a character boundary).
    const bool more = preview.size() >= kSummaryBytes - 3 && preview.size() < view.size();
    return oneLine(preview, false, more);
}

// What an entry contributes to its summary.
struct SummarySources
{
    std::optional<std::string_view> thought;          // text, unescaped
    std::optional<std::string_view> observationText;  // text, unescaped, when a string
    std::optional<std::string_view> observationJson;  // raw, when anything else but null
    std::optional<std::string_view> toolInputJson;    // raw, when not null
    QString thoughtOwned;                              // when simdjson could not unescape
    QString observationOwned;
    bool sidechain = false;                            // "sidechain": true
};

QString thoughtLine(const SummarySources &s)
{
    if (s.thought)
        return oneLine(QByteArrayView(s.thought->data(), qsizetype(s.thought->size())), true, false);
    if (!s.thoughtOwned.isNull())
        return oneLine(s.thoughtOwned.toUtf8(), true, false);
    return {};
}

QString observationLine(const SummarySources &s)
{
    QString line;
    if (s.observationText)
        line = oneLine(QByteArrayView(s.observationText->data(), qsizetype(s.observationText->size())), true, false);
    else if (!s.observationOwned.isNull())
        line = oneLine(s.observationOwned.toUtf8(), true, false);
    if (line.isEmpty() && s.observationJson)
        line = compactLine(*s.observationJson);
    return line;
}

// The thought says what the agent meant to do, so it leads; but an error or a final answer is
// the observation itself (the thought before it is what the agent had been trying).
QString summaryOf(const SummarySources &s, const QString &messageType)
{
    const MessageCategory category = messageCategoryOf(messageType);
    const bool observationFirst = category == MessageCategory::Error || category == MessageCategory::Answer;
    QString line = observationFirst ? observationLine(s) : thoughtLine(s);
    if (line.isEmpty())
        line = observationFirst ? thoughtLine(s) : observationLine(s);
    if (line.isEmpty() && s.toolInputJson)
        line = compactLine(*s.toolInputJson);
    return line;
}

class Parser
{
public:
    explicit Parser(const PaddedJson &json) : m_json(json) {}
    // Entries become slices of `owner`'s bytes, which start at `ownerBase` (what m_json holds,
    // byte for byte), instead of copies; each entry keeps `owner` alive.
    Parser(const PaddedJson &json, std::shared_ptr<const void> owner, const char *ownerBase)
        : m_json(json), m_owner(std::move(owner)), m_ownerBase(ownerBase)
    {
    }

    // The table's one line for an entry that is already known to be valid (see summaryOf()).
    PageParser::SummaryLine runSummary()
    {
        ondemand::parser parser;
        ondemand::document doc;
        ondemand::object object;
        if (parser.iterate(m_json.view()).get(doc) || doc.get_object().get(object))
            return {};
        LogEntry entry;
        PageParser::SummaryLine summary;
        return parseEntry(object, 0, entry, &summary) ? summary : PageParser::SummaryLine();
    }

    PageParseResult run()
    {
        PageParseResult result;
        ondemand::parser parser;
        ondemand::document doc;
        if (error_code e = parser.iterate(m_json.view()).get(doc))
            return internalError(e);
        json_type rootType;
        if (error_code e = doc.type().get(rootType))
            return internalError(e);
        if (rootType != json_type::object)
            return fail(QStringLiteral("the response is not a JSON object (it is %1)").arg(typeName(rootType)));
        ondemand::object root;
        if (error_code e = doc.get_object().get(root))
            return internalError(e);

        RunInfo &run = m_page.run;
        bool haveId = false, haveOrg = false, haveLogs = false;
        for (auto fieldResult : root) {
            ondemand::field field;
            if (error_code e = std::move(fieldResult).get(field))
                return internalError(e);
            const std::string_view key = keyOf(field, m_json.data() + m_json.size(), m_keyScratch);
            const QString keyString = text(key);
            ondemand::value &value = field.value();
            json_type type;
            if (error_code e = value.type().get(type))
                return internalError(e);

            if (key == "logs") {
                if (haveLogs)
                    return fail(QStringLiteral("field \"logs\" appears more than once"));
                haveLogs = true;
                if (type != json_type::array)
                    return fail(QStringLiteral("field \"logs\" is not an array (it is %1)").arg(typeName(type)));
                if (!parseLogs(value))
                    return std::move(m_failure);
                continue;
            }

            std::string_view raw;
            if (error_code e = rawValue(value, type, raw))
                return internalError(e);
            run.rawFields.append({keyString, bytes(raw)});

            if (key == "id" || key == "organization_id") {
                const std::optional<qint64> v = integerValue(value, type);
                if (!v)
                    return fail(QStringLiteral("field \"%1\" must be an integer, got %2")
                                        .arg(keyString, shortRaw(raw)));
                (key == "id" ? run.id : run.organizationId) = *v;
                (key == "id" ? haveId : haveOrg) = true;
            } else if (key == "status" || key == "created_at" || key == "web_url" || key == "result") {
                std::optional<QString> &target = key == "status" ? run.status
                        : key == "created_at"                    ? run.createdAt
                        : key == "web_url"                       ? run.webUrl
                                                                 : run.result;
                if (type == json_type::null)
                    target.reset();
                else
                    target = type == json_type::string ? stringText(value, raw) : text(raw);
            } else if (key == "metadata") {
                // Any non-null value is kept: the detail view shows whatever came.
                run.metadataJson = type == json_type::null ? QByteArray() : bytes(raw);
            } else if (key == "total_logs") {
                run.totalLogs = integerValue(value, type);
            } else if (key == "page") {
                run.page = integerValue(value, type);
            } else if (key == "size") {
                run.size = integerValue(value, type);
            } else if (key == "pages") {
                run.pages = integerValue(value, type);
            }
        }
        if (!haveId)
            return fail(QStringLiteral("field \"id\" is missing"));
        if (!haveOrg)
            return fail(QStringLiteral("field \"organization_id\" is missing"));
        if (!haveLogs)
            return fail(QStringLiteral("field \"logs\" is missing"));

        result.ok = true;
        result.page = std::move(m_page);
        return result;
    }

    // The document is one log entry on its own (a line of a .jsonl export, an element of an
    // exported "logs" array): the same checks and fields as an entry inside a page.
    EntryParseResult runEntry(qsizetype index)
    {
        EntryParseResult result;
        ondemand::parser parser;
        ondemand::document doc;
        json_type rootType;
        ondemand::object object;
        error_code e = parser.iterate(m_json.view()).get(doc);
        if (!e)
            e = doc.type().get(rootType);
        if (!e && rootType != json_type::object) {
            result.error = QStringLiteral("log entry %1 is not an object (it is %2)").arg(index).arg(typeName(rootType));
            return result;
        }
        if (!e)
            e = doc.get_object().get(object);
        if (e) {
            result.error = internalError(e).error;
            return result;
        }
        if (!parseEntry(object, index, result.entry)) {
            result.error = m_failure.error;
            result.entry = LogEntry();
            return result;
        }
        result.ok = true;
        return result;
    }

private:
    bool parseLogs(ondemand::value &value)
    {
        ondemand::array logs;
        if (error_code e = value.get_array().get(logs))
            return setInternalError(e);
        qsizetype index = 0;
        for (auto elementResult : logs) {
            ondemand::value element;
            if (error_code e = std::move(elementResult).get(element))
                return setInternalError(e);
            json_type type;
            if (error_code e = element.type().get(type))
                return setInternalError(e);
            if (type != json_type::object) {
                m_failure = fail(QStringLiteral("log entry %1 is not an object (it is %2)").arg(index).arg(typeName(type)));
                return false;
            }
            ondemand::object entryObject;
            if (error_code e = element.get_object().get(entryObject))
                return setInternalError(e);
            LogEntry entry;
            if (!parseEntry(entryObject, index, entry))
                return false;
            m_page.entries.append(std::move(entry));
            ++index;
        }
        return true;
    }

    // `summary`: where to put the table's line for the entry; null when it is not wanted (it is
    // made when a row is shown, LogTableModel::summaryOf, so that a big run keeps no text).
    bool parseEntry(ondemand::object &object, qsizetype index, LogEntry &entry, PageParser::SummaryLine *summaryLine = nullptr)
    {
        std::string_view whole;
        if (error_code e = object.raw_json().get(whole))
            return setInternalError(e);
        whole = trimTrailingSpace(whole);
        if (m_owner) {
            entry.rawJson = QByteArray::fromRawData(m_ownerBase + (whole.data() - m_json.data()), qsizetype(whole.size()));
            entry.rawOwner = m_owner;
        } else {
            entry.rawJson = bytes(whole);
        }
        bool rewound = false;
        if (error_code e = object.reset().get(rewound))
            return setInternalError(e);

        SummarySources summary;
        bool haveRunId = false;
        for (auto fieldResult : object) {
            ondemand::field field;
            if (error_code e = std::move(fieldResult).get(field))
                return setInternalError(e);
            const std::string_view key = keyOf(field, m_json.data() + m_json.size(), m_keyScratch);
            ondemand::value &value = field.value();
            json_type type;
            if (error_code e = value.type().get(type))
                return setInternalError(e);

            error_code e = simdjson::SUCCESS;
            if (key == "agent_run_id") {
                const std::optional<qint64> v = integerValue(value, type);
                if (!v) {
                    m_failure = fail(QStringLiteral("log entry %1: \"agent_run_id\" must be an integer, got %2")
                                             .arg(index)
                                             .arg(shortRaw(trimTrailingSpace(value.raw_json_token()))));
                    return false;
                }
                entry.agentRunId = *v;
                haveRunId = true;
            } else if (key == "created_at") {
                e = displayText(value, type, entry.createdAtText);
                entry.createdAtMsecs = entry.createdAtText.isNull() ? LogEntry::kNoTime
                                                                    : Timestamps::parseUtcMsecs(entry.createdAtText);
            } else if (key == "message_type") {
                e = displayText(value, type, entry.messageType);
            } else if (key == "tool_name") {
                e = displayText(value, type, entry.toolName);
            } else if (!summaryLine) {
                // The rest only makes the summary.
            } else if (key == "thought") {
                e = textSource(value, type, summary.thought, summary.thoughtOwned);
            } else if (key == "observation") {
                summary.observationText.reset();
                summary.observationOwned = QString();
                summary.observationJson.reset();
                if (type == json_type::string) {
                    e = textSource(value, type, summary.observationText, summary.observationOwned);
                } else if (type != json_type::null) {
                    std::string_view raw;
                    e = rawValue(value, type, raw);
                    summary.observationJson = raw;
                }
            } else if (key == "sidechain") {
                bool sidechain = false;
                summary.sidechain = type == json_type::boolean && !value.get_bool().get(sidechain) && sidechain;
            } else if (key == "tool_input") {
                summary.toolInputJson.reset();
                if (type != json_type::null) {
                    std::string_view raw;
                    e = rawValue(value, type, raw);
                    summary.toolInputJson = raw;
                }
            }
            if (e)
                return setInternalError(e);
        }
        if (!haveRunId) {
            m_failure = fail(QStringLiteral("log entry %1: \"agent_run_id\" is missing").arg(index));
            return false;
        }
        if (summaryLine)
            *summaryLine = PageParser::SummaryLine{summaryOf(summary, entry.messageType), summary.sidechain};
        return true;
    }

    // A text for the summary: strings unescaped (a view into simdjson's string buffer, which
    // lives as long as the document), other non-null values as their raw JSON.
    static error_code textSource(ondemand::value &value, json_type type, std::optional<std::string_view> &view,
                                 QString &owned)
    {
        view.reset();
        owned = QString();
        if (type == json_type::null)
            return simdjson::SUCCESS;
        std::string_view raw;
        if (error_code e = rawValue(value, type, raw))
            return e;
        if (type != json_type::string) {
            view = raw;
            return simdjson::SUCCESS;
        }
        std::string_view s;
        if (value.get_string().get(s) == simdjson::SUCCESS)
            view = s;
        else
            owned = JsonText::unescapeString(QByteArrayView(raw.data(), qsizetype(raw.size())));
        return simdjson::SUCCESS;
    }

    static PageParseResult fail(const QString &message)
    {
        PageParseResult r;
        r.ok = false;
        r.error = message;
        return r;
    }

    static PageParseResult internalError(error_code e)
    {
        return fail(QStringLiteral("could not read the response: %1").arg(QString::fromUtf8(simdjson::error_message(e))));
    }

    bool setInternalError(error_code e)
    {
        m_failure = internalError(e);
        return false;
    }

    const PaddedJson &m_json;
    std::shared_ptr<const void> m_owner;
    const char *m_ownerBase = nullptr;
    ParsedPage m_page;
    PageParseResult m_failure;
    QByteArray m_keyScratch;
};

// The page's verdict in its own words: where the text goes wrong, and simdjson's word for it.
QString validate(const PaddedJson &json)
{
    const JsonValidation::Verdict verdict = JsonValidation::check(json, int(kMaxDepth));
    if (verdict.ok)
        return {};
    if (verdict.tooLarge)
        return QStringLiteral("the response is too large to parse (%1)").arg(verdict.engineMessage);
    if (verdict.where.startsWith(QLatin1String("not valid JSON at byte")) && !verdict.engineMessage.isEmpty())
        return QStringLiteral("%1 [simdjson: %2]").arg(verdict.where, verdict.engineMessage);
    return verdict.where;
}

} // namespace

namespace PageParser {

PageParseResult parse(const QByteArray &body)
{
    PageParseResult result;
    if (body.isEmpty()) {
        result.error = QStringLiteral("the response body is empty");
        return result;
    }
    // Waits (on this worker thread) while other documents fill the process's parse budget.
    const ByteBudget::Reservation budget(ParseBudget::shared(), body.size());
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: read in place when the body has
    // that spare capacity (PageReply's have), else copied once.
    const PaddedJson json(body);
    if (!json.isValid()) {
        result.error = QStringLiteral("not enough memory to parse a response of %1 bytes").arg(body.size());
        return result;
    }
    const QString invalid = validate(json);
    if (!invalid.isNull()) {
        result.error = invalid;
        return result;
    }
    // The entries are slices of the body, kept once for all of them (not a copy each).
    auto owner = std::make_shared<const QByteArray>(body);
    const char *base = owner->constData();
    return Parser(json, std::move(owner), base).run();
}

EntryParseResult parseEntry(QByteArrayView rawEntry, qsizetype index, qsizetype readableAfter,
                            std::shared_ptr<const void> owner)
{
    EntryParseResult result;
    if (rawEntry.trimmed().isEmpty()) {
        result.error = QStringLiteral("log entry %1 is empty").arg(index);
        return result;
    }
    const ByteBudget::Reservation budget(ParseBudget::shared(), rawEntry.size());
    const PaddedJson json(rawEntry, readableAfter);
    if (!json.isValid()) {
        result.error = QStringLiteral("not enough memory to parse an entry of %1 bytes").arg(rawEntry.size());
        return result;
    }
    const QString invalid = validate(json);
    if (!invalid.isNull()) {
        result.error = QStringLiteral("log entry %1: %2").arg(index).arg(invalid);
        return result;
    }
    if (owner)
        return Parser(json, std::move(owner), rawEntry.data()).runEntry(index);
    return Parser(json).runEntry(index);
}

QString summaryOf(QByteArrayView rawEntry)
{
    return summaryLineOf(rawEntry).text;
}

SummaryLine summaryLineOf(QByteArrayView rawEntry)
{
    if (rawEntry.isEmpty())
        return {};
    const PaddedJson json(rawEntry, 0);
    if (!json.isValid())
        return {};
    return Parser(json).runSummary();
}

} // namespace PageParser
