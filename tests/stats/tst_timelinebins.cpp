// SPDX-License-Identifier: MIT
// The timeline's bins against a naive placement of every entry, on both axes, with rows not
// loaded, search matches and a filter.
#include "run/messagecategory.h"
#include "stats/statisticscalculator.h"
#include "stats/timelinebins.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>
#include <optional>

class TestTimelineBins : public QObject
{
    Q_OBJECT
private slots:
    void indexAxis_data();
    void indexAxis();
    void timeAxis();
    void timeAxisWithoutTimesFallsBackToIndex();
};

namespace {
// Entries as the window holds them, and the same facts through RunFactsBuilder.
struct Sample
{
    QList<std::optional<LogEntry>> entries; // nullopt: not loaded
    RunFacts facts;
};

Sample randomSample(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    const QStringList types = {QStringLiteral("ACTION"), QStringLiteral("ERROR"), QStringLiteral("PLAN_EVALUATION"), QString()};
    Sample sample;
    RunFactsBuilder builder;
    qint64 clock = 1'750'000'000'000;
    for (int i = 0; i < count; ++i) {
        clock += rng.bounded(30'000);
        if (rng.bounded(6) == 0) {
            sample.entries.append(std::nullopt);
            builder.resize(builder.size() + 1);
            continue;
        }
        LogEntry entry;
        entry.createdAtMsecs = rng.bounded(10) ? clock : LogEntry::kNoTime;
        entry.messageType = types.at(rng.bounded(int(types.size())));
        entry.toolName = rng.bounded(2) ? QStringLiteral("bash") : QString();
        sample.entries.append(entry);
        builder.append(entry);
    }
    sample.facts = builder.facts();
    return sample;
}
} // namespace

void TestTimelineBins::indexAxis_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("bins");
    QTest::addRow("fewer entries than bins") << 50 << 300;
    QTest::addRow("more entries than bins") << 10000 << 333;
}

void TestTimelineBins::indexAxis()
{
    QFETCH(int, count);
    QFETCH(int, bins);
    const Sample sample = randomSample(11, count);
    const QVector<int> matches = {0, count / 2, count - 1};
    TimelineFilter filter;
    filter.toolNames = {QStringLiteral("bash")};
    const Timeline timeline = TimelineBins::compute(sample.facts, Timeline::Axis::Index, bins, matches, filter, {});
    QCOMPARE(timeline.axis, Timeline::Axis::Index);
    QCOMPARE(timeline.bins.size(), bins);
    QVector<int> entries(bins, 0), first(bins, -1);
    QVector<bool> unloaded(bins, false), error(bins, false), match(bins, false), hit(bins, false);
    for (int p = 0; p < count; ++p) {
        const int b = int(qint64(p) * bins / count); // floor(p * bins / count)
        if (!sample.entries[p]) {
            unloaded[b] = true;
            continue;
        }
        ++entries[b];
        if (first[b] < 0)
            first[b] = p;
        if (sample.entries[p]->messageType == QLatin1String("ERROR"))
            error[b] = true;
        if (matches.contains(p))
            match[b] = true;
        if (sample.entries[p]->toolName == QLatin1String("bash"))
            hit[b] = true;
    }
    for (int b = 0; b < bins; ++b) {
        const TimelineBin &bin = timeline.bins[b];
        QCOMPARE(bin.entries, entries[b]);
        QCOMPARE(bin.firstPosition, first[b]);
        QCOMPARE(bin.unloaded, unloaded[b]);
        QCOMPARE(bin.error, error[b]);
        QCOMPARE(bin.match, match[b]);
        QCOMPARE(bin.filterHit, hit[b]);
        QCOMPARE(bin.category < 0, entries[b] == 0);
    }
}

void TestTimelineBins::timeAxis()
{
    const int count = 3000, bins = 500;
    const Sample sample = randomSample(12, count);
    const Timeline timeline = TimelineBins::compute(sample.facts, Timeline::Axis::Time, bins, {}, {}, {});
    QCOMPARE(timeline.axis, Timeline::Axis::Time);
    qint64 lo = std::numeric_limits<qint64>::max(), hi = std::numeric_limits<qint64>::min();
    for (const std::optional<LogEntry> &e : sample.entries) {
        if (e && e->hasTime()) {
            lo = std::min(lo, e->createdAtMsecs);
            hi = std::max(hi, e->createdAtMsecs);
        }
    }
    QCOMPARE(timeline.startMsecs, lo);
    QCOMPARE(timeline.endMsecs, hi);
    QVector<int> entries(bins, 0);
    int timed = 0;
    for (const std::optional<LogEntry> &e : sample.entries) {
        if (!e || !e->hasTime())
            continue;
        ++timed;
        ++entries[int(std::lround(double(e->createdAtMsecs - lo) * (bins - 1) / double(hi - lo)))];
    }
    int total = 0;
    for (int b = 0; b < bins; ++b) {
        QCOMPARE(timeline.bins[b].entries, entries[b]);
        total += timeline.bins[b].entries;
    }
    QCOMPARE(total, timed);
    // Unloaded rows between two timed ones mark the bins between their times.
    bool anyUnloaded = false;
    for (const TimelineBin &bin : timeline.bins)
        anyUnloaded = anyUnloaded || bin.unloaded;
    QVERIFY(anyUnloaded);
}

void TestTimelineBins::timeAxisWithoutTimesFallsBackToIndex()
{
    RunFacts facts;
    facts.entries.resize(10);
    for (EntryFacts &f : facts.entries)
        f.loaded = true;
    const Timeline timeline = TimelineBins::compute(facts, Timeline::Axis::Time, 10, {}, {}, {});
    QCOMPARE(timeline.axis, Timeline::Axis::Index);
    for (const TimelineBin &bin : timeline.bins)
        QCOMPARE(bin.entries, 1);
}

QTEST_GUILESS_MAIN(TestTimelineBins)
#include "tst_timelinebins.moc"
