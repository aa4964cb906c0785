// SPDX-License-Identifier: MIT
#include "agentlogs/openhandsevents.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>

#include <optional>

namespace {

// The context of this file's words in the catalogue.
struct OpenHandsEventsText {
    Q_DECLARE_TR_FUNCTIONS(OpenHandsEvents)
};

struct Draft {
    AgentEntryFields fields;
    qint64 eventId = -1;
    bool awaitsResult = false; // a tool action: an observation should answer it
    bool hasResult = false;
    bool agentMessage = false;
    bool finish = false;
};

std::optional<double> exitCodeIn(const QJsonObject &extras)
{
    const QJsonValue nested = extras.value(QLatin1String("metadata")).toObject().value(QLatin1String("exit_code"));
    if (nested.isDouble())
        return nested.toDouble();
    const QJsonValue direct = extras.value(QLatin1String("exit_code"));
    if (direct.isDouble())
        return direct.toDouble();
    return std::nullopt;
}

// How a warning names an event: by its id when it has one, else by its place in the list.
QString eventName(const QJsonObject &event, qsizetype index)
{
    if (const std::optional<qint64> id = exactInteger(event.value(QLatin1String("id"))))
        return OpenHandsEventsText::tr("event %1").arg(*id);
    return OpenHandsEventsText::tr("event #%1 of the list").arg(index + 1);
}

class Converter
{
public:
    void event(const QJsonObject &event, qsizetype index, ConversionWarnings &warnings);
    void finish(AgentLogConversion &out, ConversionWarnings &warnings);

private:
    Draft &append(const QJsonObject &event, const QString &messageType);
    void action(const QJsonObject &event);
    void observation(const QJsonObject &event, qsizetype index, ConversionWarnings &warnings);
    static void setResult(Draft &draft, const QJsonObject &event);

    QList<Draft> m_drafts;
    QHash<qint64, qsizetype> m_byEventId;
    QJsonObject m_metadata;
    QString m_title;
    QByteArray m_sessionKey;
};

Draft &Converter::append(const QJsonObject &event, const QString &messageType)
{
    Draft draft;
    draft.fields.createdAt = timestampWithZone(event.value(QLatin1String("timestamp")).toString());
    draft.fields.messageType = messageType;
    draft.fields.sourceRecords.append(event);
    if (const std::optional<qint64> id = exactInteger(event.value(QLatin1String("id")))) {
        draft.eventId = *id;
        m_byEventId.insert(draft.eventId, m_drafts.size());
    }
    m_drafts.append(std::move(draft));
    return m_drafts.last();
}

void Converter::action(const QJsonObject &event)
{
    const QString name = event.value(QLatin1String("action")).toString();
    const QJsonObject args = event.value(QLatin1String("args")).toObject();
    const QString source = event.value(QLatin1String("source")).toString();
    if (name == QLatin1String("system") || name == QLatin1String("change_agent_state"))
        return;
    if (name == QLatin1String("message")) {
        QString text = args.value(QLatin1String("content")).toString();
        if (text.isEmpty())
            text = event.value(QLatin1String("message")).toString();
        if (source == QLatin1String("user")) {
            Draft &draft = append(event, QStringLiteral("USER_MESSAGE"));
            draft.fields.observation = text;
            if (m_title.isEmpty())
                m_title = titleFromText(text);
            if (m_sessionKey.isEmpty())
                m_sessionKey = event.value(QLatin1String("timestamp")).toString().toUtf8() + '\n' + text.toUtf8();
        } else {
            Draft &draft = append(event, QStringLiteral("PLAN_EVALUATION"));
            draft.fields.thought = text;
            draft.agentMessage = true;
        }
        return;
    }
    if (name == QLatin1String("think")) {
        Draft &draft = append(event, QStringLiteral("PLAN_EVALUATION"));
        draft.fields.thought = args.value(QLatin1String("thought")).toString();
        return;
    }
    if (name == QLatin1String("finish")) {
        Draft &draft = append(event, QStringLiteral("FINAL_ANSWER"));
        QString answer = args.value(QLatin1String("final_thought")).toString();
        if (answer.isEmpty())
            answer = event.value(QLatin1String("message")).toString();
        draft.fields.observation = answer;
        draft.fields.thought = args.value(QLatin1String("thought")).toString();
        draft.finish = true;
        return;
    }
    Draft &draft = append(event, QStringLiteral("ACTION"));
    draft.awaitsResult = true;
    draft.fields.toolName = name;
    draft.fields.toolInput = args;
    draft.fields.thought = args.value(QLatin1String("thought")).toString();
    const QJsonValue function = event.value(QLatin1String("tool_call_metadata")).toObject().value(QLatin1String("function_name"));
    if (function.isString())
        draft.fields.extra.insert(QStringLiteral("function_name"), function);
    if (source == QLatin1String("user"))
        draft.fields.extra.insert(QStringLiteral("source"), source);
}

void Converter::setResult(Draft &draft, const QJsonObject &event)
{
    QJsonObject output{{QStringLiteral("content"), event.value(QLatin1String("content"))}};
    const QJsonObject extras = event.value(QLatin1String("extras")).toObject();
    if (!extras.isEmpty())
        output.insert(QStringLiteral("extras"), extras);
    if (const std::optional<double> code = exitCodeIn(extras)) {
        output.insert(QStringLiteral("exit_code"), *code);
        draft.fields.extra.insert(QStringLiteral("exit_code"), *code);
    }
    draft.fields.toolOutput = output;
    if (event.value(QLatin1String("observation")).toString() == QLatin1String("error"))
        draft.fields.messageType = QStringLiteral("ERROR");
    draft.fields.sourceRecords.append(event);
    draft.hasResult = true;
}

void Converter::observation(const QJsonObject &event, qsizetype index, ConversionWarnings &warnings)
{
    const QString kind = event.value(QLatin1String("observation")).toString();
    const QJsonObject extras = event.value(QLatin1String("extras")).toObject();
    if (kind == QLatin1String("agent_state_changed")) {
        const QString state = extras.value(QLatin1String("agent_state")).toString();
        m_metadata.insert(QStringLiteral("agent_state"), state);
        if (state == QLatin1String("error")) {
            Draft &draft = append(event, QStringLiteral("ERROR"));
            draft.fields.observation = extras.value(QLatin1String("reason")).toString();
        }
        return;
    }
    const std::optional<qint64> cause = exactInteger(event.value(QLatin1String("cause")));
    QString warning;
    if (cause) {
        const auto found = m_byEventId.constFind(*cause);
        if (found == m_byEventId.constEnd()) {
            warning = OpenHandsEventsText::tr("%1: an observation (%2) of action %3, which is not in the file; kept as an entry of its own")
                          .arg(eventName(event, index), kind)
                          .arg(*cause);
        } else if (m_drafts.at(*found).awaitsResult && !m_drafts.at(*found).hasResult) {
            setResult(m_drafts[*found], event);
            return;
        } else if (m_drafts.at(*found).awaitsResult) {
            warning = OpenHandsEventsText::tr("%1: a second observation (%2) of action %3; kept as an entry of its own")
                          .arg(eventName(event, index), kind)
                          .arg(*cause);
        }
        // Otherwise it answers a message (the context OpenHands recalls for it): a step of its own.
    }
    if (kind == QLatin1String("null"))
        return; // answers an action that wants no result (a message, a finish)
    if (kind == QLatin1String("error") && warning.isEmpty()) {
        Draft &draft = append(event, QStringLiteral("ERROR"));
        draft.fields.observation = event.value(QLatin1String("content"));
        return;
    }
    if (!warning.isEmpty())
        warnings.add(warning);
    else if (!cause)
        warnings.add(OpenHandsEventsText::tr("%1: an observation (%2) of no action; kept as an entry of its own").arg(eventName(event, index), kind));
    Draft &draft = append(event, QStringLiteral("ACTION"));
    draft.fields.toolName = kind;
    draft.fields.sourceRecords = QJsonArray();
    setResult(draft, event);
}

void Converter::event(const QJsonObject &event, qsizetype index, ConversionWarnings &warnings)
{
    const QJsonValue metrics = event.value(QLatin1String("llm_metrics"));
    if (metrics.isObject()) {
        for (const char *key : {"accumulated_cost", "accumulated_token_usage"}) {
            const QJsonValue value = metrics.toObject().value(QLatin1String(key));
            if (!value.isUndefined())
                m_metadata.insert(QLatin1String(key), value);
        }
    }
    if (event.value(QLatin1String("action")).isString())
        action(event);
    else
        observation(event, index, warnings);
}

void Converter::finish(AgentLogConversion &out, ConversionWarnings &warnings)
{
    bool finished = false;
    for (const Draft &draft : std::as_const(m_drafts))
        finished = finished || draft.finish;
    if (!finished) {
        for (qsizetype i = m_drafts.size() - 1; i >= 0; --i) {
            if (m_drafts.at(i).agentMessage) {
                AgentEntryFields &fields = m_drafts[i].fields;
                fields.messageType = QStringLiteral("FINAL_ANSWER");
                fields.observation = fields.thought;
                fields.thought.clear();
                break;
            }
        }
    }
    if (m_sessionKey.isEmpty() && !m_drafts.isEmpty())
        m_sessionKey = QJsonDocument(m_drafts.first().fields.sourceRecords.at(0).toObject()).toJson(QJsonDocument::Compact);
    const qint64 runId = agentRunIdFor(QByteArray("openhands:") + m_sessionKey);
    out.entries.reserve(m_drafts.size());
    for (qsizetype i = 0; i < m_drafts.size(); ++i) {
        Draft &draft = m_drafts[i];
        if (draft.awaitsResult && !draft.hasResult)
            warnings.add(OpenHandsEventsText::tr("action %1 (%2) has no observation").arg(draft.eventId).arg(draft.fields.toolName));
        draft.fields.agentRunId = runId;
        draft.fields.id = i + 1;
        out.entries.append(agentEntryJson(draft.fields));
    }
    out.title = m_title;
    out.metadata = m_metadata;
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

AgentLogConversion convertOpenHandsEvents(QByteArrayView bytes)
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("OpenHands");
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        out.error = OpenHandsEventsText::tr("OpenHands event stream, line %1: not JSON (%2).")
                        .arg(lineOfOffset(bytes, error.offset))
                        .arg(error.errorString());
        return out;
    }
    if (!document.isArray()) {
        out.error = OpenHandsEventsText::tr("OpenHands event stream, line 1: not a list of events.");
        return out;
    }
    const QJsonArray events = document.array();
    ConversionWarnings warnings;
    Converter converter;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        if (!events.at(i).isObject()
            || (!event.value(QLatin1String("action")).isString() && !event.value(QLatin1String("observation")).isString())) {
            warnings.add(OpenHandsEventsText::tr("%1: not an event with an action or an observation; skipped").arg(eventName(event, i)));
            continue;
        }
        converter.event(event, i, warnings);
    }
    converter.finish(out, warnings);
    out.warnings = warnings.take();
    out.ok = true;
    return out;
}
