// SPDX-License-Identifier: MIT
// Inspect eval logs mapped onto entries (issue 28): the hand-written log holds two samples, one
// with events (reasoning and text before tool calls, a tool error, a result of content blocks,
// a subtask's tool event (the branch), an error event, a model error, a malformed event in the
// middle, non-ASCII text) and one of messages only (a call without its result, a result without
// its call, a sample error).
#include "agentlogs/inspectlog.h"
#include "converterexpectations.h"

#include <QtTest>

using namespace ConverterExpectations;

class TestInspectLog : public QObject
{
    Q_OBJECT

private slots:
    void detection_data();
    void detection();
    void samples();
    void oneParseListsAndConverts();
    void eventsSample();
    void eventsSampleRun();
    void messagesSample();
    void archive();
    void runningArchive();
    void unreadableFiles_data();
    void unreadableFiles();
};

// moc's own tokenizer trips over the raw string literals below (the expected entries), and
// needs only the class declaration above.
#ifndef Q_MOC_RUN

void TestInspectLog::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("inspect");
    QTest::addRow("sample") << sample("inspect-eval.json") << true;
    QTest::addRow("head cut in eval") << sample("inspect-eval.json").left(80) << true;
    QTest::addRow("eval not an object") << QByteArray("{\"version\":2,\"eval\":[]}") << false;
    QTest::addRow("codegen export") << QByteArray("{\"version\":2,\"eval\":{},\"logs\":[]}") << false;
    QTest::addRow("no version or status") << QByteArray("{\"eval\":{\"task\":\"t\"}}") << false;
    QTest::addRow("swe-agent") << sample("sweagent-run.traj") << false;
    QTest::addRow("openhands") << sample("openhands-events.json") << false;
    QTest::addRow("codex") << sample("codex-session.jsonl") << false;
    QTest::addRow(".eval archive") << sample("inspect-eval.eval") << true;
    QTest::addRow(".eval archive's first bytes") << sample("inspect-eval.eval").left(64) << true;
    QTest::addRow("another zip") << sample("other.zip") << false;
}

void TestInspectLog::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, inspect);
    QCOMPARE(looksLikeInspectLog(head), inspect);
}

void TestInspectLog::samples()
{
    QString error = QStringLiteral("not cleared");
    const QList<InspectSampleInfo> list = listInspectSamples(sample("inspect-eval.json"), &error);
    QCOMPARE(error, QString());
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).index, 0);
    QCOMPARE(list.at(0).id, QStringLiteral("s-1"));
    QCOMPARE(list.at(0).epoch, 1);
    QCOMPARE(list.at(0).title, QStringLiteral("Finde die Flagge in /größe 🙂"));
    QCOMPARE(list.at(0).score, QStringLiteral("C"));
    QCOMPARE(list.at(0).target, QStringLiteral("FLAG{x}"));
    QCOMPARE(list.at(0).toolEvents, 4); // three tool events, and one in the subtask
    QVERIFY(!list.at(0).failed);
    QCOMPARE(list.at(1).index, 1);
    QCOMPARE(list.at(1).target, QStringLiteral("4"));
    QCOMPARE(list.at(1).toolEvents, 2); // no events: the assistant message's two calls
    QCOMPARE(list.at(1).id, QStringLiteral("2"));
    QCOMPARE(list.at(1).title, QStringLiteral("Rechne 2+2"));
    QCOMPARE(list.at(1).score, QString());
    QVERIFY(list.at(1).failed);

    QVERIFY(listInspectSamples("{\"version\":2,\"eval\":{}}", &error).isEmpty());
    QCOMPARE(error, QStringLiteral("Inspect eval log: the log holds no samples (it was written without them, or is still running)."));
}

// InspectLog reads a log once: the list and any sample's conversion come from that one parse.
void TestInspectLog::oneParseListsAndConverts()
{
    const QByteArray bytes = sample("inspect-eval.json");
    const InspectLog log(bytes);
    QVERIFY(log.error().isEmpty());
    const QList<InspectSampleInfo> list = log.samples();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).id, QStringLiteral("s-1"));
    QCOMPARE(list.at(1).id, QStringLiteral("2"));
    const InspectLog copy = log; // shares the parse
    const AgentLogConversion first = copy.convert(0);
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.entries.size(), 9);
    QCOMPARE(first.entries, convertInspectSample(bytes, 0).entries);
    QCOMPARE(log.convert(1).entries.size(), 5);
    QVERIFY2(log.convert(2).error.startsWith(QStringLiteral("Inspect eval log: there is no sample 3 (the log holds 2 sample")),
             qPrintable(log.convert(2).error));

    const InspectLog empty(QByteArray("{\"version\":2,\"eval\":{}}"));
    QVERIFY(empty.samples().isEmpty());
    QCOMPARE(empty.error(), QStringLiteral("Inspect eval log: the log holds no samples (it was written without them, or is still running)."));
    QCOMPARE(empty.convert(0).error, empty.error());
}

void TestInspectLog::eventsSample()
{
    const AgentLogConversion conversion = convertInspectSample(sample("inspect-eval.json"), 0);
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.entries.size(), 9);
    const auto &e = conversion.entries;
    // 180343400157894: the first 48 bits of SHA-256("inspect:uuid-1").
    QVERIFY(sameEntry(e.at(0), R"json({"agent_run_id":180343400157894,"id":1,"created_at":"2025-05-01T09:00:01.000000+00:00",
        "message_type":"USER_MESSAGE","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Finde die Flagge in /größe 🙂\nViel Glück"})json", 0));
    QVERIFY(sameEntry(e.at(1), R"json({"agent_run_id":180343400157894,"id":2,"created_at":"2025-05-01T09:00:03+00:00",
        "message_type":"ACTION","thought":"Erst schauen.\n\nIch liste die Dateien.","tool_name":"bash",
        "tool_input":{"cmd":"ls /größe"},"tool_output":{"content":"flag.txt\n"},"observation":null})json", 1));
    // Event 4 is malformed and skipped.
    QVERIFY(sameEntry(e.at(2), R"json({"agent_run_id":180343400157894,"id":3,"created_at":"2025-05-01T09:00:05+00:00",
        "message_type":"ERROR","thought":"Lies die Datei.","tool_name":"bash","tool_input":{"cmd":"cat /größe/flag.txt"},
        "tool_output":{"content":"","error":"Permission denied"},"observation":null,"error_type":"permission"})json", 1));
    QVERIFY(sameEntry(e.at(3), R"json({"agent_run_id":180343400157894,"id":4,"created_at":"2025-05-01T09:00:06+00:00",
        "message_type":"ACTION","thought":null,"tool_name":"python","tool_input":{"code":"print(1)"},
        "tool_output":{"content":[{"type":"text","text":"1"}]},"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(4), R"json({"agent_run_id":180343400157894,"id":5,"created_at":"2025-05-01T09:00:08+00:00",
        "message_type":"ACTION","thought":null,"tool_name":"web_search","tool_input":{"arguments":"not an object"},
        "tool_output":{"content":"nothing"},"observation":null,"sidechain":true})json", 1));
    QVERIFY(sameEntry(e.at(5), R"json({"agent_run_id":180343400157894,"id":6,"created_at":"2025-05-01T09:00:09+00:00",
        "message_type":"ERROR","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"RuntimeError: sandbox lost"})json", 1));
    QVERIFY(sameEntry(e.at(6), R"json({"agent_run_id":180343400157894,"id":7,"created_at":"2025-05-01T09:00:10+00:00",
        "message_type":"PLAN_EVALUATION","thought":"Zwischenstand.","tool_name":null,"tool_input":null,"tool_output":null,
        "observation":null})json", 1));
    QVERIFY(sameEntry(e.at(7), R"json({"agent_run_id":180343400157894,"id":8,"created_at":"2025-05-01T09:00:11+00:00",
        "message_type":"ERROR","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"rate limit"})json", 1));
    QVERIFY(sameEntry(e.at(8), R"json({"agent_run_id":180343400157894,"id":9,"created_at":"2025-05-01T09:00:13+00:00",
        "message_type":"FINAL_ANSWER","thought":"fertig","tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"FLAG{x}"})json", 1));
}

void TestInspectLog::eventsSampleRun()
{
    const AgentLogConversion conversion = convertInspectSample(sample("inspect-eval.json"), 0);
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.agentName, QStringLiteral("Inspect"));
    QCOMPARE(conversion.title, QStringLiteral("Finde die Flagge in /größe 🙂"));
    QVERIFY(conversion.hasTimes);
    QCOMPARE(conversion.warnings, QStringList{QStringLiteral("event 4: not an event; skipped")});
    QCOMPARE(conversion.metadata, object(R"json({"task":"ctf_größe","task_id":"t1","model":"openai/gpt-4o","run_id":"run-ß1",
        "eval_id":"ev1","created":"2025-05-01T09:00:00+00:00","status":"success","sample_id":"s-1","epoch":1,
        "target":"FLAG{x}","scores":{"includes":{"value":"C","answer":"FLAG{x}"}},
        "model_usage":{"openai/gpt-4o":{"input_tokens":900,"output_tokens":60,"total_tokens":960}},"total_time":12.5})json"));
}

void TestInspectLog::messagesSample()
{
    const AgentLogConversion conversion = convertInspectSample(sample("inspect-eval.json"), 1);
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QVERIFY(!conversion.hasTimes);
    QCOMPARE(conversion.title, QStringLiteral("Rechne 2+2"));
    QCOMPARE(conversion.entries.size(), 5);
    const auto &e = conversion.entries;
    // 231876010342179: SHA-256 of "inspect:run-ß1:ctf_größe:2:1" (run id, task, sample id, epoch).
    QVERIFY(sameEntry(e.at(0), R"json({"agent_run_id":231876010342179,"id":1,"created_at":null,"message_type":"USER_MESSAGE",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,"observation":"Rechne 2+2"})json", 1));
    QVERIFY(sameEntry(e.at(1), R"json({"agent_run_id":231876010342179,"id":2,"created_at":null,"message_type":"ACTION",
        "thought":"Ich rechne.","tool_name":"calc","tool_input":{"expr":"2+2"},"tool_output":{"content":"4"},
        "observation":null})json", 2));
    QVERIFY(sameEntry(e.at(2), R"json({"agent_run_id":231876010342179,"id":3,"created_at":null,"message_type":"ACTION",
        "thought":null,"tool_name":"calc2","tool_input":{"expr":"x"},"tool_output":null,"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(3), R"json({"agent_run_id":231876010342179,"id":4,"created_at":null,"message_type":"ERROR",
        "thought":null,"tool_name":"calc","tool_input":null,"tool_output":{"content":"x","error":"timed out"},
        "observation":null,"error_type":"timeout"})json", 1));
    QVERIFY(sameEntry(e.at(4), R"json({"agent_run_id":231876010342179,"id":5,"created_at":null,"message_type":"FINAL_ANSWER",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,"observation":"4"})json", 1));
    QCOMPARE(conversion.warnings,
             (QStringList{QStringLiteral("message 5: the result of call c9 without its call; kept as an entry of its own"),
                          QStringLiteral("the call c2 (calc2) has no result")}));
    QCOMPARE(conversion.metadata.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString(), QStringLiteral("boom"));
    QCOMPARE(conversion.metadata.value(QLatin1String("sample_id")).toInt(), 2);
}

void TestInspectLog::archive()
{
    // The .eval archive holds the same log as inspect-eval.json (header.json and a file per
    // sample), with a damaged sample file between the two.
    const QByteArray bytes = sample("inspect-eval.eval");
    QString error = QStringLiteral("not cleared");
    const QList<InspectSampleInfo> list = listInspectSamples(bytes, &error);
    QCOMPARE(error, QString());
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).id, QStringLiteral("s-1"));
    QCOMPARE(list.at(0).score, QStringLiteral("C"));
    QVERIFY(!list.at(0).failed);
    QCOMPARE(list.at(1).id, QString());
    QVERIFY(list.at(1).failed);
    QCOMPARE(list.at(2).id, QStringLiteral("2"));
    QCOMPARE(list.at(2).title, QStringLiteral("Rechne 2+2"));

    const AgentLogConversion first = convertInspectSample(bytes, 0);
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.entries, convertInspectSample(sample("inspect-eval.json"), 0).entries);
    QCOMPARE(first.entries.size(), 9);
    QCOMPARE(object(first.entries.at(8)).value(QLatin1String("observation")).toString(), QStringLiteral("FLAG{x}"));
    QCOMPARE(first.metadata.value(QLatin1String("status")).toString(), QStringLiteral("success"));

    const AgentLogConversion broken = convertInspectSample(bytes, 1);
    QVERIFY(!broken.ok);
    QVERIFY2(broken.error.startsWith(QLatin1String("Inspect eval log (.eval archive), samples/broken_epoch_1.json, line 3: not JSON (")),
             qPrintable(broken.error));

    const AgentLogConversion last = convertInspectSample(bytes, 2);
    QVERIFY(last.ok);
    QCOMPARE(last.entries.size(), 5);
    QCOMPARE(object(last.entries.at(4)).value(QLatin1String("message_type")).toString(), QStringLiteral("FINAL_ANSWER"));
}

void TestInspectLog::runningArchive()
{
    // Still running: no header.json yet, the journal's start says what the evaluation is.
    const AgentLogConversion conversion = convertInspectSample(sample("inspect-running.eval"), 0);
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.entries.size(), 5);
    QCOMPARE(conversion.metadata.value(QLatin1String("task")).toString(), QStringLiteral("ctf_größe"));
    QVERIFY(!conversion.metadata.contains(QLatin1String("status")));
}

void TestInspectLog::unreadableFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("sampleIndex");
    QTest::addColumn<QString>("errorStart");
    QTest::addRow("empty") << QByteArray() << 0 << QStringLiteral("Inspect eval log, line 1: not JSON (");
    QTest::addRow("cut off") << QByteArray("{\"version\": 2,\n\"eval\": {") << 0 << QStringLiteral("Inspect eval log, line 2: not JSON (");
    QTest::addRow("no eval") << QByteArray("{\"version\": 2}") << 0 << QStringLiteral("Inspect eval log, line 1: no \"eval\" object.");
    QTest::addRow("no samples") << QByteArray("{\"version\": 2, \"eval\": {}, \"samples\": []}") << 0
                                << QStringLiteral("Inspect eval log: the log holds no samples (");
    QTest::addRow("sample out of range") << sample("inspect-eval.json") << 2
                                         << QStringLiteral("Inspect eval log: there is no sample 3 (the log holds 2 sample(s)).");
    QTest::addRow("negative sample") << sample("inspect-eval.json") << -1
                                     << QStringLiteral("Inspect eval log: there is no sample 0 (");
    QTest::addRow("not a zip") << QByteArray("PK\x03\x04 not really") << 0
                               << QStringLiteral("Inspect eval log (.eval archive): not a readable ZIP archive (");
    QTest::addRow("archive without header") << sample("inspect-noheader.eval") << 0
                                            << QStringLiteral("Inspect eval log (.eval archive): no header.json or _journal/start.json (");
    QTest::addRow("archive without samples") << sample("other.zip") << 0
                                             << QStringLiteral("Inspect eval log (.eval archive): no header.json");
    QTest::addRow("sample not an object") << QByteArray("{\"version\": 2, \"eval\": {}, \"samples\": [7]}") << 0
                                          << QStringLiteral("Inspect eval log, sample 1: not a sample.");
}

void TestInspectLog::unreadableFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, sampleIndex);
    QFETCH(QString, errorStart);
    const AgentLogConversion conversion = convertInspectSample(bytes, sampleIndex);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.entries.isEmpty());
    QVERIFY2(conversion.error.startsWith(errorStart), qPrintable(conversion.error));
    QVERIFY(conversion.error.endsWith(QLatin1Char('.')));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestInspectLog)
#include "tst_inspectlog.moc"
