// SPDX-License-Identifier: MIT
#include "agentlogs/codexrollout.h"

#include "agentlogs/codexrolloutscan.h"
#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/qtorderedjson.h"
#include "agentlogs/simdjsonrecords.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>

#include <optional>
#include <string_view>
#include <utility>

// Each record is parsed with simdjson (SimdRecords, as Claude Code transcripts are) and its
// entry written from the parsed values and the line's own bytes, with the bytes the QJsonDocument
// reading wrote (QtOrderedJson): no Qt tree per record, most of a conversion's time.

namespace {

using namespace SimdRecords;
using simdjson::dom::object;

// The context of this file's words in the catalogue.
struct CodexRolloutText {
    Q_DECLARE_TR_FUNCTIONS(CodexRollout)
};

const QStringList &recordTypes()
{
    static const QStringList types{QStringLiteral("session_meta"), QStringLiteral("response_item"),
                                   QStringLiteral("event_msg"), QStringLiteral("turn_context"),
                                   QStringLiteral("compacted")};
    return types;
}

// A line that is a record.
struct Record {
    int line = 0;
    QByteArrayView text; // the line as read, without surrounding space
};

// An entry being made, and what its mapping still needs.
struct Draft {
    RawEntry entry;
    bool outputContentOnly = false;       // tool_output is {"content": …} (or {}), made here
    bool outputHasExitCode = false;       // tool_output's "exit_code" is a number
    std::optional<double> outputExitCode; // tool_output's exit code, its own or its metadata's
    QByteArrayView callId; // in the converter's StringArena
    bool isCall = false;
    bool hasOutput = false;
    bool assistantText = false; // a candidate for the FINAL_ANSWER
    QByteArray reasoning;       // the reasoning before an assistant text
    // A call with an id: the last place in the file that may name it (CodexRolloutScan); its
    // output or exit code may change until the lines read have passed it.
    qsizetype changeableUntil = -1;
};

} // namespace

// Moved bit for bit when its list grows (realloc, of a large list without a copy): its members
// are Qt's containers and plain values, none pointing into itself.
Q_DECLARE_TYPEINFO(Draft, Q_RELOCATABLE_TYPE);

namespace {

QByteArray numberJson(double number)
{
    QByteArray out;
    QtOrderedJson::appendDouble(out, number);
    return out;
}

// The context Codex puts into the conversation as user messages: not the user's words.
bool isInjectedContext(QByteArrayView utf8)
{
    const QString text = QString::fromUtf8(utf8);
    const QStringView start = QStringView(text).trimmed();
    return start.startsWith(QLatin1String("<environment_context>")) || start.startsWith(QLatin1String("<user_instructions>"))
        || start.startsWith(QLatin1String("# AGENTS.md instructions")) || start.startsWith(QLatin1String("<user_shell_command>"));
}

void joinInto(QByteArray &into, QByteArrayView text)
{
    if (!into.isEmpty())
        into += "\n\n";
    into += text;
}

// Which of the event messages that repeat the response items are read: those of a kind no
// response item of the whole file holds (an older or filtered rollout).
struct EventReading {
    bool messages = true;
    bool reasoning = true;
};

class Converter
{
public:
    // `scan`: what the later lines may still change, for handing settled entries over while
    // reading (`settled`, with a handOver; else null, and the entries come at the end).
    Converter(EventReading reading, const CodexRolloutScan *scan, const SettledEntries *settled, const ConversionCancel &cancel)
        : m_readEventMessages(reading.messages)
        , m_readEventReasoning(reading.reasoning)
        , m_scan(settled && settled->handOver ? scan : nullptr)
        , m_settled(m_scan ? settled : nullptr)
        , m_cancel(cancel)
    {
        // The places that may make an assistant text: a response message of role "assistant",
        // and an agent_message event when events are read.
        if (m_scan) {
            m_lastPossibleAssistantText = std::max(m_scan->lastPlaceThatMayHold("\"assistant\""),
                                                   m_readEventMessages ? m_scan->lastPlaceThatMayHold("\"agent_message\"") : qsizetype(-1));
        }
    }

    // Maps one record (its parse `line`).
    void read(const Record &record, object line, ConversionWarnings &warnings);
    // After each line, `readEnd` the offset after it: the entries settled since the last batch,
    // handed over (with the input's `bytesRead`) once there are enough of them. False when the
    // taker or the cancel said stop.
    bool handOverSettled(qsizetype readEnd, qsizetype bytesRead);
    // The entries not handed over, the warnings of the mapping, the run's facts. `firstRecord`:
    // the first record's text (the run's id when no session names it). False when `cancel` stopped it.
    bool finish(AgentLogConversion &out, ConversionWarnings &warnings, QByteArrayView firstRecord);

private:
    void sessionMeta(object meta, std::string_view timestamp);
    void turnContext(object payload);
    void responseItem(const Record &record, std::string_view timestamp, object item, ConversionWarnings &warnings);
    void eventMessage(const Record &record, std::string_view timestamp, object event);
    void message(const Record &record, std::string_view timestamp, std::string_view role, const QByteArray &text);
    void call(const Record &record, std::string_view timestamp, std::string_view callId, std::string_view name, QByteArray input);
    void output(const Record &record, std::string_view timestamp, std::string_view callId, const std::optional<element> &value,
                ConversionWarnings &warnings);
    void setOutput(Draft &draft, const std::optional<element> &value);
    void insertExitCode(Draft &draft, double code);
    Draft &append(const Record &record, std::string_view timestamp, const char *messageType);
    bool isSettled(qsizetype index, qsizetype readEnd) const;
    // What the mapping does to a draft once nothing changes it any more: the final answer, the
    // reasoning, the exit code, the warning of a call without output.
    void finishDraft(qsizetype index);
    qint64 runId(QByteArrayView firstRecord) const;

    bool m_readEventMessages;
    bool m_readEventReasoning;
    const CodexRolloutScan *m_scan;
    const SettledEntries *m_settled;
    const ConversionCancel &m_cancel;
    RecordParser m_innerParser; // JSON written in a record's strings (arguments, outputs)
    QList<Draft> m_drafts;
    StringArena m_arena; // the call ids below and the entries' times, kept once: no allocation each
    QHash<QByteArrayView, qsizetype> m_callIndex;
    QHash<QByteArrayView, double> m_exitCodes;
    QMap<QString, int> m_unmapped;
    QByteArray m_reasoning;
    QString m_title;
    QJsonObject m_metadata;
    QByteArray m_sessionId;           // the run's, once a session_meta named it
    qsizetype m_lastAssistantText = -1; // the draft that is the final answer if no other comes
    qsizetype m_lastPossibleAssistantText = -1; // the last place in the file that may make one
    // Calls without output, in the entries' order: given after the outputs without a call, as
    // always, though a call's is known as it settles.
    ConversionWarnings m_callWarnings;
    qsizetype m_settledEnd = 0;       // the drafts before it are settled and finished
    qsizetype m_handedOver = 0;       // the drafts before it are handed over
};

Draft &Converter::append(const Record &record, std::string_view timestamp, const char *messageType)
{
    Draft draft;
    // Kept in the arena either way: the record's parse is gone once the next line is read.
    const QByteArrayView time = timestampWithZone(viewOf(timestamp), m_arena);
    draft.entry.createdAt = unownedBytes(time.data() == timestamp.data() ? m_arena.keep(time) : time);
    draft.entry.messageType = messageType;
    draft.entry.rawSources.append(record.text);
    m_drafts.append(std::move(draft));
    return m_drafts.last();
}

void Converter::sessionMeta(object meta, std::string_view timestamp)
{
    if (m_metadata.contains(QLatin1String("session_id")))
        return; // a resumed or forked rollout repeats its origin's; the first is this file's
    const std::string_view id = stringField(meta, "id");
    if (const std::optional<element> value = fieldOf(meta, "id"); value && value->is_string()) {
        const QString sessionId = QString::fromUtf8(viewOf(id));
        m_metadata.insert(QStringLiteral("session_id"), sessionId);
        m_sessionId = sessionId.toUtf8();
    }
    for (const char *key : {"cwd", "originator", "cli_version", "source", "model_provider", "forked_from_id", "git"}) {
        const std::optional<element> value = fieldOf(meta, key);
        if (value && !value->is_null())
            m_metadata.insert(QLatin1String(key), toQJsonValue(*value));
    }
    const std::optional<element> started = fieldOf(meta, "timestamp");
    m_metadata.insert(QStringLiteral("started_at"), QString::fromUtf8(viewOf(started && started->is_string() ? stringOf(*started) : timestamp)));
}

void Converter::turnContext(object payload)
{
    const std::optional<element> model = fieldOf(payload, "model");
    if (model && model->is_string())
        m_metadata.insert(QStringLiteral("model"), QString::fromUtf8(viewOf(stringOf(*model))));
    const std::optional<element> effort = fieldOf(payload, "effort");
    if (effort && effort->is_string())
        m_metadata.insert(QStringLiteral("reasoning_effort"), QString::fromUtf8(viewOf(stringOf(*effort))));
    const std::optional<element> cwd = fieldOf(payload, "cwd");
    if (!m_metadata.contains(QLatin1String("cwd")) && cwd && cwd->is_string())
        m_metadata.insert(QStringLiteral("cwd"), QString::fromUtf8(viewOf(stringOf(*cwd))));
}

void Converter::message(const Record &record, std::string_view timestamp, std::string_view role, const QByteArray &text)
{
    if (role == "assistant") {
        Draft &draft = append(record, timestamp, "PLAN_EVALUATION");
        draft.entry.thought = text;
        draft.assistantText = true;
        draft.reasoning = std::exchange(m_reasoning, QByteArray());
        m_lastAssistantText = m_drafts.size() - 1;
        return;
    }
    Draft &draft = append(record, timestamp, "USER_MESSAGE");
    draft.entry.observation = jsonString(text);
    if (role != "user")
        draft.entry.setExtra("role", jsonString(viewOf(role)));
    else if (isInjectedContext(text))
        draft.entry.setExtra("context", "true");
    else if (m_title.isEmpty())
        m_title = titleFromText(QString::fromUtf8(text));
}

void Converter::call(const Record &record, std::string_view timestamp, std::string_view callId, std::string_view name, QByteArray input)
{
    Draft &draft = append(record, timestamp, "ACTION");
    draft.isCall = true;
    draft.callId = m_arena.keep(viewOf(callId));
    draft.entry.toolName = bytesOf(name);
    draft.entry.toolInput = std::move(input);
    draft.entry.thought = std::exchange(m_reasoning, QByteArray());
    if (!callId.empty()) {
        m_callIndex.insert(draft.callId, m_drafts.size() - 1);
        if (m_scan)
            draft.changeableUntil = m_scan->lastPlaceThatMayNameCall(draft.callId);
    }
}

// A call's output as tool_output: a JSON object written in a string is that object (newer Codex
// writes {"output": ..., "metadata": {"exit_code": ...}} so); an object as it is; anything else
// as {"content": value}. Its exit code, its own or its metadata's, is noted while it is parsed.
void Converter::setOutput(Draft &draft, const std::optional<element> &value)
{
    const auto fromObject = [&draft](element outputObject) {
        draft.entry.toolOutput = jsonOf(outputObject);
        const std::optional<double> direct = numberOf(fieldOf(outputObject, "exit_code"));
        draft.outputHasExitCode = direct.has_value();
        draft.outputExitCode = direct ? direct : numberOf(fieldOf(fieldOf(outputObject, "metadata"), "exit_code"));
    };
    if (value && value->is_string()) {
        const std::string_view text = stringOf(*value);
        element parsed;
        QString reason;
        if (!text.empty() && text.front() == '{'
            && m_innerParser.parseObject(viewOf(text), 0, parsed, reason) == RecordParser::Result::Parsed) {
            fromObject(parsed);
            return;
        }
    }
    if (value && value->is_object()) {
        fromObject(*value);
        return;
    }
    draft.outputContentOnly = true;
    draft.entry.toolOutput = value ? "{\"content\":" + jsonOf(*value) + '}' : QByteArray("{}");
}

// tool_output with "exit_code" (so that insights see a failed command), as QJsonObject::insert()
// left it: {"exit_code": …} for a call without output.
void Converter::insertExitCode(Draft &draft, double code)
{
    QByteArray &output = draft.entry.toolOutput;
    if (output.isEmpty()) {
        output = "{\"exit_code\":" + numberJson(code) + '}';
    } else if (draft.outputContentOnly) { // "content" sorts before "exit_code"
        output.chop(1);
        if (output.size() > 1)
            output += ',';
        output += "\"exit_code\":" + numberJson(code) + '}';
    } else {
        object parsed;
        QString reason;
        if (m_innerParser.parseObject(output, 0, parsed, reason) != RecordParser::Result::Parsed)
            return; // written here from a parsed object: cannot be
        QByteArray withCode;
        QtOrderedJson::appendObjectWith(withCode, parsed, "exit_code", numberJson(code));
        output = std::move(withCode);
    }
}

void Converter::output(const Record &record, std::string_view timestamp, std::string_view callId, const std::optional<element> &value,
                       ConversionWarnings &warnings)
{
    const auto found = m_callIndex.constFind(viewOf(callId));
    if (found == m_callIndex.constEnd() || m_drafts.at(*found).hasOutput) {
        warnings.add(CodexRolloutText::tr("line %1: the output of call %2 without its call; kept as an entry of its own")
                         .arg(record.line)
                         .arg(QString::fromUtf8(viewOf(callId))));
        Draft &orphan = append(record, timestamp, "ACTION");
        setOutput(orphan, value);
        orphan.hasOutput = true;
        return;
    }
    Draft &draft = m_drafts[*found];
    draft.hasOutput = true;
    setOutput(draft, value);
    draft.entry.rawSources.append(record.text);
}

void Converter::responseItem(const Record &record, std::string_view timestamp, object item, ConversionWarnings &warnings)
{
    const std::string_view type = stringField(item, "type");
    const std::string_view callId = stringField(item, "call_id");
    const auto contentOf = [&item](std::string_view key) {
        const std::optional<element> value = fieldOf(item, key);
        return value ? contentTextOf(*value) : QByteArray();
    };
    if (type == "message") {
        message(record, timestamp, stringField(item, "role"), contentOf("content"));
    } else if (type == "reasoning") {
        QByteArray summary = contentOf("summary");
        if (summary.isEmpty())
            summary = contentOf("content");
        if (!summary.isEmpty())
            joinInto(m_reasoning, summary);
    } else if (type == "function_call") {
        // As {"arguments": value} (nothing for none), unless they are an object or its text.
        const std::optional<element> arguments = fieldOf(item, "arguments");
        QByteArray input = arguments ? "{\"arguments\":" + jsonOf(*arguments) + '}' : QByteArray("{}");
        element parsed;
        QString reason;
        if (arguments && arguments->is_object())
            input = jsonOf(*arguments);
        else if (arguments && arguments->is_string()
                 && m_innerParser.parseObject(viewOf(stringOf(*arguments)), 0, parsed, reason) == RecordParser::Result::Parsed)
            input = jsonOf(parsed);
        call(record, timestamp, callId, stringField(item, "name"), std::move(input));
    } else if (type == "custom_tool_call") {
        const std::optional<element> input = fieldOf(item, "input");
        call(record, timestamp, callId, stringField(item, "name"), input ? "{\"input\":" + jsonOf(*input) + '}' : QByteArray("{}"));
    } else if (type == "local_shell_call") {
        const std::string_view id = callId.empty() ? stringField(item, "id") : callId;
        const std::optional<element> action = fieldOf(item, "action");
        call(record, timestamp, id, "local_shell", action && action->is_object() ? jsonOf(*action) : QByteArray());
    } else if (type == "web_search_call") {
        // The search's result goes to the model, not into the rollout: nothing to wait for.
        const std::optional<element> action = fieldOf(item, "action");
        call(record, timestamp, {}, "web_search", action && action->is_object() ? jsonOf(*action) : QByteArray());
        m_drafts.last().hasOutput = true;
    } else if (type == "function_call_output" || type == "custom_tool_call_output") {
        output(record, timestamp, callId, fieldOf(item, "output"), warnings);
    } else if (type != "ghost_snapshot") { // an undo point: no content
        ++m_unmapped[QStringLiteral("response_item ") + (type.empty() ? QStringLiteral("?") : QString::fromUtf8(viewOf(type)))];
    }
}

void Converter::eventMessage(const Record &record, std::string_view timestamp, object event)
{
    const std::string_view type = stringField(event, "type");
    if (type == "exec_command_end") {
        if (const std::optional<double> code = numberOf(fieldOf(event, "exit_code"))) {
            const QByteArrayView callId = viewOf(stringField(event, "call_id"));
            const auto known = m_exitCodes.find(callId);
            if (known != m_exitCodes.end())
                *known = *code;
            else
                m_exitCodes.insert(m_arena.keep(callId), *code);
        }
    } else if (type == "error") {
        Draft &draft = append(record, timestamp, "ERROR");
        if (const std::optional<element> message = fieldOf(event, "message"))
            draft.entry.observation = jsonOf(*message);
    } else if (type == "token_count") {
        const std::optional<element> total = fieldOf(fieldOf(event, "info"), "total_token_usage");
        if (total && total->is_object())
            m_metadata.insert(QStringLiteral("token_usage"), toQJsonValue(*total));
    } else if (m_readEventMessages && type == "user_message") {
        message(record, timestamp, "user", bytesOf(stringField(event, "message")));
    } else if (m_readEventMessages && type == "agent_message") {
        message(record, timestamp, "assistant", bytesOf(stringField(event, "message")));
    } else if (m_readEventReasoning && type == "agent_reasoning") {
        const std::string_view text = stringField(event, "text");
        if (!text.empty())
            joinInto(m_reasoning, viewOf(text));
    }
    // Every other event (task started, deltas, approvals, ...) is the UI's; the response items
    // hold what the agent did.
}

void Converter::read(const Record &record, object line, ConversionWarnings &warnings)
{
    const std::string_view type = stringField(line, "type");
    const std::string_view timestamp = stringField(line, "timestamp");
    const object payload = fieldOf(line, "payload")->get_object().value_unsafe(); // checked: it is a record
    if (type == "session_meta")
        sessionMeta(payload, timestamp);
    else if (type == "turn_context")
        turnContext(payload);
    else if (type == "response_item")
        responseItem(record, timestamp, payload, warnings);
    else if (type == "event_msg")
        eventMessage(record, timestamp, payload);
    else if (type == "compacted") {
        Draft &draft = append(record, timestamp, "PLAN_EVALUATION");
        draft.entry.thought = bytesOf(stringField(payload, "message"));
        draft.entry.setExtra("compacted", "true");
    } else
        ++m_unmapped[QString::fromUtf8(viewOf(type))];
}

// Whether no line after `readEnd` can change draft `index`: a call with an id changes while a
// later line may name it (its output, its last exec_command_end), the last assistant text while
// another may come (then it is no longer the final answer). Everything else a line adds goes into
// entries still to come (the reasoning into the next call or message).
bool Converter::isSettled(qsizetype index, qsizetype readEnd) const
{
    const Draft &draft = m_drafts.at(index);
    if (draft.isCall && !draft.callId.isEmpty() && readEnd <= draft.changeableUntil)
        return false;
    return index != m_lastAssistantText || readEnd > m_lastPossibleAssistantText;
}

bool Converter::handOverSettled(qsizetype readEnd, qsizetype bytesRead)
{
    if (!m_settled)
        return true;
    while (m_settledEnd < m_drafts.size() && isSettled(m_settledEnd, readEnd))
        finishDraft(m_settledEnd++);
    const qsizetype wanted = m_handedOver == 0 ? m_settled->firstBatch : m_settled->batch;
    // Until a session is named, the entries' run id is not known (the first record's, at the end).
    if (m_sessionId.isEmpty() || m_settledEnd - m_handedOver < std::max<qsizetype>(wanted, 1))
        return true;
    const qsizetype first = m_handedOver;
    const qint64 run = runId({});
    QList<QByteArray> batch;
    if (!ParallelEntries::write(batch, m_settledEnd - first, [&](qsizetype i, QByteArray &entry) { appendEntryJson(entry, m_drafts.at(first + i).entry, run, first + i + 1); }, m_cancel))
        return false;
    for (qsizetype i = first; i < m_settledEnd; ++i) {
        // What the rest still reads of it: its time (of reasoning left over at the end), whether
        // it is a call, its id and output (a later output of the same id is an orphan): the texts go.
        RawEntry &entry = m_drafts[i].entry;
        const QByteArray createdAt = entry.createdAt;
        entry = RawEntry();
        entry.createdAt = createdAt;
        m_drafts[i].reasoning = QByteArray();
    }
    m_handedOver = m_settledEnd;
    return m_settled->handOver(std::move(batch), bytesRead);
}

void Converter::finishDraft(qsizetype index)
{
    Draft &draft = m_drafts[index];
    RawEntry &entry = draft.entry;
    if (index == m_lastAssistantText) {
        entry.messageType = "FINAL_ANSWER";
        entry.observation = jsonString(entry.thought);
        entry.thought = std::exchange(draft.reasoning, QByteArray());
    } else if (!draft.reasoning.isEmpty()) {
        entry.setExtra("reasoning", jsonString(draft.reasoning));
    }
    if (draft.isCall) {
        std::optional<double> code;
        const auto ended = m_exitCodes.constFind(draft.callId);
        if (!draft.callId.isEmpty() && ended != m_exitCodes.constEnd())
            code = *ended;
        else if (!entry.toolOutput.isEmpty())
            code = draft.outputExitCode;
        if (code) {
            entry.setExtra("exit_code", numberJson(*code));
            if (!draft.outputHasExitCode)
                insertExitCode(draft, *code);
        }
        if (!draft.hasOutput)
            m_callWarnings.add(CodexRolloutText::tr("the call %1 (%2) has no output").arg(QString::fromUtf8(draft.callId), QString::fromUtf8(entry.toolName)));
    }
}

qint64 Converter::runId(QByteArrayView firstRecord) const
{
    return agentRunIdFor(QByteArray("codex:") + (m_sessionId.isEmpty() ? firstRecord.toByteArray() : m_sessionId));
}

bool Converter::finish(AgentLogConversion &out, ConversionWarnings &warnings, QByteArrayView firstRecord)
{
    if (!m_reasoning.isEmpty()) {
        // Reasoning that nothing followed (the run was cut off): a thought of its own.
        Draft draft;
        draft.entry.messageType = "PLAN_EVALUATION";
        draft.entry.thought = std::exchange(m_reasoning, QByteArray());
        draft.entry.createdAt = m_drafts.isEmpty() ? QByteArray() : m_drafts.last().entry.createdAt;
        m_drafts.append(std::move(draft));
    }
    for (qsizetype i = m_settledEnd; i < m_drafts.size(); ++i)
        finishDraft(i);
    const qint64 run = runId(firstRecord);
    const qsizetype first = m_handedOver;
    if (!ParallelEntries::write(out.entries, m_drafts.size() - first, [&](qsizetype i, QByteArray &entry) { appendEntryJson(entry, m_drafts.at(first + i).entry, run, first + i + 1); }, m_cancel))
        return false;
    warnings.addAll(std::move(m_callWarnings));
    for (auto it = m_unmapped.constBegin(); it != m_unmapped.constEnd(); ++it)
        warnings.add(CodexRolloutText::tr("%n record(s) of type %1 not mapped", nullptr, it.value()).arg(it.key()));
    out.title = m_title;
    out.metadata = m_metadata;
    return true;
}

} // namespace

bool looksLikeCodexRollout(QByteArrayView head)
{
    const JsonHead line = readJsonHead(firstNonEmptyLine(head));
    if (line.container != '{' || line.has("agent_run_id"))
        return false;
    const JsonHeadKey *type = line.key("type");
    const JsonHeadKey *timestamp = line.key("timestamp");
    const JsonHeadKey *payload = line.key("payload");
    return type && timestamp && payload && timestamp->valueStart == '"' && payload->valueStart == '{'
        && recordTypes().contains(QString::fromUtf8(type->stringValue));
}

namespace {

// Whether a record of the file is a response item of type `itemType`: only the lines that may
// hold the word are parsed (CodexRolloutScan).
bool anyResponseItemOf(QByteArrayView bytes, const CodexRolloutScan &scan, QByteArrayView quotedType, CancelCheck &cancelled)
{
    const std::string_view itemType(quotedType.data() + 1, size_t(quotedType.size() - 2));
    RecordParser parser;
    bool found = false;
    scan.forEachLineThatMayHold(quotedType, [&](QByteArrayView line) {
        if (cancelled())
            return false;
        const QByteArrayView text = line.trimmed();
        object record;
        QString reason;
        if (text.isEmpty() || parser.parseObject(text, bytes.data() + bytes.size() - (text.data() + text.size()), record, reason) != RecordParser::Result::Parsed)
            return true;
        const std::optional<element> type = fieldOf(record, "type");
        const std::optional<element> payload = fieldOf(record, "payload");
        found = type && type->is_string() && payload && payload->is_object() && stringOf(*type) == "response_item"
            && stringField(payload->get_object().value_unsafe(), "type") == itemType;
        return !found;
    });
    return found;
}

// `settled`: hands settled entries over while reading (may be null).
AgentLogConversion convertRollout(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries *settled)
{
    const QString agentName = QStringLiteral("Codex CLI");
    CancelCheck cancelled(cancel);
    AgentLogConversion out;
    out.agentName = agentName;
    qsizetype skipped = 0;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        bytes = bytes.sliced(3);
        skipped = 3;
    }
    const bool inBatches = settled && settled->handOver;
    const CodexRolloutScan scan(bytes, inBatches, cancelled);
    EventReading reading;
    if (!scan.cancelled()) {
        reading.messages = !anyResponseItemOf(bytes, scan, "\"message\"", cancelled);
        reading.reasoning = !anyResponseItemOf(bytes, scan, "\"reasoning\"", cancelled);
    }
    if (scan.cancelled() || cancelled.cancelled())
        return cancelledConversion(agentName);

    // The lines skipped come first among the warnings, then the mapping's (as when the records
    // were picked out in a pass of their own).
    ConversionWarnings lineWarnings;
    ConversionWarnings mappingWarnings;
    QString firstProblem;
    QByteArrayView firstRecord;
    bool stopped = false;
    Converter converter(reading, &scan, settled, cancel);
    RecordParser parser;
    forEachLine(bytes, [&](QByteArrayView line, int number, bool) {
        if (cancelled())
            return false;
        const QByteArrayView text = line.trimmed();
        if (text.isEmpty())
            return true;
        const qsizetype readableAfter = bytes.data() + bytes.size() - (text.data() + text.size());
        object object;
        QString reason;
        QString problem;
        switch (parser.parseObject(text, readableAfter, object, reason)) {
        case RecordParser::Result::NotJson:
            problem = CodexRolloutText::tr("not JSON (%1)").arg(reason);
            break;
        case RecordParser::Result::OtherKind:
            problem = CodexRolloutText::tr("not a JSON object");
            break;
        case RecordParser::Result::Parsed: {
            const std::optional<element> type = fieldOf(object, "type");
            const std::optional<element> payload = fieldOf(object, "payload");
            if (!type || !type->is_string() || !payload || !payload->is_object())
                problem = CodexRolloutText::tr("not a rollout record (no type and payload)");
            break;
        }
        }
        if (!problem.isEmpty()) {
            if (firstProblem.isEmpty())
                firstProblem = CodexRolloutText::tr("Codex CLI rollout, line %1: %2.").arg(number).arg(problem);
            lineWarnings.add(CodexRolloutText::tr("line %1: %2; skipped").arg(number).arg(problem));
        } else {
            if (firstRecord.isNull())
                firstRecord = text;
            converter.read({number, text}, object, mappingWarnings);
        }
        const qsizetype readEnd = line.data() + line.size() - bytes.data();
        stopped = !converter.handOverSettled(readEnd, skipped + readEnd);
        return !stopped;
    });
    if (cancelled.cancelled() || stopped)
        return cancelledConversion(agentName);
    if (firstRecord.isNull()) {
        out.error = firstProblem.isEmpty() ? CodexRolloutText::tr("Codex CLI rollout: the file holds no records.") : firstProblem;
        return out;
    }
    if (!converter.finish(out, mappingWarnings, firstRecord))
        return cancelledConversion(agentName);
    lineWarnings.addAll(std::move(mappingWarnings));
    out.warnings = lineWarnings.take();
    out.ok = true;
    return out;
}

} // namespace

AgentLogConversion convertCodexRollout(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype /*readableAfter: each line is parsed in place*/)
{
    return convertRollout(bytes, cancel, nullptr);
}

AgentLogConversion convertCodexRolloutInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled)
{
    return convertRollout(bytes, cancel, &settled);
}
