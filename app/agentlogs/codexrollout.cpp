// SPDX-License-Identifier: MIT
#include "agentlogs/codexrollout.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMap>

#include <optional>
#include <utility>

namespace {

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

struct Record {
    int line = 0;
    QString timestamp;
    QString type;
    QJsonObject payload;
    QByteArray text; // the line as read
};

struct Draft {
    AgentEntryFields fields;
    QList<QByteArray> sources; // the lines it was made of
    QString callId;
    bool isCall = false;
    bool hasOutput = false;
    bool assistantText = false; // a candidate for the FINAL_ANSWER
    QString reasoning;          // the reasoning before an assistant text
};

// The context Codex puts into the conversation as user messages: not the user's words.
bool isInjectedContext(const QString &text)
{
    const QStringView start = QStringView(text).trimmed();
    return start.startsWith(QLatin1String("<environment_context>")) || start.startsWith(QLatin1String("<user_instructions>"))
        || start.startsWith(QLatin1String("# AGENTS.md instructions")) || start.startsWith(QLatin1String("<user_shell_command>"));
}

// A call's output as tool_output: a JSON object written in a string is that object (newer Codex
// writes {"output": ..., "metadata": {"exit_code": ...}} so); anything else as toolOutputObject().
QJsonObject outputObject(const QJsonValue &output)
{
    if (output.isString()) {
        const QString text = output.toString();
        if (text.startsWith(QLatin1Char('{'))) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (error.error == QJsonParseError::NoError && document.isObject())
                return document.object();
        }
    }
    return toolOutputObject(output);
}

std::optional<double> exitCodeIn(const QJsonObject &output)
{
    const QJsonValue direct = output.value(QLatin1String("exit_code"));
    if (direct.isDouble())
        return direct.toDouble();
    const QJsonValue nested = output.value(QLatin1String("metadata")).toObject().value(QLatin1String("exit_code"));
    if (nested.isDouble())
        return nested.toDouble();
    return std::nullopt;
}

class Converter
{
public:
    Converter(QList<Record> records, bool readEventMessages, bool readEventReasoning)
        : m_records(std::move(records))
        , m_readEventMessages(readEventMessages)
        , m_readEventReasoning(readEventReasoning)
    {
    }

    void run(AgentLogConversion &out, ConversionWarnings &warnings);

private:
    void sessionMeta(const Record &record);
    void turnContext(const Record &record);
    void responseItem(const Record &record, ConversionWarnings &warnings);
    void eventMessage(const Record &record);
    void message(const Record &record, const QString &role, const QString &text);
    void call(const Record &record, const QString &callId, const QString &name, const QJsonValue &input);
    void output(const Record &record, const QString &callId, const QJsonValue &value, ConversionWarnings &warnings);
    Draft &append(const Record &record, const QString &messageType);
    QString takeReasoning();

    QList<Record> m_records;
    bool m_readEventMessages;
    bool m_readEventReasoning;
    QList<Draft> m_drafts;
    QHash<QString, qsizetype> m_callIndex;
    QHash<QString, double> m_exitCodes;
    QMap<QString, int> m_unmapped;
    QString m_reasoning;
    QString m_title;
    QJsonObject m_metadata;
};

Draft &Converter::append(const Record &record, const QString &messageType)
{
    Draft draft;
    draft.fields.createdAt = timestampWithZone(record.timestamp);
    draft.fields.messageType = messageType;
    draft.sources.append(record.text);
    m_drafts.append(std::move(draft));
    return m_drafts.last();
}

QString Converter::takeReasoning()
{
    return std::exchange(m_reasoning, QString());
}

void Converter::sessionMeta(const Record &record)
{
    if (m_metadata.contains(QLatin1String("session_id")))
        return; // a resumed or forked rollout repeats its origin's; the first is this file's
    const QJsonObject &meta = record.payload;
    const QJsonValue id = meta.value(QLatin1String("id"));
    if (id.isString())
        m_metadata.insert(QStringLiteral("session_id"), id);
    for (const char *key : {"cwd", "originator", "cli_version", "source", "model_provider", "forked_from_id", "git"}) {
        const QJsonValue value = meta.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isNull())
            m_metadata.insert(QLatin1String(key), value);
    }
    const QJsonValue started = meta.value(QLatin1String("timestamp"));
    m_metadata.insert(QStringLiteral("started_at"), started.isString() ? started : QJsonValue(record.timestamp));
}

void Converter::turnContext(const Record &record)
{
    const QJsonValue model = record.payload.value(QLatin1String("model"));
    if (model.isString())
        m_metadata.insert(QStringLiteral("model"), model);
    const QJsonValue effort = record.payload.value(QLatin1String("effort"));
    if (effort.isString())
        m_metadata.insert(QStringLiteral("reasoning_effort"), effort);
    if (!m_metadata.contains(QLatin1String("cwd")) && record.payload.value(QLatin1String("cwd")).isString())
        m_metadata.insert(QStringLiteral("cwd"), record.payload.value(QLatin1String("cwd")));
}

void Converter::message(const Record &record, const QString &role, const QString &text)
{
    if (role == QLatin1String("assistant")) {
        Draft &draft = append(record, QStringLiteral("PLAN_EVALUATION"));
        draft.fields.thought = text;
        draft.assistantText = true;
        draft.reasoning = takeReasoning();
        return;
    }
    Draft &draft = append(record, QStringLiteral("USER_MESSAGE"));
    draft.fields.observation = text;
    if (role != QLatin1String("user"))
        draft.fields.extra.insert(QStringLiteral("role"), role);
    else if (isInjectedContext(text))
        draft.fields.extra.insert(QStringLiteral("context"), true);
    else if (m_title.isEmpty())
        m_title = titleFromText(text);
}

void Converter::call(const Record &record, const QString &callId, const QString &name, const QJsonValue &input)
{
    Draft &draft = append(record, QStringLiteral("ACTION"));
    draft.isCall = true;
    draft.callId = callId;
    draft.fields.toolName = name;
    draft.fields.toolInput = input;
    draft.fields.thought = takeReasoning();
    if (!callId.isEmpty())
        m_callIndex.insert(callId, m_drafts.size() - 1);
}

void Converter::output(const Record &record, const QString &callId, const QJsonValue &value, ConversionWarnings &warnings)
{
    const auto found = m_callIndex.constFind(callId);
    if (found == m_callIndex.constEnd() || m_drafts.at(*found).hasOutput) {
        warnings.add(CodexRolloutText::tr("line %1: the output of call %2 without its call; kept as an entry of its own").arg(record.line).arg(callId));
        Draft &orphan = append(record, QStringLiteral("ACTION"));
        orphan.fields.toolOutput = outputObject(value);
        orphan.hasOutput = true;
        return;
    }
    Draft &draft = m_drafts[*found];
    draft.hasOutput = true;
    draft.fields.toolOutput = outputObject(value);
    draft.sources.append(record.text);
}

void Converter::responseItem(const Record &record, ConversionWarnings &warnings)
{
    const QJsonObject &item = record.payload;
    const QString type = item.value(QLatin1String("type")).toString();
    const QString callId = item.value(QLatin1String("call_id")).toString();
    if (type == QLatin1String("message")) {
        message(record, item.value(QLatin1String("role")).toString(), contentText(item.value(QLatin1String("content"))));
    } else if (type == QLatin1String("reasoning")) {
        QString summary = contentText(item.value(QLatin1String("summary")));
        if (summary.isEmpty())
            summary = contentText(item.value(QLatin1String("content")));
        if (!summary.isEmpty())
            m_reasoning = m_reasoning.isEmpty() ? summary : m_reasoning + QLatin1String("\n\n") + summary;
    } else if (type == QLatin1String("function_call")) {
        const QJsonValue arguments = item.value(QLatin1String("arguments"));
        QJsonValue input = QJsonObject{{QStringLiteral("arguments"), arguments}};
        if (arguments.isObject()) {
            input = arguments;
        } else if (arguments.isString()) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(arguments.toString().toUtf8(), &error);
            if (error.error == QJsonParseError::NoError && document.isObject())
                input = document.object();
        }
        call(record, callId, item.value(QLatin1String("name")).toString(), input);
    } else if (type == QLatin1String("custom_tool_call")) {
        call(record, callId, item.value(QLatin1String("name")).toString(),
             QJsonObject{{QStringLiteral("input"), item.value(QLatin1String("input"))}});
    } else if (type == QLatin1String("local_shell_call")) {
        const QString id = callId.isEmpty() ? item.value(QLatin1String("id")).toString() : callId;
        const QJsonValue action = item.value(QLatin1String("action"));
        call(record, id, QStringLiteral("local_shell"), action.isObject() ? action : QJsonValue(QJsonValue::Null));
    } else if (type == QLatin1String("web_search_call")) {
        // The search's result goes to the model, not into the rollout: nothing to wait for.
        const QJsonValue action = item.value(QLatin1String("action"));
        call(record, QString(), QStringLiteral("web_search"), action.isObject() ? action : QJsonValue(QJsonValue::Null));
        m_drafts.last().hasOutput = true;
    } else if (type == QLatin1String("function_call_output") || type == QLatin1String("custom_tool_call_output")) {
        output(record, callId, item.value(QLatin1String("output")), warnings);
    } else if (type != QLatin1String("ghost_snapshot")) { // an undo point: no content
        ++m_unmapped[QStringLiteral("response_item ") + (type.isEmpty() ? QStringLiteral("?") : type)];
    }
}

void Converter::eventMessage(const Record &record)
{
    const QJsonObject &event = record.payload;
    const QString type = event.value(QLatin1String("type")).toString();
    if (type == QLatin1String("exec_command_end")) {
        const QJsonValue code = event.value(QLatin1String("exit_code"));
        if (code.isDouble())
            m_exitCodes.insert(event.value(QLatin1String("call_id")).toString(), code.toDouble());
    } else if (type == QLatin1String("error")) {
        Draft &draft = append(record, QStringLiteral("ERROR"));
        draft.fields.observation = event.value(QLatin1String("message"));
    } else if (type == QLatin1String("token_count")) {
        const QJsonValue total = event.value(QLatin1String("info")).toObject().value(QLatin1String("total_token_usage"));
        if (total.isObject())
            m_metadata.insert(QStringLiteral("token_usage"), total);
    } else if (m_readEventMessages && type == QLatin1String("user_message")) {
        message(record, QStringLiteral("user"), event.value(QLatin1String("message")).toString());
    } else if (m_readEventMessages && type == QLatin1String("agent_message")) {
        message(record, QStringLiteral("assistant"), event.value(QLatin1String("message")).toString());
    } else if (m_readEventReasoning && type == QLatin1String("agent_reasoning")) {
        const QString text = event.value(QLatin1String("text")).toString();
        if (!text.isEmpty())
            m_reasoning = m_reasoning.isEmpty() ? text : m_reasoning + QLatin1String("\n\n") + text;
    }
    // Every other event (task started, deltas, approvals, ...) is the UI's; the response items
    // hold what the agent did.
}

void Converter::run(AgentLogConversion &out, ConversionWarnings &warnings)
{
    for (const Record &record : std::as_const(m_records)) {
        if (record.type == QLatin1String("session_meta"))
            sessionMeta(record);
        else if (record.type == QLatin1String("turn_context"))
            turnContext(record);
        else if (record.type == QLatin1String("response_item"))
            responseItem(record, warnings);
        else if (record.type == QLatin1String("event_msg"))
            eventMessage(record);
        else if (record.type == QLatin1String("compacted")) {
            Draft &draft = append(record, QStringLiteral("PLAN_EVALUATION"));
            draft.fields.thought = record.payload.value(QLatin1String("message")).toString();
            draft.fields.extra.insert(QStringLiteral("compacted"), true);
        } else
            ++m_unmapped[record.type];
    }
    if (!m_reasoning.isEmpty()) {
        // Reasoning that nothing followed (the run was cut off): a thought of its own.
        Draft draft;
        draft.fields.messageType = QStringLiteral("PLAN_EVALUATION");
        draft.fields.thought = takeReasoning();
        draft.fields.createdAt = m_drafts.isEmpty() ? QString() : m_drafts.last().fields.createdAt;
        m_drafts.append(std::move(draft));
    }

    qsizetype finalAnswer = -1;
    for (qsizetype i = m_drafts.size() - 1; i >= 0 && finalAnswer < 0; --i) {
        if (m_drafts.at(i).assistantText)
            finalAnswer = i;
    }
    const QString sessionId = m_metadata.value(QLatin1String("session_id")).toString();
    const qint64 runId = agentRunIdFor(QByteArray("codex:")
                                       + (sessionId.isEmpty() ? m_records.first().text : sessionId.toUtf8()));
    out.entries.reserve(m_drafts.size());
    for (qsizetype i = 0; i < m_drafts.size(); ++i) {
        Draft &draft = m_drafts[i];
        AgentEntryFields &fields = draft.fields;
        fields.agentRunId = runId;
        fields.id = i + 1;
        if (i == finalAnswer) {
            fields.messageType = QStringLiteral("FINAL_ANSWER");
            fields.observation = fields.thought;
            fields.thought = draft.reasoning;
        } else if (!draft.reasoning.isEmpty()) {
            fields.extra.insert(QStringLiteral("reasoning"), draft.reasoning);
        }
        if (draft.isCall) {
            std::optional<double> code;
            const auto ended = m_exitCodes.constFind(draft.callId);
            if (!draft.callId.isEmpty() && ended != m_exitCodes.constEnd())
                code = *ended;
            else if (fields.toolOutput.isObject())
                code = exitCodeIn(fields.toolOutput.toObject());
            if (code) {
                fields.extra.insert(QStringLiteral("exit_code"), *code);
                QJsonObject output = fields.toolOutput.isObject() ? fields.toolOutput.toObject() : QJsonObject();
                if (!output.value(QLatin1String("exit_code")).isDouble()) {
                    output.insert(QStringLiteral("exit_code"), *code);
                    fields.toolOutput = output;
                }
            }
            if (!draft.hasOutput)
                warnings.add(CodexRolloutText::tr("the call %1 (%2) has no output").arg(draft.callId, fields.toolName));
        }
        out.entries.append(entryWithRawSources(fields, draft.sources));
    }
    for (auto it = m_unmapped.constBegin(); it != m_unmapped.constEnd(); ++it)
        warnings.add(CodexRolloutText::tr("%n record(s) of type %1 not mapped", nullptr, it.value()).arg(it.key()));
    out.title = m_title;
    out.metadata = m_metadata;
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

AgentLogConversion convertCodexRollout(QByteArrayView bytes)
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("Codex CLI");
    ConversionWarnings warnings;
    QList<Record> records;
    QString firstProblem;
    bool responseMessages = false;
    bool responseReasoning = false;
    int line = 0;
    qsizetype start = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        ++line;
        const QByteArrayView text = bytes.sliced(start, end - start).trimmed();
        start = end + 1;
        if (text.isEmpty())
            continue;
        QJsonParseError error;
        QByteArray lineText = text.toByteArray();
        const QJsonDocument document = QJsonDocument::fromJson(lineText, &error);
        QString problem;
        if (error.error != QJsonParseError::NoError)
            problem = CodexRolloutText::tr("not JSON (%1)").arg(error.errorString());
        else if (!document.isObject())
            problem = CodexRolloutText::tr("not a JSON object");
        const QJsonObject object = document.object();
        const QJsonValue type = object.value(QLatin1String("type"));
        if (problem.isEmpty() && (!type.isString() || !object.value(QLatin1String("payload")).isObject()))
            problem = CodexRolloutText::tr("not a rollout record (no type and payload)");
        if (!problem.isEmpty()) {
            if (firstProblem.isEmpty())
                firstProblem = CodexRolloutText::tr("Codex CLI rollout, line %1: %2.").arg(line).arg(problem);
            warnings.add(CodexRolloutText::tr("line %1: %2; skipped").arg(line).arg(problem));
            continue;
        }
        Record record;
        record.line = line;
        record.timestamp = object.value(QLatin1String("timestamp")).toString();
        record.type = type.toString();
        record.payload = object.value(QLatin1String("payload")).toObject();
        record.text = std::move(lineText);
        if (record.type == QLatin1String("response_item")) {
            const QString itemType = record.payload.value(QLatin1String("type")).toString();
            responseMessages = responseMessages || itemType == QLatin1String("message");
            responseReasoning = responseReasoning || itemType == QLatin1String("reasoning");
        }
        records.append(std::move(record));
    }
    if (records.isEmpty()) {
        out.error = firstProblem.isEmpty() ? CodexRolloutText::tr("Codex CLI rollout: the file holds no records.") : firstProblem;
        return out;
    }
    Converter converter(std::move(records), !responseMessages, !responseReasoning);
    converter.run(out, warnings);
    out.warnings = warnings.take();
    out.ok = true;
    return out;
}
