// SPDX-License-Identifier: MIT
#include "agentlogs/sweagenttrajectory.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

// The context of this file's words in the catalogue.
struct SweAgentTrajectoryText {
    Q_DECLARE_TR_FUNCTIONS(SweAgentTrajectory)
};

// The task as the agent got it: the first user message that is not a demonstration.
QJsonObject taskMessage(const QJsonArray &history)
{
    for (const QJsonValue &item : history) {
        const QJsonObject message = item.toObject();
        if (message.value(QLatin1String("role")).toString() == QLatin1String("user")
            && !message.value(QLatin1String("is_demo")).toBool())
            return message;
    }
    return {};
}

// The issue in the task SWE-agent's templates write around it: inside <pr_description> (1.x), after
// "ISSUE:" (0.x); else the task's first line.
QString taskTitle(const QString &task)
{
    const qsizetype description = task.indexOf(QLatin1String("<pr_description>"));
    if (description >= 0)
        return titleFromText(task.mid(description + 16));
    const qsizetype issue = task.indexOf(QLatin1String("ISSUE:\n"));
    if (issue >= 0)
        return titleFromText(task.mid(issue + 7));
    return titleFromText(task);
}

struct Attempt {
    QJsonArray trajectory;
    QString place; // how warnings name a step's list: "" or "attempt 2, "
    int number = 0; // 0 without attempts
    bool sidechain = false;
};

} // namespace

bool looksLikeSweAgentTrajectory(QByteArrayView head)
{
    const JsonHead json = readJsonHead(head);
    // "payload" with its type and timestamp is a Codex CLI rollout's record, whatever else it has.
    if (json.container != '{' || json.has("logs") || json.has("agent_run_id") || json.has("payload"))
        return false;
    const JsonHeadKey *trajectory = json.key("trajectory");
    const JsonHeadKey *attempts = json.key("attempts");
    if ((!trajectory || trajectory->valueStart != '[') && (!attempts || attempts->valueStart != '['))
        return false;
    // The steps may run past the head; their own keys say what they are where the other
    // top-level keys are not in sight.
    return json.has("history") || json.has("info") || (head.contains("\"action\"") && head.contains("\"observation\""));
}

AgentLogConversion convertSweAgentTrajectory(QByteArrayView bytes)
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("SWE-agent");
    out.hasTimes = false;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        out.error = SweAgentTrajectoryText::tr("SWE-agent trajectory, line %1: not JSON (%2).")
                        .arg(lineOfOffset(bytes, error.offset))
                        .arg(error.errorString());
        return out;
    }
    const QJsonObject root = document.object();
    if (!document.isObject()
        || (!root.value(QLatin1String("trajectory")).isArray() && !root.value(QLatin1String("attempts")).isArray())) {
        out.error = SweAgentTrajectoryText::tr("SWE-agent trajectory, line 1: no \"trajectory\" list of steps.");
        return out;
    }

    ConversionWarnings warnings;
    QList<Attempt> attempts;
    QJsonObject info = root.value(QLatin1String("info")).toObject();
    QJsonArray history = root.value(QLatin1String("history")).toArray();
    const QJsonArray attemptList = root.value(QLatin1String("attempts")).toArray();
    if (!attemptList.isEmpty()) {
        const std::optional<qint64> best = exactInteger(info.value(QLatin1String("best_attempt_idx")));
        const qsizetype chosen = best ? qsizetype(*best) : attemptList.size() - 1;
        for (qsizetype i = 0; i < attemptList.size(); ++i) {
            const QJsonObject attempt = attemptList.at(i).toObject();
            if (!attempt.value(QLatin1String("trajectory")).isArray()) {
                warnings.add(SweAgentTrajectoryText::tr("attempt %1: no list of steps; skipped").arg(i + 1));
                continue;
            }
            attempts.append({attempt.value(QLatin1String("trajectory")).toArray(), SweAgentTrajectoryText::tr("attempt %1, ").arg(i + 1),
                             int(i + 1), i != chosen});
            if (history.isEmpty())
                history = attempt.value(QLatin1String("history")).toArray();
            if (i == chosen && info.isEmpty())
                info = attempt.value(QLatin1String("info")).toObject();
        }
    } else {
        attempts.append({root.value(QLatin1String("trajectory")).toArray(), QString(), 0, false});
    }

    const QJsonObject task = taskMessage(history);
    const QString taskText = contentText(task.value(QLatin1String("content")));
    const QJsonObject firstStep = attempts.isEmpty() || attempts.first().trajectory.isEmpty()
        ? QJsonObject()
        : attempts.first().trajectory.at(0).toObject();
    // No session id in the file: the task and the model's first reply tell one run from another,
    // and stay the same while SWE-agent rewrites the file after every step.
    const qint64 runId = agentRunIdFor(QByteArray("swe-agent:") + taskText.toUtf8() + '\n'
                                       + firstStep.value(QLatin1String("response")).toString().toUtf8()
                                       + firstStep.value(QLatin1String("action")).toString().toUtf8());
    qint64 nextId = 1;
    auto write = [&](AgentEntryFields &fields) {
        fields.agentRunId = runId;
        fields.id = nextId++;
        out.entries.append(agentEntryJson(fields));
    };

    if (!task.isEmpty()) {
        AgentEntryFields fields;
        fields.messageType = QStringLiteral("USER_MESSAGE");
        fields.observation = taskText;
        fields.sourceRecords.append(task);
        write(fields);
        out.title = taskTitle(taskText);
    }
    for (const Attempt &attempt : std::as_const(attempts)) {
        for (qsizetype i = 0; i < attempt.trajectory.size(); ++i) {
            const QJsonValue value = attempt.trajectory.at(i);
            const QJsonValue action = value.toObject().value(QLatin1String("action"));
            if (!value.isObject() || !action.isString()) {
                warnings.add(SweAgentTrajectoryText::tr("%1step %2: not a step with an action; skipped").arg(attempt.place).arg(i + 1));
                continue;
            }
            const QJsonObject step = value.toObject();
            AgentEntryFields fields;
            fields.messageType = QStringLiteral("ACTION");
            fields.toolName = firstWord(action.toString());
            fields.toolInput = QJsonObject{{QStringLiteral("command"), action}};
            const QJsonValue observation = step.value(QLatin1String("observation"));
            if (observation.isString())
                fields.observation = observation;
            fields.thought = step.value(QLatin1String("thought")).toString();
            const QJsonValue time = step.value(QLatin1String("execution_time"));
            if (time.isDouble())
                fields.extra.insert(QStringLiteral("execution_time"), time);
            if (attempt.number > 0)
                fields.extra.insert(QStringLiteral("attempt"), attempt.number);
            if (attempt.sidechain)
                fields.extra.insert(QStringLiteral("sidechain"), true);
            fields.sourceRecords.append(step);
            write(fields);
        }
    }
    const QJsonValue submission = info.value(QLatin1String("submission"));
    if (submission.isString() && !submission.toString().isEmpty()) {
        AgentEntryFields fields;
        fields.messageType = QStringLiteral("FINAL_ANSWER");
        fields.observation = submission;
        write(fields);
    }
    out.metadata = info;
    out.warnings = warnings.take();
    out.ok = true;
    return out;
}
