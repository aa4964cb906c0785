// SPDX-License-Identifier: MIT
// Another agent's log on the command line (issue 28): the real binary reads the hand-written
// Claude Code session of tests/agentlogs/data with --stats, --insights, --search, --compare and
// --export, as it reads a Codegen run. Expected values are worked out by hand from that file
// (tests/agentlogs/tst_claudecodetranscript.cpp lists its nine entries).
#include "clienvironment.h"
#include "clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kSession = QStringLiteral(AGENTLOGS_DATA_DIR "/claudecode-session.jsonl");

// The same task done by a Codegen run: the request, the test run (failing), the answer.
const char kCodegenRun[] =
    R"j({"agent_run_id":5,"created_at":"2025-06-21T13:00:00Z","message_type":"USER_MESSAGE","observation":"Fix the failing test in dates.py"})j" "\n"
    R"j({"agent_run_id":5,"created_at":"2025-06-21T13:00:03Z","message_type":"ACTION","tool_name":"Bash","tool_input":{"command":"pytest -q","description":"Run the tests"},"tool_output":{"exit_code":1}})j" "\n"
    R"j({"agent_run_id":5,"created_at":"2025-06-21T13:00:20Z","message_type":"FINAL_ANSWER","observation":"Fixed"})j" "\n";

QJsonObject objectOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestCliAgentLogs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void stats();
    void insights();
    void search();
    void compareWithACodegenRun();
    void exportWritesTheMappedEntries();
    void unknownFormatSaysWhatRunlogReads();
    void severalSamplesAreNamedNotGuessed();
    void sampleOptionPicksOne();
    void compareTwoSamplesOfOneLog();
    void epochGoesWithSample();

private:
    CliRun runCli(const QStringList &args);

    QTemporaryDir m_dir;
};

void TestCliAgentLogs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(kSession));
}

CliRun TestCliAgentLogs::runCli(const QStringList &args)
{
    return runToEnd(QStringLiteral(RUNLOG_BINARY), args + QStringList{QStringLiteral("--no-store")}, cliEnvironment(m_dir.path()));
}

void TestCliAgentLogs::stats()
{
    const CliRun run = runCli({kSession, QStringLiteral("--stats"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    const QJsonObject stats = objectOf(run.out);
    QCOMPARE(stats.value(QLatin1String("entries")).toInt(), 9);
    QCOMPARE(stats.value(QLatin1String("errors")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("error_entries")).toArray(), QJsonArray{2});
    QCOMPARE(stats.value(QLatin1String("message_types")).toObject(),
             objectOf(R"j({"ACTION":4,"ERROR":1,"FINAL_ANSWER":1,"PLAN_EVALUATION":1,"USER_MESSAGE":2})j"));
    QCOMPARE(stats.value(QLatin1String("tools")).toObject(), objectOf(R"j({"Bash":1,"Edit":1,"Grep":1,"Read":1,"Task":1})j"));
    // Says what it read the file as, and what it read over (the broken line 7, the result of 17).
    QVERIFY2(run.err.contains("claudecode-session.jsonl (Claude Code transcript)"), run.err.constData());
    QVERIFY2(run.err.contains("2 places read over, the first: line 7: "), run.err.constData());
}

void TestCliAgentLogs::insights()
{
    const CliRun run = runCli({kSession, QStringLiteral("--insights"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    const QJsonObject insights = objectOf(run.out);
    const QJsonObject first = insights.value(QLatin1String("first_failure")).toObject();
    QCOMPARE(first.value(QLatin1String("entry")).toInt(), 2);
    QCOMPARE(first.value(QLatin1String("tool_name")).toString(), QStringLiteral("Bash"));
    QVERIFY2(run.out.contains("pytest -q"), run.out.constData()); // the command the call ran
    QVERIFY2(run.out.contains("/home/dev/dates/dates.py"), run.out.constData()); // the file it read and edited
}

void TestCliAgentLogs::search()
{
    const CliRun run = runCli({kSession, QStringLiteral("--search"), QStringLiteral("tool:Grep OR type:error"),
                               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    QList<int> entries;
    QStringList snippets;
    const QJsonArray hits = QJsonDocument::fromJson(run.out).array();
    for (const QJsonValue &hit : hits) {
        entries << hit.toObject().value(QLatin1String("entry")).toInt();
        snippets << hit.toObject().value(QLatin1String("snippet")).toString();
    }
    QCOMPARE(entries, (QList<int>{2, 8}));
    // Keys alone: each hit shows its entry's line, as the table does (the failed call's output
    // first; the Grep call, without a thought, its input), not the first key of its JSON ("id").
    QCOMPARE(snippets, (QStringList{QStringLiteral("1 failed: test_parse \u2014 ValueError: bad zone"),
                                    QStringLiteral("pattern: parse(")}));
}

void TestCliAgentLogs::compareWithACodegenRun()
{
    const QString codegen = m_dir.filePath(QStringLiteral("codegen.jsonl"));
    QFile file(codegen);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kCodegenRun);
    file.close();
    const CliRun run = runCli({QStringLiteral("--compare"), kSession, codegen, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    const QJsonObject comparison = objectOf(run.out);
    QCOMPARE(comparison.value(QLatin1String("left")).toObject().value(QLatin1String("entries")).toInt(), 9);
    QCOMPARE(comparison.value(QLatin1String("right")).toObject().value(QLatin1String("entries")).toInt(), 3);
    // Both USER_MESSAGE and FINAL_ANSWER match (same type, no tool) with other words: changed.
    // The session's failed Bash call is an ERROR, the run's an ACTION: no match.
    QCOMPARE(comparison.value(QLatin1String("counts")).toObject(),
             objectOf(R"j({"same":0,"changed":2,"only_left":7,"only_right":1})j"));
}

void TestCliAgentLogs::exportWritesTheMappedEntries()
{
    const QString out = m_dir.filePath(QStringLiteral("session.jsonl"));
    const CliRun run = runCli({kSession, QStringLiteral("--export"), out});
    QVERIFY2(run.code() == 0, run.err.constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 10); // nine entries and the end
    QVERIFY(lines.last().isEmpty());
    // The mapped entries, in the endpoint's shape, with the lines they were made of.
    QVERIFY(lines.at(0).startsWith(R"j({"agent_run_id":189005202433146,"id":1,"created_at":"2025-06-21T12:00:00.000Z","message_type":"USER_MESSAGE")j"));
    const QJsonObject error = objectOf(lines.at(1));
    QCOMPARE(error.value(QLatin1String("message_type")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(error.value(QLatin1String("source_records")).toArray().size(), 4);
    // The export reads back as a Codegen file: the same nine entries.
    const CliRun again = runCli({out, QStringLiteral("--stats"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(again.code() == 0, again.err.constData());
    QCOMPARE(objectOf(again.out).value(QLatin1String("entries")).toInt(), 9);
    QVERIFY2(again.err.contains("read 9 entries from"), again.err.constData());
}

void TestCliAgentLogs::unknownFormatSaysWhatRunlogReads()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"hello\": \"world\"}\n");
    file.close();
    const CliRun run = runCli({path, QStringLiteral("--stats")});
    QCOMPARE(run.code(), 1);
    QVERIFY2(run.err.contains("Runlog reads Codegen exports (.json, .jsonl), Claude Code transcripts, Codex CLI rollouts, "
                                     "SWE-agent trajectories, OpenHands event streams, and Inspect eval logs."), run.err.constData());
}

// An Inspect log of two samples is two runs: a command does not pick one for the user.
void TestCliAgentLogs::severalSamplesAreNamedNotGuessed()
{
    const QString log = QStringLiteral(AGENTLOGS_DATA_DIR "/inspect-eval.json");
    const CliRun run = runCli({log, QStringLiteral("--stats")});
    QCOMPARE(run.code(), 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("inspect-eval.json holds 2 samples, each a run of its own: s-1 (epoch 1), 2 (epoch 1). "
                              "Name one with --sample ID (and --epoch N)."),
             run.err.constData());
}

void TestCliAgentLogs::sampleOptionPicksOne()
{
    const QString log = QStringLiteral(AGENTLOGS_DATA_DIR "/inspect-eval.json");
    const CliRun run = runCli({log, QStringLiteral("--sample"), QStringLiteral("2"), QStringLiteral("--epoch"), QStringLiteral("1"),
                               QStringLiteral("--stats"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    // Sample 2: its request, two calls (one without its result), the result of an unknown call, the answer.
    QCOMPARE(objectOf(run.out).value(QLatin1String("entries")).toInt(), 5);
    // Sample s-1 has one event Runlog reads over: said in the singular.
    const CliRun first = runCli({log, QStringLiteral("--sample"), QStringLiteral("s-1"), QStringLiteral("--stats")});
    QVERIFY2(first.code() == 0, first.err.constData());
    QVERIFY2(first.err.contains("; 1 place read over, the first: event 4: not an event; skipped"), first.err.constData());
    const CliRun missing = runCli({log, QStringLiteral("--sample"), QStringLiteral("s-9"), QStringLiteral("--stats")});
    QCOMPARE(missing.code(), 1);
    QVERIFY2(missing.err.contains("holds no sample s-9; its samples: s-1 (epoch 1), 2 (epoch 1)."), missing.err.constData());
}

// --compare with --sample once per side: two samples of one Inspect log, named with their samples.
void TestCliAgentLogs::compareTwoSamplesOfOneLog()
{
    const QString log = QStringLiteral(AGENTLOGS_DATA_DIR "/inspect-eval.json");
    const CliRun run = runCli({QStringLiteral("--compare"), log, log, QStringLiteral("--sample"), QStringLiteral("s-1"),
                               QStringLiteral("--sample"), QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    const QJsonObject comparison = objectOf(run.out);
    const QJsonObject left = comparison.value(QLatin1String("left")).toObject();
    const QJsonObject right = comparison.value(QLatin1String("right")).toObject();
    QCOMPARE(left.value(QLatin1String("source")).toString(), log + QStringLiteral(" (sample s-1)"));
    QCOMPARE(right.value(QLatin1String("source")).toString(), log + QStringLiteral(" (sample 2)"));
    // Sample 2: its request, two calls, the result of an unknown call, the answer (sampleOptionPicksOne).
    QCOMPARE(right.value(QLatin1String("entries")).toInt(), 5);

    // Without --sample a side of several samples is named, with how to choose.
    const CliRun unnamed = runCli({QStringLiteral("--compare"), log, log, QStringLiteral("--format"), QStringLiteral("tsv")});
    QCOMPARE(unnamed.code(), 1);
    QVERIFY2(unnamed.err.contains("holds 2 samples, each a run of its own: s-1 (epoch 1), 2 (epoch 1). "
                                  "Name one with --sample ID (and --epoch N), once per side."),
             unnamed.err.constData());
}

void TestCliAgentLogs::epochGoesWithSample()
{
    const CliRun run = runCli({kSession, QStringLiteral("--epoch"), QStringLiteral("2"), QStringLiteral("--stats")});
    QCOMPARE(run.code(), 2);
    QVERIFY2(run.err.contains("--epoch goes with --sample ID."), run.err.constData());
}

QTEST_GUILESS_MAIN(TestCliAgentLogs)
#include "tst_cliagentlogs.moc"
