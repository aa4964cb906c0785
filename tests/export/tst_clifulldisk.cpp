// SPDX-License-Identifier: MIT
// A disk that takes no more, for the real binary: an export and a conversion fail with a
// sentence naming the disk and leave no file, partial or whole; the library, when it is what
// fills the disk, stops once with one line, the export still succeeds, and the library's file
// is intact. The full disk is a limit on file sizes (RLIMIT_FSIZE, set in the child before it
// starts, with SIGXFSZ ignored so that write() fails instead of killing it): no privileges, no
// mount.
#include "exporttesthelpers.h"

#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <sys/resource.h>
#include <unistd.h>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

namespace ExportTestLines {
qsizetype size(const QList<QByteArray> &entries)
{
    qsizetype bytes = 0;
    for (const QByteArray &entry : entries)
        bytes += entry.size() + 1;
    return bytes;
}
} // namespace ExportTestLines

struct CliResult
{
    int exitCode = -1;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};
} // namespace

class TestCliFullDisk : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void exportToAFullDiskLeavesNoFile();
    void conversionToAFullDiskLeavesNoFile();
    void libraryOnAFullDiskStopsOnceAndStaysWhole();
    void exportToAFullTmpfsSaysTheDiskIsFull();
    void libraryOnAFullTmpfsSaysTheDiskIsFull();

private:
    // A tmpfs of `size` at `folder`, when this process may mount one (root with the capability);
    // unmounted in cleanup(). False: the test is skipped (a full file system needs no more
    // privileges than that in life, but a test cannot make one without them).
    bool mountSmallDisk(const QString &folder, const QString &size);
    void checkLibraryIsWhole(const QString &folder);
    QStringList m_mounts;
    CliResult runCli(const QStringList &args, qint64 maxFileBytes);
    QStringList exportArgs(const QString &out) const;

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliFullDisk::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(kOrg, kRun, 2000));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("out")));
}

void TestCliFullDisk::cleanup()
{
    for (const QString &mount : std::as_const(m_mounts))
        QProcess::execute(QStringLiteral("umount"), {mount});
    m_mounts.clear();
    m_server.reset();
    m_dir.reset();
}

CliResult TestCliFullDisk::runCli(const QStringList &args, qint64 maxFileBytes)
{
    const auto limitFileSize = [maxFileBytes](QProcess &process) {
        if (maxFileBytes == qint64(RLIM_INFINITY))
            return;
        process.setChildProcessModifier([maxFileBytes] {
            // In the child, between fork and exec: both survive exec.
            const struct rlimit limit = {rlim_t(maxFileBytes), rlim_t(maxFileBytes)};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN);
        });
    };
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir->path()), 120000, limitFileSize);
    return {run.code(), QString::fromUtf8(run.err)};
}

QStringList TestCliFullDisk::exportArgs(const QString &out) const
{
    return {QStringLiteral("--org"), QString::number(kOrg), QStringLiteral("--run"), QString::number(kRun),
            QStringLiteral("--base-url"), m_server->baseUrl().toString(), QStringLiteral("--rate-limit"),
            QStringLiteral("1000/60"), QStringLiteral("--export"), out};
}

void TestCliFullDisk::exportToAFullDiskLeavesNoFile()
{
    const QString folder = m_dir->filePath(QStringLiteral("out"));
    const QString out = folder + QStringLiteral("/run.jsonl");
    const CliResult result = runCli(exportArgs(out) << QStringLiteral("--no-store"), 64 * 1024);
    QCOMPARE(result.exitCode, 1);
    const QString last = result.errLines().value(result.errLines().size() - 1);
    QVERIFY2(last.startsWith(QStringLiteral("runlog: error: Could not write ") + QDir::toNativeSeparators(out)), qPrintable(result.err));
    QVERIFY2(last.contains(QStringLiteral("the disk holding ") + QDir::toNativeSeparators(folder)), qPrintable(result.err));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

void TestCliFullDisk::conversionToAFullDiskLeavesNoFile()
{
    QByteArray lines;
    for (const QByteArray &entry : m_server->run(kRun)->entries)
        lines += entry + '\n';
    const QString in = m_dir->filePath(QStringLiteral("in.jsonl"));
    QVERIFY(ExportTest::writeFile(in, lines));
    QVERIFY(lines.size() > 128 * 1024);
    const QString folder = m_dir->filePath(QStringLiteral("out"));
    const QString out = folder + QStringLiteral("/run.json");
    const CliResult result = runCli({in, QStringLiteral("--export"), out}, 64 * 1024);
    QCOMPARE(result.exitCode, 1);
    const QString last = result.errLines().value(result.errLines().size() - 1);
    QVERIFY2(last.startsWith(QStringLiteral("runlog: error: Could not write ") + QDir::toNativeSeparators(out)), qPrintable(result.err));
    QVERIFY2(last.contains(QStringLiteral("the disk holding ") + QDir::toNativeSeparators(folder)), qPrintable(result.err));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

// The export (a few hundred kB of CSV) fits; the library (the entries, their search index and
// its journal) does not. The export succeeds, the library says once that it stopped, and what
// it holds passes SQLite's own check.
void TestCliFullDisk::libraryOnAFullDiskStopsOnceAndStaysWhole()
{
    const QString out = m_dir->filePath(QStringLiteral("out/run.csv"));
    const CliResult result = runCli(exportArgs(out), 512 * 1024);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(QFileInfo(out).size() > 0);
    const QStringList stopped = result.errLines().filter(QStringLiteral("goes on without the library"));
    QVERIFY2(stopped.size() == 1, qPrintable(result.err));
    QVERIFY2(stopped.first().contains(QDir::toNativeSeparators(m_dir->filePath(QStringLiteral("data/runlog")))), qPrintable(result.err));

    checkLibraryIsWhole(m_dir->filePath(QStringLiteral("data/runlog")));
}

void TestCliFullDisk::checkLibraryIsWhole(const QString &folder)
{
    const QString database = folder + QStringLiteral("/library.sqlite");
    QVERIFY2(QFileInfo::exists(database), qPrintable(QDir(folder).entryList().join(QLatin1Char(' '))));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(database);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

bool TestCliFullDisk::mountSmallDisk(const QString &folder, const QString &size)
{
    if (!QDir().mkpath(folder) || ::geteuid() != 0)
        return false;
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                          QStringLiteral("size=") + size, QStringLiteral("tmpfs"), folder});
    if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
        return false;
    m_mounts.prepend(folder);
    return true;
}

// A file system that is really full (ENOSPC), where one can be made: the export says the disk
// is full and leaves nothing on it.
void TestCliFullDisk::exportToAFullTmpfsSaysTheDiskIsFull()
{
    const QString folder = m_dir->filePath(QStringLiteral("small"));
    if (!mountSmallDisk(folder, QStringLiteral("128k")))
        QSKIP("no tmpfs can be mounted here (not root, or no CAP_SYS_ADMIN)");
    const QString out = folder + QStringLiteral("/run.jsonl");
    const CliResult result = runCli(exportArgs(out) << QStringLiteral("--no-store"), RLIM_INFINITY);
    QCOMPARE(result.exitCode, 1);
    const QString last = result.errLines().value(result.errLines().size() - 1);
    QCOMPARE(last, QStringLiteral("runlog: error: Could not write %1: the disk holding %2 is full. Nothing was written; free some "
                                  "space or export elsewhere.")
                       .arg(QDir::toNativeSeparators(out), QDir::toNativeSeparators(folder)));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

// The library on a full file system (SQLITE_FULL): said once, naming the disk; the export goes
// on and the library's file passes SQLite's check.
void TestCliFullDisk::libraryOnAFullTmpfsSaysTheDiskIsFull()
{
    const QString data = m_dir->filePath(QStringLiteral("data"));
    if (!mountSmallDisk(data, QStringLiteral("256k")))
        QSKIP("no tmpfs can be mounted here (not root, or no CAP_SYS_ADMIN)");
    const QString out = m_dir->filePath(QStringLiteral("out/run.jsonl"));
    const CliResult result = runCli(exportArgs(out), RLIM_INFINITY);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(QFileInfo(out).size(), qint64(ExportTestLines::size(m_server->run(kRun)->entries)));
    const QString library = QDir::toNativeSeparators(data + QStringLiteral("/runlog"));
    const QStringList stopped = result.errLines().filter(QStringLiteral("goes on without the library"));
    QCOMPARE(stopped, QStringList{QStringLiteral("runlog: The disk holding the library (%1) is full: Runlog goes on without the "
                                                 "library until it is started again. Runs already kept are intact.")
                                      .arg(library)});
    QVERIFY2(result.errLines().filter(QStringLiteral("library")).size() == 1, qPrintable(result.err));
    checkLibraryIsWhole(data + QStringLiteral("/runlog"));
}

QTEST_GUILESS_MAIN(TestCliFullDisk)
#include "tst_clifulldisk.moc"
