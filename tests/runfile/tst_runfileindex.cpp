// SPDX-License-Identifier: MIT
// RunFileReader's conversion read (indexBytes, startIndexing): each entry comes back as its exact
// bytes with its agent_run_id, whatever the line ends, a byte order mark or where the entry sits
// in the file; a file that reading refuses is refused with the same words; a gigabyte line is
// refused without reading it; a file changed under an export is not exported.
#include "exporttesthelpers.h"

#include "export/exportjob.h"
#include "export/exportwriter.h"
#include "runfile/runfilereader.h"
#include "samplerun.h"

#include <QBuffer>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
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

QByteArray joined(const QList<QByteArray> &entries, const QByteArray &separator)
{
    QByteArray out;
    for (const QByteArray &entry : entries)
        out += entry + separator;
    return out;
}

struct Indexed
{
    bool ok = false;
    QString error;
    RunFileReader::FileIndex index;
    int indexedSignals = 0;
};

Indexed indexFile(const QString &path)
{
    Indexed result;
    RunFileReader reader;
    QObject::connect(&reader, &RunFileReader::indexed, &reader, [&result](const RunFileReader::FileIndex &index) {
        result.index = index;
        ++result.indexedSignals;
    });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    if (!reader.startIndexing(path) || !finished.wait(60000))
        return result;
    result.ok = finished.first().at(0).toBool();
    result.error = finished.first().at(1).toString();
    return result;
}
} // namespace

class TestRunFileIndex : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void entriesComeBackExactly_data();
    void entriesComeBackExactly();
    void entryAtTheEndOfAPageAlignedFile_data();
    void entryAtTheEndOfAPageAlignedFile();
    void refusedAsReadingRefuses_data();
    void refusedAsReadingRefuses();
    void gigabyteLineIsRefused();
    void changedFileIsNotExported();
    void truncatedFileIsNotExported();
    void cancelDeliversNoIndex();

private:
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir->filePath(name);
        return ExportTest::writeFile(path, bytes) ? path : QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunFileIndex::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRunFileIndex::entriesComeBackExactly_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QList<QByteArray>>("entries");

    // The awkward run: 64-bit integers beyond int64, a 3 MB entry, U+2028, deep nesting.
    const RunRecord awkward = makeAwkwardRun(7, 42);
    const RunSnapshot snapshot = ExportTest::snapshotOf(awkward);
    QTest::addRow("json") << "a.json" << exportTo(snapshot, ExportFormat::Json) << awkward.entries;
    QTest::addRow("jsonl") << "a.jsonl" << joined(awkward.entries, "\n") << awkward.entries;
    QTest::addRow("jsonl, CRLF") << "crlf.jsonl" << joined(awkward.entries, "\r\n") << awkward.entries;
    QTest::addRow("jsonl, no last newline") << "nolast.jsonl" << joined(awkward.entries, "\n").chopped(1) << awkward.entries;
    QTest::addRow("jsonl, BOM") << "bom.jsonl" << "\xEF\xBB\xBF" + joined(awkward.entries, "\n") << awkward.entries;
    QTest::addRow("json, BOM") << "bom.json" << "\xEF\xBB\xBF" + exportTo(snapshot, ExportFormat::Json) << awkward.entries;
    QTest::addRow("jsonl, blank and indented lines")
            << "spaced.jsonl" << "\n  " + awkward.entries.at(0) + " \t\r\n\r\n\t" + awkward.entries.at(1) + "\n\n"
            << QList<QByteArray>{awkward.entries.at(0), awkward.entries.at(1)};
    // An entry written over several lines keeps its line breaks in a .json.
    const QByteArray pretty = "{\n      \"agent_run_id\": 42,\n      \"thought\": \"a\"\n    }";
    QTest::addRow("json, entry over lines") << "pretty.json" << "{\"logs\": [\n    " + pretty + ",\n    {\"agent_run_id\":42}\n]}"
                                            << QList<QByteArray>{pretty, "{\"agent_run_id\":42}"};
    // Valid JSON that simdjson's DOM refuses: a number beyond double, a lone surrogate escape.
    const QList<QByteArray> strict = {R"({"agent_run_id":42,"x":1e400})", R"({"agent_run_id":42,"thought":"\ud800"})",
                                      R"({"agent_run_id":42})"};
    QTest::addRow("jsonl, beyond simdjson's DOM") << "strict.jsonl" << joined(strict, "\n") << strict;
    QTest::addRow("empty logs") << "none.json" << QByteArray("{\"id\":1,\"organization_id\":2,\"logs\":[]}") << QList<QByteArray>();
}

void TestRunFileIndex::entriesComeBackExactly()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QList<QByteArray>, entries);
    const RunFileReader::IndexedContents inPlace = RunFileReader::indexBytes(content, name);
    QVERIFY2(inPlace.ok, qPrintable(inPlace.error));
    QCOMPARE(inPlace.index.entries, entries);
    QCOMPARE(inPlace.index.agentRunIds, QList<qint64>(entries.size(), 42));

    const Indexed mapped = indexFile(write(name, content));
    QVERIFY2(mapped.ok, qPrintable(mapped.error));
    QCOMPARE(mapped.indexedSignals, 1);
    QCOMPARE(mapped.index.entries, entries);
    QVERIFY(mapped.index.bytes);
}

void TestRunFileIndex::entryAtTheEndOfAPageAlignedFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("tail");
    const QByteArray first = makeSampleEntry(42, 0);
    QTest::addRow("jsonl") << "end.jsonl" << first + "\n" << QByteArray();
    QTest::addRow("jsonl, CRLF") << "end.jsonl" << first + "\r\n" << QByteArray("\r\n");
    QTest::addRow("json") << "end.json" << "{\"logs\":[" + first + "," << QByteArray("]}");
}

// The last entry ends at the end of the file, and the file at the end of a page: the parser must
// not read the padding it wants from past the map (that is a crash, not a wrong answer).
void TestRunFileIndex::entryAtTheEndOfAPageAlignedFile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, tail);
    const long page = sysconf(_SC_PAGESIZE);
    const QByteArray start = R"({"agent_run_id":42,"thought":")";
    const QByteArray end = R"("})";
    const qsizetype fill = 2 * page - head.size() - start.size() - end.size() - tail.size();
    const QByteArray last = start + QByteArray(fill, 'x') + end;
    const QByteArray content = head + last + tail;
    QCOMPARE(content.size(), qsizetype(2 * page));
    const Indexed mapped = indexFile(write(name, content));
    QVERIFY2(mapped.ok, qPrintable(mapped.error));
    QCOMPARE(mapped.index.entries, (QList<QByteArray>{makeSampleEntry(42, 0), last}));
}

void TestRunFileIndex::refusedAsReadingRefuses_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // part of the message after the file's path

    const RunSnapshot snapshot = ExportTest::snapshotOf(makeRun(7, 42, 300));
    const QByteArray json = exportTo(snapshot, ExportFormat::Json);
    const QByteArray jsonl = exportTo(snapshot, ExportFormat::Jsonl);
    QByteArray badLine = jsonl;
    badLine.replace("\"thought\":\"entry 2\"", "\"thought\":\"entry 2");
    QTest::addRow("empty") << "empty.json" << QByteArray() << "is empty";
    QTest::addRow("only whitespace") << "blank.jsonl" << QByteArray(" \r\n\n ") << "is empty";
    QTest::addRow("only a BOM") << "bom.jsonl" << QByteArray("\xEF\xBB\xBF") << "is empty";
    QTest::addRow("truncated json") << "cut.json" << json.left(json.size() / 2) << "(truncated?)";
    QTest::addRow("truncated inside the last entry") << "cut.jsonl" << jsonl.chopped(20) << "line 300, column";
    QTest::addRow("bad value in entry") << "badentry.json" << QByteArray("{\n\"logs\":[{\"agent_run_id\":1,\"x\":tru}]}")
                                        << "line 2, column 31";
    QTest::addRow("jsonl bad line") << "bad.jsonl" << badLine << "line 3, column";
    QTest::addRow("run id missing") << "norun.jsonl" << QByteArray("{\"agent_run_id\":1}\r\n{\"x\":1}\r\n")
                                    << "line 2: log entry 1: \"agent_run_id\" is missing";
    QTest::addRow("run id a string") << "str.jsonl" << QByteArray("{\"agent_run_id\":\"1\"}\n")
                                     << "\"agent_run_id\" must be an integer, got \"1\"";
    QTest::addRow("run id a fraction") << "frac.json" << QByteArray("{\"logs\":[{\"agent_run_id\":1.5}]}")
                                       << "\"agent_run_id\" must be an integer, got 1.5";
    QTest::addRow("run id twice, the second wrong") << "twice.jsonl" << QByteArray("{\"agent_run_id\":1,\"agent_run_id\":null}\n")
                                                    << "\"agent_run_id\" must be an integer, got null";
    QTest::addRow("entry not an object") << "num.jsonl" << QByteArray("{\"agent_run_id\":1}\n5\n")
                                         << "line 2: log entry 1 is not an object";
    QTest::addRow("two objects on a line") << "two.jsonl" << QByteArray("{\"agent_run_id\":1} {\"agent_run_id\":1}\n")
                                           << "line 1, column 20";
    QTest::addRow("invalid UTF-8") << "utf8.jsonl" << QByteArray("{\"agent_run_id\":1,\"t\":\"\xff\"}\n") << "line 1";
}

// Whatever reading refuses, a conversion refuses in the same words (the quick check never has
// the last word on a bad entry).
void TestRunFileIndex::refusedAsReadingRefuses()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const RunFileReader::IndexedContents indexed = RunFileReader::indexBytes(content, name);
    QVERIFY(!indexed.ok);
    QVERIFY2(indexed.error.startsWith(name) && indexed.error.contains(expected), qPrintable(indexed.error));
    QVERIFY(indexed.index.entries.isEmpty());
    QCOMPARE(indexed.error, RunFileReader::parseBytes(content, name).error);
}

// A line of a gigabyte (a sparse file: nothing of that size is written or allocated) is refused
// after reading the limit of one entry, naming the line and the limit.
void TestRunFileIndex::gigabyteLineIsRefused()
{
    const QString path = write(QStringLiteral("huge.jsonl"), "{\"agent_run_id\":1}\n{\"agent_run_id\":1,\"thought\":\"");
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY);
    QVERIFY(fd >= 0);
    QCOMPARE(::ftruncate(fd, 1LL << 30), 0);
    ::close(fd);
    const Indexed mapped = indexFile(path);
    QVERIFY(!mapped.ok);
    QCOMPARE(mapped.indexedSignals, 0);
    QCOMPARE(mapped.error, QDir::toNativeSeparators(path) + u" cannot be opened: line 2 is longer than the "_qs
                                   + QLocale::system().formattedDataSize(128LL << 20) + u" one entry may have."_qs);
}

// The entries of a conversion point into the mapped input: if it changes before the output is
// complete, the output would mix two files. It is not written, and says why.
void TestRunFileIndex::changedFileIsNotExported()
{
    const RunRecord run = makeRun(7, 42, 50);
    const QString input = write(QStringLiteral("in.jsonl"), joined(run.entries, "\n"));
    const Indexed mapped = indexFile(input);
    QVERIFY2(mapped.ok, qPrintable(mapped.error));
    QFile grow(input);
    QVERIFY(grow.open(QIODevice::Append));
    QVERIFY(grow.write(makeSampleEntry(42, 50) + '\n') > 0);
    grow.close();

    RunSnapshot snapshot;
    snapshot.entries = mapped.index.entries;
    snapshot.source = mapped.index.bytes;
    const QString output = m_dir->filePath(QStringLiteral("out.json"));
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QVERIFY(job.start(snapshot, output, ExportFormat::Json));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString error = finished.first().at(1).toString();
    QVERIFY2(error.contains(QDir::toNativeSeparators(input)) && error.contains(u"changed"_qs), qPrintable(error));
    QVERIFY(!QFile::exists(output));
}

// The input shrinks to nothing between the read and the write: the pages the entries point into
// are gone. Touching them must not kill the process (SIGBUS); the export fails, naming the input.
void TestRunFileIndex::truncatedFileIsNotExported()
{
    const RunRecord run = makeRun(7, 42, 4000); // several hundred kilobytes: many pages
    const QString input = write(QStringLiteral("in.jsonl"), joined(run.entries, "\n"));
    const Indexed mapped = indexFile(input);
    QVERIFY2(mapped.ok, qPrintable(mapped.error));
    QCOMPARE(mapped.index.entries.size(), 4000);
    QVERIFY(QFile::resize(input, 0));

    RunSnapshot snapshot;
    snapshot.entries = mapped.index.entries;
    snapshot.source = mapped.index.bytes;
    const QString output = m_dir->filePath(QStringLiteral("out.jsonl"));
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    QVERIFY(job.start(snapshot, output, ExportFormat::Jsonl));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString error = finished.first().at(1).toString();
    QVERIFY2(error.contains(QDir::toNativeSeparators(input)) && error.contains(u"changed"_qs), qPrintable(error));
    QVERIFY(!QFile::exists(output));
}

void TestRunFileIndex::cancelDeliversNoIndex()
{
    const QString path = write(QStringLiteral("big.jsonl"), joined(makeRun(7, 42, 20000).entries, "\n"));
    RunFileReader reader;
    QSignalSpy indexed(&reader, &RunFileReader::indexed);
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.startIndexing(path));
    reader.cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(reader.wasCancelled());
    QCOMPARE(indexed.count(), 0);
}

QTEST_GUILESS_MAIN(TestRunFileIndex)
#include "tst_runfileindex.moc"
