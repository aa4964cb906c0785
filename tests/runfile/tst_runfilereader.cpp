// SPDX-License-Identifier: MIT
// RunFileReader: what the writers wrote comes back entry for entry, described as the table shows
// them; files that are not exports fail naming the file and the place.
#include "api/pageparser.h"
#include "exporttesthelpers.h"

#include "export/exportwriter.h"
#include "rows/logstore.h"
#include "rows/logtablemodel.h"
#include "runfile/runfilereader.h"
#include "samplerun.h"
#include "stuckpipewriter.h"

#include <QBuffer>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <chrono>
#include <future>
#include <thread>

#include <csignal>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QByteArray exportTo(const RunSnapshot &snapshot, ExportFormat format)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    writeExport(snapshot, format, buffer, {}, &error);
    return buffer.data();
}

struct ReadResult
{
    bool ok = false;
    QString error;
    QList<LogEntry> entries;
    QList<int> batchSizes;
    bool hasRun = false;
    RunInfo run;
    RunFileReader::Format format = RunFileReader::Format::Json;
};

// The worker's parse holds the file's bytes until it ends, a moment after finished() is delivered:
// a test of who keeps them waits for it, so that only the entries (or their owners) can.
void waitForTheWorker()
{
    QThreadPool::globalInstance()->waitForDone();
}

ReadResult readAll(const QString &path)
{
    ReadResult result;
    RunFileReader reader;
    QObject::connect(&reader, &RunFileReader::entriesRead, &reader, [&result](const QList<LogEntry> &entries) {
        result.entries += entries;
        result.batchSizes << int(entries.size());
    });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    if (!reader.start(path) || !finished.wait(60000))
        return result;
    result.ok = finished.first().at(0).toBool();
    result.error = finished.first().at(1).toString();
    result.hasRun = reader.hasRunInfo();
    result.run = reader.runInfo();
    result.format = reader.format();
    return result;
}
} // namespace

class TestRunFileReader : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void jsonRoundTrip();
    void tableFieldsOfEachKindOfEntry_data();
    void tableFieldsOfEachKindOfEntry();
    void jsonlRoundTripHasNoRun();
    void manyEntriesComeInBatchesInOrder();
    void wrongTotalIsCorrected();
    void jsonWithoutRunFields();
    void unknownExtensionIsSniffed();
    void badFilesFailClearly_data();
    void badFilesFailClearly();
    void missingFileFails();
    void cancelStopsDelivery();
    void oversizedEntryFailsBeforeParsing_data();
    void oversizedEntryFailsBeforeParsing();
    void destroyingWhileTheWorkerIsBusyReturnsAtOnce();
    void pipeIsReadToItsEnd();
    void entriesKeepTheirBytesWhenTheFileIsGone();
    void entriesOfATruncatedFileReadZerosNotACrash();
    void bytesTakenFromTheStoreOutliveTheStore();
    void timeTooltipIsTheTextOfTheFile();
    void devicesAndFoldersAreRefused_data();
    void devicesAndFoldersAreRefused();
    void pipeWithoutWriterEndsWhenTheReaderGoes();
    void silentPipeEndsWhenTheReaderGoes();
    void fileCutShortInItsLastPageSaysItChanged_data();
    void fileCutShortInItsLastPageSaysItChanged();

private:
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir->filePath(name);
        return ExportTest::writeFile(path, bytes) ? path : QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunFileReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRunFileReader::jsonRoundTrip()
{
    const RunRecord run = makeAwkwardRun(7, 42);
    const QString path = write(QStringLiteral("awkward.json"), exportTo(ExportTest::snapshotOf(run), ExportFormat::Json));
    const ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.format, RunFileReader::Format::Json);
    // Each entry described as the table shows it, written out by hand from what makeAwkwardRun()
    // puts in it (samplerun.h): summary = first non-blank line of the thought, else of a string
    // observation, else the observation or tool input as its key fields ("key: value · …"); blanks
    // collapsed to one space.
    const auto at = [](int h, int m, int sec, int ms) {
        return QDateTime(QDate(2025, 6, 21), QTime(h, m, sec, ms), Qt::UTC).toMSecsSinceEpoch();
    };
    QString deep;
    for (int i = 0; i < 32; ++i)
        deep += QStringLiteral("{\"d\":");
    deep += QStringLiteral("[]") + QString(32, QLatin1Char('}'));
    struct Expected { QString summary; QString type; QString tool; qint64 msecs; };
    const QString null;
    const QList<Expected> expected = {
        {QStringLiteral("He said \"hi\", then left; tab"), QStringLiteral("ACTION"), QStringLiteral("bash"), at(12, 6, 31, 0)},
        {QString::fromUtf8("\xf0\x9f\x9a\x80\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
                           "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb9\xd8\xa7\xd9\x84\xd9\x85 \xe4\xbd\xa0\xe5\xa5\xbd"
                           "\xe4\xb8\x96\xe7\x95\x8c e\xcc\x81 \xe2\x80\xa8 line-sep"),
         QStringLiteral("PLAN_EVALUATION"), null, at(12, 6, 32, 500)},
        {QStringLiteral("n: 9007199254740993"), QStringLiteral("ACTION"), QStringLiteral("count"), at(12, 6, 33, 0)}, // an object reads as its key fields
        {QString(), null, null, LogEntry::kNoTime},
        {QStringLiteral("unknown type"), QStringLiteral("QUANTUM_REFLECTION"), null, at(12, 6, 35, 0)},
        {QStringLiteral("Tool failed: exit code 137 (OOM)"), QStringLiteral("ERROR"), null, at(12, 6, 36, 108)},
        {QStringLiteral("big"), QStringLiteral("ACTION"), QStringLiteral("read_file"), at(12, 6, 37, 0)},
        {QString(), null, null, LogEntry::kNoTime},
        // Its one key, and a glimpse of the nested value: its first 48 bytes, then "…".
        {QStringLiteral("d: ") + deep.mid(5, 48) + QChar(0x2026), QStringLiteral("ACTION"), QStringLiteral("deep"), at(12, 6, 39, 0)},
        {QStringLiteral("# Done"), QStringLiteral("FINAL_ANSWER"), null, at(12, 6, 40, 0)},
    };
    QCOMPARE(read.entries.size(), expected.size());
    QCOMPARE(run.entries.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const LogEntry &entry = read.entries.at(i);
        const Expected &want = expected.at(i);
        QCOMPARE(entry.rawJson, run.entries.at(i));
        QCOMPARE(PageParser::summaryOf(entry.rawJson), want.summary);
        QCOMPARE(entry.messageType, want.type);
        QCOMPARE(entry.messageType.isNull(), want.type.isNull());
        QCOMPARE(entry.toolName, want.tool);
        QCOMPARE(entry.toolName.isNull(), want.tool.isNull());
        QCOMPARE(entry.createdAtMsecs, want.msecs);
        QCOMPARE(entry.agentRunId, qint64(42));
    }
    QVERIFY(read.hasRun);
    QCOMPARE(read.run.id, qint64(42));
    QCOMPARE(read.run.organizationId, qint64(7));
    QCOMPARE(read.run.status, std::optional<QString>(QStringLiteral("COMPLETE")));
    QCOMPARE(read.run.totalLogs, std::optional<qint64>(run.entries.size()));
    QCOMPARE(read.run.metadataJson, run.field(QStringLiteral("metadata")));
    const auto unknown = std::find_if(read.run.rawFields.cbegin(), read.run.rawFields.cend(),
                                      [](const auto &f) { return f.first == QLatin1String("x_unknown_run_field"); });
    QVERIFY(unknown != read.run.rawFields.cend());
    QCOMPARE(unknown->second, QByteArray("[\"kept\",42]"));
}

// The window reads usual entries by a quick path (one DOM parse that also reads the table's
// fields) and unusual ones through PageParser: both must describe an entry the same way. Each
// line is read on its own and in a file among usual entries; the expected fields are written out
// by hand.
void TestRunFileReader::tableFieldsOfEachKindOfEntry_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<qint64>("runId");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("timeTooltip");
    const QString null;
    const qint64 t = QDateTime(QDate(2024, 1, 15), QTime(10, 30, 16, 250), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("usual") << QByteArray(R"({"agent_run_id":42,"created_at":"2024-01-15T10:30:16.250Z","message_type":"ACTION","tool_name":"bash"})")
                           << qint64(42) << QStringLiteral("ACTION") << QStringLiteral("bash") << t
                           << QStringLiteral("2024-01-15T10:30:16.250Z");
    QTest::newRow("nulls") << QByteArray(R"({"agent_run_id":42,"created_at":null,"message_type":null,"tool_name":null})")
                           << qint64(42) << null << null << LogEntry::kNoTime << null;
    QTest::newRow("missing fields") << QByteArray(R"({"agent_run_id":7})") << qint64(7) << null << null << LogEntry::kNoTime << null;
    QTest::newRow("escaped texts") << QByteArray(R"({"tool_name":"caf\u00e9\n","agent_run_id":42,"message_type":"A\"B","created_at":"2024-01-15T10:30:16.250\u005a"})")
                                   << qint64(42) << QStringLiteral("A\"B") << QString::fromUtf8("caf\xc3\xa9\n") << t
                                   << QStringLiteral("2024-01-15T10:30:16.250Z");
    QTest::newRow("empty strings") << QByteArray(R"({"agent_run_id":42,"message_type":"","tool_name":""})") << qint64(42)
                                   << QStringLiteral("") << QStringLiteral("") << LogEntry::kNoTime << null;
    QTest::newRow("time that is not a time") << QByteArray(R"({"agent_run_id":42,"created_at":"yesterday"})") << qint64(42)
                                             << null << null << LogEntry::kNoTime << QStringLiteral("yesterday");
    QTest::newRow("type as a number") << QByteArray(R"({"agent_run_id":42,"message_type":17,"tool_name":{"a":1}})") << qint64(42)
                                      << QStringLiteral("17") << QStringLiteral("{\"a\":1}") << LogEntry::kNoTime << null;
    QTest::newRow("time as a number") << QByteArray(R"({"agent_run_id":42,"created_at":1705314616})") << qint64(42) << null << null
                                      << LogEntry::kNoTime << QStringLiteral("1705314616");
    QTest::newRow("duplicate keys: the last wins") << QByteArray(R"({"agent_run_id":1,"tool_name":"a","agent_run_id":2,"tool_name":"b"})")
                                                   << qint64(2) << null << QStringLiteral("b") << LogEntry::kNoTime << null;
    QTest::newRow("duplicate keys: a null last") << QByteArray(R"({"agent_run_id":1,"tool_name":"a","tool_name":null})")
                                                 << qint64(1) << null << null << LogEntry::kNoTime << null;
    QTest::newRow("number simdjson's DOM refuses") << QByteArray(R"({"agent_run_id":42,"x":1e400,"message_type":"BIG"})")
                                                   << qint64(42) << QStringLiteral("BIG") << null << LogEntry::kNoTime << null;
}

void TestRunFileReader::tableFieldsOfEachKindOfEntry()
{
    QFETCH(QByteArray, line);
    QFETCH(qint64, runId);
    QFETCH(QString, type);
    QFETCH(QString, tool);
    QFETCH(qint64, msecs);
    QFETCH(QString, timeTooltip);
    const QByteArray usual = R"({"agent_run_id":42,"created_at":"2024-01-15T10:30:16.250Z","message_type":"THOUGHT","tool_name":null})";
    const QString path = write(QStringLiteral("kinds.jsonl"), usual + '\n' + line + "\r\n" + usual + '\n');
    ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.entries.size(), 3);
    const LogEntry &entry = read.entries.at(1);
    QCOMPARE(entry.rawJson, line);
    QCOMPARE(entry.agentRunId, runId);
    QCOMPARE(entry.messageType, type);
    QCOMPARE(entry.messageType.isNull(), type.isNull());
    QCOMPARE(entry.toolName, tool);
    QCOMPARE(entry.toolName.isNull(), tool.isNull());
    QCOMPARE(entry.createdAtMsecs, msecs);
    QCOMPARE(LogTableModel::createdAtTextOf(entry), timeTooltip);
    QCOMPARE(read.entries.at(2).messageType, QStringLiteral("THOUGHT"));
    QVERIFY(read.entries.at(2).toolName.isNull());
}

void TestRunFileReader::jsonlRoundTripHasNoRun()
{
    const RunRecord run = makeAwkwardRun(7, 42);
    const QString path = write(QStringLiteral("awkward.jsonl"), exportTo(ExportTest::snapshotOf(run), ExportFormat::Jsonl));
    const ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.format, RunFileReader::Format::Jsonl);
    QVERIFY(!read.hasRun);
    QCOMPARE(read.entries.size(), run.entries.size());
    for (qsizetype i = 0; i < run.entries.size(); ++i)
        QCOMPARE(read.entries.at(i).rawJson, run.entries.at(i));
}

void TestRunFileReader::manyEntriesComeInBatchesInOrder()
{
    const RunRecord run = makeRun(7, 42, 12000);
    const QString path = write(QStringLiteral("big.json"), exportTo(ExportTest::snapshotOf(run), ExportFormat::Json));
    RunFileReader reader;
    QSignalSpy progress(&reader, &RunFileReader::progress);
    QSignalSpy header(&reader, &RunFileReader::runInfoRead);
    QList<int> batches;
    QList<QByteArray> raw;
    QList<LogEntry> kept; // the bytes are slices of the file: their entries keep it mapped
    bool headerFirst = true;
    connect(&reader, &RunFileReader::entriesRead, this, [&](const QList<LogEntry> &entries) {
        headerFirst = headerFirst && !header.isEmpty();
        batches << int(entries.size());
        kept += entries;
        for (const LogEntry &e : entries)
            raw << e.rawJson;
    });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(path));
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(headerFirst);
    QCOMPARE(batches.first(), RunFileReader::kFirstBatch);
    QCOMPARE(batches.size(), 4); // 200, 5000, 5000, 1800
    QCOMPARE(raw, run.entries);
    QCOMPARE(reader.entryCount(), 12000);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), QFileInfo(path).size());
}

void TestRunFileReader::wrongTotalIsCorrected()
{
    RunRecord run = makeRun(7, 42, 5);
    QByteArray json = exportTo(ExportTest::snapshotOf(run), ExportFormat::Json);
    json.replace("\"total_logs\": 5", "\"total_logs\": 999");
    const ReadResult read = readAll(write(QStringLiteral("lying.json"), json));
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.entries.size(), 5);
    QCOMPARE(read.run.totalLogs, std::optional<qint64>(5));
}

void TestRunFileReader::jsonWithoutRunFields()
{
    RunSnapshot snapshot = ExportTest::snapshotOf(makeRun(7, 42, 3));
    snapshot.hasRun = false;
    const ReadResult read = readAll(write(QStringLiteral("norun.json"), exportTo(snapshot, ExportFormat::Json)));
    QVERIFY2(read.ok, qPrintable(read.error));
    QVERIFY(!read.hasRun);
    QCOMPARE(read.entries.size(), 3);
}

void TestRunFileReader::unknownExtensionIsSniffed()
{
    const RunSnapshot snapshot = ExportTest::snapshotOf(makeRun(7, 42, 3));
    ReadResult read = readAll(write(QStringLiteral("lines.txt"), exportTo(snapshot, ExportFormat::Jsonl)));
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.format, RunFileReader::Format::Jsonl);
    QCOMPARE(read.entries.size(), 3);
    read = readAll(write(QStringLiteral("object.txt"), exportTo(snapshot, ExportFormat::Json)));
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.format, RunFileReader::Format::Json);
    QCOMPARE(read.entries.size(), 3);
}

void TestRunFileReader::badFilesFailClearly_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // part of the message after the file's path

    const RunSnapshot snapshot = ExportTest::snapshotOf(makeRun(7, 42, 300));
    const QByteArray json = exportTo(snapshot, ExportFormat::Json);
    const QByteArray jsonl = exportTo(snapshot, ExportFormat::Jsonl);
    QByteArray badLine = jsonl;
    badLine.replace("\"thought\":\"entry 2\"", "\"thought\":\"entry 2");
    QByteArray noRunId = jsonl;
    noRunId.replace("{\"agent_run_id\":42,\"created_at\":\"2025-01-01T00:00:04Z\"", "{\"created_at\":\"2025-01-01T00:00:04Z\"");

    QTest::addRow("empty") << "empty.json" << QByteArray() << "is empty";
    QTest::addRow("only whitespace") << "blank.jsonl" << QByteArray(" \n\n ") << "is empty";
    QTest::addRow("truncated json") << "cut.json" << json.left(json.size() / 2) << "(truncated?)";
    QTest::addRow("truncated after logs") << "cut2.json" << json.left(json.size() - 4) << "(truncated?)";
    QTest::addRow("json array") << "array.json" << QByteArray("[{\"agent_run_id\":1}]") << "line 1, column 1 (byte 0): it is a JSON array";
    QTest::addRow("object without logs") << "nologs.json" << QByteArray("{\"id\":1,\"organization_id\":2}\n")
                                         << "has no \"logs\" field";
    QTest::addRow("empty object") << "emptyobj.json" << QByteArray("{}") << "has no \"logs\" field";
    QTest::addRow("logs not an array") << "logsobj.json" << QByteArray("{\"logs\":{}}") << "\"logs\" is not an array";
    QTest::addRow("entry not an object") << "entrynum.json" << QByteArray("{\"logs\":[{\"agent_run_id\":1},\n 5]}")
                                         << "line 2, column 2 (byte 30): log entry 1 is not an object";
    QTest::addRow("bad value in entry") << "badentry.json" << QByteArray("{\n\"logs\":[{\"agent_run_id\":1,\"x\":tru}]}")
                                        << "line 2, column 31";
    QTest::addRow("binary") << "binary.json" << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20)
                            << "it is not text";
    QTest::addRow("not json") << "hello.json" << QByteArray("hello world\n") << "line 1, column 1 (byte 0)";
    QTest::addRow("garbage after") << "after.json" << json + "x" << "unexpected text after the run object";
    QTest::addRow("jsonl bad line") << "bad.jsonl" << badLine << "line 3, column";
    QTest::addRow("jsonl entry without run id") << "norunid.jsonl" << noRunId << "line 5: log entry 4: \"agent_run_id\" is missing";
    QTest::addRow("jsonl of a json") << "whole.jsonl" << json << "line 1";
}

void TestRunFileReader::badFilesFailClearly()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = write(name, content);
    const ReadResult read = readAll(path);
    QVERIFY(!read.ok);
    QVERIFY2(read.error.startsWith(QDir::toNativeSeparators(path)), qPrintable(read.error));
    QVERIFY2(read.error.contains(expected), qPrintable(read.error));
    QVERIFY2(!read.error.contains(QLatin1Char('\n')), qPrintable(read.error));
}

void TestRunFileReader::missingFileFails()
{
    const QString path = m_dir->filePath(QStringLiteral("nope.json"));
    const ReadResult read = readAll(path);
    QVERIFY(!read.ok);
    QVERIFY2(read.error.contains(QDir::toNativeSeparators(path)), qPrintable(read.error));
}

void TestRunFileReader::cancelStopsDelivery()
{
    const QString path = write(QStringLiteral("big.jsonl"), exportTo(ExportTest::snapshotOf(makeRun(7, 42, 60000)), ExportFormat::Jsonl));
    RunFileReader reader;
    int batchesAfterCancel = 0;
    bool cancelled = false;
    connect(&reader, &RunFileReader::entriesRead, this, [&] {
        if (cancelled)
            ++batchesAfterCancel;
        reader.cancel();
        cancelled = true;
    });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(path));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(reader.wasCancelled());
    QCOMPARE(batchesAfterCancel, 0);
    QVERIFY(reader.entryCount() < 60000);
    QVERIFY(!reader.isRunning());
}

void TestRunFileReader::oversizedEntryFailsBeforeParsing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<QString>("place");
    const QByteArray small = R"({"agent_run_id":1,"thought":"fine"})";
    QTest::addRow("jsonl line") << u"big.jsonl"_qs << small + "\n" + R"({"agent_run_id":1,"thought":")"
                                << QByteArray(R"("})" "\n") << u"line 2 is longer than the %1 one entry may have."_qs;
    QTest::addRow("json entry") << u"big.json"_qs << R"({"id":1,"organization_id":2,"logs":[)" + small + R"(,{"agent_run_id":1,"thought":")"
                                << QByteArray(R"("}]})") << u"log entry 1 (at line 1, column 73 (byte 72)) is larger than the %1 one entry may have."_qs;
    QTest::addRow("run field") << u"big.json"_qs << QByteArray(R"({"id":1,"organization_id":2,"metadata":")")
                               << QByteArray(R"(","logs":[]})") << u"the run's fields (up to \"metadata\", at line 1, column 40 (byte 39)) are larger than the %1 they may have."_qs;
}

// An entry (or the run's fields) larger than any page could have carried is refused, naming the
// place and the limit, before anything of that size is parsed.
void TestRunFileReader::oversizedEntryFailsBeforeParsing()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, suffix);
    QFETCH(QString, place);
    QByteArray bytes;
    bytes.reserve(prefix.size() + RunFileReader::kMaxEntryBytes + suffix.size());
    bytes += prefix;
    bytes += QByteArray(RunFileReader::kMaxEntryBytes, 'a');
    bytes += suffix;
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytes, name);
    QVERIFY(!contents.ok);
    const QString expected = name + u" cannot be opened: "_qs + place.arg(QLocale::system().formattedDataSize(128LL << 20));
    QCOMPARE(contents.error, expected);
    QVERIFY(contents.entries.isEmpty());
}

// The worker is stuck (here: reading a pipe nobody closes; in life: parsing a huge entry). Closing
// the reader, as opening another file does, must not wait for it. A watchdog closes the pipe
// after a long while so that a reader that does wait fails this test instead of hanging it.
void TestRunFileReader::destroyingWhileTheWorkerIsBusyReturnsAtOnce()
{
    const QByteArray fifo = QFile::encodeName(m_dir->filePath(QStringLiteral("stuck.jsonl")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    auto *reader = new RunFileReader;
    QSignalSpy finished(reader, &RunFileReader::finished);
    QVERIFY(reader->start(QString::fromLocal8Bit(fifo)));
    StuckPipeWriter writer(fifo); // returns once the worker opened the pipe
    QVERIFY(writer.isOpen());
    delete reader;
    QVERIFY2(!writer.stopWatchdog(), "closing the reader waited for its worker");
    writer.close();
    // The worker now sees the end of the pipe, fails, and reports to no one.
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QCoreApplication::processEvents();
}

// A pipe cannot be mapped and has no size: it is read (into memory, up to kMaxUnmappedBytes)
// until its writer closes it, not taken for an empty file.
void TestRunFileReader::pipeIsReadToItsEnd()
{
    const QByteArray fifo = QFile::encodeName(m_dir->filePath(QStringLiteral("piped.jsonl")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    QByteArray lines;
    for (int n = 0; n < 3; ++n)
        lines += makeSampleEntry(42, n) + '\n';
    // A reader that stops early must fail this test, not kill it with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    std::thread writer([&] {
        const int fd = ::open(fifo.constData(), O_WRONLY);
        if (fd < 0)
            return;
        for (qsizetype done = 0; done < lines.size();) {
            const ssize_t wrote = ::write(fd, lines.constData() + done, size_t(std::min<qsizetype>(40, lines.size() - done)));
            if (wrote <= 0)
                break;
            done += wrote;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        ::close(fd);
    });
    const ReadResult read = readAll(QString::fromLocal8Bit(fifo));
    writer.join();
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.entries.size(), 3);
    for (int n = 0; n < 3; ++n)
        QCOMPARE(read.entries.at(n).rawJson, makeSampleEntry(42, n));
}

// An opened file's entries are slices of its map, not copies: each keeps the map alive, so they
// stay readable after the reader is gone and the file deleted (the map holds the inode).
void TestRunFileReader::entriesKeepTheirBytesWhenTheFileIsGone()
{
    QByteArray lines;
    for (int n = 0; n < 300; ++n)
        lines += makeSampleEntry(42, n) + '\n';
    const QString path = write(QStringLiteral("deleted.jsonl"), lines);
    ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    waitForTheWorker();
    QVERIFY(QFile::remove(path));
    QCOMPARE(read.entries.size(), 300);
    QVERIFY(read.entries.first().rawOwner); // borrowed from the map, not copied
    const LogEntry last = read.entries.last();
    read.entries.clear(); // only `last` holds the map now
    QCOMPARE(last.rawJson, makeSampleEntry(42, 299));
}

// A file cut short after it was opened: the entries' pages are gone from the file, and reading
// them gives zeros (MappedFileGuard) where Linux would kill the process with SIGBUS.
void TestRunFileReader::entriesOfATruncatedFileReadZerosNotACrash()
{
    QByteArray lines;
    for (int n = 0; n < 3; ++n)
        lines += makeSampleEntry(42, n) + '\n';
    const QString path = write(QStringLiteral("truncated.jsonl"), lines);
    const ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    waitForTheWorker();
    QCOMPARE(read.entries.size(), 3);
    QVERIFY(read.entries.first().rawOwner);
    QCOMPARE(::truncate(QFile::encodeName(path).constData(), 0), 0);
    const QByteArray &first = read.entries.first().rawJson;
    QCOMPARE(QByteArray(first.constData(), first.size()), QByteArray(first.size(), '\0'));
}

// An export or a search reads entries on a worker after taking them from the store; another file
// may replace the run meanwhile. Whoever holds rawOwners() with the bytes still reads them.
void TestRunFileReader::bytesTakenFromTheStoreOutliveTheStore()
{
    QByteArray lines;
    for (int n = 0; n < 5; ++n)
        lines += makeSampleEntry(42, n) + '\n';
    const QString path = write(QStringLiteral("stored.jsonl"), lines);
    ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    waitForTheWorker();
    LogStore store;
    store.resize(int(read.entries.size()));
    store.setEntries(0, std::move(read.entries));
    read.entries.clear();
    const QList<QByteArray> raw = store.rawEntries(0, store.size() - 1);
    const QList<std::shared_ptr<const void>> owners = store.rawOwners();
    QCOMPARE(owners.size(), 1); // one file, one owner
    store.clear();              // another file is opened
    QVERIFY(QFile::remove(path));
    QCOMPARE(raw.size(), 5);
    for (int n = 0; n < 5; ++n)
        QCOMPARE(raw.at(n), makeSampleEntry(42, n));
}

// A file's entry does not keep its created_at text when the time was read (the table shows the
// time): the time column's tooltip still shows it exactly as written, or as written when unread.
void TestRunFileReader::timeTooltipIsTheTextOfTheFile()
{
    const QByteArray lines = R"({"agent_run_id":42,"created_at":"2024-01-15T10:30:16.250Z","message_type":"ACTION"})" "\n"
                             R"({"agent_run_id":42,"created_at":"yesterday","message_type":"ACTION"})" "\n";
    const QString path = write(QStringLiteral("times.jsonl"), lines);
    ReadResult read = readAll(path);
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.entries.size(), 2);
    QVERIFY(read.entries.first().createdAtText.isNull()); // not kept: read from the bytes
    LogTableModel model;
    model.resizeRows(2);
    model.setEntries(0, std::move(read.entries));
    QCOMPARE(model.index(0, LogTableModel::TimeColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("2024-01-15T10:30:16.250Z"));
    QCOMPARE(model.index(1, LogTableModel::TimeColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("yesterday"));
    QCOMPARE(model.index(1, LogTableModel::TimeColumn).data(Qt::DisplayRole).toString(), QStringLiteral("yesterday"));
}

// Only files and pipes are read: /dev/zero would fill memory up to the limit, a terminal would
// swallow what the user types, and a folder is no run.
void TestRunFileReader::devicesAndFoldersAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");
    QTest::addRow("/dev/zero") << QStringLiteral("/dev/zero") << QStringLiteral("/dev/zero cannot be opened: it is a device, not a file. Runlog opens files and pipes.");
    QTest::addRow("/dev/null") << QStringLiteral("/dev/null") << QStringLiteral("/dev/null cannot be opened: it is a device, not a file. Runlog opens files and pipes.");
    QTest::addRow("folder") << QString() << QStringLiteral(" cannot be opened: it is a folder, not a file.");
}

void TestRunFileReader::devicesAndFoldersAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, words);
    if (path.isEmpty()) {
        path = m_dir->filePath(QStringLiteral("folder.json"));
        QVERIFY(QDir().mkpath(path));
        words.prepend(QDir::toNativeSeparators(path));
    }
    const ReadResult read = readAll(path);
    QVERIFY(!read.ok);
    QCOMPARE(read.error, words);
    QVERIFY(read.entries.isEmpty());
}

// A FIFO nobody writes to: open() of it would wait for a writer for ever, holding a pool thread
// that the application's exit waits for. When the reader goes (Quit closes the window), the
// worker ends by itself. The wait below is only a limit, not a measure of speed.
void TestRunFileReader::pipeWithoutWriterEndsWhenTheReaderGoes()
{
    const QByteArray fifo = QFile::encodeName(m_dir->filePath(QStringLiteral("nobody.jsonl")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    auto *reader = new RunFileReader;
    QVERIFY(reader->start(QString::fromLocal8Bit(fifo)));
    QTest::qWait(200); // the worker is in its open() or waiting for bytes by now
    delete reader;
    const bool ended = QThreadPool::globalInstance()->waitForDone(30000);
    if (!ended) {
        // Free the stuck worker so that this process can end: a writer that comes and goes.
        const int writer = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK);
        if (writer >= 0)
            ::close(writer);
        QThreadPool::globalInstance()->waitForDone(30000);
    }
    QVERIFY2(ended, "the worker kept waiting for a writer after its reader was gone");
    QCoreApplication::processEvents();
}

// The same with a writer that opened the FIFO and says nothing.
void TestRunFileReader::silentPipeEndsWhenTheReaderGoes()
{
    const QByteArray fifo = QFile::encodeName(m_dir->filePath(QStringLiteral("silent.jsonl")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    auto *reader = new RunFileReader;
    QVERIFY(reader->start(QString::fromLocal8Bit(fifo)));
    const int writer = ::open(fifo.constData(), O_WRONLY); // returns once the worker opened it
    QVERIFY(writer >= 0);
    delete reader;
    const bool ended = QThreadPool::globalInstance()->waitForDone(30000);
    ::close(writer);
    QThreadPool::globalInstance()->waitForDone(30000);
    QVERIFY2(ended, "the worker kept waiting for bytes after its reader was gone");
    QCoreApplication::processEvents();
}

// Cut short inside its last page after it was mapped: no page is lost (no SIGBUS), the end of
// the page reads as zeros, and the parse fails there. That is a file that changed, not a bad one.
void TestRunFileReader::fileCutShortInItsLastPageSaysItChanged_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("indexing");
    QTest::addRow("json") << QStringLiteral("cut.json") << false;
    QTest::addRow("jsonl") << QStringLiteral("cut.jsonl") << false;
    QTest::addRow("json, conversion") << QStringLiteral("cut.json") << true;
}

void TestRunFileReader::fileCutShortInItsLastPageSaysItChanged()
{
    QFETCH(QString, name);
    QFETCH(bool, indexing);
    const RunRecord run = makeRun(7, 42, 20);
    const ExportFormat format = name.endsWith(QLatin1String(".jsonl")) ? ExportFormat::Jsonl : ExportFormat::Json;
    const QByteArray bytes = exportTo(ExportTest::snapshotOf(run), format);
    QVERIFY(bytes.size() > 200);
    const QString path = write(name, bytes);
    // Inside the string of the last entry's thought, well within the file's last page.
    const qsizetype cut = bytes.lastIndexOf("\"thought\"") + 14;
    QVERIFY(cut > 14 && bytes.size() - cut < 4096);
    RunFileReader::setMappedHookForTesting([cut](const QString &mapped) { QFile::resize(mapped, cut); });
    RunFileReader reader;
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(indexing ? reader.startIndexing(path) : reader.start(path));
    const bool done = finished.wait(30000);
    RunFileReader::setMappedHookForTesting({});
    QVERIFY(done);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(finished.first().at(1).toString(),
             QDir::toNativeSeparators(path) + QStringLiteral(" changed while it was being read: open it again."));
    waitForTheWorker();
}

QTEST_GUILESS_MAIN(TestRunFileReader)
#include "tst_runfilereader.moc"
