// RequestPacer with small numbers (a few per few hundred ms), timed by the test's own clock:
// the limit holds in every trailing window, order and priority, giving slots back, re-anchoring
// at completion, pauses, dead callers, and one pacer per origin and token.

#include "api/requestpacer.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <memory>

namespace {

// Both clocks tick in whole milliseconds and were started at different moments, so a gap seen
// by the test may be up to a millisecond shorter than the one the pacer saw.
constexpr qint64 kClockSlackMs = 2;
constexpr int kWaitMs = 5000;

struct Grant
{
    RequestPacer::Ticket ticket;
    QString name;
    qint64 atMs;
    int countedAtGrant;
};

// Records grants by name, with the test clock's time.
class Recorder
{
public:
    explicit Recorder(RequestPacer &pacer) : m_pacer(pacer) { m_clock.start(); }

    // By default each granted request "completes" at once, as a fast loopback request would;
    // a test of slow requests keeps them in flight and calls finished() itself.
    bool completeAtOnce = true;

    RequestPacer::Ticket acquire(const QString &name,
                                 RequestPacer::Priority priority = RequestPacer::Priority::Visible,
                                 QObject *context = nullptr)
    {
        return m_pacer.acquire(priority, context ? context : &m_context,
                               [this, name](RequestPacer::Ticket ticket) {
                                   grants.append(Grant{ticket, name, m_clock.elapsed(),
                                                       m_pacer.countedInWindow()});
                                   if (completeAtOnce)
                                       m_pacer.finished(ticket);
                               });
    }

    QStringList names() const
    {
        QStringList list;
        for (const Grant &g : grants)
            list << g.name;
        return list;
    }
    qint64 now() const { return m_clock.elapsed(); }

    QList<Grant> grants;

private:
    RequestPacer &m_pacer;
    QObject m_context;
    QElapsedTimer m_clock;
};

} // namespace

class TestRequestPacer : public QObject
{
    Q_OBJECT

private slots:
    void neverMoreThanLimitInAnyWindow_data();
    void neverMoreThanLimitInAnyWindow();
    void grantsComeFromTheEventLoop();
    void fifoWithinPriorityVisibleFirst();
    void visibleOvertakesWaitingBackground();
    void cancelRemovesWaitingRequest();
    void cancelOfGrantedTicketDoesNothing();
    void returnUnusedFreesSlotAtOnce();
    void finishedReAnchorsAtCompletion();
    void slowRequestCountsUntilItCompletes();
    void pauseForDelaysGrants();
    void pauseNeverShortens();
    void destroyedContextNeverCalled();
    void destroyedContextTakesNoSlot();
    void reentrantAcquireFromCallback();
    void raisingLimitReleasesWaiters();
    void loweringLimitHolds();
    void sharedPerOriginAndToken_data();
    void sharedPerOriginAndToken();
    void sharedUsesDefaultLimit();
    void msUntilNextSlotIsSane();
    void stateChangedSignals();
    void constructorClampsNonsense();
};

void TestRequestPacer::neverMoreThanLimitInAnyWindow_data()
{
    QTest::addColumn<int>("maxRequests");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("requests");
    QTest::addColumn<bool>("finishAtOnce");

    QTest::addRow("5 per 300 ms, 15 requests taking 50 ms") << 5 << 300 << 15 << false;
    QTest::addRow("5 per 300 ms, finished at once") << 5 << 300 << 12 << true;
    QTest::addRow("1 per 100 ms") << 1 << 100 << 5 << true;
    QTest::addRow("3 per 200 ms, 10 requests") << 3 << 200 << 10 << true;
}

void TestRequestPacer::neverMoreThanLimitInAnyWindow()
{
    QFETCH(int, maxRequests);
    QFETCH(int, windowMs);
    QFETCH(int, requests);
    QFETCH(bool, finishAtOnce);

    RequestPacer pacer(maxRequests, windowMs);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> times;
    QObject context;
    for (int i = 0; i < requests; ++i) {
        pacer.acquire(RequestPacer::Priority::Visible, &context,
                      [&, i](RequestPacer::Ticket ticket) {
                          QCOMPARE(times.size(), i); // FIFO
                          times.append(clock.elapsed());
                          QVERIFY(pacer.countedInWindow() <= maxRequests);
                          if (finishAtOnce)
                              pacer.finished(ticket);
                          else
                              QTimer::singleShot(50, &context, [&pacer, ticket] { pacer.finished(ticket); });
                      });
    }
    QCOMPARE(pacer.queuedCount(), requests);
    QTRY_COMPARE_WITH_TIMEOUT(times.size(), requests, kWaitMs);
    QCOMPARE(pacer.queuedCount(), 0);

    // In every trailing window at most maxRequests grants: grant i+max comes a window after i.
    for (int i = 0; i + maxRequests < times.size(); ++i) {
        const qint64 gap = times.at(i + maxRequests) - times.at(i);
        QVERIFY2(gap >= windowMs - kClockSlackMs,
                 qPrintable(QStringLiteral("grants %1 and %2 only %3 ms apart")
                                .arg(i).arg(i + maxRequests).arg(gap)));
    }
    // The first batch goes at once, and the pacer does not dawdle: batch k at about k windows.
    for (int i = 0; i < maxRequests; ++i)
        QVERIFY2(times.at(i) < windowMs / 2, qPrintable(QString::number(times.at(i))));
    const int batches = (requests - 1) / maxRequests;
    QVERIFY2(times.last() < qint64(batches) * windowMs + windowMs / 2 + 200,
             qPrintable(QString::number(times.last())));
}

void TestRequestPacer::grantsComeFromTheEventLoop()
{
    RequestPacer pacer(5, 1000);
    bool called = false;
    QObject context;
    pacer.acquire(RequestPacer::Priority::Visible, &context, [&](RequestPacer::Ticket) { called = true; });
    QVERIFY(!called); // never from inside acquire()
    QTRY_VERIFY_WITH_TIMEOUT(called, kWaitMs);
}

void TestRequestPacer::fifoWithinPriorityVisibleFirst()
{
    RequestPacer pacer(10, 1000);
    Recorder recorder(pacer);
    const auto V = RequestPacer::Priority::Visible;
    const auto B = RequestPacer::Priority::Background;
    recorder.acquire(QStringLiteral("b1"), B);
    recorder.acquire(QStringLiteral("v1"), V);
    recorder.acquire(QStringLiteral("b2"), B);
    recorder.acquire(QStringLiteral("v2"), V);
    recorder.acquire(QStringLiteral("b3"), B);
    recorder.acquire(QStringLiteral("v3"), V);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 6, kWaitMs);
    QCOMPARE(recorder.names(), (QStringList{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3"),
                                            QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("b3")}));
    // Tickets are distinct and each callback got its own.
    QSet<RequestPacer::Ticket> tickets;
    for (const Grant &g : recorder.grants)
        tickets.insert(g.ticket);
    QCOMPARE(tickets.size(), 6);
}

void TestRequestPacer::visibleOvertakesWaitingBackground()
{
    RequestPacer pacer(2, 200);
    Recorder recorder(pacer);
    const auto V = RequestPacer::Priority::Visible;
    const auto B = RequestPacer::Priority::Background;
    for (int i = 1; i <= 4; ++i)
        recorder.acquire(QStringLiteral("b%1").arg(i), B);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    // b3 and b4 wait for the window; the user scrolls and a visible page jumps the queue.
    recorder.acquire(QStringLiteral("v1"), V);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 5, kWaitMs);
    QCOMPARE(recorder.names(), (QStringList{QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("v1"),
                                            QStringLiteral("b3"), QStringLiteral("b4")}));
    QVERIFY(recorder.grants.at(2).atMs >= 200 - kClockSlackMs);
}

void TestRequestPacer::cancelRemovesWaitingRequest()
{
    RequestPacer pacer(1, 150);
    Recorder recorder(pacer);
    recorder.acquire(QStringLiteral("a"));
    const RequestPacer::Ticket b = recorder.acquire(QStringLiteral("b"));
    recorder.acquire(QStringLiteral("c"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    QCOMPARE(pacer.queuedCount(), 2);
    pacer.cancel(b);
    QCOMPARE(pacer.queuedCount(), 1);
    pacer.cancel(b); // twice: nothing
    pacer.cancel(123456); // unknown: nothing
    QCOMPARE(pacer.queuedCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    QTest::qWait(200);
    QCOMPARE(recorder.names(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    // c took b's place: it went one window after a, not two.
    QVERIFY(recorder.grants.at(1).atMs < 150 + 120);
}

void TestRequestPacer::cancelOfGrantedTicketDoesNothing()
{
    RequestPacer pacer(1, 5000);
    Recorder recorder(pacer);
    const RequestPacer::Ticket a = recorder.acquire(QStringLiteral("a"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    pacer.cancel(a);
    QCOMPARE(pacer.countedInWindow(), 1);
    recorder.acquire(QStringLiteral("b"));
    QTest::qWait(100);
    QCOMPARE(recorder.grants.size(), 1); // a still holds the only slot
}

void TestRequestPacer::returnUnusedFreesSlotAtOnce()
{
    RequestPacer pacer(1, 5000);
    Recorder recorder(pacer);
    const RequestPacer::Ticket a = recorder.acquire(QStringLiteral("a"));
    recorder.acquire(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    QTest::qWait(50);
    QCOMPARE(recorder.grants.size(), 1);
    QVERIFY(pacer.msUntilNextSlot() > 4000);

    const qint64 returnedAt = recorder.now();
    pacer.returnUnused(a);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    QCOMPARE(recorder.grants.at(1).name, QStringLiteral("b"));
    QVERIFY(recorder.grants.at(1).atMs - returnedAt < 500);
    QCOMPARE(pacer.countedInWindow(), 1);

    pacer.returnUnused(a); // again: a no longer counts, nothing changes
    QCOMPARE(pacer.countedInWindow(), 1);
}

void TestRequestPacer::finishedReAnchorsAtCompletion()
{
    const int window = 300;
    RequestPacer pacer(1, window);
    Recorder recorder(pacer);
    recorder.completeAtOnce = false;
    const RequestPacer::Ticket a = recorder.acquire(QStringLiteral("a"));
    recorder.acquire(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);

    // a's reply takes 150 ms; its slot frees a window after that, not after the grant.
    QTest::qWait(150);
    const qint64 completedAt = recorder.now();
    pacer.finished(a);
    QCOMPARE(pacer.countedInWindow(), 1);
    QVERIFY2(pacer.msUntilNextSlot() > window - 20, qPrintable(QString::number(pacer.msUntilNextSlot())));

    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    const qint64 gap = recorder.grants.at(1).atMs - completedAt;
    QVERIFY2(gap >= window - kClockSlackMs, qPrintable(QString::number(gap)));
    QVERIFY2(gap < window + 200, qPrintable(QString::number(gap)));
    pacer.finished(a); // unknown by now or again: harmless
}

void TestRequestPacer::slowRequestCountsUntilItCompletes()
{
    // The header's promise: a request counts until its completion plus a window, however long
    // the reply took, even when it took longer than the window itself.
    const int window = 150;
    RequestPacer pacer(1, window);
    Recorder recorder(pacer);
    recorder.completeAtOnce = false;
    const RequestPacer::Ticket a = recorder.acquire(QStringLiteral("a"));
    recorder.acquire(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    QTest::qWait(window + 100); // a is still in flight after a whole window
    const bool grantedWhileInFlight = recorder.grants.size() > 1;
    pacer.finished(a);
    QVERIFY(!grantedWhileInFlight);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
}

void TestRequestPacer::pauseForDelaysGrants()
{
    RequestPacer pacer(5, 100);
    Recorder recorder(pacer);
    pacer.pauseFor(300);
    const qint64 pausedAt = recorder.now();
    const qint64 wait = pacer.msUntilNextSlot();
    QVERIFY2(wait > 250 && wait <= 300, qPrintable(QString::number(wait)));
    recorder.acquire(QStringLiteral("a"));
    recorder.acquire(QStringLiteral("b"));
    QTest::qWait(150);
    QCOMPARE(recorder.grants.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    QVERIFY(recorder.grants.at(0).atMs - pausedAt >= 300 - kClockSlackMs);
    QVERIFY(recorder.grants.at(0).atMs - pausedAt < 300 + 200);
    QCOMPARE(pacer.msUntilNextSlot(), 0);
}

void TestRequestPacer::pauseNeverShortens()
{
    RequestPacer pacer(5, 100);
    pacer.pauseFor(400);
    pacer.pauseFor(50);   // a shorter pause does not cut the longer one short
    pacer.pauseFor(-100); // nonsense: ignored
    QVERIFY(pacer.msUntilNextSlot() > 350);
}

void TestRequestPacer::destroyedContextNeverCalled()
{
    RequestPacer pacer(1, 150);
    Recorder recorder(pacer);
    auto *doomedWhileQueued = new QObject;
    auto *doomedBeforeLoop = new QObject;
    bool calledDead = false;
    recorder.acquire(QStringLiteral("a"));
    pacer.acquire(RequestPacer::Priority::Visible, doomedBeforeLoop,
                  [&](RequestPacer::Ticket) { calledDead = true; });
    pacer.acquire(RequestPacer::Priority::Visible, doomedWhileQueued,
                  [&](RequestPacer::Ticket) { calledDead = true; });
    recorder.acquire(QStringLiteral("z"));
    delete doomedBeforeLoop;
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    delete doomedWhileQueued;
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    QVERIFY(!calledDead);
    QCOMPARE(recorder.names(), (QStringList{QStringLiteral("a"), QStringLiteral("z")}));
    QCOMPARE(pacer.queuedCount(), 0);
}

void TestRequestPacer::destroyedContextTakesNoSlot()
{
    RequestPacer pacer(1, 5000);
    Recorder recorder(pacer);
    auto *doomed = new QObject;
    pacer.acquire(RequestPacer::Priority::Visible, doomed, [](RequestPacer::Ticket) { QFAIL("called"); });
    recorder.acquire(QStringLiteral("alive"));
    delete doomed;
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    QVERIFY(recorder.grants.first().atMs < 500); // not a window later
    QCOMPARE(pacer.countedInWindow(), 1);
}

void TestRequestPacer::reentrantAcquireFromCallback()
{
    RequestPacer pacer(3, 200);
    QObject context;
    QList<int> order;
    std::function<void(int)> chain = [&](int n) {
        pacer.acquire(RequestPacer::Priority::Visible, &context, [&, n](RequestPacer::Ticket ticket) {
            order.append(n);
            if (n % 2 == 0)
                pacer.returnUnused(ticket); // re-entrant as well
            else
                pacer.finished(ticket);
            if (n < 6)
                chain(n + 1);
        });
    };
    chain(1);
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 6, kWaitMs);
    QCOMPARE(order, (QList<int>{1, 2, 3, 4, 5, 6}));
    QVERIFY(pacer.countedInWindow() <= 3);
}

void TestRequestPacer::raisingLimitReleasesWaiters()
{
    RequestPacer pacer(1, 5000);
    Recorder recorder(pacer);
    for (int i = 0; i < 4; ++i)
        recorder.acquire(QString::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    pacer.setLimit(3, 5000);
    QCOMPARE(pacer.maxRequests(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 3, kWaitMs);
    QTest::qWait(100);
    QCOMPARE(recorder.grants.size(), 3);
    QCOMPARE(pacer.queuedCount(), 1);
}

void TestRequestPacer::loweringLimitHolds()
{
    RequestPacer pacer(3, 250);
    Recorder recorder(pacer);
    for (int i = 0; i < 3; ++i)
        recorder.acquire(QString::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 3, kWaitMs);
    const qint64 firstBatch = recorder.grants.first().atMs;
    pacer.setLimit(1, 250);
    // 3 counted, limit 1: the next one waits until all three left the window.
    QVERIFY(pacer.msUntilNextSlot() > 150);
    recorder.acquire(QStringLiteral("next"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 4, kWaitMs);
    QVERIFY(recorder.grants.at(3).atMs - firstBatch >= 250 - kClockSlackMs);
}

void TestRequestPacer::sharedPerOriginAndToken_data()
{
    QTest::addColumn<QString>("urlA");
    QTest::addColumn<QByteArray>("tokenA");
    QTest::addColumn<QString>("urlB");
    QTest::addColumn<QByteArray>("tokenB");
    QTest::addColumn<bool>("same");

    const QString api = QStringLiteral("https://pacer-test.codegen.example");
    QTest::addRow("identical") << api << QByteArray("t1") << api << QByteArray("t1") << true;
    QTest::addRow("path and query do not matter")
        << api << QByteArray("t1") << api + QStringLiteral("/some/path?x=1#f") << QByteArray("t1") << true;
    QTest::addRow("user info does not matter")
        << api << QByteArray("t1") << QStringLiteral("https://u:p@pacer-test.codegen.example") << QByteArray("t1") << true;
    QTest::addRow("other token") << api << QByteArray("t1") << api << QByteArray("t2") << false;
    QTest::addRow("no token vs token") << api << QByteArray() << api << QByteArray("t1") << false;
    QTest::addRow("other host") << api << QByteArray("t1") << QStringLiteral("https://other.codegen.example")
                                << QByteArray("t1") << false;
    QTest::addRow("other port") << api << QByteArray("t1") << api + QStringLiteral(":8443") << QByteArray("t1") << false;
    QTest::addRow("other scheme") << QStringLiteral("http://127.0.0.1:9") << QByteArray("t1")
                                  << QStringLiteral("https://127.0.0.1:9") << QByteArray("t1") << false;
}

void TestRequestPacer::sharedPerOriginAndToken()
{
    QFETCH(QString, urlA);
    QFETCH(QByteArray, tokenA);
    QFETCH(QString, urlB);
    QFETCH(QByteArray, tokenB);
    QFETCH(bool, same);

    RequestPacer *a = RequestPacer::shared(QUrl(urlA), tokenA);
    RequestPacer *b = RequestPacer::shared(QUrl(urlB), tokenB);
    QVERIFY(a);
    QVERIFY(b);
    QCOMPARE(a == b, same);
    QCOMPARE(RequestPacer::shared(QUrl(urlA), tokenA), a); // stable
}

void TestRequestPacer::sharedUsesDefaultLimit()
{
    RequestPacer *before = RequestPacer::shared(QUrl(QStringLiteral("https://defaults-before.example")), "t");
    RequestPacer::setDefaultLimit(7, 1234);
    RequestPacer *after = RequestPacer::shared(QUrl(QStringLiteral("https://defaults-after.example")), "t");
    RequestPacer::setDefaultLimit(60, 60000);
    QCOMPARE(after->maxRequests(), 7);
    QCOMPARE(after->windowMs(), 1234);
    QCOMPARE(before->maxRequests(), 60);
    QCOMPARE(before->windowMs(), 60000);
}

void TestRequestPacer::msUntilNextSlotIsSane()
{
    const int window = 400;
    RequestPacer pacer(2, window);
    QCOMPARE(pacer.msUntilNextSlot(), 0);
    QCOMPARE(pacer.countedInWindow(), 0);
    Recorder recorder(pacer);
    recorder.acquire(QStringLiteral("a"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    QCOMPARE(pacer.countedInWindow(), 1);
    QCOMPARE(pacer.msUntilNextSlot(), 0); // one slot left
    recorder.acquire(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
    QCOMPARE(pacer.countedInWindow(), 2);
    const qint64 wait = pacer.msUntilNextSlot();
    QVERIFY2(wait > 0 && wait <= window + 1, qPrintable(QString::number(wait)));
    // Counts down as time passes, to zero when a's grant leaves the window.
    QTest::qWait(100);
    const qint64 later = pacer.msUntilNextSlot();
    QVERIFY2(later < wait && later >= wait - 150, qPrintable(QStringLiteral("%1 then %2").arg(wait).arg(later)));
    QTRY_COMPARE_WITH_TIMEOUT(pacer.msUntilNextSlot(), qint64(0), kWaitMs);
    QVERIFY(pacer.countedInWindow() < 2);
}

void TestRequestPacer::stateChangedSignals()
{
    RequestPacer pacer(1, 5000);
    QSignalSpy changed(&pacer, &RequestPacer::stateChanged);
    Recorder recorder(pacer);
    recorder.acquire(QStringLiteral("a"));
    const RequestPacer::Ticket b = recorder.acquire(QStringLiteral("b"));
    QVERIFY(changed.count() >= 2);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 1, kWaitMs);
    const int beforeCancel = int(changed.count());
    pacer.cancel(b);
    QVERIFY(changed.count() > beforeCancel);
    const int beforePause = int(changed.count());
    pacer.pauseFor(10);
    QVERIFY(changed.count() > beforePause);
}

void TestRequestPacer::constructorClampsNonsense()
{
    RequestPacer pacer(0, -5);
    QCOMPARE(pacer.maxRequests(), 1);
    QCOMPARE(pacer.windowMs(), 1);
    pacer.setLimit(-3, 0);
    QCOMPARE(pacer.maxRequests(), 1);
    QCOMPARE(pacer.windowMs(), 1);
    Recorder recorder(pacer);
    recorder.acquire(QStringLiteral("a"));
    recorder.acquire(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.grants.size(), 2, kWaitMs);
}

QTEST_GUILESS_MAIN(TestRequestPacer)
#include "tst_requestpacer.moc"
