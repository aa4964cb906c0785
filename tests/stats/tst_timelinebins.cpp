// SPDX-License-Identifier: MIT
// The timeline's bins against a naive placement of every entry, on both axes, with rows not
// loaded, search matches and a filter; and the insights' marks (failures, loops) on small runs
// whose bins are worked out by hand.
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
    void failuresMarkErrorBinsOnTheIndexAxis();
    void failuresMarkErrorBinsOnTheTimeAxis();
    void loopsCoverTheirBinsOnTheIndexAxis();
    void loopsCoverTheirBinsOnTheTimeAxis();
    void loopsSharingABinKeepTheEarlier();
    void emptyOrStrayMarksChangeNothing();
    void timeAxisKeepsItsSpanWhilePagesArrive();
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

// A run of ACTION entries (ERROR at the positions given), at the given seconds (-1: no time);
// `unloaded` positions are rows not loaded yet.
RunFacts handRun(const QVector<int> &seconds, const QSet<int> &errors = {}, const QSet<int> &unloaded = {})
{
    RunFactsBuilder builder;
    for (int p = 0; p < seconds.size(); ++p) {
        if (unloaded.contains(p)) {
            builder.resize(builder.size() + 1);
            continue;
        }
        LogEntry entry;
        entry.createdAtMsecs = seconds[p] < 0 ? LogEntry::kNoTime : 1'750'000'000'000 + qint64(seconds[p]) * 1000;
        entry.messageType = errors.contains(p) ? QStringLiteral("ERROR") : QStringLiteral("ACTION");
        entry.toolName = QStringLiteral("bash");
        builder.append(entry);
    }
    return builder.facts();
}

QVector<int> errorBins(const Timeline &timeline)
{
    QVector<int> bins;
    for (int b = 0; b < timeline.bins.size(); ++b) {
        if (timeline.bins[b].error)
            bins.append(b);
    }
    return bins;
}

QVector<int> loopOfEachBin(const Timeline &timeline)
{
    QVector<int> loops;
    for (const TimelineBin &bin : timeline.bins)
        loops.append(bin.loop);
    return loops;
}

// Seconds 0..19: entry p at p seconds.
QVector<int> everySecond(int count)
{
    QVector<int> seconds;
    for (int p = 0; p < count; ++p)
        seconds.append(p);
    return seconds;
}

// Ten entries in bursts: with 21 bins over 200 s, bin = round(seconds / 10):
// positions 0..9 fall in bins 0, 1, 2, 3, 4, 10, 11, 12, 13, 20.
const QVector<int> kBursts = {0, 10, 20, 30, 40, 100, 110, 120, 130, 200};

TimelineInsightMarks marksOf(const QVector<int> &failures, const QVector<QPair<int, int>> &loops)
{
    TimelineInsightMarks marks;
    marks.failurePositions = failures;
    marks.loopSpans = loops;
    return marks;
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

// Issue 27, stumble 12: while pages arrive the time axis does not jump: it keeps the span it
// showed, grows past it with half the span to spare, and is the run's own once all is loaded.
void TestTimelineBins::timeAxisKeepsItsSpanWhilePagesArrive()
{
    const qint64 t0 = 1'750'000'000'000;
    // Ten entries, one a minute; the first page (four) is loaded.
    const QVector<int> seconds = {0, 60, 120, 180, 240, 300, 360, 420, 480, 540};
    const RunFacts firstPage = handRun(seconds, {}, {4, 5, 6, 7, 8, 9});
    Timeline timeline = TimelineBins::compute(firstPage, Timeline::Axis::Time, 100, {}, {}, {});
    QCOMPARE(timeline.startMsecs, t0);
    QCOMPARE(timeline.endMsecs, t0 + 180'000); // no hint: the loaded span

    // The same page again with that span as the hint: unchanged.
    const TimelineAxisHint shown{true, timeline.startMsecs, timeline.endMsecs};
    timeline = TimelineBins::compute(firstPage, Timeline::Axis::Time, 100, {}, {}, {}, {}, shown);
    QCOMPARE(timeline.endMsecs, t0 + 180'000);

    // A second page outgrows it (to 300 s): the axis grows to 300 s and half again, 450 s.
    const RunFacts twoPages = handRun(seconds, {}, {6, 7, 8, 9});
    timeline = TimelineBins::compute(twoPages, Timeline::Axis::Time, 100, {}, {}, {}, {}, shown);
    QCOMPARE(timeline.startMsecs, t0);
    QCOMPARE(timeline.endMsecs, t0 + 450'000);
    // The third page (to 420 s) falls inside: the axis stays.
    const TimelineAxisHint grown{true, timeline.startMsecs, timeline.endMsecs};
    const RunFacts threePages = handRun(seconds, {}, {8, 9});
    timeline = TimelineBins::compute(threePages, Timeline::Axis::Time, 100, {}, {}, {}, {}, grown);
    QCOMPARE(timeline.endMsecs, t0 + 450'000);
    // A hint wider than the loaded rows never narrows the axis.
    const TimelineAxisHint earlier{true, t0 - 60'000, t0 + 450'000};
    timeline = TimelineBins::compute(threePages, Timeline::Axis::Time, 100, {}, {}, {}, {}, earlier);
    QCOMPARE(timeline.startMsecs, t0 - 60'000);
    QCOMPARE(timeline.endMsecs, t0 + 450'000);

    // All loaded: the run's own span, whatever was shown.
    timeline = TimelineBins::compute(handRun(seconds), Timeline::Axis::Time, 100, {}, {}, {}, {}, grown);
    QCOMPARE(timeline.startMsecs, t0);
    QCOMPARE(timeline.endMsecs, t0 + 540'000);
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

void TestTimelineBins::failuresMarkErrorBinsOnTheIndexAxis()
{
    // 20 entries in 10 bins: two a bin. Position 4 is an ERROR and a failure (bin 2, once);
    // failures at 13 and 19 (bins 6 and 9); an ERROR without a failure at 10 (bin 5).
    const RunFacts facts = handRun(everySecond(20), {4, 10});
    const Timeline timeline = TimelineBins::compute(facts, Timeline::Axis::Index, 10, {}, {}, {},
                                                    marksOf({4, 13, 19}, {}));
    QCOMPARE(errorBins(timeline), (QVector<int>{2, 5, 6, 9}));
    // A failure is no entry of its own: the bins count their entries as before.
    for (const TimelineBin &bin : timeline.bins)
        QCOMPARE(bin.entries, 2);
    // Given out of order, the same.
    const Timeline unsorted = TimelineBins::compute(facts, Timeline::Axis::Index, 10, {}, {}, {},
                                                    marksOf({19, 4, 13}, {}));
    QCOMPARE(errorBins(unsorted), (QVector<int>{2, 5, 6, 9}));
}

void TestTimelineBins::failuresMarkErrorBinsOnTheTimeAxis()
{
    // Failures at positions 3 (bin 3) and 7 (bin 12); the ERROR at 9 is in bin 20.
    const RunFacts facts = handRun(kBursts, {9});
    const Timeline timeline = TimelineBins::compute(facts, Timeline::Axis::Time, 21, {}, {}, {},
                                                    marksOf({3, 7}, {}));
    QCOMPARE(timeline.axis, Timeline::Axis::Time);
    QCOMPARE(errorBins(timeline), (QVector<int>{3, 12, 20}));
    // A failure without a time has no place on the time axis.
    QVector<int> seconds = kBursts;
    seconds[7] = -1;
    const Timeline untimed = TimelineBins::compute(handRun(seconds, {9}), Timeline::Axis::Time, 21, {}, {}, {},
                                                   marksOf({3, 7}, {}));
    QCOMPARE(errorBins(untimed), (QVector<int>{3, 20}));
}

void TestTimelineBins::loopsCoverTheirBinsOnTheIndexAxis()
{
    // 20 entries in 10 bins: positions 2..7 are bins 1..3, position 12 is bin 6, 16..19 bins 8..9.
    const RunFacts facts = handRun(everySecond(20), {}, {17});
    const QVector<QPair<int, int>> loops = {{2, 7}, {12, 12}, {16, 19}};
    const Timeline timeline = TimelineBins::compute(facts, Timeline::Axis::Index, 10, {}, {}, {}, marksOf({}, loops));
    QCOMPARE(loopOfEachBin(timeline), (QVector<int>{-1, 0, 0, 0, -1, -1, 1, -1, 2, 2}));
    QCOMPARE(timeline.loops, loops);
    // More bins than entries: 5 entries in 10 bins, position p in bin 2p; the loop 1..3 spans
    // bins 2..6 (the empty bins between its entries included).
    const Timeline wide = TimelineBins::compute(handRun(everySecond(5)), Timeline::Axis::Index, 10, {}, {}, {},
                                                marksOf({}, {{1, 3}}));
    QCOMPARE(loopOfEachBin(wide), (QVector<int>{-1, -1, 0, 0, 0, 0, 0, -1, -1, -1}));
}

void TestTimelineBins::loopsCoverTheirBinsOnTheTimeAxis()
{
    // Positions 1..3 are bins 1..3; positions 5..8 are bins 10..13 (the idle time before them is
    // no part of the loop).
    const QVector<QPair<int, int>> loops = {{1, 3}, {5, 8}};
    const Timeline timeline = TimelineBins::compute(handRun(kBursts), Timeline::Axis::Time, 21, {}, {}, {},
                                                    marksOf({}, loops));
    QCOMPARE(loopOfEachBin(timeline),
             (QVector<int>{-1, 0, 0, 0, -1, -1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1}));
    // The loop's last entry without a time and its first not loaded: the loop spans the bins of
    // those of its entries that have a place in time (positions 6 and 7: bins 11..12).
    QVector<int> seconds = kBursts;
    seconds[8] = -1;
    const Timeline partial = TimelineBins::compute(handRun(seconds, {}, {5}), Timeline::Axis::Time, 21, {}, {}, {},
                                                   marksOf({}, {{5, 8}}));
    QVector<int> expected(21, -1);
    expected[11] = expected[12] = 0;
    QCOMPARE(loopOfEachBin(partial), expected);
}

void TestTimelineBins::loopsSharingABinKeepTheEarlier()
{
    // 20 entries in 5 bins (four a bin): loops 0..5 (bins 0..1) and 6..11 (bins 1..2) share bin 1.
    const Timeline timeline = TimelineBins::compute(handRun(everySecond(20)), Timeline::Axis::Index, 5, {}, {}, {},
                                                    marksOf({}, {{0, 5}, {6, 11}}));
    QCOMPARE(loopOfEachBin(timeline), (QVector<int>{0, 0, 1, -1, -1}));
}

void TestTimelineBins::emptyOrStrayMarksChangeNothing()
{
    const Sample sample = randomSample(13, 3000);
    const QVector<int> matches = {5, 500};
    for (const Timeline::Axis axis : {Timeline::Axis::Index, Timeline::Axis::Time}) {
        const Timeline plain = TimelineBins::compute(sample.facts, axis, 400, matches, {}, {});
        // Positions outside the run, and a loop beyond its end.
        const TimelineInsightMarks stray = marksOf({-3, 3000, 99999}, {{3000, 3010}, {-9, -2}});
        for (const TimelineInsightMarks &marks : {TimelineInsightMarks(), stray}) {
            const Timeline marked = TimelineBins::compute(sample.facts, axis, 400, matches, {}, {}, marks);
            QCOMPARE(marked.axis, plain.axis);
            QCOMPARE(marked.bins.size(), plain.bins.size());
            for (int b = 0; b < plain.bins.size(); ++b) {
                const TimelineBin &x = plain.bins[b];
                const TimelineBin &y = marked.bins[b];
                QCOMPARE(y.entries, x.entries);
                QCOMPARE(y.firstPosition, x.firstPosition);
                QCOMPARE(y.category, x.category);
                QCOMPARE(y.error, x.error);
                QCOMPARE(y.unloaded, x.unloaded);
                QCOMPARE(y.match, x.match);
                QCOMPARE(y.longGap, x.longGap);
                QCOMPARE(y.loop, -1);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestTimelineBins)
#include "tst_timelinebins.moc"
