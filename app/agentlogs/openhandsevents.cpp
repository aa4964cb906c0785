// SPDX-License-Identifier: MIT
#include "agentlogs/openhandsevents.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/qtorderedjson.h"
#include "agentlogs/simdjsonrecords.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>

#include <optional>
#include <string_view>

// The stream is parsed once with simdjson (SimdRecords) and each entry written from the parsed
// events with the bytes the QJsonDocument reading wrote (QtOrderedJson).

namespace {

using namespace SimdRecords;
using simdjson::dom::object;

// The context of this file's words in the catalogue.
struct OpenHandsEventsText {
    Q_DECLARE_TR_FUNCTIONS(OpenHandsEvents)
};

// Its strings are views of the parse or of the converter's StringArena (both outlive the writing
// of the entries), and its tool input and output are written from the parsed events with the
// entry: no copy of them kept in between (fresh memory, most of a large log's conversion).
struct Draft {
    RawEntry entry;
    std::optional<element> inputArgs;             // tool_input when set: the action's "args"
    std::optional<simdjson::dom::object> result;  // tool_output when set: made of this observation
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

// What one pass over the parsed events tells before they are read, so that an entry is handed
// over once no later event can change it (SettledEntries): an action's result may come with any
// later observation naming it as its cause, the last agent message is the answer when no event
// finishes, and every entry's run id comes from the first user message.
struct Lookahead {
    QHash<qint64, qsizetype> lastCauseAt; // an event id: the last event naming it as its cause
    qsizetype lastAgentMessage = -1;      // the last agent message's event
    qsizetype firstUserMessage = -1;      // the first user message's event
    bool anyFinish = false;

    explicit Lookahead(simdjson::dom::array events)
    {
        qsizetype index = 0;
        for (const element value : events) {
            if (value.is_object()) {
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
            ++index;
        }
    }
};

class Converter
{
public:
    // Room for an entry an event at most: the drafts are not moved again while the list grows.
    void reserve(qsizetype events)
    {
        m_drafts.reserve(events);
        m_byEventId.reserve(events);
    }
    void event(element value, qsizetype index, ConversionWarnings &warnings);
    // Reads in batches: `settled`'s taker gets the entries no later event can change, after each
    // event (handOverSettled()), and the rest at the end (finish()).
    void handOverSettledEntries(const SettledEntries *settled, const Lookahead *ahead, qsizetype events, qsizetype bytes)
    {
        m_settled = settled;
        m_ahead = ahead;
        m_events = events;
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

    QList<Draft> m_drafts;
    StringArena m_arena; // the times given a zone
    QHash<qint64, qsizetype> m_byEventId;
    QJsonObject m_metadata;
    QString m_title;
    QByteArray m_sessionKey;
    element m_event; // the event being read, of which the drafts keep the value
    qsizetype m_eventIndex = 0;
    // Reading in batches (handOverSettledEntries()); else null.
    const SettledEntries *m_settled = nullptr;
    const Lookahead *m_ahead = nullptr;
    qsizetype m_events = 0;
    qsizetype m_bytes = 0;
    qsizetype m_settledEnd = 0; // the drafts before it are settled
    qsizetype m_handedOver = 0; // the drafts before it were handed over
};

Draft &Converter::append(object event, const char *messageType)
{
    Draft draft;
    draft.entry.createdAt = unownedBytes(timestampWithZone(viewOf(stringField(event, "timestamp")), m_arena));
    draft.entry.messageType = messageType;
    draft.entry.parsedSources.append(m_event); // `event` as a value, written with the entry
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
            draft.entry.thought = unownedBytes(viewOf(text));
            draft.agentMessage = true;
            draft.mayBeTheAnswer = m_ahead && !m_ahead->anyFinish && m_eventIndex == m_ahead->lastAgentMessage;
        }
        return;
    }
    if (name == "think") {
        Draft &draft = append(event, "PLAN_EVALUATION");
        draft.entry.thought = unownedBytes(viewOf(arg("thought")));
        return;
    }
    if (name == "finish") {
        Draft &draft = append(event, "FINAL_ANSWER");
        std::string_view answer = arg("final_thought");
        if (answer.empty())
            answer = stringField(event, "message");
        draft.entry.observation = jsonString(viewOf(answer));
        draft.entry.thought = unownedBytes(viewOf(arg("thought")));
        draft.finish = true;
        return;
    }
    Draft &draft = append(event, "ACTION");
    draft.awaitsResult = true;
    draft.entry.toolName = unownedBytes(viewOf(name));
    if (args)
        draft.inputArgs = argsValue; // written as jsonOf() would, with the entry
    else
        draft.entry.toolInput = QByteArrayLiteral("{}");
    draft.entry.thought = unownedBytes(viewOf(arg("thought")));
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

// The entry as appendEntryJson() writes its RawEntry, its tool input and output written here.
void appendEntry(QByteArray &out, const Draft &draft, qint64 runId, qint64 id)
{
    const RawEntry &entry = draft.entry;
    appendEntryStart(out, runId, id, {entry.createdAt, entry.messageType, entry.thought, entry.toolName, {}, {}});
    out += ",\"tool_input\":";
    if (draft.inputArgs)
        QtOrderedJson::append(out, *draft.inputArgs);
    else
        out += entry.toolInput.isEmpty() ? QByteArrayView("null") : QByteArrayView(entry.toolInput);
    out += ",\"tool_output\":";
    if (draft.result)
        appendToolOutput(out, *draft.result);
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
    draft.result = event; // the tool_output, written with the entry (appendToolOutput())
    if (stringField(event, "observation") == "error")
        draft.entry.messageType = "ERROR";
    draft.entry.parsedSources.append(m_event); // `event` as a value, written with the entry
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
    draft.entry.toolName = unownedBytes(viewOf(kind));
    draft.entry.parsedSources.clear();
    setResult(draft, event);
}

void Converter::event(element value, qsizetype index, ConversionWarnings &warnings)
{
    const object event = value.get_object().value_unsafe();
    m_event = value;
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
    const auto write = [&](qsizetype i, QByteArray &entry) { appendEntry(entry, m_drafts.at(i), runId, i + 1); };
    const bool written = settled ? ParallelEntries::writeInBatches(out.entries, m_handedOver, m_drafts.size(), write, cancel, *settled, bytesRead)
                                 : ParallelEntries::write(out.entries, m_drafts.size(), write, cancel);
    if (!written)
        return false;
    out.title = m_title;
    out.metadata = m_metadata;
    return true;
}

// The run's session key: the first user message's time and text, else the first event as
// QJsonDocument writes it. Final once the first user message is read (Lookahead), or, in a stream
// without one, once there is a draft.
QByteArray Converter::sessionKey() const
{
    if (m_sessionKey.isEmpty() && !m_drafts.isEmpty())
        return QJsonDocument::fromJson(jsonOf(m_drafts.first().entry.parsedSources.at(0))).toJson(QJsonDocument::Compact);
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
    if (!ParallelEntries::writeRange(batch, m_handedOver, m_settledEnd, [&](qsizetype i, QByteArray &entry) { appendEntry(entry, m_drafts.at(i), runId, i + 1); },
                                     cancel))
        return false;
    m_handedOver = m_settledEnd;
    // The share of the input the entries handed over stand for: no more than the final
    // batches' (ParallelEntries::writeInBatches()), since there are no more drafts than events.
    return m_settled->handOver(std::move(batch), qsizetype(double(m_bytes) * double(m_handedOver) / double(std::max<qsizetype>(m_events, 1))));
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

// The conversion; with `settled` (may be null), its entries are handed over in batches as they are
// written, once every event is read.
AgentLogConversion convert(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter, const SettledEntries *settled)
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("OpenHands");
    CancelCheck cancelled(cancel);
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
    ConversionWarnings warnings;
    Converter converter;
    qsizetype index = 0;
    const simdjson::dom::array events = root.get_array().value_unsafe();
    converter.reserve(qsizetype(events.size()));
    std::optional<Lookahead> ahead;
    if (settled) {
        ahead.emplace(events);
        converter.handOverSettledEntries(settled, &*ahead, qsizetype(events.size()), bytes.size());
    }
    for (const element value : events) {
        if (cancelled())
            return cancelledConversion(out.agentName);
        const std::optional<element> event = value;
        const std::optional<element> action = fieldOf(event, "action");
        const std::optional<element> observation = fieldOf(event, "observation");
        if (!value.is_object() || ((!action || !action->is_string()) && (!observation || !observation->is_string())))
            warnings.add(OpenHandsEventsText::tr("%1: not an event with an action or an observation; skipped").arg(eventName(event, index)));
        else
            converter.event(value, index, warnings);
        if (!converter.handOverSettled(index, cancel))
            return cancelledConversion(out.agentName);
        ++index;
    }
    if (!converter.finish(out, warnings, cancel, settled, bytes.size()))
        return cancelledConversion(out.agentName);
    out.warnings = warnings.take();
    out.ok = true;
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
