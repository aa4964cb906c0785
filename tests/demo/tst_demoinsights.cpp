// SPDX-License-Identifier: MIT
// The demo tells the stories the insights are for (issue 23: "runlog --demo has runs that show
// every kind of finding"): the loops and the repeated failure planted in run 1001, read back
// through the real binary (`runlog --demo --insights --format json`), and the loop that forms
// in the live run 1002 as it grows. Every expected number is written here by hand from
// demodataset.cpp's planted stretches, not computed by the code under test.
#include "clienvironment.h"
#include "clirun.h"
#include "demo/demodataset.h"
#include "stats/insights.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {
QJsonArray numbers(std::initializer_list<int> values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

QJsonArray texts(std::initializer_list<const char *> values)
{
    QJsonArray array;
    for (const char *value : values)
        array.append(QString::fromLatin1(value));
    return array;
}

QJsonObject loop(int period, int repeats, int first, int last, const QJsonArray &tools, const QJsonArray &entries)
{
    return QJsonObject{{QStringLiteral("period"), period}, {QStringLiteral("repeats"), repeats},
                       {QStringLiteral("first_entry"), first}, {QStringLiteral("last_entry"), last},
                       {QStringLiteral("tools"), tools}, {QStringLiteral("entries"), entries}};
}

const char kStuckSignature[] = "AssertionError: discounted total of cart NxH is off: expected N cents, got N";
const char kEditTestSignature[] = "FAILED tests/test_discounts.py::test_coupon_rounds_half_up[N.N] - "
                                  "assert Decimal('N.N') == Decimal('N.N')";
} // namespace

class TestDemoInsights : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void plantedLoopsOfTheCompleteRun_data();
    void plantedLoopsOfTheCompleteRun();
    void plantedRepeatedFailures_data();
    void plantedRepeatedFailures();
    void stuckCommandIsElevenFailedCommands();
    void plantedLoopsAsTsv();
    void loopFormsAsTheLiveRunGrows();

private:
    CliRun runCli(const QStringList &args);

    QTemporaryDir m_dir;
    QJsonObject m_insights;
};

CliRun TestDemoInsights::runCli(const QStringList &args)
{
    return runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir.path())); // a library of its own
}

void TestDemoInsights::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const CliRun result = runCli({QStringLiteral("--demo"), QStringLiteral("--insights"), QStringLiteral("--format"),
                                  QStringLiteral("json")});
    QVERIFY2(result.code() == 0, result.err.constData());
    QJsonParseError error;
    m_insights = QJsonDocument::fromJson(result.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(m_insights.value(QStringLiteral("entries")).toInt(), 2000);
}

void TestDemoInsights::plantedLoopsOfTheCompleteRun_data()
{
    QTest::addColumn<QJsonObject>("expected");
    // Entries 641..649: ripgrep_search, read_file, edit_file, three times, nothing between.
    QTest::addRow("period 3: search, open, edit")
        << loop(3, 3, 641, 649, texts({"ripgrep_search", "read_file", "edit_file"}),
                numbers({641, 642, 643, 644, 645, 646, 647, 648, 649}));
    // Entries 1181, 1183, ..., 1201: the same pytest call; the thoughts at the even entries
    // between them belong to the stretch but are no tool calls.
    QTest::addRow("period 1: the same failing command 11 times")
        << loop(1, 11, 1181, 1201, texts({"bash"}),
                numbers({1181, 1183, 1185, 1187, 1189, 1191, 1193, 1195, 1197, 1199, 1201}));
    // Entries 1421..1428: edit_file, bash, four times.
    QTest::addRow("period 2: edit, test")
        << loop(2, 4, 1421, 1428, texts({"edit_file", "bash"}),
                numbers({1421, 1422, 1423, 1424, 1425, 1426, 1427, 1428}));
}

void TestDemoInsights::plantedLoopsOfTheCompleteRun()
{
    QFETCH(QJsonObject, expected);
    const QJsonArray loops = m_insights.value(QStringLiteral("loops")).toArray();
    QVERIFY(loops.contains(expected));
    // And no other loop overlaps the planted stretch (it is found whole, once).
    const int first = expected.value(QStringLiteral("first_entry")).toInt();
    const int last = expected.value(QStringLiteral("last_entry")).toInt();
    int overlapping = 0;
    for (const QJsonValue &value : loops) {
        const QJsonObject other = value.toObject();
        overlapping += other.value(QStringLiteral("first_entry")).toInt() <= last
            && other.value(QStringLiteral("last_entry")).toInt() >= first;
    }
    QCOMPARE(overlapping, 1);
}

void TestDemoInsights::plantedRepeatedFailures_data()
{
    QTest::addColumn<QString>("signature");
    QTest::addColumn<QJsonArray>("entries");
    // The eleven pytest runs' error, whose address (0x7ffd3a2b10, ...) and cents differ.
    QTest::addRow("the stuck test")
        << QString::fromLatin1(kStuckSignature)
        << numbers({1181, 1183, 1185, 1187, 1189, 1191, 1193, 1195, 1197, 1199, 1201});
    QTest::addRow("the edit-test loop's test") << QString::fromLatin1(kEditTestSignature)
                                               << numbers({1422, 1424, 1426, 1428});
}

void TestDemoInsights::plantedRepeatedFailures()
{
    QFETCH(QString, signature);
    QFETCH(QJsonArray, entries);
    const QJsonArray failures = m_insights.value(QStringLiteral("repeated_failures")).toArray();
    QJsonObject found;
    for (const QJsonValue &value : failures) {
        if (value.toObject().value(QStringLiteral("signature")).toString() == signature)
            found = value.toObject();
    }
    QVERIFY2(!found.isEmpty(), qPrintable(signature));
    QCOMPARE(found.value(QStringLiteral("count")).toInt(), int(entries.size()));
    QCOMPARE(found.value(QStringLiteral("entries")).toArray(), entries);
}

void TestDemoInsights::stuckCommandIsElevenFailedCommands()
{
    QList<int> stuck;
    for (const QJsonValue &value : m_insights.value(QStringLiteral("commands")).toArray()) {
        const QJsonObject command = value.toObject();
        if (command.value(QStringLiteral("command")).toString() != QLatin1String("pytest -x tests/test_discounts.py"))
            continue;
        stuck.append(command.value(QStringLiteral("entry")).toInt());
        QCOMPARE(command.value(QStringLiteral("tool")).toString(), QStringLiteral("bash"));
        QCOMPARE(command.value(QStringLiteral("exit_code")).toInt(), 1);
        QVERIFY(command.value(QStringLiteral("failed")).toBool());
    }
    QCOMPARE(stuck, (QList<int>{1181, 1183, 1185, 1187, 1189, 1191, 1193, 1195, 1197, 1199, 1201}));
}

void TestDemoInsights::plantedLoopsAsTsv()
{
    const CliRun result = runCli({QStringLiteral("--demo"), QStringLiteral("--insights")});
    QVERIFY2(result.code() == 0, result.err.constData());
    const QList<QByteArray> lines = result.out.split('\n');
    QVERIFY(lines.contains("loop\t641\t649\t3\t3\t641,642,643,644,645,646,647,648,649\tripgrep_search\tread_file\tedit_file"));
    QVERIFY(lines.contains("loop\t1181\t1201\t1\t11\t1181,1183,1185,1187,1189,1191,1193,1195,1197,1199,1201\tbash"));
    QVERIFY(lines.contains("loop\t1421\t1428\t2\t4\t1421,1422,1423,1424,1425,1426,1427,1428\tedit_file\tbash"));
    QVERIFY(lines.contains(QByteArray("repeated_failure\t11\t1181,1183,1185,1187,1189,1191,1193,1195,1197,1199,1201\t")
                           + kStuckSignature));
}

// The live run's first 150 entries have no loop after entry 180; as its entries arrive, the
// polling of entries 181..191 becomes a loop of 3 at entry 185 and of 6 at entry 191.
void TestDemoInsights::loopFormsAsTheLiveRunGrows()
{
    DemoDataset dataset;
    const auto live = dataset.run(DemoDataset::kLiveRunId);
    auto pollingLoop = [&]() -> std::optional<InsightsLoop> {
        const Insights insights = InsightsFinder::compute(live->entries);
        for (const InsightsLoop &loop : insights.loops) {
            if (loop.firstEntry == 181)
                return loop;
        }
        return std::nullopt;
    };
    QVERIFY(!pollingLoop());
    while (live->entries.size() < 184)
        QVERIFY(dataset.appendNextLiveEntry());
    QVERIFY(!pollingLoop()); // two polls so far: not a loop yet
    QVERIFY(dataset.appendNextLiveEntry());
    QCOMPARE(live->entries.size(), 185);
    std::optional<InsightsLoop> loop = pollingLoop();
    QVERIFY(loop);
    QCOMPARE(loop->repeats, 3);
    QCOMPARE(loop->entries, (QVector<int>{181, 183, 185}));
    while (dataset.appendNextLiveEntry()) {
    }
    loop = pollingLoop();
    QVERIFY(loop);
    QCOMPARE(loop->period, 1);
    QCOMPARE(loop->repeats, 6);
    QCOMPARE(loop->firstEntry, 181);
    QCOMPARE(loop->lastEntry, 191);
    QCOMPARE(loop->tools, QStringList{QStringLiteral("bash")});
    QCOMPARE(loop->entries, (QVector<int>{181, 183, 185, 187, 189, 191}));
    // Five polls failed (curl: exit code 7), the sixth found the server up.
    const Insights insights = InsightsFinder::compute(live->entries);
    int polls = 0, failed = 0;
    for (const InsightsCommand &command : insights.commands) {
        if (command.command.startsWith(QLatin1String("curl -s -o /dev/null"))) {
            ++polls;
            failed += command.failed;
        }
    }
    QCOMPARE(polls, 6);
    QCOMPARE(failed, 5);
}

QTEST_GUILESS_MAIN(TestDemoInsights)
#include "tst_demoinsights.moc"
