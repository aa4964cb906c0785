// SPDX-License-Identifier: MIT
#include "agentlogs/sweagenttrajectory.h"

#include "agentlogs/conversionsupport.h"
#include "agentlogs/jsonhead.h"
#include "agentlogs/jsontextparts.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/partparsers.h"
#include "agentlogs/simdjsonrecords.h"

#include <QCoreApplication>

#include <optional>
#include <string_view>

// The trajectory is parsed with simdjson (SimdRecords) and each entry written from the parsed
// steps with the bytes the QJsonDocument reading wrote (QtOrderedJson). Read in batches (the
// window), a trajectory of one attempt is parsed a part at a time (stepByStep()): the whole
// trajectory's parse touched fresh memory of several times the file's size, most of the time
// before the first entry (issue 28).

namespace {

using namespace SimdRecords;
using simdjson::dom::object;

// The context of this file's words in the catalogue.
struct SweAgentTrajectoryText {
    Q_DECLARE_TR_FUNCTIONS(SweAgentTrajectory)
};

// QJsonValue::toObject().isEmpty(): no object, or one without members.
bool isEmptyObject(const std::optional<element> &value)
{
    return !value || !value->is_object() || value->get_object().value_unsafe().size() == 0;
}

// QJsonValue::toArray(): anything else is an empty list. (A default simdjson array is no list.)
struct List {
    std::optional<simdjson::dom::array> items;
    size_t size() const { return items ? items->size() : 0; }
};

List arrayOf(const std::optional<element> &value)
{
    simdjson::dom::array array;
    if (!value || value->get_array().get(array))
        return {};
    return {array};
}

// The task as the agent got it: the first user message that is not a demonstration.
std::optional<element> taskMessage(const List &history)
{
    if (!history.items)
        return std::nullopt;
    for (const element item : *history.items) {
        const std::optional<element> role = fieldOf(item, "role");
        const std::optional<element> demo = fieldOf(item, "is_demo");
        if (role && stringOf(*role) == "user" && (!demo || !trueOf(*demo)))
            return item;
    }
    return std::nullopt;
}

// The issue in the task SWE-agent's templates write around it: inside <pr_description> (1.x), after
// "ISSUE:" (0.x); else the task's first line.
QString taskTitle(const QString &task)
{
    const qsizetype description = task.indexOf(QLatin1String("<pr_description>"));
    if (description >= 0) {
        // The closing tag may share the description's one line.
        const qsizetype start = description + 16;
        const qsizetype end = task.indexOf(QLatin1String("</pr_description>"), start);
        return titleFromText(task.mid(start, end < 0 ? -1 : end - start));
    }
    const qsizetype issue = task.indexOf(QLatin1String("ISSUE:\n"));
    if (issue >= 0)
        return titleFromText(task.mid(issue + 7));
    return titleFromText(task);
}

struct Attempt {
    List trajectory;
    QString place; // how warnings name a step's list: "" or "attempt 2, "
    int number = 0; // 0 without attempts
    bool sidechain = false;
};

// An entry to be written: a step of an attempt, or one made beforehand (the task, the submission).
struct Item {
    element step;
    const Attempt *attempt = nullptr;
    qsizetype made = -1; // its place in the entries made beforehand, or -1 for a step
};

// A step (an object with an action) as its ACTION entry. Only reads: steps are made on two threads.
RawEntry stepEntry(element step, const Attempt &attempt)
{
    const element action = *fieldOf(step, "action");
    RawEntry entry;
    entry.messageType = "ACTION";
    entry.toolName = firstWord(QString::fromUtf8(viewOf(stringOf(action)))).toUtf8();
    entry.toolInput = "{\"command\":" + jsonOf(action) + '}';
    const std::optional<element> observation = fieldOf(step, "observation");
    if (observation && observation->is_string())
        entry.observation = jsonOf(*observation);
    const std::optional<element> thought = fieldOf(step, "thought");
    entry.thought = bytesOf(thought ? stringOf(*thought) : std::string_view());
    const std::optional<element> time = fieldOf(step, "execution_time");
    if (time && time->is_number())
        entry.setExtra("execution_time", jsonOf(*time));
    if (attempt.number > 0)
        entry.setExtra("attempt", QByteArray::number(attempt.number));
    if (attempt.sidechain)
        entry.setExtra("sidechain", "true");
    entry.parsedSources.append(step);
    return entry;
}

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

namespace {

// The conversion in batches of a trajectory of one attempt, parsed a part at a time in reused
// memory: a first pass parses every member of the file (the steps and the history's messages one
// at a time) before any entry is handed over, so that a text that is no JSON is still refused as
// a whole; the task and the info are kept parsed, and each step is parsed again when its entry is
// written. None when the raw look finds no object (JsonTextParts), a key it cannot compare, no
// list of steps, attempts, or a part simdjson refuses: the whole parse then reads it, as before.
// Cancelled: `cancelled` set.
std::optional<AgentLogConversion> stepByStep(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter,
                                             const SettledEntries &settled, bool &cancelled)
{
    const std::optional<QList<JsonTextParts::Member>> members = JsonTextParts::objectMembers(bytes);
    if (!members)
        return std::nullopt;
    // QJsonObject keeps a repeated key's last value.
    std::optional<QByteArrayView> trajectoryText, historyText, infoText;
    for (const JsonTextParts::Member &member : *members) {
        if (!JsonTextParts::isPlainKey(member.key) || member.key == "attempts")
            return std::nullopt;
        if (member.key == "trajectory")
            trajectoryText = member.value;
        else if (member.key == "history")
            historyText = member.value;
        else if (member.key == "info")
            infoText = member.value;
    }
    if (!trajectoryText)
        return std::nullopt;
    const std::optional<QList<QByteArrayView>> steps = JsonTextParts::arrayElements(*trajectoryText);
    if (!steps)
        return std::nullopt;
    const std::optional<QList<QByteArrayView>> history = historyText ? JsonTextParts::arrayElements(*historyText) : std::nullopt;
    const char *readableEnd = bytes.data() + bytes.size() + readableAfter;
    CancelCheck check(cancel);
    // Every member's value (the trajectory's and a listed history's a part at a time): a member is
    // a level inside the file's object, a step or message two.
    simdjson::dom::parser memberParser, partParser;
    if (!PartParsers::prepare(memberParser, 1) || !PartParsers::prepare(partParser, 2))
        return std::nullopt;
    element value;
    for (const JsonTextParts::Member &member : *members) {
        const bool listed = (member.value.data() == trajectoryText->data()) || (history && member.value.data() == historyText->data());
        if (!listed && !PartParsers::parse(member.value, readableEnd, memberParser, value))
            return std::nullopt;
    }
    // A message or a step parsed into `value`; false when cancelled (`cancelled` says so) or refused.
    const auto parsePart = [&](QByteArrayView part) {
        if (check()) {
            cancelled = true;
            return false;
        }
        return PartParsers::parse(part, readableEnd, partParser, value);
    };
    qsizetype taskIndex = -1;
    if (history) {
        for (qsizetype i = 0; i < history->size(); ++i) {
            if (!parsePart(history->at(i)))
                return std::nullopt;
            const std::optional<element> role = fieldOf(value, "role");
            const std::optional<element> demo = fieldOf(value, "is_demo");
            if (taskIndex < 0 && role && stringOf(*role) == "user" && (!demo || !trueOf(*demo)))
                taskIndex = i;
        }
    }
    // The steps that make entries, and the warnings of those that do not.
    ConversionWarnings warnings;
    QList<qsizetype> stepItems;
    stepItems.reserve(steps->size());
    QByteArray firstStepText; // the first step's response and action, for the run's key
    for (qsizetype i = 0; i < steps->size(); ++i) {
        if (!parsePart(steps->at(i)))
            return std::nullopt;
        if (i == 0) {
            for (const std::string_view key : {"response", "action"}) {
                const std::optional<element> text = fieldOf(value, key);
                firstStepText += bytesOf(text ? stringOf(*text) : std::string_view());
            }
        }
        const std::optional<element> action = fieldOf(value, "action");
        if (!value.is_object() || !action || !action->is_string())
            warnings.add(SweAgentTrajectoryText::tr("%1step %2: not a step with an action; skipped").arg(QString()).arg(i + 1));
        else
            stepItems.append(i);
    }

    AgentLogConversion out;
    out.agentName = QStringLiteral("SWE-agent");
    out.hasTimes = false;
    // The task and the info, parsed again and kept until the entries are written.
    simdjson::dom::parser taskParser, infoParser;
    std::optional<element> task, info;
    if (taskIndex >= 0 && PartParsers::parse(history->at(taskIndex), readableEnd, taskParser, value))
        task = value;
    if (infoText && PartParsers::parse(*infoText, readableEnd, infoParser, value))
        info = value;
    const std::optional<element> taskContent = fieldOf(task, "content");
    const QByteArray taskText = taskContent ? contentTextOf(*taskContent) : QByteArray();
    const qint64 runId = agentRunIdFor("swe-agent:" + taskText + '\n' + firstStepText);
    QList<RawEntry> made; // the task and the submission
    const bool hasTask = !isEmptyObject(task);
    if (hasTask) {
        RawEntry entry;
        entry.messageType = "USER_MESSAGE";
        entry.observation = jsonString(taskText);
        entry.parsedSources.append(*task);
        made.append(std::move(entry));
        out.title = taskTitle(QString::fromUtf8(taskText));
    }
    const std::optional<element> submission = fieldOf(info, "submission");
    const bool hasSubmission = submission && submission->is_string() && !stringOf(*submission).empty();
    if (hasSubmission) {
        RawEntry entry;
        entry.messageType = "FINAL_ANSWER";
        entry.observation = jsonOf(*submission);
        made.append(std::move(entry));
    }
    const qsizetype count = qsizetype(hasTask) + stepItems.size() + qsizetype(hasSubmission);
    const Attempt attempt{List(), QString(), 0, false};
    PartParsers::PerThread<1> parsers;
    const auto write = [&](qsizetype i, QByteArray &entry) {
        if (hasTask && i == 0) {
            appendEntryJson(entry, made.first(), runId, i + 1);
        } else if (hasSubmission && i == count - 1) {
            appendEntryJson(entry, made.last(), runId, i + 1);
        } else {
            element step;
            simdjson::dom::parser &parser = *parsers.forThisThread();
            // Parsed in the first pass: it parses again.
            if (PartParsers::parse(steps->at(stepItems.at(i - qsizetype(hasTask))), readableEnd, parser, step))
                appendEntryJson(entry, stepEntry(step, attempt), runId, i + 1);
        }
    };
    if (!ParallelEntries::writeInBatches(out.entries, count, write, cancel, settled, bytes.size())) {
        cancelled = true;
        return std::nullopt;
    }
    if (info && info->is_object())
        out.metadata = toQJsonValue(*info).toObject();
    out.warnings = warnings.take();
    out.ok = true;
    return out;
}

// The conversion; with `settled` (may be null), its entries are handed over in batches as they are
// written: once the steps are listed, every entry is known (the task first, the submission last).
AgentLogConversion convert(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter, const SettledEntries *settled)
{
    AgentLogConversion out;
    out.agentName = QStringLiteral("SWE-agent");
    if (settled) {
        bool stopped = false;
        if (std::optional<AgentLogConversion> conversion = stepByStep(bytes, cancel, readableAfter, *settled, stopped))
            return std::move(*conversion);
        if (stopped)
            return cancelledConversion(out.agentName);
    }
    CancelCheck cancelled(cancel);
    out.hasTimes = false;
    RecordParser parser;
    element rootValue;
    QString reason;
    qsizetype errorOffset = 0;
    const RecordParser::Result parsed = parser.parse(bytes, readableAfter, simdjson::dom::element_type::OBJECT, rootValue, reason, &errorOffset);
    if (parsed == RecordParser::Result::NotJson) {
        out.error = SweAgentTrajectoryText::tr("SWE-agent trajectory, line %1: not JSON (%2).").arg(lineOfOffset(bytes, errorOffset)).arg(reason);
        return out;
    }
    const std::optional<element> root = parsed == RecordParser::Result::Parsed ? std::optional<element>(rootValue) : std::nullopt;
    const std::optional<element> trajectoryValue = fieldOf(root, "trajectory");
    const std::optional<element> attemptsValue = fieldOf(root, "attempts");
    if (!root || ((!trajectoryValue || !trajectoryValue->is_array()) && (!attemptsValue || !attemptsValue->is_array()))) {
        out.error = SweAgentTrajectoryText::tr("SWE-agent trajectory, line 1: no \"trajectory\" list of steps.");
        return out;
    }

    ConversionWarnings warnings;
    QList<Attempt> attempts;
    std::optional<element> info = fieldOf(root, "info");
    List history = arrayOf(fieldOf(root, "history"));
    const List attemptList = arrayOf(attemptsValue);
    if (attemptList.size() > 0) {
        const std::optional<qint64> best = exactIntegerOf(fieldOf(info, "best_attempt_idx"));
        const qsizetype chosen = best ? qsizetype(*best) : qsizetype(attemptList.size()) - 1;
        qsizetype i = 0;
        for (const element attemptValue : *attemptList.items) {
            const std::optional<element> attempt = attemptValue;
            const std::optional<element> trajectory = fieldOf(attempt, "trajectory");
            if (!trajectory || !trajectory->is_array()) {
                warnings.add(SweAgentTrajectoryText::tr("attempt %1: no list of steps; skipped").arg(i + 1));
                ++i;
                continue;
            }
            attempts.append({arrayOf(trajectory), SweAgentTrajectoryText::tr("attempt %1, ").arg(i + 1), int(i + 1), i != chosen});
            if (history.size() == 0)
                history = arrayOf(fieldOf(attempt, "history"));
            if (i == chosen && isEmptyObject(info))
                info = fieldOf(attempt, "info");
            ++i;
        }
    } else {
        attempts.append({arrayOf(trajectoryValue), QString(), 0, false});
    }

    const std::optional<element> task = taskMessage(history);
    const std::optional<element> taskContent = fieldOf(task, "content");
    const QByteArray taskText = taskContent ? contentTextOf(*taskContent) : QByteArray();
    std::optional<element> firstStep;
    if (!attempts.isEmpty() && attempts.first().trajectory.size() > 0)
        firstStep = attempts.first().trajectory.items->at(0).value_unsafe();
    const auto firstStepText = [&firstStep](std::string_view key) {
        const std::optional<element> value = fieldOf(firstStep, key);
        return viewOf(value ? stringOf(*value) : std::string_view());
    };
    // No session id in the file: the task and the model's first reply tell one run from another,
    // and stay the same while SWE-agent rewrites the file after every step.
    QByteArray runKey = "swe-agent:" + taskText + '\n';
    runKey += firstStepText("response");
    runKey += firstStepText("action");
    const qint64 runId = agentRunIdFor(runKey);
    // The entries are only listed here (a step by its value) and made and written at the end, on
    // two threads (ParallelEntries): the steps are most of a conversion's time and memory.
    QList<Item> items;
    qsizetype steps = 0;
    for (const Attempt &attempt : std::as_const(attempts))
        steps += qsizetype(attempt.trajectory.size());
    items.reserve(steps + 2); // the task and the submission
    QList<RawEntry> made;     // the task and the submission, made here

    if (!isEmptyObject(task)) {
        RawEntry entry;
        entry.messageType = "USER_MESSAGE";
        entry.observation = jsonString(taskText);
        entry.parsedSources.append(*task);
        made.append(std::move(entry));
        items.append({element(), nullptr, made.size() - 1});
        out.title = taskTitle(QString::fromUtf8(taskText));
    }
    for (const Attempt &attempt : std::as_const(attempts)) {
        if (!attempt.trajectory.items)
            continue;
        qsizetype i = 0;
        for (const element value : *attempt.trajectory.items) {
            if (cancelled())
                return cancelledConversion(out.agentName);
            ++i;
            const std::optional<element> action = fieldOf(value, "action");
            if (!value.is_object() || !action || !action->is_string()) {
                warnings.add(SweAgentTrajectoryText::tr("%1step %2: not a step with an action; skipped").arg(attempt.place).arg(i));
                continue;
            }
            items.append({value, &attempt, -1});
        }
    }
    const std::optional<element> submission = fieldOf(info, "submission");
    if (submission && submission->is_string() && !stringOf(*submission).empty()) {
        RawEntry entry;
        entry.messageType = "FINAL_ANSWER";
        entry.observation = jsonOf(*submission);
        made.append(std::move(entry));
        items.append({element(), nullptr, made.size() - 1});
    }
    const auto write = [&items, &made, runId](qsizetype i, QByteArray &entry) {
        const Item &item = items.at(i);
        appendEntryJson(entry, item.made >= 0 ? made.at(item.made) : stepEntry(item.step, *item.attempt), runId, i + 1);
    };
    const bool written = settled ? ParallelEntries::writeInBatches(out.entries, items.size(), write, cancel, *settled, bytes.size())
                                 : ParallelEntries::write(out.entries, items.size(), write, cancel);
    if (!written)
        return cancelledConversion(out.agentName);
    if (info && info->is_object())
        out.metadata = toQJsonValue(*info).toObject();
    out.warnings = warnings.take();
    out.ok = true;
    return out;
}

} // namespace

AgentLogConversion convertSweAgentTrajectory(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter)
{
    return convert(bytes, cancel, readableAfter, nullptr);
}

AgentLogConversion convertSweAgentTrajectoryInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled)
{
    return convert(bytes, cancel, settled.readableAfter, settled.handOver ? &settled : nullptr);
}
