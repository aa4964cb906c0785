// SPDX-License-Identifier: MIT
// The demo's small logs of other agents (issue 28): written whole into a folder, and each read
// by Runlog as its agent's format, with the entries written here by hand.
#include "demo/demoagentlogs.h"
#include "runfile/runfilereader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestDemoAgentLogs : public QObject
{
    Q_OBJECT
private slots:
    void writesTheThreeFiles();
    void claudeCodeSessionReads();
    void codexRolloutReads();
    void inspectLogHoldsThreeSamples();
};

namespace {
QStringList typesOf(const RunFileReader::Contents &contents)
{
    QStringList types;
    for (const LogEntry &entry : contents.entries)
        types.append(entry.messageType);
    return types;
}

QStringList toolsOf(const RunFileReader::Contents &contents)
{
    QStringList tools;
    for (const LogEntry &entry : contents.entries)
        tools.append(entry.toolName);
    return tools;
}
} // namespace

void TestDemoAgentLogs::writesTheThreeFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    QVERIFY2(DemoAgentLogs::write(dir.path(), &error), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files, QDir::Name),
             (QStringList{QStringLiteral("claude-code-session.jsonl"), QStringLiteral("codex-rollout.jsonl"), QStringLiteral("inspect-eval.json")}));
    QFile file(QDir(dir.path()).filePath(QStringLiteral("inspect-eval.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), DemoAgentLogs::inspectEvalLog());
    QVERIFY(!DemoAgentLogs::write(dir.filePath(QStringLiteral("no such folder")), &error));
    QVERIFY2(error.contains(QStringLiteral("claude-code-session.jsonl")), qPrintable(error));
}

void TestDemoAgentLogs::claudeCodeSessionReads()
{
    const RunFileReader::Contents contents = RunFileReader::parseBytes(DemoAgentLogs::claudeCodeSession(), QStringLiteral("s.jsonl"));
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QCOMPARE(contents.run->agentFormat, QStringLiteral("Claude Code transcript"));
    QCOMPARE(contents.run->agentTitle, QStringLiteral("Fix the failing discount test"));
    QVERIFY(contents.run->agentWarnings.isEmpty());
    QCOMPARE(typesOf(contents), (QStringList{QStringLiteral("USER_MESSAGE"), QStringLiteral("ERROR"), QStringLiteral("ACTION"),
                                             QStringLiteral("ACTION"), QStringLiteral("ACTION"), QStringLiteral("FINAL_ANSWER")}));
    QCOMPARE(toolsOf(contents), (QStringList{QString(), QStringLiteral("Bash"), QStringLiteral("Read"), QStringLiteral("Edit"),
                                             QStringLiteral("Bash"), QString()}));
}

void TestDemoAgentLogs::codexRolloutReads()
{
    const RunFileReader::Contents contents = RunFileReader::parseBytes(DemoAgentLogs::codexRollout(), QStringLiteral("r.jsonl"));
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QCOMPARE(contents.run->agentFormat, QStringLiteral("Codex CLI rollout"));
    QCOMPARE(typesOf(contents), (QStringList{QStringLiteral("USER_MESSAGE"), QStringLiteral("ACTION"), QStringLiteral("ACTION"),
                                             QStringLiteral("FINAL_ANSWER")}));
    QCOMPARE(toolsOf(contents), (QStringList{QString(), QStringLiteral("shell"), QStringLiteral("shell"), QString()}));
}

void TestDemoAgentLogs::inspectLogHoldsThreeSamples()
{
    const QList<InspectSampleInfo> samples = listInspectSamples(DemoAgentLogs::inspectEvalLog());
    QCOMPARE(samples.size(), 3);
    QCOMPARE(samples.at(0).id, QStringLiteral("flag-1"));
    QCOMPARE(samples.at(1).id, QStringLiteral("flag-2"));
    QCOMPARE(samples.at(1).score, QStringLiteral("I"));
    QCOMPARE(samples.at(1).toolEvents, 3);
    QCOMPARE(samples.at(2).id, QStringLiteral("3"));
    QCOMPARE(samples.at(2).title, QStringLiteral("Add 2 and 2"));
    const RunFileReader::Contents second = RunFileReader::parseBytes(DemoAgentLogs::inspectEvalLog(), QStringLiteral("e.json"), std::nullopt,
                                                                     SampleRef{QStringLiteral("flag-2"), 1});
    QVERIFY2(second.ok, qPrintable(second.error));
    QCOMPARE(typesOf(second), (QStringList{QStringLiteral("USER_MESSAGE"), QStringLiteral("ACTION"), QStringLiteral("ACTION"),
                                           QStringLiteral("ACTION"), QStringLiteral("FINAL_ANSWER")}));
}

QTEST_GUILESS_MAIN(TestDemoAgentLogs)
#include "tst_demoagentlogs.moc"
