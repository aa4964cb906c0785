// SPDX-License-Identifier: MIT
// A large log's entries are written on two threads (ParallelEntries, issue 28): the list is the
// one a plain loop writes, and every format's conversion gives the same entries, warnings,
// metadata and title on two threads as on one, over the hand-written samples and over generated
// logs of random sizes and texts. A cancel stops both threads.
#include "agentlogs/agentlogformats.h"
#include "agentlogs/parallelentries.h"
#include "generatedlogs.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <atomic>
#include <functional>
#include <limits>

namespace {

constexpr qsizetype kOneThread = std::numeric_limits<qsizetype>::max();

AgentLogConversion convertWith(const QByteArray &log, qsizetype minimumEntries)
{
    ParallelEntries::setMinimumEntriesForTesting(minimumEntries);
    AgentLogConversion conversion = AgentLogFormats::convert(log);
    ParallelEntries::setMinimumEntriesForTesting(ParallelEntries::kDefaultMinimumEntries);
    return conversion;
}

} // namespace

class TestParallelEntries : public QObject
{
    Q_OBJECT

private slots:
    void listIsAPlainLoops();
    void entriesOfAnySizeAreTheirOwn();
    void cancelStopsBothThreads();
    void conversionsAreTheSame_data();
    void conversionsAreTheSame();
};

void TestParallelEntries::listIsAPlainLoops()
{
    QRandomGenerator random(28);
    for (const qsizetype count : {qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(random.bounded(10000))}) {
        QList<QByteArray> expected;
        for (qsizetype i = 0; i < count; ++i)
            expected.append("entry " + QByteArray::number(i * 7));
        for (const qsizetype minimum : {qsizetype(0), kOneThread}) {
            ParallelEntries::setMinimumEntriesForTesting(minimum);
            QList<QByteArray> written{"left over"};
            QVERIFY(ParallelEntries::write(written, count, [](qsizetype i, QByteArray &entry) { entry += "entry " + QByteArray::number(i * 7); }, {}));
            QCOMPARE(written, expected);
        }
    }
    ParallelEntries::setMinimumEntriesForTesting(ParallelEntries::kDefaultMinimumEntries);
}

// Each thread writes its entries into one reused buffer: a short entry after a long one holds
// only its own bytes, and every entry is an array of its own (no two share the buffer).
void TestParallelEntries::entriesOfAnySizeAreTheirOwn()
{
    QRandomGenerator random(29);
    QList<QByteArray> expected;
    for (int i = 0; i < 5000; ++i) {
        const int size = random.bounded(2) ? random.bounded(4) : random.bounded(70000);
        expected.append(QByteArray(size, char('a' + i % 26)));
    }
    for (const qsizetype minimum : {qsizetype(0), kOneThread}) {
        ParallelEntries::setMinimumEntriesForTesting(minimum);
        QList<QByteArray> written;
        std::atomic<int> givenNotEmpty{0};
        QVERIFY(ParallelEntries::write(written, expected.size(), [&expected, &givenNotEmpty](qsizetype i, QByteArray &entry) {
            if (!entry.isEmpty())
                ++givenNotEmpty;
            entry += expected.at(i);
        }, {}));
        QCOMPARE(givenNotEmpty.load(), 0);
        QCOMPARE(written, expected);
        for (qsizetype i = 1; i < written.size(); ++i) {
            if (!written.at(i).isEmpty() && !written.at(i - 1).isEmpty())
                QVERIFY(written.at(i).constData() != written.at(i - 1).constData());
        }
        written[0].fill('#'); // the others stay what they were
        QCOMPARE(written.mid(1), expected.mid(1));
    }
    ParallelEntries::setMinimumEntriesForTesting(ParallelEntries::kDefaultMinimumEntries);
}

void TestParallelEntries::cancelStopsBothThreads()
{
    ParallelEntries::setMinimumEntriesForTesting(0);
    std::atomic<int> written{0};
    QList<QByteArray> out;
    const bool done = ParallelEntries::write(out, 100000, [&written](qsizetype, QByteArray &entry) {
        ++written;
        entry += 'x';
    }, [] { return true; });
    ParallelEntries::setMinimumEntriesForTesting(ParallelEntries::kDefaultMinimumEntries);
    QVERIFY(!done);
    QVERIFY(out.isEmpty());
    QCOMPARE(written.load(), 0); // asked before the first entry of each half
}

void TestParallelEntries::conversionsAreTheSame_data()
{
    QTest::addColumn<QByteArray>("log");
    const QDir data(QStringLiteral(AGENTLOGS_DATA_DIR));
    for (const QString &name : data.entryList(QDir::Files)) {
        QFile file(data.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::addRow("%s", qPrintable(name)) << file.readAll();
    }
    const QList<std::pair<const char *, std::function<QByteArray(int, QRandomGenerator *)>>> formats{
        {"Claude Code", GeneratedLogs::claudeCode}, {"Codex CLI", GeneratedLogs::codex}, {"SWE-agent", GeneratedLogs::sweAgent},
        {"OpenHands", GeneratedLogs::openHands}, {"Inspect", GeneratedLogs::inspect}};
    for (const auto &[agent, write] : formats) {
        for (quint32 seed = 1; seed <= 4; ++seed) {
            QRandomGenerator random(seed);
            const int calls = 1 + int(random.bounded(3000));
            QTest::addRow("%s, seed %u, %d calls", agent, seed, calls) << write(calls, &random);
        }
    }
}

void TestParallelEntries::conversionsAreTheSame()
{
    QFETCH(QByteArray, log);
    const AgentLogConversion one = convertWith(log, kOneThread);
    const AgentLogConversion two = convertWith(log, 0);
    QCOMPARE(two.ok, one.ok);
    QCOMPARE(two.error, one.error);
    QCOMPARE(two.entries.size(), one.entries.size());
    for (qsizetype i = 0; i < one.entries.size(); ++i)
        QCOMPARE(two.entries.at(i), one.entries.at(i));
    QCOMPARE(two.warnings, one.warnings);
    QCOMPARE(two.metadata, one.metadata);
    QCOMPARE(two.title, one.title);
    QCOMPARE(two.hasTimes, one.hasTimes);
}

QTEST_GUILESS_MAIN(TestParallelEntries)
#include "tst_parallelentries.moc"
