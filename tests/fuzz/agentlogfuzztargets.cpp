// SPDX-License-Identifier: MIT
#include "agentlogfuzztargets.h"

#include "agentlogs/codexrollout.h"
#include "agentlogs/inspectlog.h"
#include "agentlogs/openhandsevents.h"
#include "agentlogs/sweagenttrajectory.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

volatile std::size_t g_sink = 0;

QByteArrayView bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

// At most one format claims a head, whatever its bytes, and whatever prefix of them a reader
// looks at.
void detectors(QByteArrayView bytes)
{
    for (const QByteArrayView head : {bytes, bytes.first(bytes.size() / 2)}) {
        const int claims = int(looksLikeCodexRollout(head)) + int(looksLikeSweAgentTrajectory(head))
            + int(looksLikeOpenHandsEvents(head)) + int(looksLikeInspectLog(head));
        if (claims > 1)
            __builtin_trap();
        g_sink = g_sink + std::size_t(claims);
    }
}

void check(const AgentLogConversion &conversion)
{
    if (conversion.agentName.isEmpty())
        __builtin_trap();
    if (!conversion.ok) {
        // A failed read hands over nothing, and says why in one sentence.
        if (!conversion.entries.isEmpty() || conversion.error.isEmpty() || !conversion.error.endsWith(QLatin1Char('.')))
            __builtin_trap();
        return;
    }
    qint64 runId = 0;
    for (qsizetype i = 0; i < conversion.entries.size(); ++i) {
        const QJsonDocument document = QJsonDocument::fromJson(conversion.entries.at(i));
        const QJsonObject entry = document.object();
        const qint64 id = qint64(entry.value(QLatin1String("agent_run_id")).toDouble());
        if (!document.isObject() || id <= 0 || (runId != 0 && id != runId)
            || entry.value(QLatin1String("id")).toDouble() != double(i + 1))
            __builtin_trap();
        runId = id;
    }
    g_sink = g_sink + std::size_t(conversion.entries.size()) + std::size_t(conversion.warnings.size());
}

// Handed over as they settle, one entry a batch (`inBatches` called with the SettledEntries), the
// entries and facts are the whole conversion's.
template<typename InBatches>
void checkBatches(const AgentLogConversion &whole, InBatches inBatches)
{
    QList<QByteArray> entries;
    SettledEntries settled;
    settled.firstBatch = 1;
    settled.batch = 1;
    settled.handOver = [&entries](QList<QByteArray> &&batch, qsizetype) {
        entries += batch;
        return true;
    };
    const AgentLogConversion rest = inBatches(settled);
    entries += rest.entries;
    if (rest.ok != whole.ok || rest.error != whole.error || entries != whole.entries || rest.warnings != whole.warnings
        || rest.metadata != whole.metadata || rest.title != whole.title)
        __builtin_trap();
}

} // namespace

namespace FuzzTargets {

void codexRollout(const std::uint8_t *data, std::size_t size)
{
    detectors(bytesOf(data, size));
    const AgentLogConversion whole = convertCodexRollout(bytesOf(data, size));
    check(whole);
    checkBatches(whole, [&](const SettledEntries &settled) { return convertCodexRolloutInBatches(bytesOf(data, size), {}, settled); });
}

void sweAgentTrajectory(const std::uint8_t *data, std::size_t size)
{
    detectors(bytesOf(data, size));
    const AgentLogConversion whole = convertSweAgentTrajectory(bytesOf(data, size));
    check(whole);
    // In batches a trajectory of one attempt is read a part at a time (or whole, when that look fails).
    checkBatches(whole, [&](const SettledEntries &settled) { return convertSweAgentTrajectoryInBatches(bytesOf(data, size), {}, settled); });
}

void openHandsEvents(const std::uint8_t *data, std::size_t size)
{
    detectors(bytesOf(data, size));
    const AgentLogConversion whole = convertOpenHandsEvents(bytesOf(data, size));
    check(whole);
    // In batches the stream is read an event at a time (or whole, when that look fails).
    checkBatches(whole, [&](const SettledEntries &settled) { return convertOpenHandsEventsInBatches(bytesOf(data, size), {}, settled); });
}

void inspectLog(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes = bytesOf(data, size);
    detectors(bytes);
    QString error;
    const QList<InspectSampleInfo> samples = listInspectSamples(bytes, &error);
    if (samples.isEmpty() == error.isEmpty())
        __builtin_trap(); // samples, or a sentence saying why there are none
    for (const int index : {-1, int(samples.size())})
        check(convertInspectSample(bytes, index));
    // Read event by event, as the window reads it (or whole, where that look fails): the same
    // list, and each sample in batches is its whole conversion.
    const InspectLog byEvents(bytes, 0, true);
    const QList<InspectSampleInfo> listed = byEvents.samples();
    if (byEvents.error() != error || listed.size() != samples.size())
        __builtin_trap();
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const InspectSampleInfo &a = listed.at(i);
        const InspectSampleInfo &b = samples.at(i);
        if (a.index != b.index || a.id != b.id || a.epoch != b.epoch || a.title != b.title || a.score != b.score || a.target != b.target
            || a.toolEvents != b.toolEvents || a.failed != b.failed)
            __builtin_trap();
    }
    for (qsizetype i = 0; i < samples.size() && i < 8; ++i) {
        if (samples.at(i).index != int(i))
            __builtin_trap();
        const AgentLogConversion whole = convertInspectSample(bytes, int(i));
        check(whole);
        checkBatches(whole, [&](const SettledEntries &settled) { return byEvents.convertInBatches(int(i), {}, settled); });
    }
}

} // namespace FuzzTargets
