// SPDX-License-Identifier: MIT
#include "agentlogs/inspectlog.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"
#include "agentlogs/ziparchive.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>

#include <memory>

namespace {

// The context of this file's words in the catalogue.
struct InspectLogText {
    Q_DECLARE_TR_FUNCTIONS(InspectLog)
};

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
QString textOf(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonObject object = block.toObject();
        if (object.value(QLatin1String("type")).toString() == QLatin1String("text"))
            parts.append(object.value(QLatin1String("text")).toString());
    }
    return parts.join(QLatin1String("\n\n"));
}

QString reasoningOf(const QJsonValue &content)
{
    QStringList parts;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonObject object = block.toObject();
        if (object.value(QLatin1String("type")).toString() == QLatin1String("reasoning")
            && !object.value(QLatin1String("reasoning")).toString().isEmpty())
            parts.append(object.value(QLatin1String("reasoning")).toString());
    }
    return parts.join(QLatin1String("\n\n"));
}

// A sample's input: a string, or the text of its user messages.
QString inputText(const QJsonValue &input)
{
    if (input.isString())
        return input.toString();
    QStringList parts;
    for (const QJsonValue &message : input.toArray()) {
        if (message.toObject().value(QLatin1String("role")).toString() == QLatin1String("user"))
            parts.append(textOf(message.toObject().value(QLatin1String("content"))));
    }
    return parts.join(QLatin1String("\n\n"));
}

QJsonValue argumentsObject(const QJsonValue &arguments)
{
    if (arguments.isObject())
        return arguments;
    if (arguments.isUndefined() || arguments.isNull())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("arguments"), arguments}};
}

} // namespace

// One sample of a log: parsed, or why it could not be (a sample file of an .eval archive).
struct InspectLog::Sample {
    QJsonValue value;
    QString error;
};

struct InspectLog::Parsed {
    bool ok = false;
    QString error;
    QJsonObject root;
    QList<Sample> samples;
};

namespace {

using SampleSource = InspectLog::Sample;
using Log = InspectLog::Parsed;

QJsonValue parseJson(QByteArrayView bytes, const QString &place, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = InspectLogText::tr("%1, line %2: not JSON (%3).").arg(place).arg(lineOfOffset(bytes, parseError.offset)).arg(parseError.errorString());
        return QJsonValue::Undefined;
    }
    if (document.isArray())
        return document.array();
    return document.object();
}

QString noSamples()
{
    return InspectLogText::tr("Inspect eval log: the log holds no samples (it was written without them, or is still running).");
}

// An .eval archive: header.json (the log without its samples; _journal/start.json while the
// evaluation runs) and one samples/<id>_epoch_<n>.json per sample, in the archive's order.
Log readArchive(QByteArrayView bytes)
{
    Log log;
    ZipArchive archive(bytes);
    const QString format = InspectLogText::tr("Inspect eval log (.eval archive)");
    if (!archive.isOpen()) {
        log.error = InspectLogText::tr("%1: not a readable ZIP archive (%2).").arg(format, archive.errorString());
        return log;
    }
    const QStringList names = archive.names();
    const QString headerName = names.contains(QLatin1String("header.json")) ? QStringLiteral("header.json")
                                                                             : QStringLiteral("_journal/start.json");
    QByteArray header;
    if (!archive.read(headerName, &header)) {
        log.error = InspectLogText::tr("%1: no header.json or _journal/start.json (%2).").arg(format, archive.errorString());
        return log;
    }
    const QJsonValue root = parseJson(header, QStringLiteral("%1, %2").arg(format, headerName), &log.error);
    if (!log.error.isEmpty())
        return log;
    log.root = root.toObject();
    if (!log.root.value(QLatin1String("eval")).isObject()) {
        log.error = InspectLogText::tr("%1, %2: no \"eval\" object.").arg(format, headerName);
        return log;
    }
    for (const QString &name : names) {
        if (!name.startsWith(QLatin1String("samples/")) || !name.endsWith(QLatin1String(".json")))
            continue;
        SampleSource sample;
        QByteArray content;
        if (!archive.read(name, &content))
            sample.error = InspectLogText::tr("%1, %2: %3.").arg(format, name, archive.errorString());
        else
            sample.value = parseJson(content, QStringLiteral("%1, %2").arg(format, name), &sample.error);
        log.samples.append(sample);
    }
    if (log.samples.isEmpty()) {
        log.error = noSamples();
        return log;
    }
    log.ok = true;
    return log;
}

Log readLog(QByteArrayView bytes)
{
    if (ZipArchive::looksLikeZip(bytes))
        return readArchive(bytes);
    Log log;
    const QJsonValue root = parseJson(bytes, InspectLogText::tr("Inspect eval log"), &log.error);
    if (!log.error.isEmpty())
        return log;
    log.root = root.toObject();
    if (!root.isObject() || !log.root.value(QLatin1String("eval")).isObject()) {
        log.error = InspectLogText::tr("Inspect eval log, line 1: no \"eval\" object.");
        return log;
    }
    const QJsonArray samples = log.root.value(QLatin1String("samples")).toArray();
    if (samples.isEmpty()) {
        log.error = noSamples();
        return log;
    }
    for (const QJsonValue &sample : samples)
        log.samples.append({sample, QString()});
    log.ok = true;
    return log;
}

struct Draft {
    AgentEntryFields fields;
    QString callId;
    bool awaitsResult = false;
    bool hasResult = false;
    bool assistantText = false;
    QString reasoning;
};

class SampleConverter
{
public:
    SampleConverter(const QJsonObject &sample, ConversionWarnings &warnings)
        : m_sample(sample)
        , m_warnings(warnings)
    {
    }

    void fromEvents(const QJsonArray &events, const QString &place, bool sidechain);
    void fromMessages(const QJsonArray &messages);
    void input(const QString &text, const QString &time);
    QList<QByteArray> entries(qint64 runId);

private:
    Draft &append(const QString &messageType, const QString &time, const QJsonObject &record, bool sidechain);
    void modelEvent(const QJsonObject &event, bool sidechain);
    void toolEvent(const QJsonObject &event, bool sidechain);
    static void setToolResult(Draft &draft, const QJsonValue &result, const QJsonValue &error);

    const QJsonObject &m_sample;
    ConversionWarnings &m_warnings;
    QList<Draft> m_drafts;
    QHash<QString, qsizetype> m_calls;
    QString m_thought;
};

Draft &SampleConverter::append(const QString &messageType, const QString &time, const QJsonObject &record, bool sidechain)
{
    Draft draft;
    draft.fields.messageType = messageType;
    draft.fields.createdAt = timestampWithZone(time);
    if (!record.isEmpty())
        draft.fields.sourceRecords.append(record);
    if (sidechain)
        draft.fields.extra.insert(QStringLiteral("sidechain"), true);
    m_drafts.append(std::move(draft));
    return m_drafts.last();
}

void SampleConverter::input(const QString &text, const QString &time)
{
    Draft &draft = append(QStringLiteral("USER_MESSAGE"), time, QJsonObject(), false);
    draft.fields.observation = text;
}

void SampleConverter::setToolResult(Draft &draft, const QJsonValue &result, const QJsonValue &error)
{
    QJsonObject output = toolOutputObject(result.isUndefined() ? QJsonValue(QJsonValue::Null) : result);
    const QJsonObject errorObject = error.toObject();
    if (!errorObject.isEmpty() || (error.isString() && !error.toString().isEmpty())) {
        draft.fields.messageType = QStringLiteral("ERROR");
        output.insert(QStringLiteral("error"), error.isString() ? error : errorObject.value(QLatin1String("message")));
        if (errorObject.value(QLatin1String("type")).isString())
            draft.fields.extra.insert(QStringLiteral("error_type"), errorObject.value(QLatin1String("type")));
    }
    draft.fields.toolOutput = output;
    draft.hasResult = true;
}

void SampleConverter::modelEvent(const QJsonObject &event, bool sidechain)
{
    const QString time = event.value(QLatin1String("timestamp")).toString();
    const QJsonValue error = event.value(QLatin1String("error"));
    if (error.isString() && !error.toString().isEmpty()) {
        Draft &draft = append(QStringLiteral("ERROR"), time, event, sidechain);
        draft.fields.observation = error;
        return;
    }
    const QJsonObject message = event.value(QLatin1String("output")).toObject().value(QLatin1String("choices")).toArray().at(0).toObject().value(QLatin1String("message")).toObject();
    const QJsonValue content = message.value(QLatin1String("content"));
    const QString text = textOf(content);
    const QString reasoning = reasoningOf(content);
    if (!message.value(QLatin1String("tool_calls")).toArray().isEmpty()) {
        QStringList parts;
        for (const QString &part : {reasoning, text}) {
            if (!part.isEmpty())
                parts.append(part);
        }
        m_thought = parts.join(QLatin1String("\n\n"));
        return;
    }
    if (text.isEmpty() && reasoning.isEmpty())
        return;
    Draft &draft = append(QStringLiteral("PLAN_EVALUATION"), time, event, sidechain);
    draft.fields.thought = text;
    draft.reasoning = reasoning;
    draft.assistantText = !text.isEmpty();
}

void SampleConverter::toolEvent(const QJsonObject &event, bool sidechain)
{
    Draft &draft = append(QStringLiteral("ACTION"), event.value(QLatin1String("timestamp")).toString(), event, sidechain);
    draft.fields.toolName = event.value(QLatin1String("function")).toString();
    draft.fields.toolInput = argumentsObject(event.value(QLatin1String("arguments")));
    draft.fields.thought = std::exchange(m_thought, QString());
    setToolResult(draft, event.value(QLatin1String("result")), event.value(QLatin1String("error")));
}

void SampleConverter::fromEvents(const QJsonArray &events, const QString &place, bool sidechain)
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        const QString type = event.value(QLatin1String("event")).toString();
        if (!events.at(i).isObject() || type.isEmpty()) {
            m_warnings.add(InspectLogText::tr("%1event %2: not an event; skipped").arg(place).arg(i + 1));
            continue;
        }
        if (type == QLatin1String("model")) {
            modelEvent(event, sidechain);
        } else if (type == QLatin1String("tool")) {
            toolEvent(event, sidechain);
            const QJsonArray inner = event.value(QLatin1String("events")).toArray();
            if (!inner.isEmpty())
                fromEvents(inner, InspectLogText::tr("%1event %2, ").arg(place).arg(i + 1), true);
        } else if (type == QLatin1String("error")) {
            Draft &draft = append(QStringLiteral("ERROR"), event.value(QLatin1String("timestamp")).toString(), event, sidechain);
            draft.fields.observation = event.value(QLatin1String("error")).toObject().value(QLatin1String("message"));
        } else if (type == QLatin1String("subtask")) {
            fromEvents(event.value(QLatin1String("events")).toArray(), InspectLogText::tr("%1event %2, ").arg(place).arg(i + 1), true);
        }
        // Every other event (sample_init, state, store, score, logger, info, step, spans,
        // sandbox, approval, input) describes the run's machinery, not a step of the agent's.
    }
}

void SampleConverter::fromMessages(const QJsonArray &messages)
{
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject message = messages.at(i).toObject();
        const QString role = message.value(QLatin1String("role")).toString();
        const QJsonValue content = message.value(QLatin1String("content"));
        if (!messages.at(i).isObject() || role.isEmpty()) {
            m_warnings.add(InspectLogText::tr("message %1: not a message; skipped").arg(i + 1));
            continue;
        }
        if (role == QLatin1String("user")) {
            Draft &draft = append(QStringLiteral("USER_MESSAGE"), QString(), message, false);
            draft.fields.observation = textOf(content);
        } else if (role == QLatin1String("assistant")) {
            const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
            if (calls.isEmpty()) {
                Draft &draft = append(QStringLiteral("PLAN_EVALUATION"), QString(), message, false);
                draft.fields.thought = textOf(content);
                draft.reasoning = reasoningOf(content);
                draft.assistantText = !draft.fields.thought.isEmpty();
                continue;
            }
            QString thought = textOf(content);
            for (const QJsonValue &callValue : calls) {
                const QJsonObject call = callValue.toObject();
                Draft &draft = append(QStringLiteral("ACTION"), QString(), message, false);
                draft.fields.toolName = call.value(QLatin1String("function")).toString();
                draft.fields.toolInput = argumentsObject(call.value(QLatin1String("arguments")));
                draft.fields.thought = std::exchange(thought, QString());
                draft.callId = call.value(QLatin1String("id")).toString();
                draft.awaitsResult = true;
                m_calls.insert(draft.callId, m_drafts.size() - 1);
            }
        } else if (role == QLatin1String("tool")) {
            const QString id = message.value(QLatin1String("tool_call_id")).toString();
            const auto found = m_calls.constFind(id);
            if (found != m_calls.constEnd() && !m_drafts.at(*found).hasResult) {
                Draft &draft = m_drafts[*found];
                setToolResult(draft, content, message.value(QLatin1String("error")));
                draft.fields.sourceRecords.append(message);
                continue;
            }
            m_warnings.add(InspectLogText::tr("message %1: the result of call %2 without its call; kept as an entry of its own").arg(i + 1).arg(id));
            Draft &draft = append(QStringLiteral("ACTION"), QString(), message, false);
            draft.fields.toolName = message.value(QLatin1String("function")).toString();
            setToolResult(draft, content, message.value(QLatin1String("error")));
        }
        // System messages are the prompt, not a step.
    }
    for (const Draft &draft : std::as_const(m_drafts)) {
        if (draft.awaitsResult && !draft.hasResult)
            m_warnings.add(InspectLogText::tr("the call %1 (%2) has no result").arg(draft.callId, draft.fields.toolName));
    }
}

QList<QByteArray> SampleConverter::entries(qint64 runId)
{
    qsizetype finalAnswer = -1;
    for (qsizetype i = m_drafts.size() - 1; i >= 0 && finalAnswer < 0; --i) {
        if (m_drafts.at(i).assistantText && !m_drafts.at(i).fields.extra.contains(QLatin1String("sidechain")))
            finalAnswer = i;
    }
    QList<QByteArray> out;
    out.reserve(m_drafts.size());
    for (qsizetype i = 0; i < m_drafts.size(); ++i) {
        AgentEntryFields &fields = m_drafts[i].fields;
        fields.agentRunId = runId;
        fields.id = i + 1;
        if (i == finalAnswer) {
            fields.messageType = QStringLiteral("FINAL_ANSWER");
            fields.observation = fields.thought;
            fields.thought = m_drafts.at(i).reasoning;
        } else if (!m_drafts.at(i).reasoning.isEmpty()) {
            fields.extra.insert(QStringLiteral("reasoning"), m_drafts.at(i).reasoning);
        }
        out.append(agentEntryJson(fields));
    }
    return out;
}

// The tool calls a sample's events hold, the subtasks' and tools' own events counted too; of a
// sample without events, the calls its assistant messages make.
int toolCallCount(const QJsonArray &events)
{
    int count = 0;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event.value(QLatin1String("event")).toString() == QLatin1String("tool"))
            ++count;
        count += toolCallCount(event.value(QLatin1String("events")).toArray());
    }
    return count;
}

int messageCallCount(const QJsonArray &messages)
{
    int count = 0;
    for (const QJsonValue &message : messages)
        count += int(message.toObject().value(QLatin1String("tool_calls")).toArray().size());
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

InspectLog::InspectLog(QByteArrayView bytes)
    : m_log(std::make_shared<const Log>(readLog(bytes)))
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
        const QJsonObject sample = log.samples.at(i).value.toObject();
        InspectSampleInfo info;
        info.index = int(i);
        info.id = scalarText(sample.value(QLatin1String("id")));
        info.epoch = int(qBound(qint64(0), exactInteger(sample.value(QLatin1String("epoch"))).value_or(0), qint64(1) << 30));
        info.title = titleFromText(inputText(sample.value(QLatin1String("input"))));
        const QJsonObject scores = sample.value(QLatin1String("scores")).toObject();
        if (!scores.isEmpty())
            info.score = scalarText(scores.begin().value().toObject().value(QLatin1String("value")));
        info.target = targetText(sample.value(QLatin1String("target")));
        const QJsonArray events = sample.value(QLatin1String("events")).toArray();
        info.toolEvents = events.isEmpty() ? messageCallCount(sample.value(QLatin1String("messages")).toArray())
                                           : toolCallCount(events);
        const QJsonValue sampleError = sample.value(QLatin1String("error"));
        info.failed = !log.samples.at(i).error.isEmpty() || (!sampleError.isUndefined() && !sampleError.isNull());
        list.append(info);
    }
    return list;
}

AgentLogConversion InspectLog::convert(int sampleIndex) const
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
    if (!source.value.isObject()) {
        out.error = InspectLogText::tr("Inspect eval log, sample %1: not a sample.").arg(sampleIndex + 1);
        return out;
    }
    const QJsonObject sample = source.value.toObject();
    const QJsonObject eval = log.root.value(QLatin1String("eval")).toObject();
    ConversionWarnings warnings;
    SampleConverter converter(sample, warnings);
    const QString input = inputText(sample.value(QLatin1String("input")));
    const QJsonArray events = sample.value(QLatin1String("events")).toArray();
    if (!events.isEmpty()) {
        const QJsonValue started = sample.value(QLatin1String("started_at"));
        converter.input(input, started.isString() ? started.toString()
                                                  : events.at(0).toObject().value(QLatin1String("timestamp")).toString());
        converter.fromEvents(events, QString(), false);
    } else {
        out.hasTimes = false;
        converter.fromMessages(sample.value(QLatin1String("messages")).toArray());
    }
    const QString sampleId = scalarText(sample.value(QLatin1String("id")));
    const QString epoch = scalarText(sample.value(QLatin1String("epoch")));
    const QString uuid = sample.value(QLatin1String("uuid")).toString();
    const QString sessionKey = uuid.isEmpty() ? eval.value(QLatin1String("run_id")).toString() + QLatin1Char(':')
            + eval.value(QLatin1String("task")).toString() + QLatin1Char(':') + sampleId + QLatin1Char(':') + epoch
                                       : uuid;
    out.entries = converter.entries(agentRunIdFor(QByteArray("inspect:") + sessionKey.toUtf8()));

    for (const char *key : {"task", "task_id", "model", "run_id", "eval_id", "created"}) {
        const QJsonValue value = eval.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isNull())
            out.metadata.insert(QLatin1String(key), value);
    }
    if (log.root.value(QLatin1String("status")).isString())
        out.metadata.insert(QStringLiteral("status"), log.root.value(QLatin1String("status")));
    out.metadata.insert(QStringLiteral("sample_id"), sample.value(QLatin1String("id")));
    for (const char *key : {"epoch", "target", "scores", "model_usage", "error", "total_time", "working_time"}) {
        const QJsonValue value = sample.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isNull())
            out.metadata.insert(QLatin1String(key), value);
    }
    out.title = titleFromText(input);
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

AgentLogConversion convertInspectSample(QByteArrayView bytes, int sampleIndex)
{
    return InspectLog(bytes).convert(sampleIndex);
}
