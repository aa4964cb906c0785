// SPDX-License-Identifier: MIT
// SWE-agent trajectories mapped onto entries (issue 28): the hand-written samples hold a task
// in content blocks behind a demonstration, a failing command (a traceback), a step that is no
// object and one without its action (malformed records in the middle), a step without its
// observation (a call without a result), an observation without an action (a result without a
// call), the submission, non-ASCII text, and a RetryAgent's attempts (the branches).
#include "agentlogs/sweagenttrajectory.h"
#include "converterexpectations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace ConverterExpectations;

class TestSweAgentTrajectory : public QObject
{
    Q_OBJECT

private slots:
    void detection_data();
    void detection();
    void sampleEntries();
    void sampleRun();
    void attempts();
    void titleOfTheDescription_data();
    void titleOfTheDescription();
    void unreadableFiles_data();
    void unreadableFiles();
};

// moc's own tokenizer trips over the raw string literals below (the expected entries), and
// needs only the class declaration above.
#ifndef Q_MOC_RUN

void TestSweAgentTrajectory::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("swe");
    QTest::addRow("sample") << sample("sweagent-run.traj") << true;
    QTest::addRow("attempts") << sample("sweagent-attempts.traj") << true;
    // The steps run past the head: history and info are not in sight, the steps' keys are.
    QTest::addRow("head inside the steps") << sample("sweagent-run.traj").left(200) << true;
    QTest::addRow("trajectory first") << QByteArray("{\"trajectory\":[],\"history\":[],\"info\":{}}") << true;
    QTest::addRow("codegen export") << QByteArray("{\"id\":7,\"trajectory\":[],\"logs\":[{\"agent_run_id\":7}]}") << false;
    QTest::addRow("trajectory not a list") << QByteArray("{\"trajectory\":\"x\",\"info\":{}}") << false;
    QTest::addRow("no steps in sight") << QByteArray("{\"trajectory\":[{\"x\":1") << false;
    QTest::addRow("openhands") << sample("openhands-events.json") << false;
    QTest::addRow("codex") << sample("codex-session.jsonl") << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void TestSweAgentTrajectory::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, swe);
    QCOMPARE(looksLikeSweAgentTrajectory(head), swe);
}

void TestSweAgentTrajectory::sampleEntries()
{
    const AgentLogConversion conversion = convertSweAgentTrajectory(sample("sweagent-run.traj"));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.entries.size(), 7);
    const auto &e = conversion.entries;
    // 274459701842784: the first 48 bits of SHA-256 of "swe-agent:", the task, "\n", the first
    // step's response and action.
    QVERIFY(sameEntry(e.at(0), R"json({"agent_run_id":274459701842784,"id":1,"created_at":null,"message_type":"USER_MESSAGE",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"<uploaded_files>\n/repo\n</uploaded_files>\n\nI have uploaded a python code repository in the directory /repo. Consider the following PR description:\n\n<pr_description>\ngröße() rundet falsch\nDetails folgen.\n</pr_description>"})json", 1));
    QVERIFY(sameEntry(e.at(1), R"json({"agent_run_id":274459701842784,"id":2,"created_at":null,"message_type":"ACTION",
        "thought":"Ich suche zuerst die Datei.","tool_name":"find_file","tool_input":{"command":"find_file größe.py"},
        "tool_output":null,"observation":"Found 1 matches for \"größe.py\" in /repo:\n/repo/src/größe.py",
        "execution_time":0.25})json", 1));
    QVERIFY(sameEntry(e.at(2), R"json({"agent_run_id":274459701842784,"id":3,"created_at":null,"message_type":"ACTION",
        "thought":"Run the reproduction script.","tool_name":"python","tool_input":{"command":"python reproduce.py"},
        "tool_output":null,
        "observation":"Traceback (most recent call last):\n  File \"reproduce.py\", line 3, in <module>\nZeroDivisionError: division by zero",
        "execution_time":1.5})json", 1));
    // Steps 3 and 4 are skipped; step 5 has no observation.
    QVERIFY(sameEntry(e.at(3), R"json({"agent_run_id":274459701842784,"id":4,"created_at":null,"message_type":"ACTION",
        "thought":"Round to two places — 🙂","tool_name":"edit",
        "tool_input":{"command":"edit 12:12\n    return round(x, 2)\nend_of_edit"},"tool_output":null,"observation":null,
        "execution_time":0.5})json", 1));
    QVERIFY(sameEntry(e.at(4), R"json({"agent_run_id":274459701842784,"id":5,"created_at":null,"message_type":"ACTION",
        "thought":null,"tool_name":null,"tool_input":{"command":""},"tool_output":null,
        "observation":"Your command ran successfully and did not produce any output."})json", 1));
    QVERIFY(sameEntry(e.at(5), R"json({"agent_run_id":274459701842784,"id":6,"created_at":null,"message_type":"ACTION",
        "thought":"Done.","tool_name":"submit","tool_input":{"command":"submit"},"tool_output":null,
        "observation":"diff --git a/src/größe.py b/src/größe.py\n-    return round(x)\n+    return round(x, 2)\n",
        "execution_time":0.1})json", 1));
    QVERIFY(sameEntry(e.at(6), R"json({"agent_run_id":274459701842784,"id":7,"created_at":null,"message_type":"FINAL_ANSWER",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"diff --git a/src/größe.py b/src/größe.py\n-    return round(x)\n+    return round(x, 2)\n"})json", 0));
}

void TestSweAgentTrajectory::sampleRun()
{
    const AgentLogConversion conversion = convertSweAgentTrajectory(sample("sweagent-run.traj"));
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.agentName, QStringLiteral("SWE-agent"));
    QCOMPARE(conversion.title, QStringLiteral("größe() rundet falsch"));
    QVERIFY(!conversion.hasTimes);
    QCOMPARE(conversion.metadata, object(R"json({"swe_agent_version":"1.0.1","exit_status":"submitted",
        "submission":"diff --git a/src/größe.py b/src/größe.py\n-    return round(x)\n+    return round(x, 2)\n",
        "model_stats":{"instance_cost":0.12,"tokens_sent":41000,"tokens_received":900,"api_calls":6}})json"));
    QCOMPARE(conversion.warnings, (QStringList{QStringLiteral("step 3: not a step with an action; skipped"),
                                               QStringLiteral("step 4: not a step with an action; skipped")}));
}

void TestSweAgentTrajectory::attempts()
{
    const AgentLogConversion conversion = convertSweAgentTrajectory(sample("sweagent-attempts.traj"));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.title, QStringLiteral("Fix a.py"));
    QCOMPARE(conversion.warnings, QStringList());
    QCOMPARE(conversion.entries.size(), 6);
    const auto &e = conversion.entries;
    // 190527351706327: SHA-256 of "swe-agent:Fix a.py\nls" (the first attempt's first step).
    QVERIFY(sameEntry(e.at(0), R"json({"agent_run_id":190527351706327,"id":1,"created_at":null,"message_type":"USER_MESSAGE",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,"observation":"Fix a.py"})json", 1));
    QVERIFY(sameEntry(e.at(1), R"json({"agent_run_id":190527351706327,"id":2,"created_at":null,"message_type":"ACTION",
        "thought":"look","tool_name":"ls","tool_input":{"command":"ls"},"tool_output":null,"observation":"a.py",
        "attempt":1,"sidechain":true})json", 1));
    QVERIFY(sameEntry(e.at(2), R"json({"agent_run_id":190527351706327,"id":3,"created_at":null,"message_type":"ACTION",
        "thought":"read","tool_name":"cat","tool_input":{"command":"cat a.py"},"tool_output":null,"observation":"print(1)",
        "attempt":2})json", 1));
    QVERIFY(sameEntry(e.at(3), R"json({"agent_run_id":190527351706327,"id":4,"created_at":null,"message_type":"ACTION",
        "thought":"ok","tool_name":"submit","tool_input":{"command":"submit"},"tool_output":null,"observation":"diff",
        "attempt":2})json", 1));
    QVERIFY(sameEntry(e.at(4), R"json({"agent_run_id":190527351706327,"id":5,"created_at":null,"message_type":"ACTION",
        "thought":"bad","tool_name":"rm","tool_input":{"command":"rm -rf /"},"tool_output":null,"observation":"no",
        "attempt":3,"sidechain":true})json", 1));
    QVERIFY(sameEntry(e.at(5), R"json({"agent_run_id":190527351706327,"id":6,"created_at":null,"message_type":"FINAL_ANSWER",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,"observation":"diff"})json", 0));
    QCOMPARE(conversion.metadata, object(R"json({"best_attempt_idx":1,"exit_status":"submitted","submission":"diff"})json"));
}

// The title is the PR description's first line, whatever shares that line with it.
void TestSweAgentTrajectory::titleOfTheDescription_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("title");
    QTest::newRow("tags on lines of their own") << "Consider:\n<pr_description>\nFix a.py\nDetails.\n</pr_description>"
                                                << "Fix a.py";
    QTest::newRow("one line with both tags") << "Consider: <pr_description>Fix a.py</pr_description> and go"
                                             << "Fix a.py";
    QTest::newRow("closing tag on the first line") << "<pr_description>  Fix b.py </pr_description>\nmore"
                                                   << "Fix b.py";
    QTest::newRow("no closing tag") << "<pr_description>Fix c.py\n" << "Fix c.py";
    QTest::newRow("no description") << "ISSUE:\nFix d.py\n" << "Fix d.py";
}

void TestSweAgentTrajectory::titleOfTheDescription()
{
    QFETCH(QString, task);
    QFETCH(QString, title);
    const QByteArray trajectory = R"({"trajectory":[{"action":"ls","observation":"a.py","thought":"look"}],)"
                                  R"("history":[{"role":"user","content":)"
        + QJsonDocument(QJsonArray{task}).toJson(QJsonDocument::Compact).sliced(1).chopped(1)
        + R"(}],"info":{}})";
    const AgentLogConversion conversion = convertSweAgentTrajectory(trajectory);
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.title, title);
}

void TestSweAgentTrajectory::unreadableFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorStart");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("SWE-agent trajectory, line 1: not JSON (");
    QTest::addRow("cut off") << QByteArray("{\"trajectory\": [\n  {\"action\": \"ls\",\n")
                             << QStringLiteral("SWE-agent trajectory, line 3: not JSON (");
    QTest::addRow("no steps") << QByteArray("{\"history\": [], \"info\": {}}")
                              << QStringLiteral("SWE-agent trajectory, line 1: no \"trajectory\" list of steps.");
    QTest::addRow("array") << QByteArray("[]") << QStringLiteral("SWE-agent trajectory, line 1: no \"trajectory\" list of steps.");
}

void TestSweAgentTrajectory::unreadableFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorStart);
    const AgentLogConversion conversion = convertSweAgentTrajectory(bytes);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.entries.isEmpty());
    QVERIFY2(conversion.error.startsWith(errorStart), qPrintable(conversion.error));
    QVERIFY(conversion.error.endsWith(QLatin1Char('.')));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestSweAgentTrajectory)
#include "tst_sweagenttrajectory.moc"
