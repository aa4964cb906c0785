// SPDX-License-Identifier: MIT
// A conversion asks its ConversionCancel while it runs (issue 28: "a cancel waits for the
// conversion"): for every format, a log of many calls whose cancel says stop at its first or its
// second ask gives no entries, `cancelled` and a sentence that says so; a cancel that never says
// stop is asked more than once and changes nothing in what the conversion gives.
#include "agentlogs/agentlogformats.h"
#include "generatedlogs.h"

#include <QtTest>

#include <atomic>
#include <functional>

namespace {

constexpr int kCalls = 2000;

// A cancel that says stop from its `stopAt`-th ask on (never when 0), counting its asks.
struct CountingCancel {
    int stopAt = 0;
    std::atomic<int> asks{0};
    ConversionCancel function()
    {
        return [this] {
            const int ask = ++asks;
            return stopAt > 0 && ask >= stopAt;
        };
    }
};

} // namespace

class TestConversionCancel : public QObject
{
    Q_OBJECT

private slots:
    void cancelStopsTheConversion_data();
    void cancelStopsTheConversion();
    void cancelNeverSaidChangesNothing_data();
    void cancelNeverSaidChangesNothing();
};

void TestConversionCancel::cancelStopsTheConversion_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<int>("stopAt");
    const QList<std::pair<const char *, std::function<QByteArray(int, QRandomGenerator *)>>> formats{
        {"Claude Code", GeneratedLogs::claudeCode}, {"Codex CLI", GeneratedLogs::codex}, {"SWE-agent", GeneratedLogs::sweAgent},
        {"OpenHands", GeneratedLogs::openHands}, {"Inspect", GeneratedLogs::inspect}};
    for (const auto &[agent, write] : formats) {
        const QByteArray log = write(kCalls, nullptr);
        QTest::addRow("%s, at once", agent) << log << QString::fromLatin1(agent) << 1;
        QTest::addRow("%s, midway", agent) << log << QString::fromLatin1(agent) << 2;
    }
}

void TestConversionCancel::cancelStopsTheConversion()
{
    QFETCH(QByteArray, log);
    QFETCH(QString, agent);
    QFETCH(int, stopAt);
    CountingCancel cancel{stopAt};
    const AgentLogConversion conversion = AgentLogFormats::convert(log, cancel.function());
    QCOMPARE(conversion.agentName, agent);
    QVERIFY(conversion.cancelled);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.entries.isEmpty());
    QVERIFY2(conversion.error.contains(QLatin1String("cancelled")), qPrintable(conversion.error));
    // Once it said stop it is not asked again: the conversion ended there.
    QCOMPARE(cancel.asks.load(), stopAt);
}

void TestConversionCancel::cancelNeverSaidChangesNothing_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<int>("entries");
    // A user message (the task) where the format has one, then one entry a call.
    QTest::addRow("Claude Code") << GeneratedLogs::claudeCode(kCalls, nullptr) << kCalls;
    QTest::addRow("Codex CLI") << GeneratedLogs::codex(kCalls, nullptr) << kCalls;
    QTest::addRow("SWE-agent") << GeneratedLogs::sweAgent(kCalls, nullptr) << kCalls + 1;
    QTest::addRow("OpenHands") << GeneratedLogs::openHands(kCalls, nullptr) << kCalls + 1;
    QTest::addRow("Inspect") << GeneratedLogs::inspect(kCalls, nullptr) << kCalls + 1;
}

void TestConversionCancel::cancelNeverSaidChangesNothing()
{
    QFETCH(QByteArray, log);
    QFETCH(int, entries);
    CountingCancel cancel;
    const AgentLogConversion asked = AgentLogFormats::convert(log, cancel.function());
    const AgentLogConversion plain = AgentLogFormats::convert(log);
    QVERIFY2(asked.ok, qPrintable(asked.error));
    QVERIFY(!asked.cancelled);
    QCOMPARE(asked.entries.size(), entries);
    QCOMPARE(asked.entries, plain.entries);
    QCOMPARE(asked.warnings, plain.warnings);
    QCOMPARE(asked.metadata, plain.metadata);
    QCOMPARE(asked.title, plain.title);
    // Asked as it went, not only at its start.
    QVERIFY2(cancel.asks >= 2 * kCalls / 256, qPrintable(QString::number(cancel.asks.load())));
}

QTEST_GUILESS_MAIN(TestConversionCancel)
#include "tst_conversioncancel.moc"
