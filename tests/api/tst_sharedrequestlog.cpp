// SPDX-License-Identifier: MIT
// The record of request times that Runlog processes with one token share: two pacers on one
// record (standing for two processes) together stay within the limit, a pacer whose budget the
// other spent wakes by itself when a slot frees, and the record keeps no token and no one else
// can read it. Real time, small numbers: counts are asserted, never durations.
#include "api/requestpacer.h"
#include "api/sharedrequestlog.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
constexpr int kMax = 5;
constexpr int kWindowMs = 2000;

// The most grants that fall in any window of kWindowMs (a grant at t counts until t + window).
int mostInAnyWindow(QList<qint64> times)
{
    std::sort(times.begin(), times.end());
    int most = 0;
    for (qsizetype i = 0; i < times.size(); ++i) {
        int inWindow = 0;
        for (qsizetype j = i; j < times.size() && times.at(j) < times.at(i) + kWindowMs; ++j)
            ++inWindow;
        most = std::max(most, inWindow);
    }
    return most;
}
} // namespace

class TestSharedRequestLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void twoPacersOnOneRecordShareTheLimit();
    void returnedSlotsCountForNothing();
    void everyProcessesRequestsAreCounted();
    void recordHoldsNoTokenAndOnlyItsOwnerReadsIt();
    void aDeadProcessesRequestCountsFromItsDeath();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSharedRequestLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Each pacer wants 6 requests at once; together they may start 5 per 2 s. Each request
// completes at once (finished() at grant). The second batch starts only once the first leaves
// the window, on the pacer's own timer: nothing here calls the pacers again.
void TestSharedRequestLog::twoPacersOnOneRecordShareTheLimit()
{
    const QString path = m_dir->filePath(QStringLiteral("cache/runlog/pacer-test.times"));
    RequestPacer first(kMax, kWindowMs);
    RequestPacer second(kMax, kWindowMs);
    // Two records on one file: two processes, as far as the file can tell.
    first.setSharedLog(std::make_shared<SharedRequestLog>(path));
    second.setSharedLog(std::make_shared<SharedRequestLog>(path));
    QList<qint64> grantTimes;
    QObject context;
    for (RequestPacer *pacer : {&first, &second}) {
        for (int n = 0; n < 6; ++n) {
            pacer->acquire(RequestPacer::Priority::Visible, &context, [&grantTimes, pacer](RequestPacer::Ticket ticket) {
                grantTimes.append(QDateTime::currentMSecsSinceEpoch());
                pacer->finished(ticket);
            });
        }
    }
    // Every one starts in the end (a wait limit, not a measure of speed).
    QTRY_COMPARE_WITH_TIMEOUT(grantTimes.size(), 12, 30000);
    QVERIFY2(mostInAnyWindow(grantTimes) <= kMax, qPrintable(QStringLiteral("%1 in one window").arg(mostInAnyWindow(grantTimes))));
    QCOMPARE(first.queuedCount(), 0);
    QCOMPARE(second.queuedCount(), 0);
}

// The status bar's "N of 60 used": a pacer that sent nothing yet still counts what another
// process sent with the same token (the record it shares), and its own on top.
void TestSharedRequestLog::everyProcessesRequestsAreCounted()
{
    const QString path = m_dir->filePath(QStringLiteral("cache/runlog/pacer-count.times"));
    RequestPacer other(kMax, 60000);
    RequestPacer mine(kMax, 60000);
    other.setSharedLog(std::make_shared<SharedRequestLog>(path));
    mine.setSharedLog(std::make_shared<SharedRequestLog>(path));
    QObject context;
    int granted = 0;
    for (int n = 0; n < 3; ++n) {
        other.acquire(RequestPacer::Priority::Visible, &context, [&granted, &other](RequestPacer::Ticket ticket) {
            ++granted;
            other.finished(ticket);
        });
    }
    QTRY_COMPARE(granted, 3);
    QCOMPARE(mine.countedInWindow(), 0);
    QCOMPARE(mine.countedByEveryProcess(), 3);
    mine.acquire(RequestPacer::Priority::Visible, &context, [&granted, &mine](RequestPacer::Ticket ticket) {
        ++granted;
        mine.finished(ticket);
    });
    QTRY_COMPARE(granted, 4);
    QCOMPARE(mine.countedByEveryProcess(), 4);
    QCOMPARE(other.countedByEveryProcess(), 4);
    // A pacer without a record counts its own alone.
    RequestPacer alone(kMax, 60000);
    QCOMPARE(alone.countedByEveryProcess(), 0);
}

void TestSharedRequestLog::returnedSlotsCountForNothing()
{
    const QString path = m_dir->filePath(QStringLiteral("pacer-returned.times"));
    SharedRequestLog a(path);
    SharedRequestLog b(path);
    for (quint64 ticket = 1; ticket <= kMax; ++ticket)
        QVERIFY(a.claim(ticket, kMax, 60000).granted);
    const SharedRequestLog::Claim refused = b.claim(1, kMax, 60000);
    QVERIFY(!refused.granted);
    QVERIFY(refused.retryInMs > 0);
    QCOMPARE(b.countedNow(60000), kMax);
    a.release(3);
    QCOMPARE(b.countedNow(60000), kMax - 1);
    QVERIFY(b.claim(1, kMax, 60000).granted);
    a.settle(1);
    QCOMPARE(a.countedNow(60000), kMax);
}

void TestSharedRequestLog::recordHoldsNoTokenAndOnlyItsOwnerReadsIt()
{
    QStandardPaths::setTestModeEnabled(true);
    const QByteArray token = QByteArrayLiteral("sk-shared-SECRET-42");
    const QByteArray origin = QByteArrayLiteral("https://api.example");
    const std::shared_ptr<SharedRequestLog> log = SharedRequestLog::forEndpoint(origin, token);
    QVERIFY(log->claim(1, kMax, kWindowMs).granted);
    log->settle(1);
    QFile file(log->path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.count('\n'), 1);
    QVERIFY(!bytes.contains(token));
    QVERIFY(!log->path().contains(QString::fromLatin1(token)));
    QVERIFY(log->path().endsWith(QStringLiteral(".times")));
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    const QFileInfo folder(QFileInfo(log->path()).absolutePath());
    QCOMPARE(folder.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeGroup | QFileDevice::ExeOther),
             QFileDevice::Permissions());
    // Another token or origin: another record; the same pair: the same one.
    QVERIFY(SharedRequestLog::pathFor(origin, "other") != log->path());
    QVERIFY(SharedRequestLog::pathFor("https://other.example", token) != log->path());
    QCOMPARE(SharedRequestLog::pathFor(origin, token), log->path());
    QFile::remove(log->path());
}

// A process killed with a request in flight: the server may have received it as late as the
// death, long after the grant. It counts a whole window from when the next process notices the
// death, not from the grant (which let the next process be refused by the server).
void TestSharedRequestLog::aDeadProcessesRequestCountsFromItsDeath()
{
    const QString path = m_dir->filePath(QStringLiteral("pacer-dead.times"));
    // Granted 1.8 s of a 2 s window ago to a process that no longer exists (beyond any pid).
    const qint64 granted = QDateTime::currentMSecsSinceEpoch() - (kWindowMs - 200);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("gone-owner 2147483000 1 " + QByteArray::number(granted) + " f\n");
    }
    SharedRequestLog next(path);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const SharedRequestLog::Claim claim = next.claim(1, 1, kWindowMs);
    QVERIFY(!claim.granted);
    // Counted from the grant it would leave within 0.2 s; from the death, a window from now.
    QVERIFY2(claim.retryInMs > kWindowMs / 2, qPrintable(QString::number(claim.retryInMs)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = file.readAll().trimmed().split(' ');
    QCOMPARE(fields.size(), 5);
    QCOMPARE(fields.at(4), QByteArray("s"));
    QVERIFY(fields.at(3).toLongLong() >= before);
}

QTEST_MAIN(TestSharedRequestLog)
#include "tst_sharedrequestlog.moc"
