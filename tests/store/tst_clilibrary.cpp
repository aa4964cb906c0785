// SPDX-License-Identifier: MIT
// The real `runlog` binary and its library of runs, as scripts use it: a second export of a run
// sends nothing, kill -9 in the middle of a fetch loses at most what was on its way and the next
// export asks only for the rest, two processes share one library, a damaged library file is set
// aside (and said so once), --offline touches no network and --no-store keeps nothing.
#include "rows/pagecache.h"
#include "clienvironment.h"
#include "samplerun.h"
#include "store/librarydatabase.h"
#include "store/libraryrecords.h"
#include "store/runlibrary.h"
#include "testlogserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

struct CliResult
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray linesOf(const QList<QByteArray> &entries)
{
    QByteArray out;
    for (const QByteArray &entry : entries)
        out += entry + '\n';
    return out;
}

// Skips of the pages the endpoint served, in the order asked.
QList<int> skipsOf(const QList<LogsRequestRecord> &log)
{
    QList<int> skips;
    for (const LogsRequestRecord &record : log) {
        if (!record.intercepted)
            skips.append(record.skip.toInt());
    }
    return skips;
}
} // namespace

class TestCliLibrary : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void secondExportSendsNothing();
    void killedDuringFetchResumesWithoutAskingAgain();
    void twoProcessesShareTheLibrary();
    void damagedLibraryIsSetAsideAndSaidOnce();
    void libraryFilesArePrivate();
    void offlineUsesOnlyTheLibrary();
    void noStoreKeepsNothing();
    void demoStartsKeepOneCopyOfItsRuns();
    void searchFindsEntriesOfEveryStoredRun();
    void searchFindsNotesAndSaysTooCostly();
    void readersDoNotWaitForAWriter();

private:
    QProcess *startCli(const QStringList &args, const QByteArray &token = QByteArray());
    CliResult finish(QProcess *process, int timeoutMs = 60000);
    CliResult runCli(const QStringList &args) { return finish(startCli(args)); }
    QStringList exportArgs(const QString &out, qint64 run = kRun) const;
    QString libraryFolder() const { return m_dir->filePath(QStringLiteral("data/runlog")); }

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QList<QProcess *> m_processes;
};

void TestCliLibrary::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliLibrary::cleanup()
{
    for (QProcess *process : std::as_const(m_processes)) {
        process->kill();
        process->waitForFinished(5000);
        delete process;
    }
    m_processes.clear();
    m_server.reset();
    m_dir.reset();
}

QProcess *TestCliLibrary::startCli(const QStringList &args, const QByteArray &token)
{
    QProcessEnvironment env = cliEnvironment(m_dir->path(), token);
    auto *process = new QProcess;
    m_processes.append(process);
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(RUNLOG_BINARY), args);
    return process;
}

CliResult TestCliLibrary::finish(QProcess *process, int timeoutMs)
{
    CliResult result;
    if (process->state() == QProcess::Starting && !process->waitForStarted(10000))
        return result;
    if (process->error() == QProcess::FailedToStart)
        return result;
    // The server lives in this thread's event loop: wait with the loop running.
    if (process->state() != QProcess::NotRunning
        && !QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, timeoutMs))
        return result;
    result.exitCode = process->exitCode();
    result.status = process->exitStatus();
    result.out = QString::fromUtf8(process->readAllStandardOutput());
    result.err = QString::fromUtf8(process->readAllStandardError());
    return result;
}

QStringList TestCliLibrary::exportArgs(const QString &out, qint64 run) const
{
    return {QStringLiteral("--org"), QString::number(kOrg), QStringLiteral("--run"), QString::number(run),
            QStringLiteral("--base-url"), m_server->baseUrl().toString(), QStringLiteral("--rate-limit"),
            QStringLiteral("1000/60"), QStringLiteral("--export"), out, QStringLiteral("--format"), QStringLiteral("jsonl")};
}

void TestCliLibrary::secondExportSendsNothing()
{
    m_server->addRun(makeRun(kOrg, kRun, 2345));
    const QString first = m_dir->filePath(QStringLiteral("first.jsonl"));
    CliResult result = runCli(exportArgs(first));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(m_server->requestLog().size(), 24);
    QVERIFY2(result.err.contains(QStringLiteral("fetched 2,345 entries of run")), qPrintable(result.err));
    m_server->clearRequestLog();

    const QString second = m_dir->filePath(QStringLiteral("second.jsonl"));
    result = runCli(exportArgs(second));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(m_server->requestLog().isEmpty(), qPrintable(QString::number(m_server->requestLog().size())));
    // 2,345 entries are 24 pages of 100, all of them read from the library; stderr says so.
    QVERIFY2(result.err.contains(QStringLiteral("(24 pages read from the library)")), qPrintable(result.err));
    QCOMPARE(readFile(second), linesOf(m_server->run(kRun)->entries));
    QCOMPARE(readFile(second), readFile(first));
}

void TestCliLibrary::killedDuringFetchResumesWithoutAskingAgain()
{
    // 40 pages, each answered slowly: the process is killed (SIGKILL) with part of them kept.
    m_server->addRun(makeRun(kOrg, kRun, 4000));
    m_server->setInterceptor([this](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = m_server->endpoint().handle(request);
        response.delayMs = 120;
        return response;
    });
    const QString out = m_dir->filePath(QStringLiteral("run.jsonl"));
    QProcess *process = startCli(exportArgs(out));
    QVERIFY(process->waitForStarted(10000));
    QVERIFY(QTest::qWaitFor([this] { return skipsOf(m_server->requestLog()).size() >= 14; }, 30000));
    process->kill();
    QVERIFY(QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 10000));
    QCOMPARE(process->exitStatus(), QProcess::CrashExit);
    const QList<int> askedBeforeKill = skipsOf(m_server->requestLog());
    QVERIFY(!QFile::exists(out)); // no partial export

    // What the library holds now, read as the next process will.
    PageCache::Stored stored;
    {
        LibraryDatabase database(libraryFolder());
        QVERIFY(database.open());
        LibraryRecords records(database.connection());
        stored = records.openRun(PageCache::Key{PageCache::originOf(m_server->baseUrl()), RunRef{kOrg, kRun}}, 0, 0);
    }
    QVERIFY(stored.found);
    QSet<int> keptPages;
    for (const auto &range : std::as_const(stored.ranges)) {
        // Whole pages only: a page is one transaction.
        QCOMPARE(range.first % 100, 0);
        QCOMPARE((range.second + 1) % 100, 0);
        for (qint64 position = range.first; position <= range.second; position += 100)
            keptPages.insert(int(position));
    }
    // Lost: at most the pages on their way (4 requests in flight) and the ones that arrived but
    // were not written yet (each page is one transaction; here up to 4 answers arrive at once,
    // where the real API's 60 a minute leave each write milliseconds to itself).
    QVERIFY2(keptPages.size() >= askedBeforeKill.size() - 8,
             qPrintable(QStringLiteral("kept %1 of %2 asked").arg(keptPages.size()).arg(askedBeforeKill.size())));
    QVERIFY(keptPages.size() < 40);
    qInfo("asked %d pages before the kill, %d kept", int(askedBeforeKill.size()), int(keptPages.size()));

    m_server->clearInterceptor();
    m_server->clearRequestLog();
    const CliResult result = runCli(exportArgs(out));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(readFile(out), linesOf(m_server->run(kRun)->entries));
    // Exactly the pages the library lacked, each once.
    QList<int> asked = skipsOf(m_server->requestLog());
    std::sort(asked.begin(), asked.end());
    QList<int> missing;
    for (int skip = 0; skip < 4000; skip += 100) {
        if (!keptPages.contains(skip))
            missing.append(skip);
    }
    QCOMPARE(asked, missing);
}

void TestCliLibrary::twoProcessesShareTheLibrary()
{
    m_server->addRun(makeRun(kOrg, 1, 3000));
    m_server->addRun(makeRun(kOrg, 2, 3000));
    m_server->setInterceptor([this](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = m_server->endpoint().handle(request);
        response.delayMs = 10;
        return response;
    });
    // Three at once: two on the same run, one on another, all writing to one file.
    QProcess *a = startCli(exportArgs(m_dir->filePath(QStringLiteral("a.jsonl")), 1));
    QProcess *b = startCli(exportArgs(m_dir->filePath(QStringLiteral("b.jsonl")), 2));
    QProcess *c = startCli(exportArgs(m_dir->filePath(QStringLiteral("c.jsonl")), 1));
    for (QProcess *process : {a, b, c}) {
        const CliResult result = finish(process);
        // No process found the library "damaged" or "foreign" while another one was making it.
        QVERIFY2(!result.err.contains(QStringLiteral("could not")), qPrintable(result.err));
        QVERIFY2(result.exitCode == 0 && result.status == QProcess::NormalExit, qPrintable(result.err));
    }
    QCOMPARE(readFile(m_dir->filePath(QStringLiteral("a.jsonl"))), linesOf(m_server->run(1)->entries));
    QCOMPARE(readFile(m_dir->filePath(QStringLiteral("b.jsonl"))), linesOf(m_server->run(2)->entries));
    QCOMPARE(readFile(m_dir->filePath(QStringLiteral("c.jsonl"))), linesOf(m_server->run(1)->entries));

    // Both are whole in the library: offline exports of them send nothing.
    m_server->clearRequestLog();
    for (const qint64 run : {1, 2}) {
        const QString out = m_dir->filePath(QStringLiteral("offline-%1.jsonl").arg(run));
        const CliResult result = runCli(exportArgs(out, run) << QStringLiteral("--offline"));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(readFile(out), linesOf(m_server->run(run)->entries));
    }
    QVERIFY(m_server->requestLog().isEmpty());
}

void TestCliLibrary::damagedLibraryIsSetAsideAndSaidOnce()
{
    m_server->addRun(makeRun(kOrg, kRun, 250));
    QVERIFY(QDir().mkpath(libraryFolder()));
    {
        QFile junk(libraryFolder() + QStringLiteral("/library.sqlite"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(8192, 'x'));
    }
    const QString out = m_dir->filePath(QStringLiteral("run.jsonl"));
    CliResult result = runCli(exportArgs(out));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(readFile(out), linesOf(m_server->run(kRun)->entries));
    QCOMPARE(result.err.count(QStringLiteral("could not be used")), 1);
    QVERIFY2(result.err.contains(QStringLiteral("renamed to")), qPrintable(result.err));
    const QStringList setAside = QDir(libraryFolder()).entryList({QStringLiteral("library.sqlite.set-aside-*")});
    QCOMPARE(setAside.size(), 1);

    // The new library works and the user is not told again.
    m_server->clearRequestLog();
    result = runCli(exportArgs(out));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(!result.err.contains(QStringLiteral("could not be used")));
    QVERIFY(m_server->requestLog().isEmpty());
}

void TestCliLibrary::libraryFilesArePrivate()
{
    m_server->addRun(makeRun(kOrg, kRun, 150));
    const CliResult result = runCli(exportArgs(m_dir->filePath(QStringLiteral("run.jsonl"))));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(libraryFolder()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0700));
    const QStringList files = QDir(libraryFolder()).entryList(QDir::Files);
    QVERIFY(files.contains(QStringLiteral("library.sqlite")));
    for (const QString &file : files) {
        QCOMPARE(::stat(QFile::encodeName(libraryFolder() + QLatin1Char('/') + file).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
    }
    // The token is never kept there.
    const QByteArray token = QByteArrayLiteral("sk-secret-in-library-test");
    m_server->setRequiredToken(token);
    m_server->addRun(makeRun(kOrg, kRun + 1, 150));
    const CliResult withToken = finish(startCli(exportArgs(m_dir->filePath(QStringLiteral("again.jsonl")), kRun + 1), token));
    QVERIFY2(withToken.exitCode == 0, qPrintable(withToken.err));
    for (const QString &file : QDir(libraryFolder()).entryList(QDir::Files))
        QVERIFY(!readFile(libraryFolder() + QLatin1Char('/') + file).contains("sk-secret-in-library-test"));
}

void TestCliLibrary::offlineUsesOnlyTheLibrary()
{
    m_server->addRun(makeRun(kOrg, kRun, 500));
    const QString out = m_dir->filePath(QStringLiteral("run.jsonl"));
    // Not in the library: offline fails, in one line, without a request.
    CliResult result = runCli(exportArgs(out) << QStringLiteral("--offline"));
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.errLines().last().startsWith(QStringLiteral("runlog: error: ")), true);
    QVERIFY2(result.errLines().last().contains(QStringLiteral("offline")), qPrintable(result.err));
    QVERIFY(m_server->requestLog().isEmpty());
    QVERIFY(!QFile::exists(out));

    result = runCli(exportArgs(out));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    m_server->clearRequestLog();
    // The server is gone too: offline needs nothing of it.
    const QStringList args = exportArgs(out) << QStringLiteral("--offline");
    const QList<QByteArray> entries = m_server->run(kRun)->entries;
    m_server.reset();
    QFile::remove(out);
    result = runCli(args);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(readFile(out), linesOf(entries));
}

void TestCliLibrary::noStoreKeepsNothing()
{
    m_server->addRun(makeRun(kOrg, kRun, 300));
    const QString out = m_dir->filePath(QStringLiteral("run.jsonl"));
    for (int round = 0; round < 2; ++round) {
        const CliResult result = runCli(exportArgs(out) << QStringLiteral("--no-store"));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(readFile(out), linesOf(m_server->run(kRun)->entries));
    }
    // Asked in full both times: 3 pages and the look past the end.
    QCOMPARE(m_server->requestLog().size(), 8);
    QVERIFY(!QFileInfo::exists(libraryFolder()));
}

// The demo backend listens on a new port at every start: its runs are kept under the last one
// only, while another loopback server's runs stay.
void TestCliLibrary::demoStartsKeepOneCopyOfItsRuns()
{
    m_server->addRun(makeRun(kOrg, kRun, 120));
    CliResult result = runCli(exportArgs(m_dir->filePath(QStringLiteral("server.jsonl"))));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    for (int start = 0; start < 3; ++start) {
        const QString out = m_dir->filePath(QStringLiteral("demo%1.jsonl").arg(start));
        result = runCli({QStringLiteral("--demo"), QStringLiteral("--export"), out});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    }

    const QString serverOrigin = PageCache::originOf(m_server->baseUrl());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo-copies"));
    const auto close = qScopeGuard([&db] {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("demo-copies"));
    });
    db.setDatabaseName(QDir(libraryFolder()).filePath(QStringLiteral("library.sqlite")));
    QVERIFY(db.open());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT origin, run_id, stored_entries FROM runs ORDER BY run_id")));
    QStringList runs;
    QSet<QString> demoOrigins;
    while (query.next()) {
        const QString origin = query.value(0).toString();
        if (origin != serverOrigin)
            demoOrigins.insert(origin);
        runs.append(QStringLiteral("%1 %2").arg(query.value(1).toLongLong()).arg(query.value(2).toLongLong()));
    }
    // The demo's sample run (1001, 2,000 entries, README) once, and the server's run.
    QCOMPARE(runs, QStringList({QStringLiteral("42 120"), QStringLiteral("1001 2000")}));
    QCOMPARE(demoOrigins.size(), 1);
    QVERIFY(demoOrigins.begin()->startsWith(QLatin1String("http://127.0.0.1:")));
}

void TestCliLibrary::searchFindsEntriesOfEveryStoredRun()
{
    // Run 1: entries "entry 0" ... "entry 149"; run 2 likewise, created a day later (newer).
    RunRecord older = makeRun(kOrg, 1, 150);
    RunRecord newer = makeRun(kOrg, 2, 150);
    newer.setField(QStringLiteral("created_at"), QByteArrayLiteral("\"2025-01-02T00:00:00Z\""));
    m_server->addRun(older);
    m_server->addRun(newer);
    for (const qint64 run : {1, 2}) {
        const CliResult result = runCli(exportArgs(m_dir->filePath(QStringLiteral("%1.jsonl").arg(run)), run));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    }
    m_server->clearRequestLog();

    // "entry 14" is in entries 14 and 140..149 of each run: newest run first, entries in order.
    CliResult result = runCli({QStringLiteral("--search"), QStringLiteral("\"ENTRY 14\"")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 2 * 11);
    QCOMPARE(lines.first(), QStringLiteral("org\trun\tentry\tmessage_type\ttool_name\tsnippet\torigin\tfound_in"));
    const QString origin = m_server->baseUrl().toString();
    QCOMPARE(lines.at(1), QStringLiteral("7\t2\t15\tPLAN_EVALUATION\t\tentry 14\t") + origin + QStringLiteral("\tentry"));
    QCOMPARE(lines.at(2), QStringLiteral("7\t2\t141\tPLAN_EVALUATION\t\tentry 140\t") + origin + QStringLiteral("\tentry"));
    QCOMPARE(lines.at(12), QStringLiteral("7\t1\t15\tPLAN_EVALUATION\t\tentry 14\t") + origin + QStringLiteral("\tentry"));
    QVERIFY(m_server->requestLog().isEmpty());

    result = runCli({QStringLiteral("--search"), QStringLiteral("\"entry 149\""), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonArray hits = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(hits.size(), 2);
    const QJsonObject first = hits.first().toObject();
    QCOMPARE(first.value(QStringLiteral("org")).toInteger(), kOrg);
    QCOMPARE(first.value(QStringLiteral("run")).toInteger(), qint64(2));
    QCOMPARE(first.value(QStringLiteral("entry")).toInteger(), qint64(150));
    QCOMPARE(first.value(QStringLiteral("message_type")).toString(), QStringLiteral("ACTION"));
    QCOMPARE(first.value(QStringLiteral("tool_name")).toString(), QStringLiteral("bash"));
    QCOMPARE(first.value(QStringLiteral("snippet")).toString(), QStringLiteral("entry 149"));
    QCOMPARE(hits.at(1).toObject().value(QStringLiteral("run")).toInteger(), qint64(1));

    // Nothing found is not a failure.
    result = runCli({QStringLiteral("--search"), QStringLiteral("\"no such words\"")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QStringLiteral("org\trun\tentry\tmessage_type\ttool_name\tsnippet\torigin\tfound_in\n"));

    // The query language's keys across runs: run 1 alone, the ACTIONs among entries 141..149
    // (entry 14 is entry 15; odd entries are actions).
    result = runCli({QStringLiteral("--search"), QStringLiteral("run:1 \"entry 14\" type:action entry:>15")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 5);
    QCOMPARE(lines.at(1), QStringLiteral("7\t1\t142\tACTION\tbash\tentry 141\t") + origin + QStringLiteral("\tentry"));
    // Keys alone have no text to show around: each hit shows its entry's line (the thought), not
    // the first value of its JSON (the tool name "bash").
    result = runCli({QStringLiteral("--search"), QStringLiteral("run:2 type:action entry:2..4")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 2);
    QCOMPARE(lines.at(1), QStringLiteral("7\t2\t2\tACTION\tbash\tentry 1\t") + origin + QStringLiteral("\tentry"));
    QCOMPARE(lines.at(2), QStringLiteral("7\t2\t4\tACTION\tbash\tentry 3\t") + origin + QStringLiteral("\tentry"));
    // A query that does not parse is a usage error, saying where and why.
    result = runCli({QStringLiteral("--search"), QStringLiteral("entry is:loop")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("`is:` works within one run")), qPrintable(result.err));
}

void TestCliLibrary::searchFindsNotesAndSaysTooCostly()
{
    m_server->addRun(makeRun(kOrg, 1, 10));
    const CliResult exported = runCli(exportArgs(m_dir->filePath(QStringLiteral("1.jsonl")), 1));
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    // The user's notes on entries 5 and 7, as the window keeps them.
    {
        RunLibrary library(libraryFolder());
        QVERIFY(library.isAvailable());
        StoredNote wombat, costly;
        wombat.position = 4;
        wombat.text = QStringLiteral("a wombat was here");
        costly.position = 6;
        costly.text = QString(40, u'a') + u'!';
        library.saveNotes(NotesScope::forApi(PageCache::originOf(m_server->baseUrl()), kOrg, 1), {wombat, costly});
        library.flush();
    }
    CliResult result = runCli({QStringLiteral("--search"), QStringLiteral("wombat"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonArray hits = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(hits.size(), 1);
    const QJsonObject hit = hits.first().toObject();
    QCOMPARE(hit.value(QStringLiteral("run")).toInteger(), qint64(1));
    QCOMPARE(hit.value(QStringLiteral("entry")).toInteger(), qint64(5));
    QCOMPARE(hit.value(QStringLiteral("snippet")).toString(), QStringLiteral("a wombat was here"));
    QCOMPARE(hit.value(QStringLiteral("found_in")).toString(), QStringLiteral("note"));

    result = runCli({QStringLiteral("--search"), QStringLiteral("\"entry 4\"")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).value(1),
             QStringLiteral("7\t1\t5\tPLAN_EVALUATION\t\tentry 4\t") + m_server->baseUrl().toString() + QStringLiteral("\tentry"));

    // A regular expression that gives up (on the note of "a"s) is an error that says so.
    result = runCli({QStringLiteral("--search"), QStringLiteral("/(a+)+$/")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains(QStringLiteral("Pattern too costly")), qPrintable(result.err));
}

// Another process holds the library's write lock for longer than a write used to wait (15 s):
// --search answers at once all the same (WAL readers need no lock), and an export writes its file
// without waiting, then keeps its pages once the lock is free. (Before, --search failed with
// "database is locked" after 15 s and the export went on without the library.)
void TestCliLibrary::readersDoNotWaitForAWriter()
{
    m_server->addRun(makeRun(kOrg, 1, 150));
    m_server->addRun(makeRun(kOrg, 2, 250));
    CliResult result = runCli(exportArgs(m_dir->filePath(QStringLiteral("1.jsonl")), 1));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    const QString connection = QStringLiteral("another-writer");
    QSqlDatabase writer = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    writer.setDatabaseName(LibraryDatabase(libraryFolder()).filePath());
    QVERIFY(writer.open());
    QSqlQuery hold(writer);
    QVERIFY2(hold.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(hold.lastError().text()));
    QVERIFY(hold.exec(QStringLiteral("UPDATE runs SET last_opened_ms = last_opened_ms")));
    QElapsedTimer held;
    held.start();
    bool released = false;
    const auto release = [&] {
        if (released)
            return;
        released = true;
        QSqlQuery(writer).exec(QStringLiteral("ROLLBACK"));
    };
    const auto cleanup = qScopeGuard([&] {
        release();
        hold = QSqlQuery();
        writer.close();
        writer = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
    });

    result = runCli({QStringLiteral("--search"), QStringLiteral("\"entry 14\"")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1 + 11);

    const QString second = m_dir->filePath(QStringLiteral("2.jsonl"));
    QProcess *exporter = startCli(exportArgs(second, 2));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(second), 60000);
    QCOMPARE(readFile(second), linesOf(m_server->run(2)->entries));
    QTest::qWait(int(std::max<qint64>(0, 16000 - held.elapsed())));
    QCOMPARE(exporter->state(), QProcess::Running); // still waiting to keep its pages
    release();
    result = finish(exporter);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    LibraryDatabase database(libraryFolder());
    QVERIFY(database.open());
    LibraryRecords records(database.connection());
    const PageCache::Stored stored =
        records.openRun(PageCache::Key{PageCache::originOf(m_server->baseUrl()), RunRef{kOrg, 2}}, 0, 0);
    QVERIFY(stored.found);
    QCOMPARE(stored.storedCount(), qint64(250));
}

QTEST_MAIN(TestCliLibrary)
#include "tst_clilibrary.moc"
