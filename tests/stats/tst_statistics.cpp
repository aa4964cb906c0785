// SPDX-License-Identifier: MIT
// StatisticsCalculator against a brute-force count over the raw JSON: random runs with null and
// missing types and tools, both timestamp forms, unparsable and null times, clocks going back,
// rows not loaded. The expected values come from QJsonDocument and from the times the generator
// chose, never from the code under test.
#include "rows/logstore.h"
#include "runfile/runfilereader.h"
#include "stats/entryfacts.h"
#include "stats/statisticscalculator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <optional>

namespace {

struct Generated
{
    QByteArray jsonl;
    QList<std::optional<qint64>> times; // the instant each entry's created_at names, if any
};

Generated generate(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    const QStringList types = {QStringLiteral("ACTION"), QStringLiteral("ERROR"), QStringLiteral("error"),
                               QStringLiteral("Error"), QStringLiteral("PLAN_EVALUATION"),
                               QStringLiteral("FINAL_ANSWER"), QString()};
    const QStringList tools = {QStringLiteral("bash"), QStringLiteral("read_file"), QStringLiteral("edit"), QString()};
    Generated out;
    qint64 clock = QDateTime(QDate(2025, 6, 21), QTime(12, 0, 0), Qt::UTC).toMSecsSinceEpoch() + rng.bounded(1000);
    for (int i = 0; i < count; ++i) {
        QJsonObject entry;
        entry.insert(QStringLiteral("agent_run_id"), 5);
        // Mostly forward, sometimes a long pause, now and then backwards.
        const int step = rng.bounded(100);
        clock += step < 80 ? rng.bounded(20'000) : step < 95 ? rng.bounded(3'600'000) : -rng.bounded(60'000);
        std::optional<qint64> time;
        switch (rng.bounded(7)) {
        case 0: case 1: case 2:
            entry.insert(QStringLiteral("created_at"),
                         QDateTime::fromMSecsSinceEpoch(clock, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")));
            time = clock;
            break;
        case 3: case 4: {
            // The API's other form: a space, microseconds, no zone (UTC).
            const QString text = QDateTime::fromMSecsSinceEpoch(clock, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                + QString::number(rng.bounded(1000)).rightJustified(3, QLatin1Char('0'));
            entry.insert(QStringLiteral("created_at"), text);
            time = clock;
            break;
        }
        case 5:
            entry.insert(QStringLiteral("created_at"), rng.bounded(2) ? QStringLiteral("yesterday") : QStringLiteral("2025-13-40T00:00:00Z"));
            break;
        default:
            if (rng.bounded(2))
                entry.insert(QStringLiteral("created_at"), QJsonValue::Null);
            break;
        }
        const QString type = types.at(rng.bounded(int(types.size())));
        if (!type.isNull())
            entry.insert(QStringLiteral("message_type"), type);
        else if (rng.bounded(2))
            entry.insert(QStringLiteral("message_type"), QJsonValue::Null);
        const QString tool = tools.at(rng.bounded(int(tools.size())));
        if (!tool.isNull())
            entry.insert(QStringLiteral("tool_name"), tool);
        else if (rng.bounded(2))
            entry.insert(QStringLiteral("tool_name"), QJsonValue::Null);
        out.jsonl += QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n';
        out.times.append(time);
    }
    return out;
}

} // namespace

class TestStatistics : public QObject
{
    Q_OBJECT
private slots:
    void equalsBruteForce_data();
    void equalsBruteForce();
    void emptyRun();
    void longRunsGetWiderBuckets();
    void onlyGapsThatStandOutAreShaded();
    void factsOfAStoreAreTheFactsOfItsEntries_data();
    void factsOfAStoreAreTheFactsOfItsEntries();
};

void TestStatistics::equalsBruteForce_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("withUnloaded");
    QTest::addRow("one entry") << 1u << 1 << false;
    QTest::addRow("small") << 2u << 20 << false;
    QTest::addRow("medium") << 3u << 400 << false;
    QTest::addRow("medium, rows not loaded") << 4u << 400 << true;
    QTest::addRow("large") << 5u << 5000 << false;
    QTest::addRow("large, rows not loaded") << 6u << 5000 << true;
}

void TestStatistics::equalsBruteForce()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);
    QFETCH(bool, withUnloaded);
    const Generated run = generate(seed, count);
    const RunFileReader::Contents contents =
        RunFileReader::parseBytes(run.jsonl, QStringLiteral("run.jsonl"), RunFileReader::Format::Jsonl);
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QCOMPARE(contents.entries.size(), count);

    RunFactsBuilder facts;
    QList<bool> loaded;
    QRandomGenerator rng(seed * 7 + 1);
    for (const LogEntry &entry : contents.entries) {
        const bool isLoaded = !withUnloaded || rng.bounded(5) != 0;
        if (isLoaded)
            facts.append(entry);
        else
            facts.resize(facts.size() + 1);
        loaded.append(isLoaded);
    }
    const RunStatistics stats = StatisticsCalculator::compute(facts.facts());

    // Brute force, from the JSON text and the generator's times.
    const QList<QByteArray> lines = run.jsonl.split('\n');
    QMap<QString, int> types;
    QMap<QString, int> tools;
    int withoutType = 0, withoutTool = 0, withoutTime = 0, loadedCount = 0;
    QVector<int> errors;
    std::optional<qint64> first, last, minTime, maxTime;
    QMap<QString, qint64> toolTime;
    struct Gap { int after; qint64 start; qint64 length; };
    QList<Gap> gaps;
    for (int i = 0; i < count; ++i) {
        if (!loaded[i])
            continue;
        ++loadedCount;
        const QJsonObject object = QJsonDocument::fromJson(lines[i]).object();
        const QJsonValue type = object.value(QStringLiteral("message_type"));
        const QJsonValue tool = object.value(QStringLiteral("tool_name"));
        if (type.isString())
            ++types[type.toString()];
        else
            ++withoutType;
        if (tool.isString())
            ++tools[tool.toString()];
        else
            ++withoutTool;
        if (type.isString() && type.toString().toUpper() == QLatin1String("ERROR"))
            errors.append(i);
        const std::optional<qint64> t = run.times[i];
        if (!t) {
            ++withoutTime;
            continue;
        }
        if (!first)
            first = t;
        last = t;
        minTime = minTime ? std::min(*minTime, *t) : *t;
        maxTime = maxTime ? std::max(*maxTime, *t) : *t;
        if (i + 1 < count && loaded[i + 1] && run.times[i + 1] && *run.times[i + 1] >= *t) {
            const qint64 length = *run.times[i + 1] - *t;
            if (tool.isString())
                toolTime[tool.toString()] += length;
            gaps.append({i, *t, length});
        }
    }

    QCOMPARE(stats.entries, count);
    QCOMPARE(stats.loadedEntries, loadedCount);
    QCOMPARE(stats.withoutMessageType, withoutType);
    QCOMPARE(stats.withoutTool, withoutTool);
    QCOMPARE(stats.withoutTime, withoutTime);
    QMap<QString, int> gotTypes, gotTools;
    for (const auto &c : stats.messageTypes)
        gotTypes.insert(c.value, c.count);
    for (const auto &c : stats.tools)
        gotTools.insert(c.value, c.count);
    QCOMPARE(gotTypes, types);
    QCOMPARE(gotTools, tools);
    for (qsizetype i = 1; i < stats.messageTypes.size(); ++i)
        QVERIFY(stats.messageTypes[i - 1].count >= stats.messageTypes[i].count);
    QCOMPARE(stats.errorPositions, errors);
    QCOMPARE(stats.hasDuration, first.has_value());
    if (first) {
        QCOMPARE(stats.firstMsecs, *first);
        QCOMPARE(stats.lastMsecs, *last);
        QCOMPARE(stats.durationMsecs(), *last - *first);
    }
    QMap<QString, qint64> gotToolTime;
    for (const auto &t : stats.timePerTool)
        gotToolTime.insert(t.tool, t.msecs);
    QCOMPARE(gotToolTime, toolTime);

    std::stable_sort(gaps.begin(), gaps.end(), [](const Gap &a, const Gap &b) { return a.length > b.length; });
    const qsizetype kept = std::min<qsizetype>(gaps.size(), StatisticsCalculator::kLongestGaps);
    QCOMPARE(stats.longestGaps.size(), kept);
    for (qsizetype i = 0; i < kept; ++i) {
        QCOMPARE(stats.longestGaps[i].afterPosition, gaps[i].after);
        QCOMPARE(stats.longestGaps[i].startMsecs, gaps[i].start);
        QCOMPARE(stats.longestGaps[i].msecs, gaps[i].length);
    }

    // Entries per minute: buckets from the earliest minute, one minute wide unless the run
    // spans more than 1,440 minutes, then the fewest whole minutes that fit 1,440 buckets.
    if (minTime) {
        const qint64 start = *minTime - (*minTime % 60'000);
        const qint64 minutes = (*maxTime - start) / 60'000 + 1;
        const qint64 width = 60'000 * qint64(std::ceil(double(minutes) / 1440.0));
        QCOMPARE(stats.bucketStartMsecs, start);
        QCOMPARE(stats.bucketMsecs, width);
        QVector<int> perBucket(int((*maxTime - start) / width + 1), 0);
        for (int i = 0; i < count; ++i) {
            if (loaded[i] && run.times[i])
                ++perBucket[int((*run.times[i] - start) / width)];
        }
        QCOMPARE(stats.entriesPerBucket, perBucket);
    } else {
        QVERIFY(stats.entriesPerBucket.isEmpty());
    }
}

void TestStatistics::emptyRun()
{
    const RunStatistics stats = StatisticsCalculator::compute(RunFacts());
    QCOMPARE(stats.entries, 0);
    QVERIFY(!stats.hasDuration);
    QVERIFY(stats.messageTypes.isEmpty());
    QVERIFY(stats.longestGaps.isEmpty());
    QVERIFY(stats.entriesPerBucket.isEmpty());
}

void TestStatistics::longRunsGetWiderBuckets()
{
    // Three entries over ten days: 14,401 minutes do not fit in 1,440 buckets, so each bucket
    // is ceil(14401 / 1440) = 11 minutes wide.
    RunFacts facts;
    facts.entries.resize(3);
    const qint64 day = 86'400'000;
    for (int i = 0; i < 3; ++i) {
        facts.entries[i].loaded = true;
        facts.entries[i].createdAtMsecs = 1'750'000'040'000 + i * 5 * day; // 20 s past a minute
    }
    const RunStatistics stats = StatisticsCalculator::compute(facts);
    QCOMPARE(stats.bucketStartMsecs, qint64(1'750'000'020'000));
    QCOMPARE(stats.bucketMsecs, qint64(11 * 60'000));
    QCOMPARE(stats.entriesPerBucket.size(), 1310); // 14,400 minutes 20 s / 11 minutes, plus the first
    QCOMPARE(stats.entriesPerBucket.first(), 1);
    QCOMPARE(stats.entriesPerBucket.last(), 1);
}

namespace {
RunFacts factsWithGaps(const QList<qint64> &gapSeconds)
{
    RunFacts facts;
    facts.entries.resize(gapSeconds.size() + 1);
    qint64 clock = 1'750'000'000'000;
    for (qsizetype i = 0; i < facts.entries.size(); ++i) {
        facts.entries[i].loaded = true;
        facts.entries[i].createdAtMsecs = clock;
        if (i < gapSeconds.size())
            clock += gapSeconds.at(i) * 1000;
    }
    return facts;
}
} // namespace

// Issue 27, stumble 12: the timeline shades only gaps that stand out, over the 95th percentile
// of the run's gaps and over a minute.
void TestStatistics::onlyGapsThatStandOutAreShaded()
{
    // Twenty gaps: eighteen of 10 s, one of 90 s, one of 2 h. The 95th percentile (nearest rank:
    // the 19th of 20 sorted) is 90 s, so only the 2 h gap stands out.
    QList<qint64> gaps(18, 10);
    gaps.insert(5, 90);
    gaps.insert(12, 7200);
    RunStatistics stats = StatisticsCalculator::compute(factsWithGaps(gaps));
    QCOMPARE(stats.gapP95Msecs, qint64(90'000));
    QCOMPARE(stats.standoutGaps().size(), 1);
    QCOMPARE(stats.standoutGaps().first().afterPosition, 12);
    QCOMPARE(stats.standoutGaps().first().msecs, qint64(7'200'000));

    // Even gaps, a minute and a half each: none stands out, however long.
    stats = StatisticsCalculator::compute(factsWithGaps(QList<qint64>(40, 90)));
    QCOMPARE(stats.gapP95Msecs, qint64(90'000));
    QVERIFY(!stats.longestGaps.isEmpty());
    QVERIFY(stats.standoutGaps().isEmpty());

    // Over the percentile but under a minute: not a gap worth shading.
    QList<qint64> short_(30, 1);
    short_[3] = 50;
    stats = StatisticsCalculator::compute(factsWithGaps(short_));
    QCOMPARE(stats.gapP95Msecs, qint64(1'000));
    QVERIFY(stats.standoutGaps().isEmpty());

    QCOMPARE(StatisticsCalculator::compute(RunFacts()).gapP95Msecs, qint64(0));
}

void TestStatistics::factsOfAStoreAreTheFactsOfItsEntries_data()
{
    QTest::addColumn<bool>("newestFirst");
    QTest::newRow("oldest first") << false;
    QTest::newRow("newest first") << true;
}

void TestStatistics::factsOfAStoreAreTheFactsOfItsEntries()
{
    // The overview takes the store's own type and tool ids: what they stand for must be what
    // the entries said (null apart from ""), rows not loaded included, after rows are replaced.
    QFETCH(bool, newestFirst);
    const QStringList texts = {QStringLiteral("ACTION"), QStringLiteral("ERROR"), QStringLiteral("bash"),
                               QStringLiteral(""), QString()};
    QRandomGenerator rng(7);
    const auto randomEntry = [&] {
        LogEntry entry;
        entry.rawJson = QByteArray("{}");
        entry.createdAtMsecs = rng.bounded(4) ? 1'750'000'000'000 + rng.bounded(100'000) : LogEntry::kNoTime;
        entry.messageType = texts.at(rng.bounded(int(texts.size())));
        entry.toolName = texts.at(rng.bounded(int(texts.size())));
        return entry;
    };
    const int rows = 200;
    QList<std::optional<LogEntry>> byRow(rows); // nullopt: not loaded
    LogStore store;
    store.resize(rows);
    const auto load = [&](int firstRow, int count) {
        QList<LogEntry> entries;
        for (int row = firstRow; row < firstRow + count; ++row) {
            entries.append(randomEntry());
            byRow[row] = entries.constLast();
        }
        store.setEntries(firstRow, entries);
    };
    const auto verify = [&](const RunFacts &facts) {
        QCOMPARE(facts.entries.size(), rows);
        QCOMPARE(facts.texts.constData(), store.texts().constData()); // one record of the texts
        for (int row = 0; row < rows; ++row) {
            const EntryFacts &fact = facts.entries.at(newestFirst ? rows - 1 - row : row);
            QCOMPARE(bool(fact.loaded), byRow[row].has_value());
            if (!byRow[row])
                continue;
            QCOMPARE(fact.createdAtMsecs, byRow[row]->createdAtMsecs);
            QCOMPARE(facts.messageTypeOf(fact), byRow[row]->messageType);
            QCOMPARE(facts.messageTypeOf(fact).isNull(), byRow[row]->messageType.isNull());
            QCOMPARE(facts.toolNameOf(fact), byRow[row]->toolName);
            QCOMPARE(facts.toolNameOf(fact).isNull(), byRow[row]->toolName.isNull());
        }
    };

    load(0, 60);
    load(120, 50);
    RunFactsBuilder builder;
    builder.rebuild(store, newestFirst);
    verify(builder.facts());

    load(40, 40); // replaces rows 40..59 (a page fetched again), loads 60..79
    builder.update(store, newestFirst, 40, 79);
    verify(builder.facts());
    verify(EntryFactsOf::store(store, newestFirst));
}

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
