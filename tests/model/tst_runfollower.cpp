// Following a live run against the spec server: a run that grows and then finishes.
#include "api/requestpacer.h"
#include "model/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

class TestRunFollower : public QObject
{
    Q_OBJECT

private slots:
    void followsGrowingRunUntilItFinishes();
    void followsAcrossPageBoundaries();
    void disabledFollowerDoesNotPoll();
    void finishedRunIsNotPolled();
    void newestFirstViewShowsNewEntriesAtTheTop();

private:
    struct Rig {
        TestLogServer server;
        QNetworkAccessManager network;
        LogTableModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        RequestPacer pacer{1000, 60000};
        RunLoader loader{&network, &model};
        RunFollower follower{&loader};
        Rig()
        {
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

QTEST_GUILESS_MAIN(TestRunFollower)
#include "tst_runfollower.moc"
