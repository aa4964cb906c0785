// SPDX-License-Identifier: MIT
// IncrementalInsights: insights computed again as a run grows read only what is new, and still
// give what a computation over every entry gives. The findings of the hand-made run are written
// out here by hand; the growing and changing runs are compared with InsightsFinder::compute over
// the same entries at once (the reading that reads everything).
#include "stats/incrementalinsights.h"
#include "stats/insightsreport.h"

#include <QRandomGenerator>
#include <QtTest>

#include <atomic>
#include <memory>

namespace {

QByteArray call(const char *tool, const char *input)
{
    return QByteArray("{\"message_type\": \"ACTION\", \"tool_name\": \"") + tool + "\", \"tool_input\": " + input + '}';
}

QByteArray failedCommand(const char *command)
{
    return QByteArray(R"({"message_type": "ACTION", "tool_name": "bash", "tool_input": {"command": ")") + command
        + R"("}, "tool_output": {"exit_code": 1}, "observation": "error: exit code 1"})";
}

QByteArray thought()
{
    return QByteArrayLiteral(R"({"message_type": "PLAN_EVALUATION", "tool_name": null, "thought": "Next."})");
}

// Entries held apart, each in bytes of its own, with their owners, as a store hands them out.
struct Run
{
    QList<std::shared_ptr<const QByteArray>> bytes;

    void append(const QByteArray &entry) { bytes.append(std::make_shared<const QByteArray>(entry)); }
    // The entry at `index` in new bytes (a page fetched again).
    void replace(int index, const QByteArray &entry) { bytes[index] = std::make_shared<const QByteArray>(entry); }
    std::vector<QByteArrayView> views(int count = -1) const
    {
        std::vector<QByteArrayView> out;
        for (int k = 0; k < (count < 0 ? bytes.size() : count); ++k)
            out.push_back(bytes[k] ? QByteArrayView(*bytes[k]) : QByteArrayView());
        return out;
    }
    QList<std::shared_ptr<const void>> owners() const
    {
        QList<std::shared_ptr<const void>> out;
        for (const auto &entry : bytes)
            out.append(entry);
        return out;
    }
    QList<QByteArray> entries(int count = -1) const
    {
        QList<QByteArray> out;
        for (int k = 0; k < (count < 0 ? bytes.size() : count); ++k)
            out.append(bytes[k] ? *bytes[k] : QByteArray());
        return out;
    }
};

QByteArray reportOf(const Insights &insights)
{
    return InsightsReport::toJson(insights);
}

} // namespace

class TestIncrementalInsights : public QObject
{
    Q_OBJECT

private slots:
    void readsOnlyWhatCameSince()
    {
        Run run;
        run.append(call("bash", R"({"command": "ls"})"));
        run.append(call("bash", R"({"command": "ls"})"));
        run.append(thought());
        IncrementalInsights insights;
        Insights first = insights.compute(run.views(), run.owners());
        QCOMPARE(insights.entriesReadLastTime(), 3);
        QCOMPARE(first.entries, 3);
        QVERIFY(first.loops.isEmpty());
        QCOMPARE(first.commands.size(), 2);

        // Two more calls of the same: a loop of four across the two readings.
        run.append(call("bash", R"({"command": "ls"})"));
        run.append(call("bash", R"({"command": "ls"})"));
        run.append(failedCommand("make"));
        const Insights second = insights.compute(run.views(), run.owners());
        QCOMPARE(insights.entriesReadLastTime(), 3);
        QCOMPARE(second.entries, 6);
        QCOMPARE(second.loops.size(), 1);
        QCOMPARE(second.loops[0].period, 1);
        QCOMPARE(second.loops[0].repeats, 4);
        QCOMPARE(second.loops[0].entries, (QVector<int>{1, 2, 4, 5}));
        QCOMPARE(second.loops[0].tools, QStringList{QStringLiteral("bash")});
        QCOMPARE(second.failures, QVector<int>{6});
        QVERIFY(second.firstFailure.has_value());
        QCOMPARE(second.firstFailure->entry, 6);
        QCOMPARE(second.commands.size(), 5);
        QCOMPARE(second.commands.last().command, QStringLiteral("make"));
        QVERIFY(second.commands.last().failed);

        // Nothing new: nothing read, the same findings.
        const Insights third = insights.compute(run.views(), run.owners());
        QCOMPARE(insights.entriesReadLastTime(), 0);
        QCOMPARE(reportOf(third), reportOf(second));
    }

    void anEntryChangedStartsOver()
    {
        Run run;
        run.append(failedCommand("make"));
        run.append(thought());
        IncrementalInsights insights;
        QCOMPARE(insights.compute(run.views(), run.owners()).failures, QVector<int>{1});

        // The first entry fetched again, now a success: read again from the start.
        run.replace(0, call("bash", R"({"command": "make"})"));
        run.append(failedCommand("test"));
        const Insights again = insights.compute(run.views(), run.owners());
        QCOMPARE(insights.entriesReadLastTime(), 3);
        QCOMPARE(again.failures, QVector<int>{3});
        QCOMPARE(again.firstFailure->entry, 3);
    }

    void aRowLoadedLaterStartsOver()
    {
        Run run;
        run.append(thought());
        run.bytes.append(nullptr); // not loaded yet
        run.append(thought());
        IncrementalInsights insights;
        QVERIFY(insights.compute(run.views(), run.owners()).failures.isEmpty());
        QCOMPARE(insights.entriesReadLastTime(), 3);

        run.replace(1, failedCommand("make"));
        const Insights again = insights.compute(run.views(), run.owners());
        QCOMPARE(insights.entriesReadLastTime(), 3);
        QCOMPARE(again.failures, QVector<int>{2});
    }

    void fewerEntriesStartOver()
    {
        Run run;
        run.append(failedCommand("a"));
        run.append(failedCommand("b"));
        IncrementalInsights insights;
        QCOMPARE(insights.compute(run.views(), run.owners()).failures, (QVector<int>{1, 2}));
        const Insights shorter = insights.compute(run.views(1), run.owners());
        QCOMPARE(insights.entriesReadLastTime(), 1);
        QCOMPARE(shorter.failures, QVector<int>{1});
        QCOMPARE(shorter.entries, 1);
    }

    void aCancelledComputationKeepsWhatItRead()
    {
        Run run;
        for (int k = 0; k < 5000; ++k)
            run.append(k % 7 == 0 ? failedCommand("make") : call("read", R"({"path": "a.txt"})"));
        IncrementalInsights insights;
        std::atomic<bool> cancel{false};
        QVERIFY(!insights.compute(run.views(2000), run.owners(), &cancel).cancelled);
        QCOMPARE(insights.entriesReadLastTime(), 2000);
        cancel = true;
        QVERIFY(insights.compute(run.views(), run.owners(), &cancel).cancelled);
        cancel = false;
        const Insights resumed = insights.compute(run.views(), run.owners(), &cancel);
        QVERIFY(!resumed.cancelled);
        QCOMPARE(insights.entriesReadLastTime(), 3000);
        QCOMPARE(reportOf(resumed), reportOf(InsightsFinder::compute(run.entries())));
    }

    // A run growing in random steps, with rows filled in late and pages fetched again, read
    // incrementally gives at every step what reading every entry gives.
    void growingRunsMatchAWholeReading()
    {
        QRandomGenerator random(20261207);
        const QByteArray kinds[] = {call("bash", R"({"command": "ls"})"), call("edit", R"({"path": "b.py"})"),
                                    failedCommand("make"), failedCommand("pytest -x"), thought(),
                                    call("read", R"({"path": "b.py"})"), QByteArray("not json")};
        for (int round = 0; round < 40; ++round) {
            Run run;
            IncrementalInsights insights;
            qint64 read = 0;
            for (int step = 0; step < 12; ++step) {
                const int added = int(random.bounded(0, 30));
                for (int k = 0; k < added; ++k) {
                    if (random.bounded(10) == 0)
                        run.bytes.append(nullptr);
                    else
                        run.append(kinds[random.bounded(int(std::size(kinds)))]);
                }
                if (!run.bytes.isEmpty() && random.bounded(4) == 0) // a row filled in or fetched again
                    run.replace(int(random.bounded(int(run.bytes.size()))), kinds[random.bounded(int(std::size(kinds)))]);
                const Insights incremental = insights.compute(run.views(), run.owners());
                read += insights.entriesReadLastTime();
                QCOMPARE(reportOf(incremental), reportOf(InsightsFinder::compute(run.entries())));
            }
            QVERIFY(read >= run.bytes.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestIncrementalInsights)
#include "tst_incrementalinsights.moc"
