// SPDX-License-Identifier: MIT
// LibrarySearch keeps its threads' connections from one search to the next: searches in a row
// find what fresh ones find (also with the second thread reading second halves), a run stored
// between two searches is found by the second, a cleared library and a database file deleted and
// made anew are read as they are now, and destroying it right after a search started ends cleanly.
// Expected hits are written by hand from the entries stored here.
#include "api/pageparser.h"
#include "demo/logsendpoint.h"
#include "foundentry.h"
#include "samplerun.h"
#include "store/librarydatabase.h"
#include "store/librarysearch.h"
#include "store/librarysearchscan.h"
#include "store/runlibrary.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
const QString kOrigin = QStringLiteral("https://api.example.test");

using Found = FoundEntry;

// Run `id` created on `day` of January 2025, its entries' thoughts as given.
RunRecord runOf(qint64 id, int day, const QList<QByteArray> &thoughts)
{
    RunRecord run = makeRun(7, id, 0);
    run.setField(QStringLiteral("created_at"),
                 QByteArrayLiteral("\"2025-01-") + QByteArray::number(day).rightJustified(2, '0') + "T08:00:00Z\"");
    for (const QByteArray &thought : thoughts) {
        run.entries.append("{\"agent_run_id\":" + QByteArray::number(id)
                           + ",\"created_at\":\"2025-01-01T00:00:00Z\",\"tool_name\":null,\"message_type\":\"PLAN_EVALUATION\","
                             "\"thought\":\"" + thought + "\",\"observation\":null,\"tool_input\":null,\"tool_output\":null}");
    }
    return run;
}

void store(RunLibrary &library, const RunRecord &run)
{
    for (qint64 skip = 0; skip < run.entries.size(); skip += 100) {
        const PageParseResult page = PageParser::parse(LogsEndpoint::pageBody(run, skip, 100, false));
        QVERIFY2(page.ok, qPrintable(page.error));
        library.store(PageCache::Key{kOrigin, RunRef{run.organizationId, run.id}}, page.page.run, skip, page.page.entries);
    }
    library.flush();
}

// The hits of one search through `search`, in order.
QList<Found> searchFor(LibrarySearch &search, const QString &pattern)
{
    QSignalSpy hits(&search, &LibrarySearch::hitsFound);
    QSignalSpy finished(&search, &LibrarySearch::finished);
    SearchQuery query;
    query.pattern = pattern;
    search.start(query);
    if (!finished.wait(20000))
        return {Found{-1, -1}};
    const LibrarySearchSummary summary = finished.first().first().value<LibrarySearchSummary>();
    if (!summary.error.isEmpty())
        return {Found{-2, -2}};
    QList<Found> found;
    for (const QList<QVariant> &batch : std::as_const(hits)) {
        for (const LibrarySearchHit &hit : batch.first().value<QList<LibrarySearchHit>>())
            found.append(Found{hit.runId, hit.position});
    }
    return found;
}

// Entries 0..count-1, "needle" in those at the positions given, "zq" in every third.
QList<QByteArray> thoughtsWith(int count, const QList<int> &needles)
{
    QList<QByteArray> thoughts;
    for (int i = 0; i < count; ++i)
        thoughts.append(QByteArray(needles.contains(i) ? "a needle here" : "hay") + (i % 3 == 0 ? " zq" : ""));
    return thoughts;
}
} // namespace

class TestLibrarySearchConnections : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void searchesInARowFindWhatFreshOnesFind();
    void runStoredBetweenSearchesIsFound();
    void clearedLibraryIsReadAsItIsNow();
    void databaseDeletedAndMadeAnewIsReadAsItIsNow();
    void destroyedRightAfterAStartEndsCleanly();

private:
    QString folder() const { return m_dir->filePath(QStringLiteral("library")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunLibrary> m_library;
};

void TestLibrarySearchConnections::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QTest::failOnWarning(QRegularExpression(QStringLiteral("still in use|QSqlDatabase")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<RunLibrary>(folder());
    // Big enough runs are read by two threads where every entry is read ("zq": two letters).
    LibrarySearchScan::setEntriesWorthASecondThread(8);
}

void TestLibrarySearchConnections::cleanup()
{
    LibrarySearchScan::setEntriesWorthASecondThread(4096);
    m_library.reset();
    m_dir.reset();
}

void TestLibrarySearchConnections::searchesInARowFindWhatFreshOnesFind()
{
    store(*m_library, runOf(1, 5, thoughtsWith(20, {2, 11, 19})));
    store(*m_library, runOf(2, 9, thoughtsWith(10, {0})));
    const QList<Found> needles{{2, 0}, {1, 2}, {1, 11}, {1, 19}};
    const QList<Found> zq{{2, 0}, {2, 3}, {2, 6}, {2, 9}, {1, 0}, {1, 3}, {1, 6}, {1, 9}, {1, 12}, {1, 15}, {1, 18}};
    LibrarySearch kept(folder());
    for (int round = 0; round < 3; ++round) {
        QCOMPARE(searchFor(kept, QStringLiteral("needle")), needles);
        QCOMPARE(searchFor(kept, QStringLiteral("zq")), zq);
    }
    LibrarySearch fresh(folder());
    QCOMPARE(searchFor(fresh, QStringLiteral("zq")), zq);
    LibrarySearch freshToo(folder());
    QCOMPARE(searchFor(freshToo, QStringLiteral("needle")), needles);
}

void TestLibrarySearchConnections::runStoredBetweenSearchesIsFound()
{
    store(*m_library, runOf(1, 5, thoughtsWith(12, {4})));
    LibrarySearch search(folder());
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{1, 4}}));
    QCOMPARE(searchFor(search, QStringLiteral("zq")), (QList<Found>{{1, 0}, {1, 3}, {1, 6}, {1, 9}}));
    store(*m_library, runOf(2, 20, thoughtsWith(9, {1, 8})));
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{2, 1}, {2, 8}, {1, 4}}));
    QCOMPARE(searchFor(search, QStringLiteral("zq")),
             (QList<Found>{{2, 0}, {2, 3}, {2, 6}, {1, 0}, {1, 3}, {1, 6}, {1, 9}}));
}

void TestLibrarySearchConnections::clearedLibraryIsReadAsItIsNow()
{
    store(*m_library, runOf(1, 5, thoughtsWith(12, {4})));
    LibrarySearch search(folder());
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{1, 4}}));
    m_library->clear();
    m_library->flush();
    QCOMPARE(searchFor(search, QStringLiteral("needle")), QList<Found>{});
    QCOMPARE(searchFor(search, QStringLiteral("zq")), QList<Found>{});
    store(*m_library, runOf(3, 7, thoughtsWith(10, {9})));
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{3, 9}}));
    QCOMPARE(searchFor(search, QStringLiteral("zq")), (QList<Found>{{3, 0}, {3, 3}, {3, 6}, {3, 9}}));
}

void TestLibrarySearchConnections::databaseDeletedAndMadeAnewIsReadAsItIsNow()
{
    store(*m_library, runOf(1, 5, thoughtsWith(12, {4})));
    LibrarySearch search(folder());
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{1, 4}}));
    QCOMPARE(searchFor(search, QStringLiteral("zq")), (QList<Found>{{1, 0}, {1, 3}, {1, 6}, {1, 9}}));
    m_library.reset();
    const QString file = folder() + QLatin1Char('/') + QLatin1String(LibraryDatabase::kFileName);
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(file + suffix);
    QVERIFY(!QFile::exists(file));
    // Deleted: the next search reads the library as it is now (none: a new, empty one).
    QCOMPARE(searchFor(search, QStringLiteral("needle")), QList<Found>{});
    m_library = std::make_unique<RunLibrary>(folder());
    store(*m_library, runOf(2, 6, thoughtsWith(10, {7})));
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{2, 7}}));
    QCOMPARE(searchFor(search, QStringLiteral("zq")), (QList<Found>{{2, 0}, {2, 3}, {2, 6}, {2, 9}}));
    // Deleted and made anew between two searches, the search's connection still on the old file.
    m_library.reset();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(file + suffix);
    m_library = std::make_unique<RunLibrary>(folder());
    store(*m_library, runOf(4, 8, thoughtsWith(10, {3})));
    QCOMPARE(searchFor(search, QStringLiteral("needle")), (QList<Found>{{4, 3}}));
    QCOMPARE(searchFor(search, QStringLiteral("zq")), (QList<Found>{{4, 0}, {4, 3}, {4, 6}, {4, 9}}));
}

void TestLibrarySearchConnections::destroyedRightAfterAStartEndsCleanly()
{
    QList<QByteArray> thoughts = thoughtsWith(3000, {10, 2999});
    store(*m_library, runOf(1, 5, thoughts));
    for (int round = 0; round < 3; ++round) {
        auto search = std::make_unique<LibrarySearch>(folder());
        SearchQuery query;
        query.pattern = round == 1 ? QStringLiteral("needle") : QStringLiteral("zq");
        search->start(query);
        if (round == 2)
            QTest::qWait(5); // under way, maybe in its second thread
        search.reset(); // waits for its threads; a warning about a connection in use fails the test
    }
    // The folder goes at once, as a test fixture's does; nothing reads it after.
    m_library.reset();
    QVERIFY(QDir(folder()).removeRecursively());
    QVERIFY(!QFileInfo::exists(folder()));
}

QTEST_GUILESS_MAIN(TestLibrarySearchConnections)
#include "tst_librarysearchconnections.moc"
