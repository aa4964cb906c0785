// SPDX-License-Identifier: MIT
// Notes and marks on a run, through the session as the window uses it, kept in a real library
// on disk and fetched from the spec server: add, edit, delete, a restart, a newest-first run that
// grew, an entry that is gone, the filter, and the notes file that carries them to a colleague.
#include "model/runloader.h"
#include "notes/entryhash.h"
#include "notes/notesfile.h"
#include "notes/runnotes.h"
#include "rows/logtablemodel.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "session/demoservice.h"
#include "session/runsession.h"
#include "store/librarydatabase.h"
#include "store/runlibrary.h"
#include "testlogserver.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestRunNotes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void addEditDelete();
    void notesAndMarksSurviveARestart();
    void noteMovesWithItsEntryWhenANewestFirstRunGrows();
    void noteFindsItsEntryByHash();
    void orphanWhenTheEntryIsGone();
    void onlyEntriesWithNotes();
    void removedWithTheRunKeptWhenEvicted();
    void olderLibraryGainsTheNotesTable();
    void fileRunKeepsNotesByIdentity();
    void notesFileShape();
    void notesFileRefusesWhatItCannotRead_data();
    void notesFileRefusesWhatItCannotRead();
    void exportThenImportIntoAFreshLibrary();
    void importReportsNotesItCannotPlace();
    void demoRunKeepsNotesWhateverItsPort();

private:
    void openLibrary();
    void openRun(qint64 runId, bool newestFirst = false);
    QList<StoredNote> storedNotes(const QString &scopeKey);
    QString scopeKey(qint64 runId) const;

    QTemporaryDir m_directory;
    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<RunLibrary> m_library;
    std::unique_ptr<RunSession> m_session;
    QString m_folder;
};

void TestRunNotes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_directory.isValid());
}

void TestRunNotes::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(7, 42, 5));
    static int libraries = 0;
    m_folder = m_directory.filePath(QStringLiteral("library-%1").arg(++libraries));
    openLibrary();
    m_session = std::make_unique<RunSession>();
}

void TestRunNotes::cleanup()
{
    m_session.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset();
    m_server.reset();
}

void TestRunNotes::openLibrary()
{
    m_library = std::make_unique<RunLibrary>(m_folder);
    QVERIFY(m_library->isAvailable());
    RunLoader::setDefaultPageCache(m_library.get());
}

void TestRunNotes::openRun(qint64 runId, bool newestFirst)
{
    m_session->openApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{7, runId}, newestFirst);
    QTRY_VERIFY(m_session->apiRun() && m_session->apiRun()->runId == runId);
    QTRY_VERIFY(m_session->notes()->isReady());
    QTRY_VERIFY(m_session->model()->rowCount() > 0);
    QTRY_COMPARE(m_session->model()->store().loadedCount(), m_session->model()->rowCount());
}

QString TestRunNotes::scopeKey(qint64 runId) const
{
    return QStringLiteral("api %1 7 %2").arg(PageCache::originOf(m_server->baseUrl())).arg(runId);
}

QList<StoredNote> TestRunNotes::storedNotes(const QString &key)
{
    QList<StoredNote> notes;
    bool answered = false;
    m_library->loadNotes(key, this, [&](const QList<StoredNote> &stored) {
        notes = stored;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }))
        qWarning("no answer from the library");
    return notes;
}

void TestRunNotes::addEditDelete()
{
    openRun(42);
    LogTableModel *model = m_session->model();
    RunNotes *notes = m_session->notes();
    QVERIFY(!model->hasNote(2));

    notes->setNote(2, QStringLiteral("the **bug** starts here"));
    QVERIFY(model->hasNote(2));
    QCOMPARE(model->noteText(2), QStringLiteral("the **bug** starts here"));
    QCOMPARE(model->index(2, 0).data(LogTableModel::NoteRole).toString(), QStringLiteral("the **bug** starts here"));
    QVERIFY(model->index(1, 0).data(LogTableModel::NoteRole).isNull());
    QCOMPARE(model->notedRows(), QVector<int>({2}));

    notes->setNote(2, QStringLiteral("edited"));
    QCOMPARE(model->noteText(2), QStringLiteral("edited"));
    m_library->flush();
    QList<StoredNote> stored = storedNotes(scopeKey(42));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0).position, 2);
    QCOMPARE(stored.at(0).text, QStringLiteral("edited"));
    QCOMPARE(stored.at(0).entrySha256, EntryHash::of(makeSampleEntry(42, 2)));
    QVERIFY(!stored.at(0).marked);

    notes->setNote(2, QStringLiteral("   "));
    QVERIFY(!model->hasNote(2));
    QVERIFY(notes->notes().isEmpty());
    m_library->flush();
    QVERIFY(storedNotes(scopeKey(42)).isEmpty());
}

void TestRunNotes::notesAndMarksSurviveARestart()
{
    openRun(42);
    m_session->notes()->setNote(3, QStringLiteral("look here"));
    m_session->model()->setMarked(1, true);
    m_session.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset(); // the process ends

    openLibrary();
    m_session = std::make_unique<RunSession>();
    openRun(42);
    QTRY_VERIFY(m_session->model()->hasNote(3));
    QCOMPARE(m_session->model()->noteText(3), QStringLiteral("look here"));
    QVERIFY(m_session->model()->isMarked(1));
    QVERIFY(!m_session->model()->isMarked(3));
    QCOMPARE(m_session->model()->markedRows(), QVector<int>({1}));
}

void TestRunNotes::noteMovesWithItsEntryWhenANewestFirstRunGrows()
{
    // Still going: opened again, it is asked for what is new.
    m_server->addRun(makeRun(7, 44, 5, QStringLiteral("RUNNING")));
    openRun(44, true);
    LogTableModel *model = m_session->model();
    // Newest first: row 3 of 5 is the second oldest entry.
    QCOMPARE(model->index(3, 0).data(LogTableModel::RawJsonRole).toByteArray(), makeSampleEntry(44, 1));
    m_session->notes()->setNote(3, QStringLiteral("on entry 2"));

    const auto run = m_server->run(44);
    for (int n = 5; n < 8; ++n)
        run->entries.append(makeSampleEntry(44, n));
    m_session->close();
    openRun(44, true);
    QTRY_COMPARE(model->rowCount(), 8);
    QTRY_COMPARE(model->store().loadedCount(), 8);
    // Three newer entries came above it: the note is on row 6 now, the same entry.
    QTRY_VERIFY(model->hasNote(6));
    QCOMPARE(model->index(6, 0).data(LogTableModel::RawJsonRole).toByteArray(), makeSampleEntry(44, 1));
    QCOMPARE(model->noteText(6), QStringLiteral("on entry 2"));
    QCOMPARE(model->notedRows(), QVector<int>({6}));
    QCOMPARE(m_session->notes()->orphanCount(), 0);
}

void TestRunNotes::noteFindsItsEntryByHash()
{
    // A note kept at position 0 for the entry that is at position 3 now (its run was numbered
    // differently when the note was written).
    StoredNote note;
    note.position = 0;
    note.entrySha256 = EntryHash::of(makeSampleEntry(42, 3));
    note.text = QStringLiteral("moved");
    m_library->saveNotes(NotesScope::forApi(PageCache::originOf(m_server->baseUrl()), 7, 42), {note});
    openRun(42);
    QTRY_VERIFY(m_session->model()->hasNote(3));
    QVERIFY(!m_session->model()->hasNote(0));
    QCOMPARE(m_session->notes()->orphanCount(), 0);
    m_library->flush();
    const QList<StoredNote> stored = storedNotes(scopeKey(42));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0).position, 3);
}

void TestRunNotes::orphanWhenTheEntryIsGone()
{
    StoredNote note;
    note.position = 1;
    note.entrySha256 = EntryHash::of("{\"agent_run_id\":42,\"thought\":\"an entry the server no longer has\"}");
    note.text = QStringLiteral("lost");
    m_library->saveNotes(NotesScope::forApi(PageCache::originOf(m_server->baseUrl()), 7, 42), {note});
    openRun(42);
    QTRY_COMPARE(m_session->notes()->orphanCount(), 1);
    QVERIFY(!m_session->model()->hasNote(1));
    const QList<StoredNote> listed = m_session->notes()->notes();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).text, QStringLiteral("lost"));
    QVERIFY(m_session->notes()->isOrphan(listed.at(0)));
    // Kept until the user deletes it.
    m_library->flush();
    QCOMPARE(storedNotes(scopeKey(42)).size(), 1);
    m_session->notes()->removeNote(listed.at(0).position, listed.at(0).entrySha256);
    QCOMPARE(m_session->notes()->orphanCount(), 0);
    m_library->flush();
    QVERIFY(storedNotes(scopeKey(42)).isEmpty());
}

void TestRunNotes::onlyEntriesWithNotes()
{
    openRun(42);
    LogFilterProxyModel proxy;
    proxy.setSourceModel(m_session->model());
    m_session->notes()->setNote(0, QStringLiteral("a"));
    m_session->notes()->setNote(4, QStringLiteral("b"));
    m_session->model()->setMarked(2, true);
    QCOMPARE(proxy.rowCount(), 5);
    proxy.setNotedOnly(true);
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.mapToSource(proxy.index(0, 0)).row(), 0);
    QCOMPARE(proxy.mapToSource(proxy.index(1, 0)).row(), 4);
    m_session->notes()->setNote(1, QStringLiteral("c"));
    QCOMPARE(proxy.rowCount(), 3);
    proxy.clearFilters();
    QVERIFY(!proxy.isNotedOnly());
    QCOMPARE(proxy.rowCount(), 5);
}

void TestRunNotes::removedWithTheRunKeptWhenEvicted()
{
    m_server->addRun(makeRun(7, 43, 5));
    openRun(42);
    m_session->notes()->setNote(0, QStringLiteral("kept"));
    m_library->flush();
    bool listed = false;
    m_library->listRuns(this, [&](const QList<LibraryRun> &runs) {
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).notes, 1); // Delete asks first
        listed = true;
    });
    QTRY_VERIFY(listed);

    // Evicted by a tiny size limit when the next run is stored: the pages go, the note stays.
    m_library->setSizeLimit(1);
    QSignalSpy evicted(m_library.get(), &RunLibrary::evicted);
    openRun(43);
    m_library->flush();
    QTRY_COMPARE(evicted.count(), 1);
    listed = false;
    m_library->listRuns(this, [&](const QList<LibraryRun> &runs) {
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).runId, 43);
        listed = true;
    });
    QTRY_VERIFY(listed);
    QCOMPARE(storedNotes(scopeKey(42)).size(), 1);

    // Removed with the run.
    PageCache::Key key{PageCache::originOf(m_server->baseUrl()), RunRef{7, 42}};
    m_library->removeRun(key);
    m_library->flush();
    QVERIFY(storedNotes(scopeKey(42)).isEmpty());
}

void TestRunNotes::olderLibraryGainsTheNotesTable()
{
    openRun(42);
    m_session.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset();
    {
        // The file as version 1 left it: no notes table.
        LibraryDatabase database(m_folder);
        QVERIFY(database.open());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("DROP TABLE notes")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=1")));
    }
    openLibrary();
    m_session = std::make_unique<RunSession>();
    const int requests = m_server->requestCount();
    openRun(42); // the pages kept by version 1 are still there: no request
    QCOMPARE(m_server->requestCount(), requests);
    QCOMPARE(m_session->model()->rowCount(), 5);
    m_session->notes()->setNote(1, QStringLiteral("after the migration"));
    m_library->flush();
    QCOMPARE(storedNotes(scopeKey(42)).size(), 1);
    LibraryDatabase database(m_folder);
    QVERIFY(database.open());
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
    QCOMPARE(query.value(0).toInt(), 2);
}

void TestRunNotes::fileRunKeepsNotesByIdentity()
{
    const QString path = m_directory.filePath(QStringLiteral("run.jsonl"));
    QByteArray bytes = makeSampleEntry(9, 0) + '\n' + makeSampleEntry(9, 1) + '\n';
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    m_session->openFile(path);
    QTRY_VERIFY(m_session->notes()->isReady());
    QTRY_COMPARE(m_session->model()->store().loadedCount(), 2);
    QVERIFY(m_session->notes()->scope().key.startsWith(QStringLiteral("file ")));
    m_session->notes()->setNote(1, QStringLiteral("in the file"));
    m_session->close();
    m_session->openFile(path);
    QTRY_VERIFY(m_session->model()->hasNote(1));

    // Another file under the same name (rewritten) is another run: no notes.
    m_session->close();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(makeSampleEntry(9, 5) + '\n' + makeSampleEntry(9, 6) + '\n');
    }
    m_session->openFile(path);
    QTRY_VERIFY(m_session->notes()->isReady());
    QTRY_COMPARE(m_session->model()->store().loadedCount(), 2);
    QVERIFY(!m_session->model()->hasNote(1));
    QVERIFY(m_session->notes()->notes().isEmpty());
}

void TestRunNotes::notesFileShape()
{
    NotesFile file;
    file.orgId = 7;
    file.runId = 42;
    StoredNote note;
    note.position = 1411;
    note.entrySha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    note.text = QStringLiteral("line \"one\"\nline two");
    note.marked = true;
    file.notes = {note};
    QCOMPARE(file.toJson(), QByteArray("{\"org\":7,\"run\":42,\"notes\":[{\"entry\":1412,\"entry_sha256\":"
                                       "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
                                       "\"text\":\"line \\\"one\\\"\\nline two\",\"marked\":true}]}\n"));
    NotesFile empty;
    QCOMPARE(empty.toJson(), QByteArray("{\"org\":null,\"run\":null,\"notes\":[]}\n"));

    QString error;
    const std::optional<NotesFile> back = NotesFile::parse(file.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->orgId, std::optional<qint64>(7));
    QCOMPARE(back->notes.size(), 1);
    QCOMPARE(back->notes.at(0).position, 1411);
    QCOMPARE(back->notes.at(0).text, note.text);
    QVERIFY(back->notes.at(0).marked);
}

void TestRunNotes::notesFileRefusesWhatItCannotRead_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addRow("not json") << QByteArray("{\"notes\":[") << QStringLiteral("It is not JSON");
    QTest::addRow("no notes") << QByteArray("{\"org\":1}") << QStringLiteral("It is not a notes file: it has no \"notes\" list.");
    QTest::addRow("bad org") << QByteArray("{\"org\":\"7\",\"notes\":[]}") << QStringLiteral("Its \"org\" is not a whole number or null.");
    QTest::addRow("entry 0") << QByteArray("{\"notes\":[{\"entry\":0,\"entry_sha256\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"text\":\"x\"}]}")
                             << QStringLiteral("Note 1 is not an object");
    QTest::addRow("short hash") << QByteArray("{\"notes\":[{\"entry\":1,\"entry_sha256\":\"abc\",\"text\":\"x\"}]}")
                                << QStringLiteral("Note 1 is not an object");
    QTest::addRow("no text") << QByteArray("{\"notes\":[{\"entry\":1,\"entry_sha256\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}]}")
                             << QStringLiteral("Note 1 is not an object");
}

void TestRunNotes::notesFileRefusesWhatItCannotRead()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!NotesFile::parse(json, &why));
    QVERIFY2(why.startsWith(error), qPrintable(why));
}

void TestRunNotes::exportThenImportIntoAFreshLibrary()
{
    openRun(42);
    m_session->notes()->setNote(0, QStringLiteral("first"));
    m_session->notes()->setNote(3, QStringLiteral("fourth"));
    m_session->model()->setMarked(3, true);
    m_session->model()->setMarked(4, true);
    NotesFile file;
    file.notes = m_session->notes()->records();
    const QByteArray exported = file.toJson();

    // A colleague's Runlog: another library, the same run.
    m_session.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset();
    m_folder = m_directory.filePath(QStringLiteral("colleague"));
    openLibrary();
    m_session = std::make_unique<RunSession>();
    openRun(42);
    QVERIFY(m_session->notes()->records().isEmpty());
    QSignalSpy imported(m_session->notes(), &RunNotes::imported);
    m_session->notes()->importNotes(NotesFile::parse(exported, nullptr)->notes);
    QTRY_COMPARE(imported.count(), 1);
    const auto result = imported.at(0).at(0).value<RunNotes::ImportResult>();
    QCOMPARE(result.placed, 3);
    QVERIFY(result.unplaced.isEmpty());
    QCOMPARE(m_session->model()->noteText(0), QStringLiteral("first"));
    QCOMPARE(m_session->model()->noteText(3), QStringLiteral("fourth"));
    QCOMPARE(m_session->model()->markedRows(), QVector<int>({3, 4}));
    NotesFile again;
    again.notes = m_session->notes()->records();
    QCOMPARE(again.toJson(), exported);
    m_library->flush();
    QCOMPARE(storedNotes(scopeKey(42)).size(), 3);
}

void TestRunNotes::importReportsNotesItCannotPlace()
{
    openRun(42);
    StoredNote elsewhere;
    elsewhere.position = 2;
    elsewhere.entrySha256 = EntryHash::of("{\"agent_run_id\":99}");
    elsewhere.text = QStringLiteral("of another run");
    StoredNote here;
    here.position = 0; // written on entry 1 of a run numbered differently: found by hash
    here.entrySha256 = EntryHash::of(makeSampleEntry(42, 4));
    here.text = QStringLiteral("placed");
    QSignalSpy imported(m_session->notes(), &RunNotes::imported);
    m_session->notes()->importNotes({elsewhere, here});
    QTRY_COMPARE(imported.count(), 1);
    const auto result = imported.at(0).at(0).value<RunNotes::ImportResult>();
    QCOMPARE(result.placed, 1);
    QCOMPARE(result.unplaced.size(), 1);
    QCOMPARE(result.unplaced.at(0).text, QStringLiteral("of another run"));
    QCOMPARE(m_session->model()->noteText(4), QStringLiteral("placed"));
    QVERIFY(!m_session->model()->hasNote(0));
}

void TestRunNotes::demoRunKeepsNotesWhateverItsPort()
{
    const auto openDemo = [this](DemoService &demo) {
        QVERIFY(demo.start());
        m_session->openApi(demo.endpoint(), demo.sampleRun());
        QTRY_VERIFY(m_session->apiRun() && m_session->notes()->isReady());
        QTRY_VERIFY(m_session->model()->rowCount() > 0 && m_session->model()->store().isLoaded(0));
        QVERIFY(m_session->notes()->scope().key.startsWith(QStringLiteral("api demo ")));
    };
    {
        DemoService demo;
        openDemo(demo);
        m_session->notes()->setNote(0, QStringLiteral("demo note"));
        m_session->close();
    }
    DemoService again; // another port
    openDemo(again);
    QTRY_VERIFY(m_session->model()->hasNote(0));
    QCOMPARE(m_session->model()->noteText(0), QStringLiteral("demo note"));

    // The Library counts the demo run's note (Delete asks first) and Delete takes it along,
    // although the run is stored at this start's port and the note under "demo".
    m_library->flush();
    const PageCache::Key key{PageCache::originOf(again.endpoint().baseUrl), again.sampleRun()};
    bool listed = false;
    m_library->listRuns(this, [&](const QList<LibraryRun> &runs) {
        for (const LibraryRun &run : runs) {
            if (run.origin == key.origin && run.runId == key.run.runId) {
                QCOMPARE(run.notes, 1);
                listed = true;
            }
        }
    });
    QTRY_VERIFY(listed);
    m_session->close();
    m_library->removeRun(key);
    m_library->flush();
    QVERIFY(storedNotes(QStringLiteral("api demo %1 %2").arg(key.run.orgId).arg(key.run.runId)).isEmpty());
}

QTEST_GUILESS_MAIN(TestRunNotes)
#include "tst_runnotes.moc"
