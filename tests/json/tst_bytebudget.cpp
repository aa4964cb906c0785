// SPDX-License-Identifier: MIT
// ByteBudget bounds what work in progress holds at once, for both of its uses: a reply in flight
// is refused at once when its bytes would pass the budget (InFlightBudget), a parse waits for
// them in arrival order (ParseBudget). Nothing may ever be held past the budget, and what is
// given back must be free again.
#include "json/bytebudget.h"

#include <QtTest>

#include <QThread>

#include <atomic>
#include <memory>

class TestByteBudget : public QObject
{
    Q_OBJECT
private slots:
    void tryTakeRefusesWhatDoesNotFit();
    void reservationGivesBackOnItsWay();
    void pieceLargerThanTheBudgetGoesAlone();
    void takeWaitsUntilTheBytesAreFree();
    void peakIsTheMostHeldAtOnce();
};

void TestByteBudget::tryTakeRefusesWhatDoesNotFit()
{
    ByteBudget budget(100);
    QVERIFY(budget.tryTake(60));
    QVERIFY(!budget.tryTake(41)); // refused whole: nothing taken
    QCOMPARE(budget.bytesInUse(), 60);
    QVERIFY(budget.tryTake(40));
    QVERIFY(!budget.tryTake(1));
    QVERIFY(!budget.tryTake(-1));
    budget.give(60);
    QCOMPARE(budget.bytesInUse(), 40);
    budget.give(1000); // never below nothing
    QCOMPARE(budget.bytesInUse(), 0);
}

void TestByteBudget::reservationGivesBackOnItsWay()
{
    ByteBudget budget(100);
    {
        const ByteBudget::Reservation reservation(budget, 70);
        QCOMPARE(budget.bytesInUse(), 70);
        QVERIFY(!budget.tryTake(31));
    }
    QCOMPARE(budget.bytesInUse(), 0);
    QVERIFY(budget.tryTake(100));
}

void TestByteBudget::pieceLargerThanTheBudgetGoesAlone()
{
    ByteBudget budget(100);
    {
        const ByteBudget::Reservation huge(budget, 1000); // clamped: it would wait for ever else
        QCOMPARE(budget.bytesInUse(), 100);
    }
    QCOMPARE(budget.bytesInUse(), 0);
    QVERIFY(!budget.tryTake(101));
    QCOMPARE(budget.maxBytes(), 100);
    budget.setMaxBytes(0);
    QCOMPARE(budget.maxBytes(), 1); // a budget of nothing would let nothing run
}

void TestByteBudget::takeWaitsUntilTheBytesAreFree()
{
    ByteBudget budget(100);
    auto held = std::make_unique<ByteBudget::Reservation>(budget, 80);
    std::atomic<bool> started{false};
    std::atomic<bool> reserved{false};
    std::unique_ptr<QThread> worker(QThread::create([&] {
        started = true;
        const ByteBudget::Reservation reservation(budget, 50);
        reserved = true;
    }));
    worker->start();
    QTRY_VERIFY(started.load());
    QTest::qWait(50);
    QVERIFY(!reserved.load()); // 80 + 50 would pass 100
    held.reset();
    QVERIFY(worker->wait(10000));
    QVERIFY(reserved.load());
    QCOMPARE(budget.bytesInUse(), 0);
}

void TestByteBudget::peakIsTheMostHeldAtOnce()
{
    ByteBudget budget(100);
    QVERIFY(budget.tryTake(30));
    QVERIFY(budget.tryTake(50));
    budget.give(50);
    QCOMPARE(budget.peakBytesInUse(), 80);
    budget.resetPeak();
    QCOMPARE(budget.peakBytesInUse(), 30);
}

QTEST_GUILESS_MAIN(TestByteBudget)
#include "tst_bytebudget.moc"
