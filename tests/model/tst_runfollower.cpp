// SPDX-License-Identifier: MIT
// Following a live run against the spec server: a run that grows and then finishes. Every test
// runs twice: with the library (what every user gets) and without it (--no-store).
#include "api/requestpacer.h"
#include "rows/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "store/runlibrary.h"
#include "testlogserver.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

class TestRunFollower : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void followsGrowingRunUntilItFinishes();
    void followsAcrossPageBoundaries();
    void disabledFollowerDoesNotPoll();
    void finishedRunIsNotPolled();
    void newestFirstViewShowsNewEntriesAtTheTop();
    void intervalIsAQuarterOfTheBudget_data();
    void intervalIsAQuarterOfTheBudget();
    void noPollWhileTheUsersPagesWait();
    void followTurnedOffMidRun();
    void followedToTheEndThenReopenedAsStored();

private:
    struct Rig {
        // First: it outlives the loader that writes to it.
        QTemporaryDir libraryDir;
        std::unique_ptr<RunLibrary> library;
        TestLogServer server;
        QNetworkAccessManager network;
        LogTableModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        RequestPacer pacer{1000, 60000};
        RunLoader loader{&network, &model};
        RunFollower follower{&loader};
        Rig()
        {
            QFETCH_GLOBAL(bool, withLibrary);
            if (withLibrary)
                library = std::make_unique<RunLibrary>(libraryDir.filePath(QStringLiteral("library")));
            loader.setPageCache(library.get());
            loader.setPacer(&pacer);
            follower.setMinimumIntervalMs(50);
        }
        void open() { loader.open(ApiEndpoint{server.baseUrl(), {}}, RunRef{7, 42}); }
        void verifyRows()
        {
            const auto run = server.run(42);
            QCOMPARE(model.rowCount(), int(run->entries.size()));
            for (int row = 0; row < model.rowCount(); ++row)
                QCOMPARE(model.index(row, 0).data(LogTableModel::RawJsonRole).toByteArray(), run->entries.at(row));
        }
    };
    void growAndFinish(Rig &rig, int from, int to, int step);
};

void TestRunFollower::initTestCase_data()
{
    QTest::addColumn<bool>("withLibrary");
    QTest::addRow("library") << true;
    QTest::addRow("no-store") << false;
}

void TestRunFollower::growAndFinish(Rig &rig, int from, int to, int step)
{
    const auto run = rig.server.run(42);
    QSignalSpy finished(&rig.follower, &RunFollower::runFinished);
    for (int n = from; n < to; n += step) {
        for (int i = n; i < std::min(to, n + step); ++i)
            run->entries.append(makeSampleEntry(42, i));
        // Keep the newest rows in view, as a pinned table does.
        QTRY_COMPARE_WITH_TIMEOUT(rig.model.rowCount(), std::min(to, n + step), 5000);
        rig.loader.setViewport(std::max(0, rig.model.rowCount() - 30), rig.model.rowCount() - 1);
        QTRY_COMPARE_WITH_TIMEOUT(rig.loader.loadedRows(), rig.model.rowCount(), 5000);
    }
    run->setStatus(QStringLiteral("COMPLETE"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QCOMPARE(finished.first().first().toString(), QStringLiteral("COMPLETE"));
    QVERIFY(!rig.follower.isFollowing());
    rig.verifyRows();
    const int requests = rig.server.requestCount();
    QTest::qWait(400);
    QCOMPARE(rig.server.requestCount(), requests); // polling stopped
}

void TestRunFollower::followsGrowingRunUntilItFinishes()
{
    Rig rig;
    rig.server.addRun(makeRun(7, 42, 30, QStringLiteral("ACTIVE")));
    rig.open();
    QTRY_COMPARE(rig.loader.loadedRows(), 30);
    QTRY_VERIFY(rig.follower.isFollowing());
    QVERIFY(rig.follower.msUntilNextCheck() >= 0);
    growAndFinish(rig, 30, 60, 7);
}

void TestRunFollower::followsAcrossPageBoundaries()
{
    Rig rig;
    rig.server.addRun(makeRun(7, 42, 95, QStringLiteral("running")));
    rig.open();
    QTRY_COMPARE(rig.loader.loadedRows(), 95);
    QTRY_VERIFY(rig.follower.isFollowing());
    growAndFinish(rig, 95, 330, 45); // crosses 100, 200 and 300, a whole page at a time too
}

void TestRunFollower::disabledFollowerDoesNotPoll()
{
    Rig rig;
    rig.follower.setEnabled(false);
    rig.server.addRun(makeRun(7, 42, 10, QStringLiteral("ACTIVE")));
    rig.open();
    QTRY_COMPARE(rig.loader.loadedRows(), 10);
    QTest::qWait(400);
    QCOMPARE(rig.server.requestCount(), 1);
    QVERIFY(!rig.follower.isFollowing());
    rig.follower.setEnabled(true);
    QTRY_VERIFY(rig.server.requestCount() > 1);
}

void TestRunFollower::finishedRunIsNotPolled()
{
    Rig rig;
    rig.server.addRun(makeRun(7, 42, 10, QStringLiteral("COMPLETE")));
    rig.open();
    QTRY_COMPARE(rig.loader.loadedRows(), 10);
    QTest::qWait(400);
    QCOMPARE(rig.server.requestCount(), 1);
    QVERIFY(!rig.follower.isFollowing());
}

void TestRunFollower::newestFirstViewShowsNewEntriesAtTheTop()
{
    Rig rig;
    rig.server.addRun(makeRun(7, 42, 150, QStringLiteral("ACTIVE")));
    rig.loader.open(ApiEndpoint{rig.server.baseUrl(), {}}, RunRef{7, 42}, true);
    QTRY_COMPARE(rig.loader.loadedRows(), 100);
    rig.loader.setViewport(0, 20);
    QTRY_VERIFY(rig.follower.isFollowing());
    const auto run = rig.server.run(42);
    for (int n = 150; n < 175; ++n)
        run->entries.append(makeSampleEntry(42, n));
    QTRY_COMPARE_WITH_TIMEOUT(rig.model.rowCount(), 175, 5000);
    QTRY_VERIFY(rig.model.store().isLoaded(0));
    // Row 0 is the newest entry; the rows below are the older ones, in order, none doubled.
    QCOMPARE(rig.model.index(0, 0).data(LogTableModel::RawJsonRole).toByteArray(), run->entries.at(174));
    rig.loader.setViewport(0, 174);
    QTRY_COMPARE_WITH_TIMEOUT(rig.loader.loadedRows(), 175, 5000);
    for (int row = 0; row < 175; ++row)
        QCOMPARE(rig.model.index(row, 0).data(LogTableModel::RawJsonRole).toByteArray(), run->entries.at(174 - row));
    run->setStatus(QStringLiteral("COMPLETE"));
    QTRY_VERIFY(!rig.follower.isFollowing());
}

void TestRunFollower::intervalIsAQuarterOfTheBudget_data()
{
    QTest::addColumn<int>("maxRequests");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("minimumMs");
    QTest::addColumn<int>("intervalMs");
    // Four requests' worth of the budget: at 60 per 60 s a poll every 4 s.
    QTest::addRow("60 per 60 s") << 60 << 60000 << 50 << 4000;
    QTest::addRow("10 per 2 s") << 10 << 2000 << 50 << 800;
    QTest::addRow("1000 per minute") << 1000 << 60000 << 50 << 240;
    QTest::addRow("the minimum wins") << 1000 << 60000 << 3000 << 3000;
    QTest::addRow("a generous budget stops at the minimum") << 100000 << 60000 << 50 << 50;
}

// The interval keeps polling to a quarter of the pacer's budget (never under the minimum), and
// a running follower's checks are that far apart at least. A check asks the pacer for a slot at
// once (the request itself may leave later, however busy the machine), so the checks are timed
// when they join the pacer's queue: a lower bound that load cannot break.
void TestRunFollower::intervalIsAQuarterOfTheBudget()
{
    QFETCH(int, maxRequests);
    QFETCH(int, windowMs);
    QFETCH(int, minimumMs);
    QFETCH(int, intervalMs);
    Rig rig;
    rig.pacer.setLimit(maxRequests, windowMs);
    rig.follower.setMinimumIntervalMs(minimumMs);
    rig.server.addRun(makeRun(7, 42, 30, QStringLiteral("ACTIVE")));
    rig.open();
    QTRY_VERIFY(rig.follower.isFollowing());
    QCOMPARE(rig.follower.intervalMs(), intervalMs);
    QVERIFY(rig.follower.msUntilNextCheck() >= 0);
    QVERIFY(rig.follower.msUntilNextCheck() <= intervalMs);
    if (intervalMs > 1000)
        return; // the spacing of checks below is watched where it takes a moment
    QElapsedTimer clock;
    clock.start();
    QList<qint64> checks;
    int queued = rig.pacer.queuedCount();
    connect(&rig.pacer, &RequestPacer::stateChanged, this, [&] {
        if (rig.pacer.queuedCount() > queued)
            checks << clock.elapsed();
        queued = rig.pacer.queuedCount();
    });
    QTRY_VERIFY_WITH_TIMEOUT(checks.size() >= 4, 20000);
    for (qsizetype i = 1; i < checks.size(); ++i) {
        // Qt's coarse timers may fire up to 5 % early.
        const qint64 gap = checks.at(i) - checks.at(i - 1);
        QVERIFY2(gap >= intervalMs * 95 / 100 - 1,
                 qPrintable(QStringLiteral("check %1 came %2 ms after the one before").arg(i).arg(gap)));
    }
}

// A check is skipped while the user's own pages wait for the pacer: the follower adds nothing to
// the queue and sends nothing, however many intervals pass; the user's pages go first when the
// pacer lets them, and polling goes on afterwards. The pacer runs on the test's clock, so the
// wait lasts exactly as long as the test says, whatever the machine's load.
void TestRunFollower::noPollWhileTheUsersPagesWait()
{
    Rig rig;
    qint64 now = 0;
    rig.pacer.setClockForTesting([&now] { return now; });
    rig.server.addRun(makeRun(7, 42, 500, QStringLiteral("ACTIVE")));
    rig.open();
    QTRY_COMPARE(rig.loader.loadedRows(), 100);
    QTRY_VERIFY(rig.follower.isFollowing());
    QCOMPARE(rig.follower.intervalMs(), 240);
    QTRY_VERIFY(rig.server.requestCount() >= 2); // it polls
    // Between polls: none waiting in the pacer, none on its way.
    QTRY_VERIFY(rig.loader.pagesInFlight() == 0 && rig.pacer.queuedCount() == 0);

    rig.pacer.pauseFor(10000); // as after a 429: nothing goes until the pacer's clock says so
    rig.loader.setViewport(300, 499);
    QTRY_COMPARE(rig.pacer.queuedCount(), 2); // the user's pages 3 and 4
    const int requests = rig.server.requestCount();
    QTest::qWait(1500); // six intervals and more
    QCOMPARE(rig.pacer.queuedCount(), 2);
    QCOMPARE(rig.server.requestCount(), requests);
    QVERIFY(rig.follower.isFollowing());

    now = 10001;
    rig.pacer.clockAdvanced();
    QTRY_COMPARE(rig.loader.loadedRows(), 300);
    QTRY_VERIFY(rig.server.requestCount() >= requests + 3); // and polling goes on
    const QList<LogsRequestRecord> log = rig.server.requestLog();
    QCOMPARE(QSet<QString>({log.at(requests).skip, log.at(requests + 1).skip}),
             QSet<QString>({QStringLiteral("300"), QStringLiteral("400")}));
}

// Ctrl+L off while a run is followed: polling stops at once (the answer to a poll already on its
// way may still land), new entries do not come; on again, they do.
void TestRunFollower::followTurnedOffMidRun()
{
    Rig rig;
    rig.server.addRun(makeRun(7, 42, 30, QStringLiteral("ACTIVE")));
    QSignalSpy following(&rig.follower, &RunFollower::followingChanged);
    rig.open();
    QTRY_VERIFY(rig.follower.isFollowing());
    QTRY_VERIFY(rig.server.requestCount() >= 3);
    following.clear();
    rig.follower.setEnabled(false);
    QVERIFY(!rig.follower.isFollowing());
    QCOMPARE(rig.follower.msUntilNextCheck(), qint64(-1));
    QCOMPARE(following.count(), 1);
    QCOMPARE(following.first().first().toBool(), false);
    // A poll asked for just before may still go out and land; then nothing more.
    QTRY_VERIFY(rig.loader.pagesInFlight() == 0 && rig.pacer.queuedCount() == 0);
    const int requests = rig.server.requestCount();
    const auto run = rig.server.run(42);
    for (int n = 30; n < 45; ++n)
        run->entries.append(makeSampleEntry(42, n));
    QTest::qWait(1000); // four intervals
    QCOMPARE(rig.server.requestCount(), requests);
    QCOMPARE(rig.model.rowCount(), 30);

    rig.follower.setEnabled(true);
    QVERIFY(rig.follower.isFollowing());
    QTRY_COMPARE_WITH_TIMEOUT(rig.model.rowCount(), 45, 10000);
    QTRY_COMPARE(rig.loader.loadedRows(), 45);
    rig.verifyRows();
}

// A live run followed across a page boundary to COMPLETE: the server sees the first page, then
// only checks of the pages where the run grows (skip 0, then 100), and nothing once it finished.
// With the library, the run then reopens whole from it with no request.
void TestRunFollower::followedToTheEndThenReopenedAsStored()
{
    QFETCH_GLOBAL(bool, withLibrary);
    Rig rig;
    rig.server.addRun(makeRun(7, 42, 30, QStringLiteral("ACTIVE")));
    rig.open();
    QTRY_COMPARE(rig.loader.loadedRows(), 30);
    QTRY_VERIFY(rig.follower.isFollowing());
    growAndFinish(rig, 30, 130, 50);
    QSet<QString> skips;
    for (const LogsRequestRecord &record : rig.server.requestLog())
        skips.insert(record.skip);
    QCOMPARE(skips, (QSet<QString>{QStringLiteral("0"), QStringLiteral("100")}));
    QVERIFY(rig.server.requestCount() >= 3);

    if (rig.library)
        rig.library->flush();
    rig.server.clearRequestLog();
    const int before = rig.server.requestCount();
    LogTableModel model;
    RunLoader again(&rig.network, &model);
    again.setPageCache(rig.library.get());
    again.setPacer(&rig.pacer);
    again.open(ApiEndpoint{rig.server.baseUrl(), {}}, RunRef{7, 42});
    QTRY_COMPARE(again.state(), RunLoader::State::Open);
    again.loadAll();
    QTRY_COMPARE(again.loadedRows(), 130);
    QCOMPARE(model.index(129, 0).data(LogTableModel::RawJsonRole).toByteArray(), rig.server.run(42)->entries.at(129));
    QTest::qWait(300);
    // Without the library the whole run is fetched again: the first page, then the second.
    QCOMPARE(rig.server.requestCount() - before, withLibrary ? 0 : 2);
}

QTEST_GUILESS_MAIN(TestRunFollower)
#include "tst_runfollower.moc"
