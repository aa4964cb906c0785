// SPDX-License-Identifier: MIT
#include "agentlogs/agentlogformats.h"

#include "agentlogs/claudecodetranscript.h"
#include "agentlogs/codexrollout.h"
#include "agentlogs/inspectlog.h"
#include "agentlogs/openhandsevents.h"
#include "agentlogs/sweagenttrajectory.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {

// An Inspect log holds one run per sample: the first is read, and the others are named in the
// warnings, so that the user knows they are there.
InspectLog readInspectLog(QByteArrayView bytes, qsizetype readableAfter, bool eventByEvent)
{
    return InspectLog(bytes, readableAfter, eventByEvent);
}

// `settled`: its entries handed over in batches when not null.
AgentLogConversion convertInspectFirstSample(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter,
                                             const SettledEntries *settled)
{
    const InspectLog log(bytes, readableAfter, settled != nullptr);
    AgentLogConversion conversion = settled ? log.convertInBatches(0, cancel, *settled) : log.convert(0, cancel);
    if (!conversion.ok)
        return conversion;
    const QList<InspectSampleInfo> samples = log.samples();
    if (samples.size() > 1) {
        conversion.warnings.append(QCoreApplication::translate(
            "AgentLogFormats", "this log holds %n samples; the first (id %1) is shown", nullptr, int(samples.size()))
                                       .arg(samples.constFirst().id));
    }
    return conversion;
}

AgentLogConversion convertInspectFirstSample(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter)
{
    return convertInspectFirstSample(bytes, cancel, readableAfter, nullptr);
}

AgentLogConversion convertInspectFirstSampleInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled)
{
    return convertInspectFirstSample(bytes, cancel, settled.readableAfter, &settled);
}

} // namespace

namespace AgentLogFormats {

const QList<Format> &formats()
{
    // One line a format; the first detector that accepts a file wins.
    static const QList<Format> table = {
        {QT_TRANSLATE_NOOP("AgentLogFormats", "Claude Code transcript"), QT_TRANSLATE_NOOP("AgentLogFormats", "Claude Code transcripts"),
         looksLikeClaudeCodeTranscript, convertClaudeCodeTranscript, nullptr, convertClaudeCodeTranscriptInBatches},
        {QT_TRANSLATE_NOOP("AgentLogFormats", "Codex CLI rollout"), QT_TRANSLATE_NOOP("AgentLogFormats", "Codex CLI rollouts"),
         looksLikeCodexRollout, convertCodexRollout, nullptr, convertCodexRolloutInBatches},
        {QT_TRANSLATE_NOOP("AgentLogFormats", "SWE-agent trajectory"), QT_TRANSLATE_NOOP("AgentLogFormats", "SWE-agent trajectories"),
         looksLikeSweAgentTrajectory, convertSweAgentTrajectory, nullptr, convertSweAgentTrajectoryInBatches},
        {QT_TRANSLATE_NOOP("AgentLogFormats", "OpenHands event stream"), QT_TRANSLATE_NOOP("AgentLogFormats", "OpenHands event streams"),
         looksLikeOpenHandsEvents, convertOpenHandsEvents, nullptr, convertOpenHandsEventsInBatches},
        {QT_TRANSLATE_NOOP("AgentLogFormats", "Inspect eval log"), QT_TRANSLATE_NOOP("AgentLogFormats", "Inspect eval logs"),
         looksLikeInspectLog, convertInspectFirstSample, readInspectLog, convertInspectFirstSampleInBatches},
    };
    return table;
}

namespace {

// A Codegen .jsonl: its first line is an entry with "agent_run_id". Checked before any
// detector, so that no detector mistakes an export (whose entries may quote other logs) for its
// format. Only a line complete within the head is judged.
bool isCodegenEntryLine(QByteArrayView head)
{
    const qsizetype newline = head.indexOf('\n');
    if (newline < 0)
        return false;
    const QByteArrayView line = head.first(newline).trimmed();
    if (!line.startsWith('{') || !line.contains("\"agent_run_id\""))
        return false;
    return QJsonDocument::fromJson(line.toByteArray()).object().contains(QLatin1String("agent_run_id"));
}

} // namespace

const Format *detect(QByteArrayView head)
{
    head = head.first(std::min(head.size(), kHeadBytes));
    if (isCodegenEntryLine(head))
        return nullptr;
    for (const Format &format : formats()) {
        if (format.looksLike(head))
            return &format;
    }
    return nullptr;
}

AgentLogConversion convert(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter)
{
    const Format *format = detect(bytes);
    if (!format) {
        AgentLogConversion failed;
        failed.error = unknownFormatText();
        return failed;
    }
    AgentLogConversion conversion = format->convert(bytes, cancel, readableAfter);
    if (!conversion.ok && conversion.error.isEmpty())
        conversion.error = QCoreApplication::translate("AgentLogFormats", "%1: it could not be read.").arg(nameOf(*format));
    return conversion;
}

QString nameOf(const Format &format)
{
    return QCoreApplication::translate("AgentLogFormats", format.name);
}

QString unknownFormatText()
{
    QStringList names{QCoreApplication::translate("AgentLogFormats", "Codegen exports (.json, .jsonl)")};
    for (const Format &format : formats())
        names.append(QCoreApplication::translate("AgentLogFormats", format.plural));
    return QCoreApplication::translate("AgentLogFormats", "Runlog reads %1.").arg(QLocale().createSeparatedList(names));
}

} // namespace AgentLogFormats
