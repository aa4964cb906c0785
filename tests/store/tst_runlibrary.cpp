// SPDX-License-Identifier: MIT
// RunLibrary on its own: pages kept byte for byte with the run's fields, the file's permissions,
// damaged and foreign files set aside, the size limit, removing and clearing, and two libraries
// (connections) on one file at once.
#include "api/pageparser.h"
#include "demo/logsendpoint.h"
#include "libraryanswers.h"
#include "samplerun.h"
#include "store/librarydatabase.h"
#include "store/libraryrecords.h"
#include "store/runlibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <memory>

namespace {
const QString kOrigin = QStringLiteral("https://api.example.test");

ParsedPage pageOf(const RunRecord &run, qint64 skip, qint64 limit = 100)
{
    PageParseResult parsed = PageParser::parse(LogsEndpoint::pageBody(run, skip, limit, false));
    if (!parsed.ok)
        qFatal("test page does not parse: %s", qPrintable(parsed.error));
    return std::move(parsed.page);
}

// A run of usual entries (a few hundred bytes of varied words each, as thoughts are), about
// `bytes` in all: its full-text index is as large, relative to it, as a real run's.
RunRecord makeWordyRun(qint64 org, qint64 id, qint64 bytes)
{
    static const char *const kWords[] = {"pytest", "failed", "assert", "import", "module", "config", "branch",
                                         "commit", "review", "docker", "deploy", "server", "client", "cache",
                                         "retry", "parser", "schema", "buffer", "thread", "socket", "python"};
    RunRecord run = makeRun(org, id, 0);
    QRandomGenerator random{quint32(id)};
    qint64 total = 0;
    for (int n = 0; total < bytes; ++n) {
        QByteArray thought = "step " + QByteArray::number(n) + ':';
        while (thought.size() < 380) {
            thought += ' ';
            thought += kWords[random.bounded(int(std::size(kWords)))];
            thought += QByteArray::number(random.bounded(100000));
        }
        QByteArray entry = makeSampleEntry(id, n);
        entry.replace("\"entry " + QByteArray::number(n) + '"', '"' + thought + '"');
        total += entry.size();
        run.entries.append(entry);
    }
    return run;
}

PageCache::Key keyOf(const RunRecord &run)
{
    return PageCache::Key{kOrigin, RunRef{run.organizationId, run.id}};
}

// Stores a whole run, page by page, as the loader would.
void storeRun(RunLibrary &library, const RunRecord &run)
{
    for (qint64 skip = 0; skip == 0 || skip < run.entries.size(); skip += 100) {
        const ParsedPage page = pageOf(run, skip);
        library.store(keyOf(run), page.run, skip, page.entries);
    }
}

PageCache::Stored openRun(RunLibrary &library, const PageCache::Key &key)
{
    QObject context;
    std::optional<PageCache::Stored> answer;
    library.openRun(key, &context, [&answer](const PageCache::Stored &stored) { answer = stored; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        qFatal("the library did not answer");
    return *answer;
}

QList<LogEntry> readRows(RunLibrary &library, const PageCache::Key &key, qint64 first, int count)
{
    QObject context;
    std::optional<QList<LogEntry>> answer;
    library.readRows(key, first, count, &context, [&answer](QList<LogEntry> entries) { answer = std::move(entries); });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        qFatal("the library did not answer");
    return *answer;
}

QList<QByteArray> rawOf(const QList<LogEntry> &entries)
{
    QList<QByteArray> raw;
    for (const LogEntry &entry : entries)
        raw.append(entry.rawJson);
    return raw;
}

QList<QByteArray> slice(const QList<QByteArray> &list, qsizetype first, qsizetype count)
{
    return list.mid(first, count);
}
} // namespace

class TestRunLibrary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void pagesComeBackByteForByte();
    void runFieldsComeBack();
    void rangesTellWhatIsKept();
    void aPageStoredAgainReplacesOnlyWhatChanged();
    void unknownRunIsNotFound();
    void filesArePrivate();
    void unusableFilesAreSetAside_data();
    void unusableFilesAreSetAside();
    void damageFoundLaterIsSetAsideToo();
    void sizeLimitRemovesLeastRecentlyOpened();
    void sizeLimitKeepsWhatFitsAndTheFileShrinks();
    void newLibraryGivesSpaceBack();
    void removeAndClear();
    void forgottenRunsLeaveTheirNotes();
    void twoLibrariesOnOneFile();
    void manyOpenAFreshLibraryAtOnce();

private:
    QString folder() const { return m_dir->filePath(QStringLiteral("library")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunLibrary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No help from the umask: the library's own modes must make its files private.
    ::umask(0);
}

void TestRunLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRunLibrary::pagesComeBackByteForByte()
{
    const RunRecord run = makeAwkwardRun(7, 42, 512 * 1024);
    {
        RunLibrary library(folder());
        QVERIFY(library.isAvailable());
        storeRun(library, run);
    }
    // Another library object on the same folder: what was written is on disk.
    RunLibrary library(folder());
    const QList<LogEntry> entries = readRows(library, keyOf(run), 0, int(run.entries.size()));
    QCOMPARE(rawOf(entries), run.entries);
    // Parsed as a page's entries are, with the same fields for the table.
    const ParsedPage page = pageOf(run, 0);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QCOMPARE(entries.at(i).messageType, page.entries.at(i).messageType);
        QCOMPARE(entries.at(i).toolName, page.entries.at(i).toolName);
        QCOMPARE(entries.at(i).createdAtMsecs, page.entries.at(i).createdAtMsecs);
    }
    // A part of it.
    QCOMPARE(rawOf(readRows(library, keyOf(run), 3, 4)), slice(run.entries, 3, 4));
}

void TestRunLibrary::runFieldsComeBack()
{
    const RunRecord run = makeAwkwardRun(7, 42, 1024);
    RunLibrary library(folder());
    storeRun(library, run);
    const PageCache::Stored stored = openRun(library, keyOf(run));
    QVERIFY(stored.found);
    const RunInfo expected = pageOf(run, 0).run;
    QCOMPARE(stored.run.id, qint64(42));
    QCOMPARE(stored.run.organizationId, qint64(7));
    QCOMPARE(stored.run.status, expected.status);
    QCOMPARE(stored.run.totalLogs, std::optional<qint64>(run.entries.size()));
    QCOMPARE(stored.run.metadataJson, expected.metadataJson);
    // Every field, unknown ones included, in the server's order, as raw JSON.
    QCOMPARE(stored.run.rawFields, expected.rawFields);
    const QList<LibraryRun> runs = listRuns(library);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().origin, kOrigin);
    QCOMPARE(runs.first().status, QStringLiteral("COMPLETE"));
    QCOMPARE(runs.first().storedEntries, qint64(run.entries.size()));
    qint64 bytes = 0;
    for (const QByteArray &entry : run.entries)
        bytes += entry.size();
    QCOMPARE(runs.first().storedBytes, bytes);
    QVERIFY(runs.first().isWhole());
}

void TestRunLibrary::rangesTellWhatIsKept()
{
    const RunRecord run = makeRun(7, 42, 1000);
    RunLibrary library(folder());
    for (const qint64 skip : {0, 100, 500, 900, 300}) {
        const ParsedPage page = pageOf(run, skip);
        library.store(keyOf(run), page.run, skip, page.entries);
    }
    const PageCache::Stored stored = openRun(library, keyOf(run));
    const QList<std::pair<qint64, qint64>> expected = {{0, 199}, {300, 399}, {500, 599}, {900, 999}};
    QCOMPARE(stored.ranges, expected);
    QCOMPARE(stored.storedCount(), qint64(500));
    // Rows across a gap: only the ones before it.
    QCOMPARE(rawOf(readRows(library, keyOf(run), 150, 100)), slice(run.entries, 150, 50));
}

void TestRunLibrary::aPageStoredAgainReplacesOnlyWhatChanged()
{
    // A run still going: its last page first with 50 entries, later with 100, one of them changed.
    RunRecord run = makeRun(7, 42, 150, QStringLiteral("RUNNING"));
    RunLibrary library(folder());
    storeRun(library, run);
    for (int n = 150; n < 200; ++n)
        run.entries.append(makeSampleEntry(42, n));
    run.entries[120] = makeSampleEntry(42, 9120);
    run.setStatus(QStringLiteral("COMPLETE"));
    const ParsedPage page = pageOf(run, 100);
    library.store(keyOf(run), page.run, 100, page.entries);

    QCOMPARE(rawOf(readRows(library, keyOf(run), 0, 200)), run.entries);
    const QList<LibraryRun> runs = listRuns(library);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().storedEntries, qint64(200));
    qint64 bytes = 0;
    for (const QByteArray &entry : run.entries)
        bytes += entry.size();
    QCOMPARE(runs.first().storedBytes, bytes);
    QCOMPARE(runs.first().status, QStringLiteral("COMPLETE"));
}

void TestRunLibrary::unknownRunIsNotFound()
{
    RunLibrary library(folder());
    storeRun(library, makeRun(7, 42, 10));
    QVERIFY(!openRun(library, PageCache::Key{kOrigin, RunRef{7, 43}}).found);
    QVERIFY(!openRun(library, PageCache::Key{kOrigin, RunRef{8, 42}}).found);
    // Another API address is another library entry, even for the same numbers.
    QVERIFY(!openRun(library, PageCache::Key{QStringLiteral("https://other.example.test"), RunRef{7, 42}}).found);
    QVERIFY(openRun(library, PageCache::Key{kOrigin, RunRef{7, 42}}).found);
    QVERIFY(readRows(library, PageCache::Key{kOrigin, RunRef{7, 43}}, 0, 10).isEmpty());
}

void TestRunLibrary::filesArePrivate()
{
    {
        RunLibrary library(folder());
        QVERIFY(library.isAvailable());
        storeRun(library, makeRun(7, 42, 300));
        library.flush();
        // While it is open, with its journal and shared-memory index.
        const QString file = library.filePath();
        for (const QString &path : {file, file + QStringLiteral("-wal"), file + QStringLiteral("-shm")}) {
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
            struct stat info {};
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
            QCOMPARE(info.st_mode & 0777, mode_t(0600));
        }
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(folder()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0700));
    }
    // A folder and file that were opened up by someone are made private again.
    QVERIFY(QFile::setPermissions(folder(), QFileDevice::Permissions(0x7777)));
    const QString file = folder() + QStringLiteral("/library.sqlite");
    QVERIFY(QFile::setPermissions(file, QFileDevice::Permissions(0x6666)));
    RunLibrary library(folder());
    QVERIFY(library.isAvailable());
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(folder()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0700));
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
}

void TestRunLibrary::unusableFilesAreSetAside_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("not a database") << QStringLiteral("garbage");
    QTest::addRow("truncated library") << QStringLiteral("truncated");
    QTest::addRow("another program's database") << QStringLiteral("foreign");
    QTest::addRow("a newer Runlog's library") << QStringLiteral("newer");
}

void TestRunLibrary::unusableFilesAreSetAside()
{
    QFETCH(QString, kind);
    const QString file = folder() + QStringLiteral("/library.sqlite");
    QVERIFY(QDir().mkpath(folder()));
    if (kind == QLatin1String("garbage")) {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QByteArray junk;
        for (int i = 0; i < 100000; ++i)
            junk.append(char(i * 7919 % 251));
        out.write(junk);
    } else if (kind == QLatin1String("truncated")) {
        {
            RunLibrary library(folder());
            for (qint64 id = 1; id <= 20; ++id)
                storeRun(library, makeRun(7, id, 400));
        }
        // Closed: everything is in the main file now. Cut it in the middle, as a full disk or a
        // broken copy would.
        QFile cut(file);
        QVERIFY(cut.size() > 100000);
        QVERIFY(cut.resize(cut.size() / 2));
    } else {
        const QString name = QStringLiteral("foreign-%1").arg(kind);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            if (kind == QLatin1String("foreign")) {
                QVERIFY(query.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")));
                QVERIFY(query.exec(QStringLiteral("INSERT INTO notes (body) VALUES ('mine')")));
            } else {
                QVERIFY(query.exec(QStringLiteral("PRAGMA application_id=%1").arg(LibraryDatabase::kApplicationId)));
                QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=%1").arg(LibraryDatabase::kSchemaVersion + 1)));
                QVERIFY(query.exec(QStringLiteral("CREATE TABLE future (x)")));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    const QByteArray before = [&file] {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }();

    RunLibrary library(folder());
    QSignalSpy setAside(&library, &RunLibrary::setAside);
    QVERIFY(library.isAvailable());
    QTRY_COMPARE(setAside.size(), 1);
    QCOMPARE(setAside.first().at(0).toString(), file);
    const QString movedTo = setAside.first().at(1).toString();
    QVERIFY(movedTo.startsWith(file + QStringLiteral(".set-aside-")));
    QVERIFY(!setAside.first().at(2).toString().isEmpty());
    // Renamed, not changed: the user can still look at it.
    QFile moved(movedTo);
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), before);

    // And a new library works.
    const RunRecord run = makeRun(7, 42, 250);
    storeRun(library, run);
    QCOMPARE(rawOf(readRows(library, keyOf(run), 0, 250)), run.entries);
    QCOMPARE(setAside.size(), 1); // told once
}

void TestRunLibrary::damageFoundLaterIsSetAsideToo()
{
    // A file bigger than the quick check's limit is checked only as it is used: damage shown by a
    // read sets it aside as well.
    const RunRecord run = makeRun(7, 42, 3000);
    {
        RunLibrary library(folder());
        storeRun(library, run);
    }
    const QString file = folder() + QStringLiteral("/library.sqlite");
    qint64 rootPage = 0;
    qint64 pageSize = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("root-page"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT rootpage, (SELECT page_size FROM pragma_page_size())"
                                          " FROM sqlite_master WHERE name = 'runs'")) && query.next());
        rootPage = query.value(0).toLongLong();
        pageSize = query.value(1).toLongLong();
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("root-page"));
    QVERIFY(rootPage > 1 && pageSize > 0);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        // The runs table's root page overwritten with junk: the schema on the first page still
        // reads, so the library opens, and the first look at a run meets the damage. (Damage
        // that SQLite does not notice reads as rows that are missing: the loader fetches those.)
        QVERIFY(f.size() > 64 * pageSize);
        QVERIFY(f.seek((rootPage - 1) * pageSize));
        f.write(QByteArray(int(pageSize), '\xA5'));
    }
    LibraryDatabase::setQuickCheckMaxBytes(0);
    const auto restore = qScopeGuard([] { LibraryDatabase::setQuickCheckMaxBytes(64LL << 20); });
    RunLibrary library(folder());
    QSignalSpy setAside(&library, &RunLibrary::setAside);
    QVERIFY(!openRun(library, keyOf(run)).found);
    QTRY_COMPARE(setAside.size(), 1);
    QVERIFY(setAside.first().at(2).toString().contains(QStringLiteral("malformed")));
    QVERIFY(library.isAvailable());
    storeRun(library, run);
    QCOMPARE(rawOf(readRows(library, keyOf(run), 0, 3000)), run.entries);
    QCOMPARE(setAside.size(), 1);
}

void TestRunLibrary::sizeLimitRemovesLeastRecentlyOpened()
{
    // Three runs of ~1 MB each; the limit holds about two.
    const RunRecord a = makeAwkwardRun(7, 1, 900 * 1024);
    const RunRecord b = makeAwkwardRun(7, 2, 900 * 1024);
    const RunRecord c = makeAwkwardRun(7, 3, 900 * 1024);
    RunLibrary library(folder());
    library.setSizeLimit(0);
    QSignalSpy evicted(&library, &RunLibrary::evicted);
    storeRun(library, a);
    QTest::qWait(5);
    storeRun(library, b);
    QTest::qWait(5);
    // a is opened after b was stored: b is now the least recently opened.
    QVERIFY(openRun(library, keyOf(a)).found);
    QTest::qWait(5);
    QObject context;
    qint64 twoRuns = -1;
    library.usedBytes(&context, [&twoRuns](qint64 bytes) { twoRuns = bytes; });
    QTRY_VERIFY(twoRuns > 0);
    library.setSizeLimit(twoRuns + twoRuns / 4);
    storeRun(library, c);
    library.flush();
    QTRY_COMPARE(evicted.size(), 1);
    QCOMPARE(evicted.first().first().toInt(), 1);
    QList<qint64> kept;
    for (const LibraryRun &run : listRuns(library))
        kept.append(run.runId);
    std::sort(kept.begin(), kept.end());
    QCOMPARE(kept, (QList<qint64>{1, 3}));
    QVERIFY(!openRun(library, keyOf(b)).found);
    QVERIFY(readRows(library, keyOf(b), 0, 10).isEmpty());
    QCOMPARE(rawOf(readRows(library, keyOf(a), 0, int(a.entries.size()))), a.entries);

    // A limit below one run keeps the run being written, and only it.
    library.setSizeLimit(1);
    storeRun(library, b);
    library.flush();
    const QList<LibraryRun> left = listRuns(library);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().runId, qint64(2));
    QCOMPARE(rawOf(readRows(library, keyOf(b), 0, int(b.entries.size()))), b.entries);
}

// A 4 MB limit and runs of 0.47 MB of entries stored one after another. With its full-text index
// a run takes about 0.8 MB of the library (0.94 MB for the first, with the schema), so the library
// keeps 4 / 0.8 = 5 of them (eviction goes down to 90 % of the limit: 4 or 5), always the ones
// stored last, each whole, and the file stays within 1.25 times the limit. (It used to count the
// index's tombstones as used, so it evicted runs that fit, and the file only grew.)
void TestRunLibrary::sizeLimitKeepsWhatFitsAndTheFileShrinks()
{
    constexpr qint64 kLimit = 4LL << 20;
    RunLibrary library(folder());
    library.setSizeLimit(kLimit);
    QList<RunRecord> runs;
    for (int id = 1; id <= 25; ++id) {
        runs.append(makeWordyRun(7, id, 460 * 1024));
        storeRun(library, runs.last());
        library.flush();
        if (id >= 6) {
            const QList<LibraryRun> kept = listRuns(library);
            QVERIFY2(kept.size() >= 4 && kept.size() <= 5,
                     qPrintable(QStringLiteral("after run %1: %2 kept").arg(id).arg(kept.size())));
        }
    }
    QList<qint64> kept;
    for (const LibraryRun &run : listRuns(library))
        kept.append(run.runId);
    std::sort(kept.begin(), kept.end());
    QList<qint64> lastStored;
    for (qint64 id = 25 - kept.size() + 1; id <= 25; ++id)
        lastStored.append(id);
    QCOMPARE(kept, lastStored);
    for (const qint64 id : std::as_const(kept)) {
        const RunRecord &run = runs.at(id - 1);
        QCOMPARE(rawOf(readRows(library, keyOf(run), 0, int(run.entries.size()))), run.entries);
    }
    const qint64 fileBytes = QFileInfo(library.filePath()).size();
    qInfo("25 runs of 0.47 MB of entries under a 4 MB limit: %lld kept, file %lld bytes (%.2fx the limit), journal %lld bytes",
          qint64(kept.size()), fileBytes, double(fileBytes) / kLimit,
          QFileInfo(library.filePath() + QStringLiteral("-wal")).size());
    QVERIFY2(fileBytes <= kLimit * 5 / 4, qPrintable(QString::number(fileBytes)));
}

// A new library gives freed pages back to the file system (auto_vacuum is set before WAL, or it
// stays off), and an existing library made without it is compacted once, saying so, keeping its
// runs.
void TestRunLibrary::newLibraryGivesSpaceBack()
{
    {
        RunLibrary library(folder());
        QVERIFY(library.isAvailable());
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vacuum-check"));
    db.setDatabaseName(LibraryDatabase(folder()).filePath());
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA auto_vacuum")) && query.next());
        QCOMPARE(query.value(0).toInt(), 2); // INCREMENTAL
    }
    // A library as an older Runlog made it: auto_vacuum off, with runs in it.
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA auto_vacuum = NONE")));
        QVERIFY(query.exec(QStringLiteral("VACUUM")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA auto_vacuum")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    db.close();
    const RunRecord run = makeRun(7, 42, 300);
    {
        RunLibrary library(folder());
        QSignalSpy compacting(&library, &RunLibrary::compactingChanged);
        storeRun(library, run);
        library.flush();
        QTRY_COMPARE(compacting.size(), 2);
        QCOMPARE(compacting.at(0).first().toBool(), true);
        QCOMPARE(compacting.at(1).first().toBool(), false);
        QCOMPARE(rawOf(readRows(library, keyOf(run), 0, 300)), run.entries);
    }
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA auto_vacuum")) && query.next());
        QCOMPARE(query.value(0).toInt(), 2);
    }
    db.close();
    // Compacted once: the next start says nothing.
    {
        RunLibrary library(folder());
        QSignalSpy compacting(&library, &RunLibrary::compactingChanged);
        QVERIFY(library.isAvailable());
        library.flush();
        QTest::qWait(50);
        QCOMPARE(compacting.size(), 0);
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("vacuum-check"));
}

void TestRunLibrary::removeAndClear()
{
    RunLibrary library(folder());
    QSignalSpy changed(&library, &RunLibrary::changed);
    const RunRecord a = makeRun(7, 1, 500);
    const RunRecord b = makeRun(7, 2, 500);
    storeRun(library, a);
    storeRun(library, b);
    library.removeRun(keyOf(a));
    QCOMPARE(listRuns(library).size(), 1);
    QVERIFY(!openRun(library, keyOf(a)).found);
    QCOMPARE(rawOf(readRows(library, keyOf(b), 0, 500)), b.entries);
    library.clear();
    QVERIFY(listRuns(library).isEmpty());
    QVERIFY(!openRun(library, keyOf(b)).found);
    QVERIFY(changed.size() > 0);

    // Nothing of the runs is left in the file: not the entries, not the index.
    library.flush();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
    {
        db.setDatabaseName(library.filePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &sql : {QStringLiteral("SELECT count(*) FROM entries"), QStringLiteral("SELECT count(*) FROM runs"),
                                   QStringLiteral("SELECT count(*) FROM entry_text WHERE entry_text MATCH '\"ent\"'")}) {
            QVERIFY2(query.exec(sql) && query.next(), qPrintable(sql));
            QCOMPARE(query.value(0).toInt(), 0);
        }
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

void TestRunLibrary::forgottenRunsLeaveTheirNotes()
{
    RunLibrary library(folder());
    const QString earlier = QStringLiteral("http://127.0.0.1:40001");
    const RunRecord kept = makeRun(7, 1, 300);
    const RunRecord forgotten = makeRun(7, 2, 300);
    storeRun(library, kept);
    const PageCache::Key forgottenKey{earlier, RunRef{forgotten.organizationId, forgotten.id}};
    const ParsedPage page = pageOf(forgotten, 0);
    library.store(forgottenKey, page.run, 0, page.entries);
    StoredNote note;
    note.position = 4;
    note.text = QStringLiteral("kept across the forgetting");
    const NotesScope scope = NotesScope::forApi(earlier, forgotten.organizationId, forgotten.id);
    library.saveNotes(scope, {note});
    QCOMPARE(listRuns(library).size(), 2);

    QSignalSpy changed(&library, &RunLibrary::changed);
    QStringList asked;
    library.forgetRuns([&asked, earlier](const QString &origin) {
        asked.append(origin);
        return origin == earlier;
    });
    library.flush();
    asked.sort();
    QCOMPARE(asked, QStringList({earlier, kOrigin}));
    const QList<LibraryRun> runs = listRuns(library);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).origin, kOrigin);
    QCOMPARE(runs.at(0).runId, kept.id);
    QVERIFY(!openRun(library, forgottenKey).found);
    QCOMPARE(rawOf(readRows(library, keyOf(kept), 0, 300)), kept.entries);
    QTRY_VERIFY(changed.size() > 0);

    std::optional<QList<StoredNote>> notes;
    QObject context;
    library.loadNotes(scope.key, &context, [&notes](const QList<StoredNote> &loaded) { notes = loaded; });
    QTRY_VERIFY(notes.has_value());
    QCOMPARE(notes->size(), 1);
    QCOMPARE(notes->at(0).text, note.text);

    // Nothing picked: nothing goes, and nobody is told of a change.
    changed.clear();
    library.forgetRuns([](const QString &) { return false; });
    library.flush();
    QCOMPARE(listRuns(library).size(), 1);
    QTest::qWait(50);
    QCOMPARE(changed.size(), 0);
}

void TestRunLibrary::twoLibrariesOnOneFile()
{
    // Two connections writing at once (as two processes would, through SQLite's file locks):
    // different runs and the same run, interleaved.
    RunLibrary first(folder());
    RunLibrary second(folder());
    QVERIFY(first.isAvailable());
    QVERIFY(second.isAvailable());
    const RunRecord a = makeRun(7, 1, 2000);
    const RunRecord b = makeRun(7, 2, 2000);
    storeRun(first, a);
    storeRun(second, b);
    storeRun(second, a);
    first.flush();
    second.flush();
    for (RunLibrary *library : {&first, &second}) {
        QCOMPARE(rawOf(readRows(*library, keyOf(a), 0, 2000)), a.entries);
        QCOMPARE(rawOf(readRows(*library, keyOf(b), 0, 2000)), b.entries);
        const QList<LibraryRun> runs = listRuns(*library);
        QCOMPARE(runs.size(), 2);
        for (const LibraryRun &run : runs)
            QCOMPARE(run.storedEntries, qint64(2000));
    }
}

void TestRunLibrary::manyOpenAFreshLibraryAtOnce()
{
    // As processes starting together do: each connection finds the file new, or made by another
    // one; never half made (which would read as another program's database, and be set aside).
    for (int round = 0; round < 10; ++round) {
        const QString fresh = m_dir->filePath(QStringLiteral("fresh-%1").arg(round));
        std::vector<std::unique_ptr<RunLibrary>> libraries;
        std::vector<std::unique_ptr<QSignalSpy>> spies;
        for (int k = 0; k < 8; ++k) {
            libraries.push_back(std::make_unique<RunLibrary>(fresh));
            spies.push_back(std::make_unique<QSignalSpy>(libraries.back().get(), &RunLibrary::setAside));
        }
        for (const auto &library : libraries)
            QVERIFY2(library->isAvailable(), qPrintable(library->lastError()));
        QCoreApplication::processEvents();
        for (const auto &spy : spies)
            QVERIFY2(spy->isEmpty(), qPrintable(spy->isEmpty() ? QString() : spy->first().at(2).toString()));
        QCOMPARE(QDir(fresh).entryList({QStringLiteral("*.set-aside-*")}).size(), 0);
    }
}

QTEST_MAIN(TestRunLibrary)
#include "tst_runlibrary.moc"
