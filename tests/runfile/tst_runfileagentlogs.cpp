// SPDX-License-Identifier: MIT
// RunFileReader on another agent's log (issue 28): found from its bytes whatever its name, read
// into entries described as the table shows them, with a run that names the agent and the file;
// the conversion's read gives the same entries; a file of no known format says what Runlog reads;
// a cancel stops the conversion itself, before any run or entry is handed over.
#include "runfile/runfileparse.h"
#include "runfile/runfilereader.h"

#include "../agentlogs/generatedlogs.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QtTest>

namespace {
QByteArray sample()
{
    QFile file(QStringLiteral(AGENTLOGS_DATA_DIR "/claudecode-session.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data");
    return file.readAll();
}

// A Claude Code transcript of `calls` tool calls, each a call and its result.
QByteArray transcriptOf(int calls)
{
    QByteArray out;
    const QByteArray common = R"("sessionId":"long-session","timestamp":"2025-06-21T12:00:00.000Z",)";
    for (int i = 0; i < calls; ++i) {
        const QByteArray n = QByteArray::number(i);
        out += "{" + common + R"("type":"assistant","uuid":"a)" + n + R"(","message":{"role":"assistant","content":[{"type":"tool_use","id":"t)" + n
            + R"(","name":"Bash","input":{"command":"ls"}}]}})" "\n";
        out += "{" + common + R"("type":"user","uuid":"u)" + n + R"(","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t)" + n
            + R"(","content":"ok"}]}})" "\n";
    }
    return out;
}
// A Codex CLI rollout of `calls` shell calls, each with its exit code and output on the next lines.
QByteArray rolloutOf(int calls)
{
    QByteArray out = R"({"timestamp":"2025-10-29T00:00:00.000Z","type":"session_meta","payload":{"id":"long-rollout","cwd":"/repo"}})" "\n";
    const QByteArray common = R"({"timestamp":"2025-10-29T00:00:01.000Z",)";
    for (int i = 0; i < calls; ++i) {
        const QByteArray id = "call_" + QByteArray::number(i);
        out += common + R"("type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"ls\"]}","call_id":")" + id
            + "\"}}\n";
        out += common + R"("type":"event_msg","payload":{"type":"exec_command_end","call_id":")" + id + R"(","exit_code":0}})" "\n";
        out += common + R"("type":"response_item","payload":{"type":"function_call_output","call_id":")" + id + R"(","output":"ok"}})" "\n";
    }
    return out;
}

struct FileRead {
    bool ok = false;
    QString error;
    QList<LogEntry> entries;
};

// What the window gets of a file: RunFileReader::start() on it, every batch.
FileRead readThroughTheWindowsReader(const QString &path)
{
    RunFileReader reader;
    FileRead read;
    QObject::connect(&reader, &RunFileReader::entriesRead, [&read](const QList<LogEntry> &batch) { read.entries += batch; });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    if (!reader.start(path) || !finished.wait(60000)) {
        read.error = QStringLiteral("the read did not finish");
        return read;
    }
    read.ok = finished.first().at(0).toBool();
    read.error = finished.first().at(1).toString();
    return read;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

class TestRunFileAgentLogs : public QObject
{
    Q_OBJECT
private slots:
    void readsTheSessionWhateverItsName_data();
    void readsTheSessionWhateverItsName();
    void indexGivesTheSameEntries();
    void byteOrderMarksAndRawControlCharacters_data();
    void byteOrderMarksAndRawControlCharacters();
    void readerOnAFile();
    void convertedEntriesReadAsTheirLines_data();
    void convertedEntriesReadAsTheirLines();
    void unknownFormatSaysWhatRunlogReads();
    void cancelStopsTheConversion();
    void conversionSaysHowFarItHasCome();
    void firstRowsComeBeforeTheConversionEnds_data();
    void firstRowsComeBeforeTheConversionEnds();
    void cancelAfterTheFirstRows_data();
    void cancelAfterTheFirstRows();
};

void TestRunFileAgentLogs::readsTheSessionWhateverItsName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("jsonl") << QStringLiteral("session.jsonl");
    QTest::addRow("json") << QStringLiteral("session.json");
    QTest::addRow("no extension") << QStringLiteral("session");
    QTest::addRow("other extension") << QStringLiteral("session.txt");
}

void TestRunFileAgentLogs::readsTheSessionWhateverItsName()
{
    QFETCH(QString, name);
    const RunFileReader::Contents contents = RunFileReader::parseBytes(sample(), name);
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QCOMPARE(contents.format, RunFileReader::Format::Jsonl);
    QVERIFY(contents.run);
    const RunInfo &run = *contents.run;
    QCOMPARE(run.agentName, QStringLiteral("Claude Code"));
    QCOMPARE(run.agentFormat, QStringLiteral("Claude Code transcript"));
    QCOMPARE(run.agentTitle, QStringLiteral("Fix the failing date test"));
    QVERIFY(run.hasTimes);
    QCOMPARE(run.agentWarnings.size(), 2);
    QCOMPARE(run.id, qint64(189005202433146)); // the entries' own agent_run_id
    QCOMPARE(run.organizationId, qint64(0));
    QCOMPARE(run.totalLogs, std::optional<qint64>(9));
    QCOMPARE(run.createdAt, std::optional<QString>(QStringLiteral("2025-06-21T12:00:00.000Z")));
    const QJsonObject metadata = QJsonDocument::fromJson(run.metadataJson).object();
    QCOMPARE(metadata.value(QLatin1String("agent")).toString(), QStringLiteral("Claude Code"));
    QCOMPARE(metadata.value(QLatin1String("source_file")).toString(), name);
    QCOMPARE(metadata.value(QLatin1String("source_format")).toString(), QStringLiteral("Claude Code transcript"));
    // The table's fields, as of any entry.
    QCOMPARE(contents.entries.size(), 9);
    const QStringList types{QStringLiteral("USER_MESSAGE"), QStringLiteral("ERROR"), QStringLiteral("ACTION"), QStringLiteral("ACTION"),
                            QStringLiteral("ACTION"), QStringLiteral("FINAL_ANSWER"), QStringLiteral("USER_MESSAGE"), QStringLiteral("ACTION"),
                            QStringLiteral("PLAN_EVALUATION")};
    const QStringList tools{QString(), QStringLiteral("Bash"), QStringLiteral("Read"), QStringLiteral("Task"), QStringLiteral("Edit"),
                            QString(), QString(), QStringLiteral("Grep"), QString()};
    for (int i = 0; i < 9; ++i) {
        QCOMPARE(contents.entries.at(i).messageType, types.at(i));
        QCOMPARE(contents.entries.at(i).toolName, tools.at(i));
        QCOMPARE(contents.entries.at(i).agentRunId, qint64(189005202433146));
    }
}

void TestRunFileAgentLogs::indexGivesTheSameEntries()
{
    const QByteArray bytes = sample();
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytes, QStringLiteral("s.jsonl"));
    const RunFileReader::IndexedContents indexed = RunFileReader::indexBytes(bytes, QStringLiteral("s.jsonl"));
    QVERIFY2(indexed.ok, qPrintable(indexed.error));
    QVERIFY(indexed.run);
    QCOMPARE(indexed.run->agentName, QStringLiteral("Claude Code"));
    QCOMPARE(indexed.index.entries.size(), contents.entries.size());
    for (qsizetype i = 0; i < contents.entries.size(); ++i)
        QCOMPARE(indexed.index.entries.at(i), contents.entries.at(i).rawJson);
}

void TestRunFileAgentLogs::byteOrderMarksAndRawControlCharacters_data()
{
    // A line that starts with a byte order mark (a tool that writes one each time it appends)
    // and a string with a raw control character (which QJsonDocument reads): the file used to be
    // refused whole, its entries' source records quoting both as they were (no JSON then).
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("sources"); // each entry's first source record, as written
    const QByteArray bom("\xEF\xBB\xBF");
    const QByteArray claudeUser1 = R"({"type":"user","sessionId":"s1","uuid":"u1","timestamp":"2025-06-21T12:00:00.000Z","message":{"role":"user","content":"hi"}})";
    const QByteArray claudeUser2 = "{\"type\":\"user\",\"sessionId\":\"s1\",\"uuid\":\"u2\",\"timestamp\":\"2025-06-21T12:00:01.000Z\",\"message\":{\"role\":\"user\",\"content\":\"h\x02i\"}}";
    const QByteArray claudeUser3 = R"({"type":"user","sessionId":"s1","uuid":"u3","timestamp":"2025-06-21T12:00:02.000Z","message":{"role":"user","content":"bye"}})";
    QTest::addRow("Claude Code")
        << QByteArray(claudeUser1 + "\n" + bom + claudeUser2 + "\n" + bom + claudeUser3 + "\n")
        << QStringLiteral("Claude Code transcript")
        << QStringList{QString::fromUtf8(claudeUser1),
                       QStringLiteral(R"({"type":"user","sessionId":"s1","uuid":"u2","timestamp":"2025-06-21T12:00:01.000Z","message":{"role":"user","content":"h\u0002i"}})"),
                       QString::fromUtf8(claudeUser3)};
    const QByteArray codexMeta = R"({"timestamp":"2025-10-29T00:00:10.000Z","type":"session_meta","payload":{"id":"s23","cwd":"/r"}})";
    const QByteArray codexUser = "{\"timestamp\":\"2025-10-29T00:00:1\r1.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"fix \x1b[31mit\"}]}}";
    const QByteArray codexAnswer = R"({"timestamp":"2025-10-29T00:00:12.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]}})";
    QTest::addRow("Codex CLI")
        << QByteArray(codexMeta + "\n" + bom + codexUser + "\n" + bom + codexAnswer + "\n")
        << QStringLiteral("Codex CLI rollout")
        << QStringList{QStringLiteral(R"({"timestamp":"2025-10-29T00:00:1\u000d1.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"fix \u001b[31mit"}]}})"),
                       QString::fromUtf8(codexAnswer)};
}

void TestRunFileAgentLogs::byteOrderMarksAndRawControlCharacters()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, format);
    QFETCH(QStringList, sources);
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytes, QStringLiteral("log.jsonl"));
    QVERIFY2(contents.ok, qPrintable(contents.error));
    QVERIFY(contents.run);
    QCOMPARE(contents.run->agentFormat, format);
    QCOMPARE(contents.entries.size(), sources.size());
    for (qsizetype i = 0; i < sources.size(); ++i) {
        QJsonParseError error;
        const QJsonDocument entry = QJsonDocument::fromJson(contents.entries.at(i).rawJson, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QByteArray raw = contents.entries.at(i).rawJson;
        const qsizetype from = raw.indexOf("\"source_records\":[") + 18;
        QVERIFY(from >= 18);
        const QJsonDocument expected = QJsonDocument::fromJson(sources.at(i).toUtf8());
        QVERIFY(expected.isObject());
        // As written: the record's own bytes, its raw control characters escaped.
        QVERIFY2(raw.mid(from).startsWith(sources.at(i).toUtf8()), raw.constData());
        QCOMPARE(entry.object().value(QLatin1String("source_records")).toArray().first().toObject(), expected.object());
    }
}

void TestRunFileAgentLogs::readerOnAFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("0a1b.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(sample());
    file.close();
    RunFileReader reader;
    QList<LogEntry> entries;
    connect(&reader, &RunFileReader::entriesRead, this, [&entries](const QList<LogEntry> &batch) { entries += batch; });
    QSignalSpy runInfo(&reader, &RunFileReader::runInfoRead);
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(path));
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(entries.size(), 9);
    QCOMPARE(runInfo.size(), 1);
    QVERIFY(reader.hasRunInfo());
    QCOMPARE(reader.runInfo().agentName, QStringLiteral("Claude Code"));
    // The entries outlive the reader: they own (share) the converted bytes.
    QVERIFY(entries.last().rawJson.startsWith(R"({"agent_run_id":189005202433146,"id":9,)"));
}

void TestRunFileAgentLogs::convertedEntriesReadAsTheirLines_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    const QDir data(QStringLiteral(AGENTLOGS_DATA_DIR));
    for (const QString &name : data.entryList(QDir::Files, QDir::Name)) {
        QFile file(data.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::newRow(qPrintable(name)) << name << file.readAll();
    }
    QTest::newRow("many calls") << QStringLiteral("long.jsonl") << transcriptOf(3000);
    QRandomGenerator random(28);
    for (int round = 0; round < 4; ++round) {
        const int calls = 1 + int(random.bounded(400));
        QTest::addRow("generated Claude Code %d", round) << QStringLiteral("gen.jsonl") << GeneratedLogs::claudeCode(calls, &random);
        QTest::addRow("generated Codex %d", round) << QStringLiteral("gen.jsonl") << GeneratedLogs::codex(calls, &random);
        QTest::addRow("generated SWE-agent %d", round) << QStringLiteral("gen.traj") << GeneratedLogs::sweAgent(calls, &random);
        QTest::addRow("generated OpenHands %d", round) << QStringLiteral("gen.json") << GeneratedLogs::openHands(calls, &random);
        QTest::addRow("generated Inspect %d", round) << QStringLiteral("gen.json") << GeneratedLogs::inspect(calls, &random);
    }
}

// The window reads a converted log's entries where the converter wrote them, not from one
// buffer of them one a line: what it gets must be what reading those lines as a .jsonl file
// gives (the conversion's index, which still reads such a buffer, gives the lines).
void TestRunFileAgentLogs::convertedEntriesReadAsTheirLines()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString logPath = dir.filePath(name);
    QVERIFY(writeFile(logPath, bytes));
    const RunFileReader::IndexedContents indexed = RunFileReader::indexBytes(bytes, name);
    const FileRead fromLog = readThroughTheWindowsReader(logPath);
    QCOMPARE(fromLog.ok, indexed.ok);
    if (!indexed.ok || !indexed.run || indexed.run->agentName.isEmpty())
        return; // not another agent's log: nothing converted
    QVERIFY(!indexed.index.entries.isEmpty());
    QByteArray lines;
    for (const QByteArray &entry : indexed.index.entries)
        lines += entry + '\n';
    const QString linesPath = dir.filePath(QStringLiteral("lines.jsonl"));
    QVERIFY(writeFile(linesPath, lines));
    const FileRead fromLines = readThroughTheWindowsReader(linesPath);
    QVERIFY2(fromLines.ok, qPrintable(fromLines.error));
    QVERIFY2(fromLog.ok, qPrintable(fromLog.error));
    QCOMPARE(fromLog.entries.size(), fromLines.entries.size());
    for (qsizetype i = 0; i < fromLines.entries.size(); ++i) {
        const LogEntry &got = fromLog.entries.at(i);
        const LogEntry &expected = fromLines.entries.at(i);
        QCOMPARE(got.rawJson, expected.rawJson);
        QCOMPARE(bool(got.rawOwner), bool(expected.rawOwner));
        QCOMPARE(got.agentRunId, expected.agentRunId);
        QCOMPARE(got.createdAtMsecs, expected.createdAtMsecs);
        QCOMPARE(got.createdAtText, expected.createdAtText);
        QCOMPARE(got.createdAtText.isNull(), expected.createdAtText.isNull());
        QCOMPARE(got.messageType, expected.messageType);
        QCOMPARE(got.messageType.isNull(), expected.messageType.isNull());
        QCOMPARE(got.toolName, expected.toolName);
        QCOMPARE(got.toolName.isNull(), expected.toolName.isNull());
        QCOMPARE(got.otherRun, expected.otherRun);
    }
}

void TestRunFileAgentLogs::unknownFormatSaysWhatRunlogReads()
{
    const RunFileReader::Contents contents = RunFileReader::parseBytes("{\"hello\": 1}\n", QStringLiteral("notes.jsonl"));
    QVERIFY(!contents.ok);
    QVERIFY2(contents.error.contains(QLatin1String(". Runlog reads Codegen exports (.json, .jsonl)")) && contents.error.endsWith(QLatin1String("Inspect eval logs.")),
             qPrintable(contents.error));
    // A Codegen export that goes wrong after its first entry is an export gone bad: no list.
    const RunFileReader::Contents bad = RunFileReader::parseBytes("{\"agent_run_id\": 1}\n{oops\n", QStringLiteral("run.jsonl"));
    QVERIFY(!bad.ok);
    QVERIFY2(!bad.error.contains(QLatin1String("Runlog reads")), qPrintable(bad.error));
}

void TestRunFileAgentLogs::cancelStopsTheConversion()
{
    // The cancel says stop from its second ask on: asked only before and after the conversion,
    // as it was, the conversion ran to its end and handed over the run before the read stopped.
    int asks = 0;
    bool runHandedOver = false;
    int entriesHandedOver = 0;
    bool indexHandedOver = false;
    std::optional<std::pair<bool, QString>> finished;
    RunFileSink sink;
    sink.cancelled = [&asks] { return ++asks >= 2; };
    sink.runInfo = [&runHandedOver](const RunInfo &, RunFileReader::Format) { runHandedOver = true; };
    sink.entries = [&entriesHandedOver](QList<LogEntry> &&entries, RunFileReader::Format) { entriesHandedOver += int(entries.size()); };
    sink.indexed = [&indexHandedOver](RunFileReader::FileIndex &&, RunFileReader::Format) { indexHandedOver = true; };
    sink.finished = [&finished](bool ok, const QString &error) { finished = std::make_pair(ok, error); };
    RunFileParse::bytes(sink, transcriptOf(5000), QStringLiteral("long.jsonl"));
    QVERIFY(finished);
    QCOMPARE(finished->first, false);
    QCOMPARE(finished->second, QStringLiteral("Reading long.jsonl was cancelled."));
    QVERIFY(!runHandedOver);
    QCOMPARE(entriesHandedOver, 0);
    QVERIFY(!indexHandedOver);
    QVERIFY(asks >= 2);
}

void TestRunFileAgentLogs::conversionSaysHowFarItHasCome()
{
    // Through the reader, on its worker: the format is named at once, before any entry, and the
    // records read go up (in steps of the converters' asks, 256 records) until the entries come.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("long.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(transcriptOf(20000));
    file.close();
    RunFileReader reader;
    QList<QPair<QString, qint64>> reports;
    int entriesWhenFirstReported = -1;
    int entries = 0;
    connect(&reader, &RunFileReader::entriesRead, this, [&entries](const QList<LogEntry> &batch) { entries += int(batch.size()); });
    connect(&reader, &RunFileReader::converting, this, [&](const QString &name, qint64 records) {
        if (reports.isEmpty())
            entriesWhenFirstReported = entries;
        reports.append({name, records});
        QCOMPARE(entries, 0); // every report comes before the first entries
    });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(path));
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(entries > 0);
    QVERIFY(!reports.isEmpty());
    QCOMPARE(entriesWhenFirstReported, 0);
    QCOMPARE(reports.first(), (QPair<QString, qint64>{QStringLiteral("Claude Code transcript"), 0}));
    for (qsizetype k = 1; k < reports.size(); ++k) {
        QCOMPARE(reports.at(k).first, QStringLiteral("Claude Code transcript"));
        // Two threads write a large log's entries, each counting: never fewer than said before.
        QVERIFY(reports.at(k).second >= reports.at(k - 1).second);
        QCOMPARE(reports.at(k).second % 256, qint64(0));
    }

    // A Codegen file is not converted: no report.
    const QString codegen = dir.filePath(QStringLiteral("codegen.jsonl"));
    QFile plain(codegen);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write(R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:00Z","message_type":"ACTION","thought":"t","tool_name":null,"tool_input":null,"tool_output":null,"observation":null})" "\n");
    plain.close();
    reports.clear();
    entries = 0;
    QSignalSpy plainFinished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(codegen));
    QVERIFY(plainFinished.wait(30000));
    QVERIFY2(plainFinished.first().at(0).toBool(), qPrintable(plainFinished.first().at(1).toString()));
    QCOMPARE(entries, 1);
    QVERIFY(reports.isEmpty());
}

// Large logs of each format converted in batches, named as such a file is, with the agent's name
// and how many entries the conversion gives.
static void addLargeLogs(int calls)
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("agentName");
    QTest::addColumn<int>("entryCount");
    QTest::addRow("Claude Code") << transcriptOf(calls) << QStringLiteral("long.jsonl") << QStringLiteral("Claude Code") << calls;
    // A call with its exit code and output on the lines after it (CodexRolloutScan).
    QTest::addRow("Codex CLI") << rolloutOf(calls) << QStringLiteral("rollout.jsonl") << QStringLiteral("Codex CLI") << calls;
    // The task, then a step (an action and its result) a call.
    QTest::addRow("SWE-agent") << GeneratedLogs::sweAgent(calls, nullptr) << QStringLiteral("long.traj") << QStringLiteral("SWE-agent") << calls + 1;
    QTest::addRow("OpenHands") << GeneratedLogs::openHands(calls, nullptr) << QStringLiteral("long.json") << QStringLiteral("OpenHands") << calls + 1;
    QTest::addRow("Inspect") << GeneratedLogs::inspect(calls, nullptr) << QStringLiteral("long.json") << QStringLiteral("Inspect") << calls + 1;
}

void TestRunFileAgentLogs::firstRowsComeBeforeTheConversionEnds_data()
{
    addLargeLogs(30000);
}

// A large log's rows come while it is converted, in batches, as a Codegen file's do (a JSON
// Lines log's settled entries, a JSON text's once it is read, SettledEntries): the first before
// the run's fields, which come only at the end of the conversion, and all of them what the
// conversion's index gives.
void TestRunFileAgentLogs::firstRowsComeBeforeTheConversionEnds()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fileName);
    QFETCH(QString, agentName);
    QFETCH(int, entryCount);
    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    QVERIFY(writeFile(path, bytes));
    RunFileReader reader;
    QStringList events;
    QList<LogEntry> entries;
    connect(&reader, &RunFileReader::entriesRead, this, [&](const QList<LogEntry> &batch) {
        events.append(QStringLiteral("rows"));
        entries += batch;
    });
    connect(&reader, &RunFileReader::runInfoRead, this, [&events] { events.append(QStringLiteral("run")); });
    connect(&reader, &RunFileReader::progress, this, [&events] {
        if (events.isEmpty() || events.last() != QLatin1String("progress"))
            events.append(QStringLiteral("progress"));
    });
    connect(&reader, &RunFileReader::finished, this, [&events] { events.append(QStringLiteral("finished")); });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(path));
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    // 30,000 calls, each settled by its result on the lines after it (or all once the JSON text
    // is read): batches of 200, then of 5,000.
    const qsizetype runAt = events.indexOf(QStringLiteral("run"));
    QVERIFY(runAt > 0);
    QCOMPARE(events.first(), QStringLiteral("rows"));
    QVERIFY2(events.mid(0, runAt).count(QStringLiteral("rows")) >= 5, qPrintable(events.join(u' ')));
    QVERIFY(events.mid(0, runAt).contains(QStringLiteral("progress")));
    QCOMPARE(events.last(), QStringLiteral("finished"));
    QCOMPARE(reader.runInfo().agentName, agentName);
    QCOMPARE(reader.runInfo().totalLogs, std::optional<qint64>(entryCount));
    QCOMPARE(reader.entryCount(), entryCount);
    const RunFileReader::IndexedContents indexed = RunFileReader::indexBytes(bytes, fileName);
    QVERIFY(indexed.ok);
    QCOMPARE(entries.size(), indexed.index.entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QCOMPARE(entries.at(i).rawJson, indexed.index.entries.at(i));
        if (i > 0 || agentName == QLatin1String("Claude Code")) // the others begin with the task
            QCOMPARE(entries.at(i).messageType, QStringLiteral("ACTION"));
    }
    QCOMPARE(reader.runInfo().id, entries.first().agentRunId);
}

void TestRunFileAgentLogs::cancelAfterTheFirstRows_data()
{
    addLargeLogs(60000);
}

// Opening another file stops a conversion whose rows are coming: no rows after the cancel, no
// run, and finished() says it was cancelled.
void TestRunFileAgentLogs::cancelAfterTheFirstRows()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fileName);
    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    QVERIFY(writeFile(path, bytes));
    RunFileReader reader;
    int rows = 0;
    int rowsAtCancel = -1;
    connect(&reader, &RunFileReader::entriesRead, this, [&](const QList<LogEntry> &batch) {
        rows += int(batch.size());
        if (rowsAtCancel < 0) {
            rowsAtCancel = rows;
            reader.cancel();
        }
    });
    QSignalSpy runInfo(&reader, &RunFileReader::runInfoRead);
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(path));
    QVERIFY(finished.wait(120000));
    QVERIFY(rowsAtCancel > 0);
    QCOMPARE(rows, rowsAtCancel);
    QVERIFY(runInfo.isEmpty());
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("Reading %1 was cancelled.").arg(QDir::toNativeSeparators(path)));
    QVERIFY(reader.wasCancelled());
    QVERIFY(!reader.isRunning());
}

QTEST_GUILESS_MAIN(TestRunFileAgentLogs)
#include "tst_runfileagentlogs.moc"
