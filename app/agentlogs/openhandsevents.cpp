// SPDX-License-Identifier: MIT
#include "agentlogs/openhandsevents.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsontextparts.h"
#include "agentlogs/jsonhead.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/partparsers.h"
#include "agentlogs/qtorderedjson.h"
#include "agentlogs/simdjsonrecords.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>

#include <optional>
#include <string_view>

// The stream is parsed with simdjson (SimdRecords) and each entry written from the parsed events
// with the bytes the QJsonDocument reading wrote (QtOrderedJson). Read in batches (the window), it
// is parsed an event at a time (Events): once to check every event and learn what is ahead
// (Lookahead), once to read it, and the events an entry quotes once more when it is written; the
// whole stream's parse, kept until the end, touched fresh memory of several times the file's
// size, most of the time before the first entry (issue 28).

namespace {

using namespace SimdRecords;
using simdjson::dom::object;

// The context of this file's words in the catalogue.
struct OpenHandsEventsText {
    Q_DECLARE_TR_FUNCTIONS(OpenHandsEvents)
};

// Its strings are views of the converter's StringArena (it outlives the writing of the entries),
// and its tool input and output and source records are written from the events (Events) with the
// entry: no copy of them kept in between (fresh memory, most of a large log's conversion).
struct Draft {
    RawEntry entry;              // without parsedSources: sourceEvent's and resultEvent's
    qsizetype sourceEvent = -1;  // the event it was made of, its first source record (-1: none)
    qsizetype resultEvent = -1;  // the observation that answers it: tool_output, the next record
    bool argsAsInput = false;    // tool_input: sourceEvent's "args"
    qint64 eventId = -1;
    bool awaitsResult = false; // a tool action: an observation should answer it
    bool hasResult = false;
    bool agentMessage = false;
    bool finish = false;
    bool mayBeTheAnswer = false; // the last agent message of a stream without a finish (Lookahead)
};

} // namespace

// Moved bit for bit when its list grows (realloc, of a large list without a copy): its members
// are Qt's containers and plain values, none pointing into itself.
Q_DECLARE_TYPEINFO(Draft, Q_RELOCATABLE_TYPE);

namespace {

QString textOf(std::string_view utf8)
{
    return QString::fromUtf8(viewOf(utf8));
}

std::optional<double> exitCodeIn(const std::optional<element> &extras)
{
    if (const std::optional<double> nested = numberOf(fieldOf(fieldOf(extras, "metadata"), "exit_code")))
        return nested;
    return numberOf(fieldOf(extras, "exit_code"));
}

// How a warning names an event: by its id when it has one, else by its place in the list.
QString eventName(const std::optional<element> &event, qsizetype index)
{
    if (const std::optional<qint64> id = exactIntegerOf(fieldOf(event, "id")))
        return OpenHandsEventsText::tr("event %1").arg(*id);
    return OpenHandsEventsText::tr("event #%1 of the list").arg(index + 1);
}

// The stream's events: the values of the whole stream's parse, or each event's bytes, parsed when
// it is read (by the reader's own parser, the value living until that parser's next parse).
class Events
{
public:
    explicit Events(simdjson::dom::array parsed)
    {
        m_parsed.reserve(qsizetype(parsed.size()));
        for (const element value : parsed)
            m_parsed.append(value);
    }
    // Each event's bytes (JsonTextParts); `readableEnd`: where the bytes that may be read after
    // them end (the stream's, and a mapped file's last page).
    Events(QList<QByteArrayView> texts, const char *readableEnd)
        : m_texts(std::move(texts))
        , m_readableEnd(readableEnd)
        , m_eventByEvent(true)
    {
    }
    qsizetype size() const { return m_eventByEvent ? m_texts.size() : m_parsed.size(); }
    // Event i, parsed by `parser` unless the whole stream was; false when its bytes are no JSON
    // simdjson reads (never for an event read before: the parse is the same).
    bool read(qsizetype i, simdjson::dom::parser &parser, element &value) const
    {
        if (!m_eventByEvent) {
            value = m_parsed.at(i);
            return true;
        }
        return PartParsers::parse(m_texts.at(i), m_readableEnd, parser, value);
    }

private:
    QList<element> m_parsed;
    QList<QByteArrayView> m_texts;
    const char *m_readableEnd = nullptr;
    bool m_eventByEvent = false;
};

// What one pass over the parsed events tells before they are read, so that an entry is handed
// over once no later event can change it (SettledEntries): an action's result may come with any
// later observation naming it as its cause, the last agent message is the answer when no event
// finishes, and every entry's run id comes from the first user message.
struct Lookahead {
    QHash<qint64, qsizetype> lastCauseAt; // an event id: the last event naming it as its cause
    qsizetype lastAgentMessage = -1;      // the last agent message's event
    qsizetype firstUserMessage = -1;      // the first user message's event
    bool anyFinish = false;

    // Learns what event `index` tells.
    void read(element value, qsizetype index)
    {
        if (!value.is_object())
            return;
        const object event = value.get_object().value_unsafe();
        const std::optional<element> action = fieldOf(event, "action");
        if (action && action->is_string()) {
            const std::string_view name = stringOf(*action);
            if (name == "finish") {
                anyFinish = true;
            } else if (name == "message") {
                if (stringField(event, "source") != "user")
                    lastAgentMessage = index;
                else if (firstUserMessage < 0)
                    firstUserMessage = index;
            }
        } else if (const std::optional<qint64> cause = exactIntegerOf(fieldOf(event, "cause"))) {
            lastCauseAt.insert(*cause, index);
        }
    }
};

class Converter
{
public:
    // Room for an entry an event at most: the drafts are not moved again while the list grows.
    explicit Converter(const Events &events)
        : m_events(events)
    {
        m_drafts.reserve(events.size());
        m_byEventId.reserve(events.size());
    }
    void event(element value, qsizetype index, ConversionWarnings &warnings);
    // Reads in batches: `settled`'s taker gets the entries no later event can change, after each
    // event (handOverSettled()), and the rest at the end (finish()).
    void handOverSettledEntries(const SettledEntries *settled, const Lookahead *ahead, qsizetype bytes)
    {
        m_settled = settled;
        m_ahead = ahead;
        m_bytes = bytes;
    }
    // After event `index`: hands over the entries settled since the last batch, once they are a
    // batch. False when the cancel or the taker said stop.
    bool handOverSettled(qsizetype index, const ConversionCancel &cancel);
    // False when `cancelled` (or the taker of `settled`, when not null) stopped it.
    bool finish(AgentLogConversion &out, ConversionWarnings &warnings, const ConversionCancel &cancel, const SettledEntries *settled,
                qsizetype bytesRead);

private:
    Draft &append(object event, const char *messageType);
    void action(object event);
    void observation(element value, object event, qsizetype index, ConversionWarnings &warnings);
    void setResult(Draft &draft, object event);
    bool isSettled(const Draft &draft, qsizetype index) const;
    QByteArray sessionKey() const;
    // A string of the event being read, kept until the entries are written (the event's parse
    // may not last so long).
    QByteArray kept(QByteArrayView utf8) { return unownedBytes(utf8.isEmpty() ? utf8 : m_arena.keep(utf8)); }
    // Entry i's bytes, its events read by this thread's parsers.
    void write(qsizetype i, QByteArray &out, qint64 runId);

    QList<Draft> m_drafts;
    StringArena m_arena; // the times given a zone, the strings kept()
    QHash<qint64, qsizetype> m_byEventId;
    QJsonObject m_metadata;
    QString m_title;
    QByteArray m_sessionKey;
    QByteArray m_firstDraftSource; // the first draft's event as QJsonDocument writes it
    const Events &m_events;
    PartParsers::PerThread<2> m_parsers; // the action's and the observation's, for write()
    qsizetype m_eventIndex = 0; // the event being read
    // Reading in batches (handOverSettledEntries()); else null.
    const SettledEntries *m_settled = nullptr;
    const Lookahead *m_ahead = nullptr;
    qsizetype m_bytes = 0;
    qsizetype m_settledEnd = 0; // the drafts before it are settled
    qsizetype m_handedOver = 0; // the drafts before it were handed over
};

Draft &Converter::append(object event, const char *messageType)
{
    Draft draft;
    draft.entry.createdAt = kept(timestampWithZone(viewOf(stringField(event, "timestamp")), m_arena));
    draft.entry.messageType = messageType;
    draft.sourceEvent = m_eventIndex; // written with the entry
    if (m_drafts.isEmpty())
        m_firstDraftSource = QJsonDocument::fromJson(jsonOf(event)).toJson(QJsonDocument::Compact);
    if (const std::optional<qint64> id = exactIntegerOf(fieldOf(event, "id"))) {
        draft.eventId = *id;
        m_byEventId.insert(draft.eventId, m_drafts.size());
    }
    m_drafts.append(std::move(draft));
    return m_drafts.last();
}

void Converter::action(object event)
{
    const std::string_view name = stringField(event, "action");
    const std::optional<element> argsValue = fieldOf(event, "args");
    // QJsonValue::toObject(): anything else is an empty object.
    const std::optional<object> args = argsValue && argsValue->is_object() ? std::optional<object>(argsValue->get_object().value_unsafe())
                                                                           : std::nullopt;
    const auto arg = [&args](std::string_view key) { return args ? stringField(*args, key) : std::string_view(); };
    const std::string_view source = stringField(event, "source");
    if (name == "system" || name == "change_agent_state")
        return;
    if (name == "message") {
        std::string_view text = arg("content");
        if (text.empty())
            text = stringField(event, "message");
        if (source == "user") {
            Draft &draft = append(event, "USER_MESSAGE");
            draft.entry.observation = jsonString(viewOf(text));
            if (m_title.isEmpty())
                m_title = titleFromText(textOf(text));
            if (m_sessionKey.isEmpty())
                m_sessionKey = textOf(stringField(event, "timestamp")).toUtf8() + '\n' + bytesOf(text);
        } else {
            Draft &draft = append(event, "PLAN_EVALUATION");
            draft.entry.thought = kept(viewOf(text));
            draft.agentMessage = true;
            draft.mayBeTheAnswer = m_ahead && !m_ahead->anyFinish && m_eventIndex == m_ahead->lastAgentMessage;
        }
        return;
    }
    if (name == "think") {
        Draft &draft = append(event, "PLAN_EVALUATION");
        draft.entry.thought = kept(viewOf(arg("thought")));
        return;
    }
    if (name == "finish") {
        Draft &draft = append(event, "FINAL_ANSWER");
        std::string_view answer = arg("final_thought");
        if (answer.empty())
            answer = stringField(event, "message");
        draft.entry.observation = jsonString(viewOf(answer));
        draft.entry.thought = kept(viewOf(arg("thought")));
        draft.finish = true;
        return;
    }
    Draft &draft = append(event, "ACTION");
    draft.awaitsResult = true;
    draft.entry.toolName = kept(viewOf(name));
    if (args)
        draft.argsAsInput = true; // written as jsonOf() would, with the entry
    else
        draft.entry.toolInput = QByteArrayLiteral("{}");
    draft.entry.thought = kept(viewOf(arg("thought")));
    const std::optional<element> function = fieldOf(fieldOf(event, "tool_call_metadata"), "function_name");
    if (function && function->is_string())
        draft.entry.setExtra("function_name", jsonOf(*function));
    if (source == "user")
        draft.entry.setExtra("source", jsonString(viewOf(source)));
}

// An observation as its action's tool_output: {"content": …, "exit_code": …, "extras": …}, in
// QJsonObject's order. Only reads the parse: entries are written on two threads.
void appendToolOutput(QByteArray &out, object event)
{
    const qsizetype start = out.size();
    out += '{';
    const auto member = [&out, start](const char *key) {
        if (out.size() > start + 1)
            out += ',';
        out += key;
    };
    if (const std::optional<element> content = fieldOf(event, "content")) {
        member("\"content\":");
        QtOrderedJson::append(out, *content);
    }
    const std::optional<element> extras = fieldOf(event, "extras");
    if (const std::optional<double> code = exitCodeIn(extras)) {
        member("\"exit_code\":");
        QtOrderedJson::appendDouble(out, *code);
    }
    if (extras && extras->is_object() && extras->get_object().value_unsafe().size() > 0) {
        member("\"extras\":");
        QtOrderedJson::append(out, *extras);
    }
    out += '}';
}

// The entry as appendEntryJson() writes its RawEntry with its events (`source`, `result`: the
// draft's sourceEvent and resultEvent, when it has them) as its source records, its tool input
// and output written here.
void appendEntry(QByteArray &out, const Draft &draft, const std::optional<element> &source, const std::optional<element> &result,
                 qint64 runId, qint64 id)
{
    RawEntry entry = draft.entry; // shares its strings
    if (source)
        entry.parsedSources.append(*source);
    if (result)
        entry.parsedSources.append(*result);
    appendEntryStart(out, runId, id, {entry.createdAt, entry.messageType, entry.thought, entry.toolName, {}, {}});
    out += ",\"tool_input\":";
    const std::optional<element> args = draft.argsAsInput ? fieldOf(source, "args") : std::nullopt;
    if (args)
        QtOrderedJson::append(out, *args);
    else
        out += entry.toolInput.isEmpty() ? QByteArrayView("null") : QByteArrayView(entry.toolInput);
    out += ",\"tool_output\":";
    if (result && result->is_object())
        appendToolOutput(out, result->get_object().value_unsafe());
    else
        out += entry.toolOutput.isEmpty() ? QByteArrayView("null") : QByteArrayView(entry.toolOutput);
    appendEntryRest(out, entry);
}

void Converter::setResult(Draft &draft, object event)
{
    if (const std::optional<double> code = exitCodeIn(fieldOf(event, "extras"))) {
        QByteArray number;
        QtOrderedJson::appendDouble(number, *code);
        draft.entry.setExtra("exit_code", number);
    }
    draft.resultEvent = m_eventIndex; // the tool_output, written with the entry (appendToolOutput())
    if (stringField(event, "observation") == "error")
        draft.entry.messageType = "ERROR";
    draft.hasResult = true;
}

void Converter::observation(element value, object event, qsizetype index, ConversionWarnings &warnings)
{
    const std::string_view kind = stringField(event, "observation");
    const std::optional<element> extras = fieldOf(event, "extras");
    const std::optional<element> eventValue = value;
    if (kind == "agent_state_changed") {
        const std::optional<element> stateValue = fieldOf(extras, "agent_state");
        const std::string_view state = stateValue ? stringOf(*stateValue) : std::string_view();
        m_metadata.insert(QStringLiteral("agent_state"), textOf(state));
        if (state == "error") {
            Draft &draft = append(event, "ERROR");
            const std::optional<element> reason = fieldOf(extras, "reason");
            draft.entry.observation = jsonString(viewOf(reason ? stringOf(*reason) : std::string_view()));
        }
        return;
    }
    const std::optional<qint64> cause = exactIntegerOf(fieldOf(event, "cause"));
    QString warning;
    if (cause) {
        const auto found = m_byEventId.constFind(*cause);
        if (found == m_byEventId.constEnd()) {
            warning = OpenHandsEventsText::tr("%1: an observation (%2) of action %3, which is not in the file; kept as an entry of its own")
                          .arg(eventName(eventValue, index), textOf(kind))
                          .arg(*cause);
        } else if (m_drafts.at(*found).awaitsResult && !m_drafts.at(*found).hasResult) {
            setResult(m_drafts[*found], event);
            return;
        } else if (m_drafts.at(*found).awaitsResult) {
            warning = OpenHandsEventsText::tr("%1: a second observation (%2) of action %3; kept as an entry of its own")
                          .arg(eventName(eventValue, index), textOf(kind))
                          .arg(*cause);
        }
        // Otherwise it answers a message (the context OpenHands recalls for it): a step of its own.
    }
    if (kind == "null")
        return; // answers an action that wants no result (a message, a finish)
    if (kind == "error" && warning.isEmpty()) {
        Draft &draft = append(event, "ERROR");
        if (const std::optional<element> content = fieldOf(event, "content"))
            draft.entry.observation = jsonOf(*content);
        return;
    }
    if (!warning.isEmpty())
        warnings.add(warning);
    else if (!cause)
        warnings.add(OpenHandsEventsText::tr("%1: an observation (%2) of no action; kept as an entry of its own").arg(eventName(eventValue, index), textOf(kind)));
    Draft &draft = append(event, "ACTION");
    draft.entry.toolName = kept(viewOf(kind));
    draft.sourceEvent = -1; // its only source record is the result's
    setResult(draft, event);
}

void Converter::event(element value, qsizetype index, ConversionWarnings &warnings)
{
    const object event = value.get_object().value_unsafe();
    m_eventIndex = index;
    const std::optional<element> metrics = fieldOf(event, "llm_metrics");
    if (metrics && metrics->is_object()) {
        for (const char *key : {"accumulated_cost", "accumulated_token_usage"}) {
            if (const std::optional<element> total = fieldOf(metrics, key))
                m_metadata.insert(QLatin1String(key), toQJsonValue(*total));
        }
    }
    const std::optional<element> action = fieldOf(event, "action");
    if (action && action->is_string())
        this->action(event);
    else
        observation(value, event, index, warnings);
}

bool Converter::finish(AgentLogConversion &out, ConversionWarnings &warnings, const ConversionCancel &cancel, const SettledEntries *settled,
                       qsizetype bytesRead)
{
    bool finished = false;
    for (const Draft &draft : std::as_const(m_drafts))
        finished = finished || draft.finish;
    if (!finished) {
        for (qsizetype i = m_drafts.size() - 1; i >= 0; --i) {
            if (m_drafts.at(i).agentMessage) {
                RawEntry &entry = m_drafts[i].entry;
                entry.messageType = "FINAL_ANSWER";
                entry.observation = jsonString(entry.thought);
                entry.thought.clear();
                break;
            }
        }
    }
    const qint64 runId = agentRunIdFor(QByteArray("openhands:") + sessionKey());
    for (const Draft &draft : std::as_const(m_drafts)) {
        if (draft.awaitsResult && !draft.hasResult)
            warnings.add(OpenHandsEventsText::tr("action %1 (%2) has no observation").arg(draft.eventId).arg(QString::fromUtf8(draft.entry.toolName)));
    }
    const auto write = [&](qsizetype i, QByteArray &entry) { this->write(i, entry, runId); };
    const bool written = settled ? ParallelEntries::writeInBatches(out.entries, m_handedOver, m_drafts.size(), write, cancel, *settled, bytesRead)
                                 : ParallelEntries::write(out.entries, m_drafts.size(), write, cancel);
    if (!written)
        return false;
    out.title = m_title;
    out.metadata = m_metadata;
    return true;
}

void Converter::write(qsizetype i, QByteArray &out, qint64 runId)
{
    const Draft &draft = m_drafts.at(i);
    simdjson::dom::parser *parsers = m_parsers.forThisThread();
    std::optional<element> source;
    std::optional<element> result;
    element value;
    if (draft.sourceEvent >= 0 && m_events.read(draft.sourceEvent, parsers[0], value))
        source = value;
    if (draft.resultEvent >= 0 && m_events.read(draft.resultEvent, parsers[1], value))
        result = value;
    appendEntry(out, draft, source, result, runId, i + 1);
}

// The run's session key: the first user message's time and text, else the first event as
// QJsonDocument writes it. Final once the first user message is read (Lookahead), or, in a stream
// without one, once there is a draft.
QByteArray Converter::sessionKey() const
{
    if (m_sessionKey.isEmpty() && !m_drafts.isEmpty())
        return m_firstDraftSource;
    return m_sessionKey;
}

// No event after `index` changes the draft: an action that still awaits its result is named as a
// cause by no later event, and the answer a stream without a finish ends with is not written
// before the end.
bool Converter::isSettled(const Draft &draft, qsizetype index) const
{
    if (draft.mayBeTheAnswer)
        return false;
    if (draft.awaitsResult && !draft.hasResult && draft.eventId >= 0) {
        const auto cause = m_ahead->lastCauseAt.constFind(draft.eventId);
        if (cause != m_ahead->lastCauseAt.constEnd() && *cause > index)
            return false;
    }
    return true;
}

bool Converter::handOverSettled(qsizetype index, const ConversionCancel &cancel)
{
    if (!m_settled)
        return true;
    while (m_settledEnd < m_drafts.size() && isSettled(m_drafts.at(m_settledEnd), index))
        ++m_settledEnd;
    const qsizetype wanted = std::max<qsizetype>(m_handedOver == 0 ? m_settled->firstBatch : m_settled->batch, 1);
    if (m_settledEnd - m_handedOver < wanted)
        return true;
    // Every entry's run id: known once the first user message is read (or, without one, the first event).
    if (m_ahead->firstUserMessage >= 0 ? index < m_ahead->firstUserMessage : m_drafts.isEmpty())
        return true;
    const qint64 runId = agentRunIdFor(QByteArray("openhands:") + sessionKey());
    QList<QByteArray> batch;
    if (!ParallelEntries::writeRange(batch, m_handedOver, m_settledEnd, [&](qsizetype i, QByteArray &entry) { write(i, entry, runId); },
                                     cancel))
        return false;
    m_handedOver = m_settledEnd;
    // The share of the input the entries handed over stand for: no more than the final
    // batches' (ParallelEntries::writeInBatches()), since there are no more drafts than events.
    return m_settled->handOver(std::move(batch), qsizetype(double(m_bytes) * double(m_handedOver) / double(std::max<qsizetype>(m_events.size(), 1))));
}

} // namespace

bool looksLikeOpenHandsEvents(QByteArrayView head)
{
    const JsonHead json = readJsonHead(head);
    if (json.container != '[' || json.has("agent_run_id"))
        return false;
    if (!json.has("id") || !json.has("timestamp") || !json.has("source"))
        return false;
    // A first event too long for the head may hide its action behind a long message.
    return json.has("action") || json.has("observation") || !json.objectComplete;
}

namespace {

// Reads the events (after a pass of `ahead` over them, when not null) into `out`; with `settled`
// (may be null), its entries are handed over in batches as they settle. False when cancelled.
bool readEvents(const Events &events, Lookahead *ahead, QByteArrayView bytes, simdjson::dom::parser &parser, const ConversionCancel &cancel,
                const SettledEntries *settled, AgentLogConversion &out)
{
    CancelCheck cancelled(cancel);
    ConversionWarnings warnings;
    Converter converter(events);
    if (settled)
        converter.handOverSettledEntries(settled, ahead, bytes.size());
    for (qsizetype index = 0; index < events.size(); ++index) {
        if (cancelled())
            return false;
        element value;
        if (!events.read(index, parser, value))
            return false; // not after the first pass (eventByEvent()), which read each event
        const std::optional<element> event = value;
        const std::optional<element> action = fieldOf(event, "action");
        const std::optional<element> observation = fieldOf(event, "observation");
        if (!value.is_object() || ((!action || !action->is_string()) && (!observation || !observation->is_string())))
            warnings.add(OpenHandsEventsText::tr("%1: not an event with an action or an observation; skipped").arg(eventName(event, index)));
        else
            converter.event(value, index, warnings);
        if (!converter.handOverSettled(index, cancel))
            return false;
    }
    if (!converter.finish(out, warnings, cancel, settled, bytes.size()))
        return false;
    out.warnings = warnings.take();
    out.ok = true;
    return true;
}

// The stream's events, an event at a time, with what is ahead of each (the pass that checks every
// event's bytes): none when the raw look finds no list or an event is no JSON simdjson reads (a
// lone surrogate, a raw control character, too deep), so that the whole stream's parse reads it
// or says what is wrong, as it always did; the entries wait for this pass, so none was handed
// over then. Cancelled: `cancelled` set.
std::optional<Events> eventByEvent(QByteArrayView bytes, qsizetype readableAfter, simdjson::dom::parser &parser, const ConversionCancel &cancel,
                                   Lookahead &ahead, bool &cancelled)
{
    std::optional<QList<QByteArrayView>> texts = JsonTextParts::arrayElements(bytes);
    if (!texts)
        return std::nullopt;
    Events events(std::move(*texts), bytes.data() + bytes.size() + readableAfter);
    CancelCheck check(cancel);
    element value;
    for (qsizetype index = 0; index < events.size(); ++index) {
        if (check()) {
            cancelled = true;
            return std::nullopt;
        }
        if (!events.read(index, parser, value))
            return std::nullopt;
        ahead.read(value, index);
    }
    return events;
}

// The conversion; with `settled` (may be null), its entries are handed over in batches as they
// settle, the stream read an event at a time when it can be (eventByEvent()).
AgentLogConversion convert(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter, const SettledEntries *settled)
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("OpenHands");
    if (settled) {
        simdjson::dom::parser parser;
        Lookahead ahead;
        bool cancelled = false;
        std::optional<Events> events;
        if (PartParsers::prepare(parser, 1)) // the events are a level inside the list
            events = eventByEvent(bytes, readableAfter, parser, cancel, ahead, cancelled);
        if (events)
            return readEvents(*events, &ahead, bytes, parser, cancel, settled, out) ? out : cancelledConversion(out.agentName);
        if (cancelled)
            return cancelledConversion(out.agentName);
    }
    RecordParser parser;
    element root;
    QString reason;
    qsizetype errorOffset = 0;
    switch (parser.parse(bytes, readableAfter, simdjson::dom::element_type::ARRAY, root, reason, &errorOffset)) {
    case RecordParser::Result::NotJson:
        out.error = OpenHandsEventsText::tr("OpenHands event stream, line %1: not JSON (%2).").arg(lineOfOffset(bytes, errorOffset)).arg(reason);
        return out;
    case RecordParser::Result::OtherKind:
        out.error = OpenHandsEventsText::tr("OpenHands event stream, line 1: not a list of events.");
        return out;
    case RecordParser::Result::Parsed:
        break;
    }
    const Events events(root.get_array().value_unsafe());
    std::optional<Lookahead> ahead;
    simdjson::dom::parser unused; // the events are the whole parse's
    if (settled) {
        ahead.emplace();
        for (qsizetype index = 0; index < events.size(); ++index) {
            element value;
            events.read(index, unused, value);
            ahead->read(value, index);
        }
    }
    if (!readEvents(events, ahead ? &*ahead : nullptr, bytes, unused, cancel, settled, out))
        return cancelledConversion(out.agentName);
    return out;
}

} // namespace

AgentLogConversion convertOpenHandsEvents(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter)
{
    return convert(bytes, cancel, readableAfter, nullptr);
}

AgentLogConversion convertOpenHandsEventsInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled)
{
    return convert(bytes, cancel, settled.readableAfter, settled.handOver ? &settled : nullptr);
}
