// SPDX-License-Identifier: MIT
// Runlog processes with one token share its budget: the real binary, twice, against the spec
// server enforcing the same limit it is given (--rate-limit). Two exports at once get no 429
// between them, and a process started right after another was killed waits for what the killed
// one spent instead of spending its first requests on 429s. The processes share the record of
// request times through their cache folder (XDG_CACHE_HOME, one for both, as for one user).
#include "clienvironment.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
const QByteArray kToken = QByteArrayLiteral("sk-shared-budget-7f3a");

int answersWithStatus(const QList<LogsRequestRecord> &log, int status, qsizetype from = 0)
{
    int count = 0;
    for (qsizetype i = from; i < log.size(); ++i)
        count += log.at(i).status == status ? 1 : 0;
    return count;
}
} // namespace

class TestCliSharedBudget : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void twoExportsAtOnceGetNo429();
    void processAfterAKilledOneWaitsForTheBudget();

private:
    std::unique_ptr<QProcess> startExport(qint64 run, const QString &out, const QString &rateLimit);
    QByteArray expectedJsonl(qint64 run) const;

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliSharedBudget::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliSharedBudget::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<QProcess> TestCliSharedBudget::startExport(qint64 run, const QString &out, const QString &rateLimit)
{
    QProcessEnvironment env = cliEnvironment(m_dir->path(), kToken);
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(env);
    // --no-store: every page comes from the server, none from a library.
    process->start(QStringLiteral(RUNLOG_BINARY),
                   {QStringLiteral("--org"), QString::number(kOrg), QStringLiteral("--run"), QString::number(run),
                    QStringLiteral("--base-url"), m_server->baseUrl().toString(), QStringLiteral("--rate-limit"), rateLimit,
                    QStringLiteral("--no-store"), QStringLiteral("--export"), out});
    return process;
}

QByteArray TestCliSharedBudget::expectedJsonl(qint64 run) const
{
    QByteArray lines;
    for (const QByteArray &entry : m_server->run(run)->entries)
        lines += entry + '\n';
    return lines;
}

// Two exports of a 12-page run at once, each told the server's limit (10 per 2 s): alone, each
// would send 10 in its first moment and the server would refuse the other's.
void TestCliSharedBudget::twoExportsAtOnceGetNo429()
{
    m_server->setRateLimit(10, 2000);
    m_server->addRun(makeRun(kOrg, 42, 1200));
    const QString outA = m_dir->filePath(QStringLiteral("a.jsonl"));
    const QString outB = m_dir->filePath(QStringLiteral("b.jsonl"));
    const auto a = startExport(42, outA, QStringLiteral("10/2"));
    const auto b = startExport(42, outB, QStringLiteral("10/2"));
    QVERIFY(a->waitForStarted(10000) && b->waitForStarted(10000));
    // The server lives in this thread: wait with the event loop running (a limit, not a measure).
    QTRY_VERIFY_WITH_TIMEOUT(a->state() == QProcess::NotRunning && b->state() == QProcess::NotRunning, 120000);
    QVERIFY2(a->exitStatus() == QProcess::NormalExit && a->exitCode() == 0, a->readAllStandardError().constData());
    QVERIFY2(b->exitStatus() == QProcess::NormalExit && b->exitCode() == 0, b->readAllStandardError().constData());
    const QList<LogsRequestRecord> log = m_server->requestLog();
    QVERIFY(log.size() >= 24); // twelve pages each
    QCOMPARE(answersWithStatus(log, 429), 0);
    QFile fileA(outA);
    QFile fileB(outB);
    QVERIFY(fileA.open(QIODevice::ReadOnly) && fileB.open(QIODevice::ReadOnly));
    QCOMPARE(fileA.readAll(), expectedJsonl(42));
    QCOMPARE(fileB.readAll(), expectedJsonl(42));
}

// The first process spends the budget (10 per 4 s) and is killed; the next one, started at
// once, must wait for the window instead of being refused.
void TestCliSharedBudget::processAfterAKilledOneWaitsForTheBudget()
{
    m_server->setRateLimit(10, 4000);
    m_server->addRun(makeRun(kOrg, 42, 4000));
    m_server->addRun(makeRun(kOrg, 43, 300));
    const auto first = startExport(42, m_dir->filePath(QStringLiteral("first.jsonl")), QStringLiteral("10/4"));
    QVERIFY(first->waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount() >= 10, 60000);
    first->kill();
    QVERIFY(first->waitForFinished(10000));
    const qsizetype before = m_server->requestLog().size();
    QCOMPARE(answersWithStatus(m_server->requestLog(), 429), 0);

    const QString out = m_dir->filePath(QStringLiteral("next.jsonl"));
    const auto next = startExport(43, out, QStringLiteral("10/4"));
    QVERIFY(next->waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(next->state() == QProcess::NotRunning, 120000);
    QVERIFY2(next->exitStatus() == QProcess::NormalExit && next->exitCode() == 0, next->readAllStandardError().constData());
    const QList<LogsRequestRecord> log = m_server->requestLog();
    QVERIFY(log.size() >= before + 3);
    QCOMPARE(answersWithStatus(log, 429, before), 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expectedJsonl(43));
}

QTEST_GUILESS_MAIN(TestCliSharedBudget)
#include "tst_clisharedbudget.moc"
