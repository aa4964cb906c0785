// SPDX-License-Identifier: MIT
// `runlog SOURCE --notes --format json`, the real binary: the notes the library keeps for a run
// file or an API run, placed on the run's entries, in the shape Export Notes writes.
#include "clienvironment.h"
#include "clirun.h"
#include "notes/fileidentity.h"
#include "rows/pagecache.h"
#include "samplerun.h"
#include "store/runlibrary.h"
#include "testlogserver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestCliNotes : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void fileRunWithoutNotes();
    void fileRunNotesAndMarks();
    void apiRunNoteFollowsItsEntry();
    void onlyJson();
    void exportToMarkdownShowsTheNotes();

private:
    QString writeRunFile();
    void keepNotes(const NotesScope &scope, const QList<StoredNote> &notes);
    QString libraryFolder() const { return QDir(m_home->path()).filePath(QStringLiteral("data/runlog")); }

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCliNotes::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

QString TestCliNotes::writeRunFile()
{
    const QString path = m_home->filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("{\"agent_run_id\":9,\"thought\":\"a\"}\n{\"agent_run_id\":9,\"thought\":\"b\"}\n");
    return path;
}

void TestCliNotes::keepNotes(const NotesScope &scope, const QList<StoredNote> &notes)
{
    RunLibrary library(libraryFolder());
    QVERIFY(library.isAvailable());
    library.saveNotes(scope, notes);
    library.flush();
}

void TestCliNotes::fileRunWithoutNotes()
{
    const QString path = writeRunFile();
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), {path, QStringLiteral("--notes"), QStringLiteral("--format"),
                                                                QStringLiteral("json")},
                                cliEnvironment(m_home->path()));
    QCOMPARE(run.code(), 0);
    QCOMPARE(run.out, QByteArray("{\"org\":null,\"run\":9,\"notes\":[]}\n"));
}

void TestCliNotes::fileRunNotesAndMarks()
{
    const QString path = writeRunFile();
    StoredNote note;
    note.position = 1;
    note.entrySha256 = "ed4688b90be582b270eb724cce492c4557b40814fd022d6b3b0a8c5af88427c6"; // {"agent_run_id":9,"thought":"b"}
    note.text = QStringLiteral("look at \"this\"");
    note.marked = true;
    StoredNote mark;
    mark.position = 0; // a mark kept before notes had hashes: it gets its entry's
    mark.marked = true;
    keepNotes(FileIdentity::scopeOf(path), {mark, note});
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), {path, QStringLiteral("--notes")}, cliEnvironment(m_home->path()));
    QCOMPARE(run.code(), 0);
    QCOMPARE(run.out, QByteArray("{\"org\":null,\"run\":9,\"notes\":["
                                 "{\"entry\":1,\"entry_sha256\":\"fa58f07b78019243a27782e47d8c70008f00cf88044e7e1ed29e2b86c7e6de2c\","
                                 "\"text\":\"\",\"marked\":true},"
                                 "{\"entry\":2,\"entry_sha256\":\"ed4688b90be582b270eb724cce492c4557b40814fd022d6b3b0a8c5af88427c6\","
                                 "\"text\":\"look at \\\"this\\\"\",\"marked\":true}]}\n"));
}

void TestCliNotes::apiRunNoteFollowsItsEntry()
{
    TestLogServer server;
    QVERIFY(server.isListening());
    server.setRateLimit(1000, 60000);
    server.addRun(makeRun(7, 42, 3));
    // Kept at position 0 for the entry now at position 1 (entry 2).
    StoredNote note;
    note.position = 0;
    note.entrySha256 = "cb3684ebec709f2094944b2ab68ab307c33772daff8d0119cd8a3ed7ccbddd2e";
    note.text = QStringLiteral("the second entry");
    keepNotes(NotesScope::forApi(PageCache::originOf(server.baseUrl()), 7, 42), {note});
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY),
                                {QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"), QStringLiteral("42"),
                                 QStringLiteral("--base-url"), server.baseUrl().toString(), QStringLiteral("--notes"),
                                 QStringLiteral("--format"), QStringLiteral("json")},
                                cliEnvironment(m_home->path(), "token"));
    QCOMPARE(run.code(), 0);
    QCOMPARE(run.out, QByteArray("{\"org\":7,\"run\":42,\"notes\":["
                                 "{\"entry\":2,\"entry_sha256\":\"cb3684ebec709f2094944b2ab68ab307c33772daff8d0119cd8a3ed7ccbddd2e\","
                                 "\"text\":\"the second entry\",\"marked\":false}]}\n"));
}

void TestCliNotes::onlyJson()
{
    const QString path = writeRunFile();
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), {path, QStringLiteral("--notes"), QStringLiteral("--format"),
                                                                QStringLiteral("tsv")},
                                cliEnvironment(m_home->path()));
    QCOMPARE(run.code(), 2);
    QVERIFY2(run.err.contains("--format must be json with --notes"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCliNotes::exportToMarkdownShowsTheNotes()
{
    const QString path = writeRunFile();
    StoredNote note;
    note.position = 1;
    note.entrySha256 = "ed4688b90be582b270eb724cce492c4557b40814fd022d6b3b0a8c5af88427c6";
    note.text = QStringLiteral("the second one");
    keepNotes(FileIdentity::scopeOf(path), {note});
    const QString md = m_home->filePath(QStringLiteral("out.md"));
    const QString jsonl = m_home->filePath(QStringLiteral("out.jsonl"));
    QCOMPARE(runToEnd(QStringLiteral(RUNLOG_BINARY), {path, QStringLiteral("--export"), md}, cliEnvironment(m_home->path())).code(), 0);
    QCOMPARE(runToEnd(QStringLiteral(RUNLOG_BINARY), {path, QStringLiteral("--export"), jsonl}, cliEnvironment(m_home->path())).code(), 0);
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    const QByteArray markdown = mdFile.readAll();
    QVERIFY2(markdown.contains("> **Note:**\n>\n> the second one\n"), markdown.constData());
    QCOMPARE(markdown.count("**Note:**"), 1);
    QFile jsonlFile(jsonl);
    QVERIFY(jsonlFile.open(QIODevice::ReadOnly));
    QCOMPARE(jsonlFile.readAll(), QByteArray("{\"agent_run_id\":9,\"thought\":\"a\"}\n{\"agent_run_id\":9,\"thought\":\"b\"}\n"));
}

QTEST_GUILESS_MAIN(TestCliNotes)
#include "tst_clinotes.moc"
