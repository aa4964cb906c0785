// SPDX-License-Identifier: MIT
#include "agentlogs/inspectlog.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"
#include "agentlogs/jsontextparts.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/partparsers.h"
#include "agentlogs/qtorderedjson.h"
#include "agentlogs/simdjsonrecords.h"
#include "agentlogs/ziparchive.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

// The log is parsed once with simdjson (SimdRecords) and each entry written from the parsed
// events with the bytes the QJsonDocument reading wrote (QtOrderedJson). The few small values a
// sample's list row and its metadata take are read as QJsonValues, as before. Read event by event
// (the window), a sample's events are parsed one at a time (splitSample()): once to check
// them before any entry is handed over, once to read each, and once more to write its entry; the
// whole log's parse touched fresh memory of several times the file's size before the first entry
// (issue 28).

namespace {

using namespace SimdRecords;
using simdjson::dom::array;
using simdjson::dom::object;
using Value = std::optional<element>;

// The context of this file's words in the catalogue.
struct InspectLogText {
    Q_DECLARE_TR_FUNCTIONS(InspectLog)
};

// The value as QJsonObject::value() gave it: undefined when absent.
QJsonValue qtValue(const Value &value)
{
    return value ? toQJsonValue(*value) : QJsonValue(QJsonValue::Undefined);
}

// QJsonValue::toArray(): anything else is empty.
std::optional<array> arrayOf(const Value &value)
{
    if (!value || !value->is_array())
        return std::nullopt;
    return value->get_array().value_unsafe();
}

bool isEmptyArray(const Value &value)
{
    const std::optional<array> items = arrayOf(value);
    return !items || items->begin() == items->end();
}

std::string_view stringAt(const Value &value, std::string_view key)
{
    const Value field = fieldOf(value, key);
    return field ? stringOf(*field) : std::string_view();
}

QString textOf(std::string_view utf8)
{
    return QString::fromUtf8(viewOf(utf8));
}

// A JSON scalar as text: a string as it is, a number without a needless ".0", anything else
// compact JSON.
QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

// The text blocks of a message's content (a string, or a list of content blocks).
QByteArray messageText(const Value &content)
{
    return content ? contentTextOf(*content, TextBlocks::TypedText) : QByteArray();
}

QByteArray reasoningOf(const Value &content)
{
    QList<QByteArray> parts;
    if (const std::optional<array> blocks = arrayOf(content)) {
        for (const element block : *blocks) {
            const std::string_view reasoning = stringAt(block, "reasoning");
            if (stringAt(block, "type") == "reasoning" && !reasoning.empty())
                parts.append(bytesOf(reasoning));
        }
    }
    return parts.join("\n\n");
}

// A sample's input: a string, or the text of its user messages.
QByteArray inputText(const Value &input)
{
    if (input && input->is_string())
        return bytesOf(stringOf(*input));
    QList<QByteArray> parts;
    if (const std::optional<array> messages = arrayOf(input)) {
        for (const element message : *messages) {
            if (stringAt(message, "role") == "user")
                parts.append(messageText(fieldOf(message, "content")));
        }
    }
    return parts.join("\n\n");
}

// A tool's arguments as tool_input: an object as it is, none or null as null (empty), anything
// else as {"arguments": value}.
QByteArray argumentsJson(const Value &arguments)
{
    if (!arguments || arguments->is_null())
        return {};
    if (arguments->is_object())
        return jsonOf(*arguments);
    return "{\"arguments\":" + jsonOf(*arguments) + '}';
}

} // namespace

// One sample of a log: parsed (an object; none when it is no object), or why it could not be
// (a sample file of an .eval archive).
struct InspectLog::Sample {
    Value value;
    QString error;
    // Read event by event (splitSample()): its events' bytes, none of them empty (`value`
    // then has no "events" that counts), each parsed again when it is read; what the whole
    // parse's values would have told of them.
    QList<QByteArrayView> eventTexts;
    const char *readableEnd = nullptr; // bytes up to here may be read after an event's
    int toolEvents = 0;
    qsizetype mostDrafts = 0;
    QByteArray firstEventTime;
};

struct InspectLog::Parsed {
    bool ok = false;
    QString error;
    qsizetype size = 0; // the log's bytes (an archive's, not its samples'): what a hand-over reports read
    Value root;
    QList<Sample> samples;
    // The parses the values live in: the log's, or the header's and each sample file's.
    std::vector<std::unique_ptr<RecordParser>> parsers;
    // Read event by event: the parses of the log without its samples and of its samples without
    // their split lists (a .json log's in one list, an archive's a file each), and the sample
    // files of an archive whose events are read from them.
    std::vector<std::unique_ptr<simdjson::dom::parser>> partParsers;
    QList<QByteArray> sampleFiles;
};

namespace {

using SampleSource = InspectLog::Sample;
using Log = InspectLog::Parsed;

// `bytes` parsed into a parser of `log`'s; an object's value, none for an array; on error none
// with `error` set.
Value parseJson(Log &log, QByteArrayView bytes, const QString &place, QString *error, qsizetype readableAfter = 0)
{
    log.parsers.push_back(std::make_unique<RecordParser>());
    element root;
    QString reason;
    qsizetype offset = 0;
    switch (log.parsers.back()->parse(bytes, readableAfter, simdjson::dom::element_type::OBJECT, root, reason, &offset)) {
    case RecordParser::Result::NotJson:
        *error = InspectLogText::tr("%1, line %2: not JSON (%3).").arg(place).arg(lineOfOffset(bytes, offset)).arg(reason);
        return std::nullopt;
    case RecordParser::Result::OtherKind:
        return std::nullopt;
    case RecordParser::Result::Parsed:
        break;
    }
    return root;
}

QString noSamples()
{
    return InspectLogText::tr("Inspect eval log: the log holds no samples (it was written without them, or is still running).");
}

bool hasEvalObject(const Value &root)
{
    const Value eval = fieldOf(root, "eval");
    return eval && eval->is_object();
}

int toolCallCount(const Value &events);
qsizetype mostDrafts(array events);

// The object `members` make without the one at `left` (-1: none), as a JSON text.
QByteArray objectWithout(const QList<JsonTextParts::Member> &members, qsizetype left)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i == left)
            continue;
        if (out.size() > 1)
            out += ',';
        out += '"';
        out += members.at(i).key;
        out += "\":";
        out += members.at(i).value;
    }
    return out + '}';
}

// `text` parsed into a new parser of `log`'s that keeps it, a part `levelsAbove` levels inside
// the whole text (PartParsers::prepare()); none when simdjson refuses it.
Value parseKept(Log &log, const QByteArray &text, size_t levelsAbove)
{
    auto parser = std::make_unique<simdjson::dom::parser>();
    element value;
    if (!PartParsers::prepare(*parser, levelsAbove) || !PartParsers::parse(text, text.constData() + text.size(), *parser, value))
        return std::nullopt;
    log.partParsers.push_back(std::move(parser));
    return value;
}

// Reads a sample (`text`, an object `levelsAbove` levels inside the whole text) to be converted
// event by event: its members by the raw look (JsonTextParts), its last "events" a list split
// into its events, each checked by its own parse (what the list and the conversion learn of them
// noted in `sample`). Returns the sample without that list, for the caller to parse and keep; a
// list whose events hold events of their own (a subtask's, a tool's) stays in it, parsed whole
// with it. None when the look finds no object, a key it cannot compare, or an event's parse is
// refused: the caller then parses the sample whole, and says what is wrong as it always did.
std::optional<QByteArray> splitSample(QByteArrayView text, const char *readableEnd, size_t levelsAbove, SampleSource &sample)
{
    const std::optional<QList<JsonTextParts::Member>> members = JsonTextParts::objectMembers(text);
    if (!members)
        return std::nullopt;
    qsizetype eventsMember = -1; // QJsonObject keeps a repeated key's last value
    for (qsizetype i = 0; i < members->size(); ++i) {
        if (!JsonTextParts::isPlainKey(members->at(i).key))
            return std::nullopt;
        if (members->at(i).key == "events")
            eventsMember = i;
    }
    std::optional<QList<QByteArrayView>> events;
    if (eventsMember >= 0)
        events = JsonTextParts::arrayElements(members->at(eventsMember).value);
    bool split = events && !events->isEmpty();
    if (split) {
        simdjson::dom::parser parser;
        if (!PartParsers::prepare(parser, levelsAbove + 2)) // an event is in the sample and its list
            return std::nullopt;
        element value;
        for (qsizetype i = 0; i < events->size() && split; ++i) {
            if (!PartParsers::parse(events->at(i), readableEnd, parser, value))
                return std::nullopt;
            const Value event = value;
            if (i == 0)
                sample.firstEventTime = bytesOf(stringAt(event, "timestamp"));
            const Value inner = fieldOf(event, "events");
            if (!isEmptyArray(inner)) {
                split = false; // read with the sample, where its inner events are
                break;
            }
            sample.toolEvents += int(stringAt(event, "event") == "tool") + toolCallCount(inner);
            sample.mostDrafts += 1 + (arrayOf(inner) ? mostDrafts(*arrayOf(inner)) : 0);
        }
    }
    if (split) {
        sample.eventTexts = std::move(*events);
        sample.readableEnd = readableEnd;
    } else {
        sample.toolEvents = 0;
        sample.mostDrafts = 0;
        sample.firstEventTime.clear();
    }
    return objectWithout(*members, split ? eventsMember : -1);
}

// A .json log read event by event (splitSample()): the log without its samples parsed and kept,
// and its samples without their split lists parsed together as one list (one parser, however
// many samples: each parser holds memory of its own). None when the raw look or a part's parse
// refuses anything, or the log has no "eval" object or no samples: the whole parse then reads it
// and says what is wrong, as it always did.
std::shared_ptr<const Log> readLogBySamples(QByteArrayView bytes, qsizetype readableAfter)
{
    const std::optional<QList<JsonTextParts::Member>> members = JsonTextParts::objectMembers(bytes);
    if (!members)
        return nullptr;
    qsizetype samplesMember = -1;
    for (qsizetype i = 0; i < members->size(); ++i) {
        if (!JsonTextParts::isPlainKey(members->at(i).key))
            return nullptr;
        if (members->at(i).key == "samples")
            samplesMember = i;
    }
    if (samplesMember < 0)
        return nullptr;
    const std::optional<QList<QByteArrayView>> samples = JsonTextParts::arrayElements(members->at(samplesMember).value);
    if (!samples || samples->isEmpty())
        return nullptr;
    auto log = std::make_shared<Log>();
    log->size = bytes.size();
    const char *readableEnd = bytes.data() + bytes.size() + readableAfter;
    log->root = parseKept(*log, objectWithout(*members, samplesMember), 0);
    if (!log->root || !hasEvalObject(log->root))
        return nullptr;
    QByteArray rest = "["; // the samples without their split lists
    for (const QByteArrayView text : *samples) {
        SampleSource sample;
        std::optional<QByteArray> sampleRest;
        if (text.startsWith('{')) {
            sampleRest = splitSample(text, readableEnd, 2, sample); // a sample is in the log and its list
            if (!sampleRest)
                return nullptr;
        }
        if (rest.size() > 1)
            rest += ',';
        rest += sampleRest ? QByteArrayView(*sampleRest) : text; // no object is no sample, but is checked
        log->samples.append(sample);
    }
    rest += ']';
    const Value parsed = parseKept(*log, rest, 1); // the list is in the log
    const std::optional<array> values = arrayOf(parsed);
    if (!values || qsizetype(values->size()) != log->samples.size())
        return nullptr;
    qsizetype i = 0;
    for (const element value : *values) {
        if (value.is_object())
            log->samples[i].value = value;
        ++i;
    }
    log->ok = true;
    return log;
}

// A sample file of an archive read event by event (splitSample()), the rest of it parsed and kept;
// false when it cannot be.
bool readArchiveSampleByEvents(Log &log, const QByteArray &content, SampleSource &sample)
{
    if (!content.startsWith('{'))
        return false;
    const std::optional<QByteArray> rest = splitSample(content, content.constData() + content.size(), 0, sample);
    if (rest)
        sample.value = parseKept(log, *rest, 0);
    return sample.value && sample.value->is_object();
}

// An .eval archive: header.json (the log without its samples; _journal/start.json while the
// evaluation runs) and one samples/<id>_epoch_<n>.json per sample, in the archive's order; with
// `eventByEvent`, each sample file read to be converted event by event where it can be
// (splitSample()), else parsed whole.
void readArchive(Log &log, QByteArrayView bytes, bool eventByEvent)
{
    ZipArchive archive(bytes);
    const QString format = InspectLogText::tr("Inspect eval log (.eval archive)");
    if (!archive.isOpen()) {
        log.error = InspectLogText::tr("%1: not a readable ZIP archive (%2).").arg(format, archive.errorString());
        return;
    }
    const QStringList names = archive.names();
    const QString headerName = names.contains(QLatin1String("header.json")) ? QStringLiteral("header.json")
                                                                             : QStringLiteral("_journal/start.json");
    QByteArray header;
    if (!archive.read(headerName, &header)) {
        log.error = InspectLogText::tr("%1: no header.json or _journal/start.json (%2).").arg(format, archive.errorString());
        return;
    }
    log.root = parseJson(log, header, QStringLiteral("%1, %2").arg(format, headerName), &log.error);
    if (!log.error.isEmpty())
        return;
    if (!hasEvalObject(log.root)) {
        log.error = InspectLogText::tr("%1, %2: no \"eval\" object.").arg(format, headerName);
        return;
    }
    for (const QString &name : names) {
        if (!name.startsWith(QLatin1String("samples/")) || !name.endsWith(QLatin1String(".json")))
            continue;
        SampleSource sample;
        QByteArray content;
        if (!archive.read(name, &content)) {
            sample.error = InspectLogText::tr("%1, %2: %3.").arg(format, name, archive.errorString());
        } else if (eventByEvent && readArchiveSampleByEvents(log, content, sample)) {
            log.sampleFiles.append(content); // its events are read from it
        } else {
            sample = SampleSource();
            sample.value = parseJson(log, content, QStringLiteral("%1, %2").arg(format, name), &sample.error);
        }
        log.samples.append(sample);
    }
    if (log.samples.isEmpty()) {
        log.error = noSamples();
        return;
    }
    log.ok = true;
}

std::shared_ptr<const Log> readLog(QByteArrayView bytes, qsizetype readableAfter, bool eventByEvent)
{
    if (eventByEvent && !ZipArchive::looksLikeZip(bytes)) {
        if (std::shared_ptr<const Log> log = readLogBySamples(bytes, readableAfter))
            return log;
    }
    auto log = std::make_shared<Log>();
    log->size = bytes.size();
    if (ZipArchive::looksLikeZip(bytes)) {
        readArchive(*log, bytes, eventByEvent);
        return log;
    }
    log->root = parseJson(*log, bytes, InspectLogText::tr("Inspect eval log"), &log->error, readableAfter);
    if (!log->error.isEmpty())
        return log;
    if (!hasEvalObject(log->root)) {
        log->error = InspectLogText::tr("Inspect eval log, line 1: no \"eval\" object.");
        return log;
    }
    const std::optional<array> samples = arrayOf(fieldOf(log->root, "samples"));
    if (!samples || samples->begin() == samples->end()) {
        log->error = noSamples();
        return log;
    }
    for (const element value : *samples) {
        SampleSource sample;
        if (value.is_object())
            sample.value = value;
        log->samples.append(sample);
    }
    log->ok = true;
    return log;
}

struct Draft {
    RawEntry entry;
    qsizetype sourceEvent = -1; // read event by event: the event it was made of, its source record
    QByteArray callId;
    bool awaitsResult = false;
    bool hasResult = false;
    bool assistantText = false;
    bool sidechain = false;
    QByteArray reasoning;
};

} // namespace

// Moved bit for bit when its list grows (realloc, of a large list without a copy): its members
// are Qt's containers and plain values, none pointing into itself.
Q_DECLARE_TYPEINFO(Draft, Q_RELOCATABLE_TYPE);

namespace {

class SampleConverter
{
public:
    SampleConverter(ConversionWarnings &warnings, CancelCheck &cancelled)
        : m_warnings(warnings)
        , m_cancelled(cancelled)
    {
    }

    void fromEvents(array events, const QString &place, bool sidechain);
    // The events of a sample read event by event (InspectLog::Sample::eventTexts), none of them
    // with events of its own: each parsed as it is read and again when its entries are written.
    void fromEventTexts(const QList<QByteArrayView> &texts, const char *readableEnd);
    void fromMessages(const Value &messages);
    void input(const QByteArray &text, std::string_view time);
    // False when the cancel (or the taker of `settled`, when not null) said stop.
    bool entries(QList<QByteArray> &out, qint64 runId, const ConversionCancel &cancel, const SettledEntries *settled, qsizetype bytesRead);
    // Reads the events in batches: `settled`'s taker gets the entries no later event can change
    // as the events are read (fromEvents()), and the rest at the end (entries()).
    // `mostDrafts`: no fewer than the drafts the events make (for the progress the batches report).
    void handOverSettledEntries(const SettledEntries *settled, qint64 runId, const ConversionCancel *cancel, qsizetype bytes, qsizetype mostDrafts)
    {
        m_settled = settled;
        m_runId = runId;
        m_cancel = cancel;
        m_bytes = bytes;
        m_mostDrafts = std::max<qsizetype>(mostDrafts, 1);
    }
    // The taker of the settled entries, or the cancel while they were written, said stop.
    bool stopped() const { return m_stopped; }

private:
    Draft &append(const char *messageType, std::string_view time, const Value &record, bool sidechain);
    // Event `number` (1-based) of a list, its warnings placed by `place`.
    void event(element event, qsizetype number, const QString &place, bool sidechain);
    void modelEvent(element event, bool sidechain);
    void toolEvent(element event, bool sidechain);
    static void setToolResult(Draft &draft, const Value &result, const Value &error);
    void settle(Draft &draft, bool finalAnswer) const;
    void handOverSettled();
    void write(qint64 runId, qsizetype i, QByteArray &entry) const;

    ConversionWarnings &m_warnings;
    CancelCheck &m_cancelled; // asked once a record; once it stops, the loops end
    QList<Draft> m_drafts;
    StringArena m_arena; // the times given a zone
    QHash<QByteArray, qsizetype> m_calls;
    QByteArray m_thought;
    // The last assistant text of the main conversation: the answer, unless another one follows.
    qsizetype m_lastAssistantText = -1;
    // Reading events in batches (handOverSettledEntries()); else null.
    const SettledEntries *m_settled = nullptr;
    const ConversionCancel *m_cancel = nullptr;
    qint64 m_runId = 0;
    qsizetype m_bytes = 0;
    qsizetype m_mostDrafts = 1;
    qsizetype m_handedOver = 0; // the drafts before it were handed over
    bool m_stopped = false;
    // Reading event by event (fromEventTexts()); else null.
    const QList<QByteArrayView> *m_eventTexts = nullptr;
    const char *m_readableEnd = nullptr;
    qsizetype m_eventIndex = -1;                       // the event being read
    mutable PartParsers::PerThread<1> m_writeParsers; // write() parses a draft's event again
};

Draft &SampleConverter::append(const char *messageType, std::string_view time, const Value &record, bool sidechain)
{
    Draft draft;
    draft.entry.messageType = messageType;
    const QByteArrayView createdAt = timestampWithZone(viewOf(time), m_arena);
    // The log's parse outlives the entries' writing; an event's parse, read event by event, does not.
    draft.entry.createdAt = unownedBytes(m_eventTexts && !createdAt.isEmpty() ? m_arena.keep(createdAt) : createdAt);
    if (record && m_eventTexts)
        draft.sourceEvent = m_eventIndex; // parsed again when the entry is written (write())
    else if (record)
        draft.entry.parsedSources.append(*record);
    if (sidechain) {
        draft.entry.setExtra("sidechain", QByteArray("true"));
        draft.sidechain = true;
    }
    m_drafts.append(std::move(draft));
    return m_drafts.last();
}

// Entry i's bytes: its source record the draft's event, parsed again by this thread's parser when
// read event by event. Only reads the drafts: entries are written on two threads.
void SampleConverter::write(qint64 runId, qsizetype i, QByteArray &entry) const
{
    const Draft &draft = m_drafts.at(i);
    if (draft.sourceEvent < 0) {
        appendEntryJson(entry, draft.entry, runId, i + 1);
        return;
    }
    RawEntry withSource = draft.entry; // shares its strings
    element event;
    if (PartParsers::parse(m_eventTexts->at(draft.sourceEvent), m_readableEnd, *m_writeParsers.forThisThread(), event))
        withSource.parsedSources.append(event); // always: the same parse took it before
    appendEntryJson(entry, withSource, runId, i + 1);
}

// What the end makes of a draft: the answer (the last assistant text of the main conversation),
// or a step with its reasoning.
void SampleConverter::settle(Draft &draft, bool finalAnswer) const
{
    if (finalAnswer) {
        draft.entry.messageType = "FINAL_ANSWER";
        draft.entry.observation = jsonString(draft.entry.thought);
        draft.entry.thought = draft.reasoning;
    } else if (!draft.reasoning.isEmpty()) {
        draft.entry.setExtra("reasoning", jsonString(draft.reasoning));
    }
}

// No fewer than the drafts `events` make: one an event at most, the inner events' too.
qsizetype mostDrafts(array events)
{
    qsizetype count = 0;
    for (const element event : events) {
        ++count;
        if (const std::optional<array> inner = arrayOf(fieldOf(event, "events")))
            count += mostDrafts(*inner);
    }
    return count;
}

// After an event: a draft is made whole when its event is read (a tool event holds its result),
// but the last assistant text may be the answer until another one comes, so the drafts before it
// are settled; written and handed over once they are a batch.
void SampleConverter::handOverSettled()
{
    if (!m_settled || m_stopped)
        return;
    const qsizetype settledEnd = m_lastAssistantText >= 0 ? m_lastAssistantText : m_drafts.size();
    const qsizetype wanted = std::max<qsizetype>(m_handedOver == 0 ? m_settled->firstBatch : m_settled->batch, 1);
    if (settledEnd - m_handedOver < wanted)
        return;
    for (qsizetype i = m_handedOver; i < settledEnd; ++i)
        settle(m_drafts[i], false);
    QList<QByteArray> batch;
    const qint64 runId = m_runId;
    if (!ParallelEntries::writeRange(batch, m_handedOver, settledEnd, [this, runId](qsizetype i, QByteArray &entry) { write(runId, i, entry); }, *m_cancel)) {
        m_stopped = true;
        return;
    }
    m_handedOver = settledEnd;
    // The share of the input the entries handed over stand for: no more than the final batches'
    // (ParallelEntries::writeInBatches()), since there are no more drafts than m_mostDrafts.
    const qsizetype read = qsizetype(double(m_bytes) * double(m_handedOver) / double(m_mostDrafts));
    m_stopped = !m_settled->handOver(std::move(batch), read);
}

void SampleConverter::input(const QByteArray &text, std::string_view time)
{
    Draft &draft = append("USER_MESSAGE", time, std::nullopt, false);
    draft.entry.observation = jsonString(text);
}

// The result as toolOutputObject() made it, and an error as QJsonObject::insert() added it.
void SampleConverter::setToolResult(Draft &draft, const Value &result, const Value &error)
{
    const bool resultIsObject = result && result->is_object();
    const QByteArray content = "{\"content\":" + (result ? jsonOf(*result) : QByteArray("null"));
    const bool errorObject = error && error->is_object() && error->get_object().value_unsafe().size() > 0;
    const bool errorText = error && error->is_string() && !stringOf(*error).empty();
    QByteArray output;
    if (!errorObject && !errorText) {
        output = resultIsObject ? jsonOf(*result) : content + '}';
    } else {
        draft.entry.messageType = "ERROR";
        const Value message = errorText ? error : fieldOf(error, "message");
        if (message) {
            const QByteArray messageJson = jsonOf(*message);
            if (resultIsObject)
                QtOrderedJson::appendObjectWith(output, result->get_object().value_unsafe(), "error", messageJson);
            else
                output = content + ",\"error\":" + messageJson + '}';
        } else if (resultIsObject) {
            // QJsonObject::insert() of an undefined value removes the key (no error message).
            QJsonObject withoutError = toQJsonValue(*result).toObject();
            withoutError.remove(QStringLiteral("error"));
            const QByteArray compact = QJsonDocument(withoutError).toJson(QJsonDocument::Compact);
            element rewritten;
            RecordParser rewriter;
            QString reason;
            // Qt's compact text of an object: always an object to simdjson too.
            if (rewriter.parse(compact, 0, simdjson::dom::element_type::OBJECT, rewritten, reason) == RecordParser::Result::Parsed)
                output = jsonOf(rewritten);
            else
                output = "{}";
        } else {
            output = content + '}';
        }
        const Value type = fieldOf(error, "type");
        if (type && type->is_string())
            draft.entry.setExtra("error_type", jsonOf(*type));
    }
    draft.entry.toolOutput = std::move(output);
    draft.hasResult = true;
}

void SampleConverter::modelEvent(element event, bool sidechain)
{
    const std::string_view time = stringAt(event, "timestamp");
    const Value error = fieldOf(event, "error");
    if (error && !stringOf(*error).empty()) {
        Draft &draft = append("ERROR", time, event, sidechain);
        draft.entry.observation = jsonOf(*error);
        return;
    }
    Value message;
    if (const std::optional<array> choices = arrayOf(fieldOf(fieldOf(event, "output"), "choices"))) {
        if (choices->begin() != choices->end()) {
            message = fieldOf(*choices->begin(), "message");
            if (message && !message->is_object())
                message.reset();
        }
    }
    const Value content = fieldOf(message, "content");
    const QByteArray text = messageText(content);
    const QByteArray reasoning = reasoningOf(content);
    if (!isEmptyArray(fieldOf(message, "tool_calls"))) {
        QList<QByteArray> parts;
        for (const QByteArray &part : {reasoning, text}) {
            if (!part.isEmpty())
                parts.append(part);
        }
        m_thought = parts.join("\n\n");
        return;
    }
    if (text.isEmpty() && reasoning.isEmpty())
        return;
    Draft &draft = append("PLAN_EVALUATION", time, event, sidechain);
    draft.entry.thought = text;
    draft.reasoning = reasoning;
    draft.assistantText = !text.isEmpty();
    if (draft.assistantText && !sidechain)
        m_lastAssistantText = m_drafts.size() - 1;
}

void SampleConverter::toolEvent(element event, bool sidechain)
{
    Draft &draft = append("ACTION", stringAt(event, "timestamp"), event, sidechain);
    draft.entry.toolName = bytesOf(stringAt(event, "function"));
    draft.entry.toolInput = argumentsJson(fieldOf(event, "arguments"));
    draft.entry.thought = std::exchange(m_thought, QByteArray());
    setToolResult(draft, fieldOf(event, "result"), fieldOf(event, "error"));
}

void SampleConverter::fromEvents(array events, const QString &place, bool sidechain)
{
    qsizetype i = 0;
    for (const element value : events) {
        handOverSettled(); // after the event before
        if (m_cancelled() || m_stopped)
            return;
        event(value, ++i, place, sidechain);
    }
}

void SampleConverter::fromEventTexts(const QList<QByteArrayView> &texts, const char *readableEnd)
{
    m_eventTexts = &texts;
    m_readableEnd = readableEnd;
    simdjson::dom::parser parser; // not prepared: each event was parsed once with the depth limit
    for (m_eventIndex = 0; m_eventIndex < texts.size(); ++m_eventIndex) {
        handOverSettled(); // after the event before
        if (m_cancelled() || m_stopped)
            return;
        element value;
        if (!PartParsers::parse(texts.at(m_eventIndex), readableEnd, parser, value)) {
            m_stopped = true; // never: the same parse took it before (splitSample())
            return;
        }
        event(value, m_eventIndex + 1, QString(), false);
    }
}

void SampleConverter::event(element event, qsizetype i, const QString &place, bool sidechain)
{
    const std::string_view type = stringAt(event, "event");
    if (!event.is_object() || type.empty()) {
        m_warnings.add(InspectLogText::tr("%1event %2: not an event; skipped").arg(place).arg(i));
        return;
    }
    if (type == "model") {
        modelEvent(event, sidechain);
    } else if (type == "tool") {
        toolEvent(event, sidechain);
        const Value inner = fieldOf(event, "events");
        if (!isEmptyArray(inner))
            fromEvents(*arrayOf(inner), InspectLogText::tr("%1event %2, ").arg(place).arg(i), true);
    } else if (type == "error") {
        Draft &draft = append("ERROR", stringAt(event, "timestamp"), event, sidechain);
        if (const Value message = fieldOf(fieldOf(event, "error"), "message"))
            draft.entry.observation = jsonOf(*message);
    } else if (type == "subtask") {
        if (const std::optional<array> inner = arrayOf(fieldOf(event, "events")))
            fromEvents(*inner, InspectLogText::tr("%1event %2, ").arg(place).arg(i), true);
    }
    // Every other event (sample_init, state, store, score, logger, info, step, spans,
    // sandbox, approval, input) describes the run's machinery, not a step of the agent's.
}

void SampleConverter::fromMessages(const Value &messagesValue)
{
    const std::optional<array> messages = arrayOf(messagesValue);
    if (!messages)
        return; // no drafts: no calls without results either
    qsizetype i = 0;
    for (const element message : *messages) {
        if (m_cancelled())
            return;
        ++i;
        const std::string_view role = stringAt(message, "role");
        const Value content = fieldOf(message, "content");
        if (!message.is_object() || role.empty()) {
            m_warnings.add(InspectLogText::tr("message %1: not a message; skipped").arg(i));
            continue;
        }
        if (role == "user") {
            Draft &draft = append("USER_MESSAGE", {}, message, false);
            draft.entry.observation = jsonString(messageText(content));
        } else if (role == "assistant") {
            const Value calls = fieldOf(message, "tool_calls");
            if (isEmptyArray(calls)) {
                Draft &draft = append("PLAN_EVALUATION", {}, message, false);
                draft.entry.thought = messageText(content);
                draft.reasoning = reasoningOf(content);
                draft.assistantText = !draft.entry.thought.isEmpty();
                continue;
            }
            QByteArray thought = messageText(content);
            const array callList = *arrayOf(calls); // a copy: the optional is a temporary
            for (const element call : callList) {
                Draft &draft = append("ACTION", {}, message, false);
                draft.entry.toolName = bytesOf(stringAt(call, "function"));
                draft.entry.toolInput = argumentsJson(fieldOf(call, "arguments"));
                draft.entry.thought = std::exchange(thought, QByteArray());
                draft.callId = bytesOf(stringAt(call, "id"));
                draft.awaitsResult = true;
                m_calls.insert(draft.callId, m_drafts.size() - 1);
            }
        } else if (role == "tool") {
            const QByteArray id = bytesOf(stringAt(message, "tool_call_id"));
            const auto found = m_calls.constFind(id);
            if (found != m_calls.constEnd() && !m_drafts.at(*found).hasResult) {
                Draft &draft = m_drafts[*found];
                setToolResult(draft, content, fieldOf(message, "error"));
                draft.entry.parsedSources.append(message);
                continue;
            }
            m_warnings.add(InspectLogText::tr("message %1: the result of call %2 without its call; kept as an entry of its own")
                               .arg(i)
                               .arg(QString::fromUtf8(id)));
            Draft &draft = append("ACTION", {}, message, false);
            draft.entry.toolName = bytesOf(stringAt(message, "function"));
            setToolResult(draft, content, fieldOf(message, "error"));
        }
        // System messages are the prompt, not a step.
    }
    for (const Draft &draft : std::as_const(m_drafts)) {
        if (draft.awaitsResult && !draft.hasResult)
            m_warnings.add(InspectLogText::tr("the call %1 (%2) has no result").arg(QString::fromUtf8(draft.callId), QString::fromUtf8(draft.entry.toolName)));
    }
}

bool SampleConverter::entries(QList<QByteArray> &out, qint64 runId, const ConversionCancel &cancel, const SettledEntries *settled,
                              qsizetype bytesRead)
{
    qsizetype finalAnswer = -1;
    for (qsizetype i = m_drafts.size() - 1; i >= 0 && finalAnswer < 0; --i) {
        if (m_drafts.at(i).assistantText && !m_drafts.at(i).sidechain)
            finalAnswer = i;
    }
    // Those handed over were settled already (handOverSettled()), none of them the answer.
    for (qsizetype i = m_handedOver; i < m_drafts.size(); ++i)
        settle(m_drafts[i], i == finalAnswer);
    const auto write = [this, runId](qsizetype i, QByteArray &entry) { this->write(runId, i, entry); };
    return settled ? ParallelEntries::writeInBatches(out, m_handedOver, m_drafts.size(), write, cancel, *settled, bytesRead)
                   : ParallelEntries::write(out, m_drafts.size(), write, cancel);
}

// The tool calls a sample's events hold, the subtasks' and tools' own events counted too; of a
// sample without events, the calls its assistant messages make.
int toolCallCount(const Value &events)
{
    int count = 0;
    if (const std::optional<array> items = arrayOf(events)) {
        for (const element event : *items) {
            if (stringAt(event, "event") == "tool")
                ++count;
            count += toolCallCount(fieldOf(event, "events"));
        }
    }
    return count;
}

int messageCallCount(const Value &messages)
{
    int count = 0;
    if (const std::optional<array> items = arrayOf(messages)) {
        for (const element message : *items) {
            if (const std::optional<array> calls = arrayOf(fieldOf(message, "tool_calls")))
                count += int(calls->size());
        }
    }
    return count;
}

QString targetText(const QJsonValue &target)
{
    if (!target.isArray())
        return scalarText(target);
    QStringList parts;
    for (const QJsonValue &part : target.toArray())
        parts.append(scalarText(part));
    return parts.join(QLatin1String(", "));
}

} // namespace

bool looksLikeInspectLog(QByteArrayView head)
{
    // An .eval archive names its files in the head: the journal is written first.
    if (ZipArchive::looksLikeZip(head))
        return head.contains("_journal/") || head.contains("header.json") || head.contains("samples/");
    const JsonHead json = readJsonHead(head);
    // A trajectory or a payload makes it SWE-agent's or Codex's, whatever else it holds.
    if (json.container != '{' || json.has("logs") || json.has("agent_run_id") || json.has("trajectory")
        || json.has("attempts") || json.has("payload"))
        return false;
    const JsonHeadKey *eval = json.key("eval");
    return eval && eval->valueStart == '{' && (json.has("version") || json.has("status"));
}

InspectLog::InspectLog(QByteArrayView bytes, qsizetype readableAfter, bool eventByEvent)
    : m_log(readLog(bytes, readableAfter, eventByEvent))
{
}

QString InspectLog::error() const
{
    return m_log->error;
}

QList<InspectSampleInfo> InspectLog::samples() const
{
    const Log &log = *m_log;
    QList<InspectSampleInfo> list;
    for (qsizetype i = 0; i < log.samples.size(); ++i) {
        const Value &sample = log.samples.at(i).value;
        InspectSampleInfo info;
        info.index = int(i);
        info.id = scalarText(qtValue(fieldOf(sample, "id")));
        info.epoch = int(qBound(qint64(0), exactIntegerOf(fieldOf(sample, "epoch")).value_or(0), qint64(1) << 30));
        info.title = titleFromText(QString::fromUtf8(inputText(fieldOf(sample, "input"))));
        // QJsonObject's first score: the first key in its order.
        const QJsonObject scores = qtValue(fieldOf(sample, "scores")).toObject();
        if (!scores.isEmpty())
            info.score = scalarText(scores.begin().value().toObject().value(QLatin1String("value")));
        info.target = targetText(qtValue(fieldOf(sample, "target")));
        const Value events = fieldOf(sample, "events");
        if (!log.samples.at(i).eventTexts.isEmpty())
            info.toolEvents = log.samples.at(i).toolEvents; // read event by event
        else
            info.toolEvents = isEmptyArray(events) ? messageCallCount(fieldOf(sample, "messages")) : toolCallCount(events);
        const Value sampleError = fieldOf(sample, "error");
        info.failed = !log.samples.at(i).error.isEmpty() || (sampleError && !sampleError->is_null());
        list.append(info);
    }
    return list;
}

bool InspectLog::readsEventByEvent(int sampleIndex) const
{
    return sampleIndex >= 0 && sampleIndex < m_log->samples.size() && !m_log->samples.at(sampleIndex).eventTexts.isEmpty();
}

AgentLogConversion InspectLog::convert(int sampleIndex, const ConversionCancel &cancel) const
{
    return convert(sampleIndex, cancel, nullptr);
}

AgentLogConversion InspectLog::convertInBatches(int sampleIndex, const ConversionCancel &cancel, const SettledEntries &settled) const
{
    return convert(sampleIndex, cancel, settled.handOver ? &settled : nullptr);
}

AgentLogConversion InspectLog::convert(int sampleIndex, const ConversionCancel &cancel, const SettledEntries *settled) const
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("Inspect");
    const Log &log = *m_log;
    if (!log.ok) {
        out.error = log.error;
        return out;
    }
    if (sampleIndex < 0 || sampleIndex >= log.samples.size()) {
        out.error = InspectLogText::tr("Inspect eval log: there is no sample %1 (the log holds %n sample(s)).", nullptr, int(log.samples.size())).arg(sampleIndex + 1);
        return out;
    }
    const SampleSource &source = log.samples.at(sampleIndex);
    if (!source.error.isEmpty()) {
        out.error = source.error;
        return out;
    }
    if (!source.value) {
        out.error = InspectLogText::tr("Inspect eval log, sample %1: not a sample.").arg(sampleIndex + 1);
        return out;
    }
    const Value &sample = source.value;
    const Value eval = fieldOf(log.root, "eval");
    ConversionWarnings warnings;
    CancelCheck cancelled(cancel);
    SampleConverter converter(warnings, cancelled);
    const QString sampleId = scalarText(qtValue(fieldOf(sample, "id")));
    const QString epoch = scalarText(qtValue(fieldOf(sample, "epoch")));
    const QString uuid = textOf(stringAt(sample, "uuid"));
    const QString sessionKey = uuid.isEmpty() ? textOf(stringAt(eval, "run_id")) + QLatin1Char(':') + textOf(stringAt(eval, "task"))
            + QLatin1Char(':') + sampleId + QLatin1Char(':') + epoch
                                              : uuid;
    const qint64 runId = agentRunIdFor(QByteArray("inspect:") + sessionKey.toUtf8());
    const QByteArray input = inputText(fieldOf(sample, "input"));
    const Value events = fieldOf(sample, "events");
    if (!source.eventTexts.isEmpty()) {
        // Read event by event: the same reading, from the events' bytes.
        if (settled)
            converter.handOverSettledEntries(settled, runId, &cancel, log.size, 1 + source.mostDrafts);
        const Value started = fieldOf(sample, "started_at");
        converter.input(input, started && started->is_string() ? stringOf(*started) : std::string_view(source.firstEventTime.constData(), size_t(source.firstEventTime.size())));
        converter.fromEventTexts(source.eventTexts, source.readableEnd);
    } else if (!isEmptyArray(events)) {
        const array eventList = *arrayOf(events);
        // Events hand their entries over as they are read; messages (whose calls wait for
        // results by id) only at the end.
        if (settled)
            converter.handOverSettledEntries(settled, runId, &cancel, log.size, 1 + mostDrafts(eventList));
        const Value started = fieldOf(sample, "started_at");
        converter.input(input, started && started->is_string() ? stringOf(*started) : stringAt(*eventList.begin(), "timestamp"));
        converter.fromEvents(eventList, QString(), false);
    } else {
        out.hasTimes = false;
        converter.fromMessages(fieldOf(sample, "messages"));
    }
    if (cancelled.cancelled() || converter.stopped() || !converter.entries(out.entries, runId, cancel, settled, log.size))
        return cancelledConversion(out.agentName);

    for (const char *key : {"task", "task_id", "model", "run_id", "eval_id", "created"}) {
        const QJsonValue value = qtValue(fieldOf(eval, key));
        if (!value.isUndefined() && !value.isNull())
            out.metadata.insert(QLatin1String(key), value);
    }
    const QJsonValue status = qtValue(fieldOf(log.root, "status"));
    if (status.isString())
        out.metadata.insert(QStringLiteral("status"), status);
    out.metadata.insert(QStringLiteral("sample_id"), qtValue(fieldOf(sample, "id")));
    for (const char *key : {"epoch", "target", "scores", "model_usage", "error", "total_time", "working_time"}) {
        const QJsonValue value = qtValue(fieldOf(sample, key));
        if (!value.isUndefined() && !value.isNull())
            out.metadata.insert(QLatin1String(key), value);
    }
    out.title = titleFromText(QString::fromUtf8(input));
    out.warnings = warnings.take();
    out.ok = true;
    return out;
}

QList<InspectSampleInfo> listInspectSamples(QByteArrayView bytes, QString *error)
{
    const InspectLog log(bytes);
    if (error)
        *error = log.error();
    return log.samples();
}

AgentLogConversion convertInspectSample(QByteArrayView bytes, int sampleIndex, const ConversionCancel &cancel)
{
    return InspectLog(bytes).convert(sampleIndex, cancel);
}
