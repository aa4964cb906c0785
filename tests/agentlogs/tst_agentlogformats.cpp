// SPDX-License-Identifier: MIT
// The dispatcher: a format is found from the first bytes, whatever the file is called; a Codegen
// export is never taken for another agent's log; an unknown file is told which formats Runlog
// reads; a malformed one is told the format it looked like and the line.
#include "agentlogs/agentlogformats.h"

#include <QFile>
#include <QtTest>

namespace {
QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(AGENTLOGS_DATA_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}
} // namespace

class TestAgentLogFormats : public QObject
{
    Q_OBJECT

private slots:
    void detectsFromTheFirstBytes();
    void codegenEntriesAreNeverAnotherAgents();
    void unknownFormatSaysWhatRunlogReads();
    void malformedFileNamesFormatAndLine();
    void convertsTheDetectedFormat();
    void everyFormatFromItsSample_data();
    void everyFormatFromItsSample();
    void severalInspectSamplesAreNamed();
};

void TestAgentLogFormats::detectsFromTheFirstBytes()
{
    const QByteArray transcript = sample(QStringLiteral("claudecode-session.jsonl"));
    const AgentLogFormats::Format *format = AgentLogFormats::detect(transcript);
    QVERIFY(format);
    QCOMPARE(AgentLogFormats::nameOf(*format), QStringLiteral("Claude Code transcript"));
    // Only the head is looked at: the first three lines are enough.
    const qsizetype threeLines = transcript.indexOf('\n', transcript.indexOf('\n', transcript.indexOf('\n') + 1) + 1) + 1;
    QCOMPARE(AgentLogFormats::detect(transcript.first(threeLines)), format);
}

void TestAgentLogFormats::codegenEntriesAreNeverAnotherAgents()
{
    // A Codegen entry that quotes a Claude Code line in its output is still a Codegen entry.
    const QByteArray codegen = R"j({"agent_run_id":7,"message_type":"ACTION","type":"user","sessionId":"s","uuid":"u"})j" "\n";
    QCOMPARE(AgentLogFormats::detect(codegen), nullptr);
    QCOMPARE(AgentLogFormats::detect(R"j({"id":7,"organization_id":1,"logs":[{"agent_run_id":7}]})j"), nullptr);
}

void TestAgentLogFormats::unknownFormatSaysWhatRunlogReads()
{
    const AgentLogConversion conversion = AgentLogFormats::convert("just some text\n");
    QVERIFY(!conversion.ok);
    QVERIFY2(conversion.error.startsWith(QLatin1String("Runlog reads Codegen exports (.json, .jsonl)")), qPrintable(conversion.error));
    QVERIFY2(conversion.error.contains(QLatin1String("Claude Code transcripts")), qPrintable(conversion.error));
    QCOMPARE(conversion.error, AgentLogFormats::unknownFormatText());
}

void TestAgentLogFormats::malformedFileNamesFormatAndLine()
{
    // Detected from its first line; every line after it is broken, so nothing maps.
    const QByteArray broken = R"j({"type":"summary","summary":"s","leafUuid":"u"})j" "\n" "{\"type\": [}\n";
    const AgentLogConversion conversion = AgentLogFormats::convert(broken);
    QVERIFY(conversion.ok); // the summary line is a record: an empty run with a warning
    QVERIFY(conversion.entries.isEmpty());
    QCOMPARE(conversion.warnings.size(), 1);
    QVERIFY2(conversion.warnings.first().startsWith(QLatin1String("line 2: ")), qPrintable(conversion.warnings.first()));
}

void TestAgentLogFormats::convertsTheDetectedFormat()
{
    const AgentLogConversion conversion = AgentLogFormats::convert(sample(QStringLiteral("claudecode-session.jsonl")));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.agentName, QStringLiteral("Claude Code"));
    QCOMPARE(conversion.entries.size(), 9);
}

void TestAgentLogFormats::everyFormatFromItsSample_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<int>("entries");
    // The counts are the converters' own tests' hand-written ones.
    QTest::newRow("claude code") << "claudecode-session.jsonl" << "Claude Code transcript" << "Claude Code" << 9;
    QTest::newRow("codex") << "codex-session.jsonl" << "Codex CLI rollout" << "Codex CLI" << 10;
    QTest::newRow("swe-agent") << "sweagent-run.traj" << "SWE-agent trajectory" << "SWE-agent" << 7;
    QTest::newRow("openhands") << "openhands-events.json" << "OpenHands event stream" << "OpenHands" << 12;
    QTest::newRow("inspect archive") << "inspect-eval.eval" << "Inspect eval log" << "Inspect" << 9;
}

void TestAgentLogFormats::everyFormatFromItsSample()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, agent);
    QFETCH(int, entries);
    const QByteArray bytes = sample(file);
    const AgentLogFormats::Format *detected = AgentLogFormats::detect(bytes);
    QVERIFY(detected);
    QCOMPARE(AgentLogFormats::nameOf(*detected), format);
    const AgentLogConversion conversion = AgentLogFormats::convert(bytes);
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.agentName, agent);
    QCOMPARE(conversion.entries.size(), entries);
}

void TestAgentLogFormats::severalInspectSamplesAreNamed()
{
    const AgentLogConversion conversion = AgentLogFormats::convert(sample(QStringLiteral("inspect-eval.eval")));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QVERIFY2(conversion.warnings.contains(QStringLiteral("this log holds 3 samples; the first (id s-1) is shown")),
             qPrintable(conversion.warnings.join(QLatin1Char('|'))));
}

QTEST_GUILESS_MAIN(TestAgentLogFormats)
#include "tst_agentlogformats.moc"
