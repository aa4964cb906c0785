// SPDX-License-Identifier: MIT
// RequestPacer with small numbers (a few per few hundred ms). Every timing property is checked on
// a clock the test moves itself (RequestPacer::setClockForTesting), from event to event as the
// pacer plans them, so grant times are exact and a busy machine (ASan, ctest -j2 on two cores)
// changes how long a test takes, never whether it passes: the limit in every trailing window,
// granting as soon as a slot is free, order and priority, giving slots back, re-anchoring at
// completion, pauses, dead callers. One test runs on the real clock with lower bounds only. And
// one pacer per origin and token.

#include "api/requestpacer.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <limits>
#include <map>
#include <memory>

namespace {

constexpr int kWaitMs = 5000;

struct Grant
{
    RequestPacer::Ticket ticket;
    QString name;
    qint64 atMs;
    int countedAtGrant;
};

// A pacer on a clock the test moves. Requests "complete" durationMs after their grant: 0 inside
// the grant callback (a fast loopback request), a positive value when the clock gets there, a
// negative one never by themselves (the test calls finished()).
class Simulation
{
public:
    explicit Simulation(RequestPacer &pacer) : m_pacer(pacer)
    {
        m_pacer.setClockForTesting([this] { return m_now; });
    }
    ~Simulation() { m_pacer.setClockForTesting({}); }

    int durationMs = 0;

    RequestPacer::Ticket acquire(const QString &name,
                                 RequestPacer::Priority priority = RequestPacer::Priority::Visible,
                                 QObject *context = nullptr)
    {
        return m_pacer.acquire(priority, context ? context : &m_context, [this, name](RequestPacer::Ticket ticket) {
            grants.append(Grant{ticket, name, m_now, m_pacer.countedInWindow()});
            if (durationMs == 0) {
                m_pacer.finished(ticket);
                finishedAt[ticket] = m_now;
            } else if (durationMs > 0) {
                m_completions.insert({m_now + durationMs, ticket});
            }
        });
    }

    // Runs the event loop until the pacer has granted everything it may at this moment: its
    // queue is empty or no slot is free now. The clock stands still meanwhile, so this is exact.
    bool settle()
    {
        return QTest::qWaitFor([this] { return m_pacer.queuedCount() == 0 || m_pacer.msUntilNextSlot() > 0; },
                               kWaitMs);
    }

    // Moves the clock forward to `ms` as time passes for the pacer: from event to event, where
    // an event is a request completing or the moment the pacer itself says its next slot is free
    // (msUntilNextSlot(), what its timer waits for). Nothing else wakes it, so a pacer that
    // plans a grant late grants late here too.
    bool runUntil(qint64 ms)
    {
        if (!settle())
            return false;
        for (;;) {
            qint64 next = std::numeric_limits<qint64>::max();
            if (!m_completions.empty())
                next = m_completions.begin()->first;
            if (m_pacer.queuedCount() > 0)
                next = std::min(next, m_now + std::max<qint64>(1, m_pacer.msUntilNextSlot()));
            if (next > ms)
                break;
            m_now = next;
            for (auto it = m_completions.begin(); it != m_completions.end() && it->first <= m_now;) {
                m_pacer.finished(it->second);
                finishedAt[it->second] = m_now;
                it = m_completions.erase(it);
            }
            m_pacer.clockAdvanced();
            if (!settle())
                return false;
        }
        m_now = ms;
        return true;
    }

    // Finishes a request the test kept in flight, now.
    void finish(RequestPacer::Ticket ticket)
    {
        m_pacer.finished(ticket);
        finishedAt[ticket] = m_now;
    }

    qint64 now() const { return m_now; }

    QStringList names() const
    {
        QStringList list;
        for (const Grant &g : grants)
            list << g.name;
        return list;
    }

    QList<Grant> grants;
    QHash<RequestPacer::Ticket, qint64> finishedAt;

private:
    RequestPacer &m_pacer;
    QObject m_context;
    qint64 m_now = 0;
    std::multimap<qint64, RequestPacer::Ticket> m_completions;
};

// A grant comes the moment its slot is free; the pacer may round its wait up by one millisecond
// (never down: a grant before the slot is free would break the limit).
bool grantedWhenFree(qint64 grantedAt, qint64 freeAt)
{
    return grantedAt == freeAt || grantedAt == freeAt + 1;
}

} // namespace

class TestRequestPacer : public QObject
{
    Q_OBJECT

private slots:
    void neverMoreThanLimitAndNeverLater_data();
    void neverMoreThanLimitAndNeverLater();
    void realClockKeepsTheLimit();
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
    void msUntilNextSlotCountsDown();
    void stateChangedSignals();
    void constructorClampsNonsense();
};

void TestRequestPacer::neverMoreThanLimitAndNeverLater_data()
{
    QTest::addColumn<int>("maxRequests");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("durationMs");

    QTest::addRow("5 per 300 ms, 15 requests taking 50 ms") << 5 << 300 << 15 << 50;
    QTest::addRow("5 per 300 ms, finished at once") << 5 << 300 << 12 << 0;
    QTest::addRow("1 per 100 ms") << 1 << 100 << 5 << 0;
    QTest::addRow("3 per 200 ms, 10 requests") << 3 << 200 << 10 << 0;
    QTest::addRow("3 per 200 ms, requests longer than the window") << 3 << 200 << 10 << 350;
}

// The limit holds in every trailing window, counted from each request's completion, and the
// pacer does not dawdle: every grant comes the moment a slot is free (the pacer may round up by
// one millisecond), the first batch at once.
void TestRequestPacer::neverMoreThanLimitAndNeverLater()
{
    QFETCH(int, maxRequests);
    QFETCH(int, windowMs);
    QFETCH(int, requests);
    QFETCH(int, durationMs);

    RequestPacer pacer(maxRequests, windowMs);
    Simulation sim(pacer);
    sim.durationMs = durationMs;
    for (int i = 0; i < requests; ++i)
        sim.acquire(QString::number(i));
    QCOMPARE(pacer.queuedCount(), requests);
    QVERIFY(sim.settle());
    const int batches = (requests + maxRequests - 1) / maxRequests;
    QVERIFY(sim.runUntil(qint64(batches) * (windowMs + durationMs + 2)));
    QCOMPARE(sim.grants.size(), requests);
    QCOMPARE(pacer.queuedCount(), 0);

    for (int i = 0; i < requests; ++i) {
        const Grant &g = sim.grants.at(i);
        QCOMPARE(g.name, QString::number(i)); // FIFO
        QVERIFY(g.countedAtGrant <= maxRequests);
        if (i < maxRequests) {
            QCOMPARE(g.atMs, qint64(0));
            continue;
        }
        // Grant i needs grant i - max to have left the window: a window after its completion.
        const qint64 freedAt = sim.finishedAt.value(sim.grants.at(i - maxRequests).ticket) + windowMs;
        QVERIFY2(grantedWhenFree(g.atMs, freedAt),
                 qPrintable(QStringLiteral("grant %1 at %2 ms, its slot was free at %3 ms").arg(i).arg(g.atMs).arg(freedAt)));
    }
}

// The same promise on the real clock, as the application runs it. Only lower bounds: a busy
// machine can delay a grant but never bring one forward, so this cannot fail for being slow.
void TestRequestPacer::realClockKeepsTheLimit()
{
    const int maxRequests = 5;
    const int windowMs = 300;
    RequestPacer pacer(maxRequests, windowMs);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> times;
    QObject context;
    for (int i = 0; i < 12; ++i) {
        pacer.acquire(RequestPacer::Priority::Visible, &context, [&, i](RequestPacer::Ticket ticket) {
            QCOMPARE(times.size(), i); // FIFO
            times.append(clock.elapsed());
            QVERIFY(pacer.countedInWindow() <= maxRequests);
            pacer.finished(ticket); // anchored after the time above was taken
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(times.size(), 12, 30000);
    // The two clocks tick in whole milliseconds and started at different moments: a gap seen here
    // may be up to a millisecond shorter than the pacer's.
    for (int i = 0; i + maxRequests < times.size(); ++i) {
        const qint64 gap = times.at(i + maxRequests) - times.at(i);
        QVERIFY2(gap >= windowMs - 2, qPrintable(QStringLiteral("grants %1 and %2 only %3 ms apart")
                                                     .arg(i).arg(i + maxRequests).arg(gap)));
    }
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
    Simulation sim(pacer);
    const auto V = RequestPacer::Priority::Visible;
    const auto B = RequestPacer::Priority::Background;
    sim.acquire(QStringLiteral("b1"), B);
    sim.acquire(QStringLiteral("v1"), V);
    sim.acquire(QStringLiteral("b2"), B);
    sim.acquire(QStringLiteral("v2"), V);
    sim.acquire(QStringLiteral("b3"), B);
    sim.acquire(QStringLiteral("v3"), V);
    QVERIFY(sim.settle());
    QCOMPARE(sim.names(), (QStringList{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3"),
                                       QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("b3")}));
    // Tickets are distinct and each callback got its own.
    QSet<RequestPacer::Ticket> tickets;
    for (const Grant &g : sim.grants)
        tickets.insert(g.ticket);
    QCOMPARE(tickets.size(), 6);
}

void TestRequestPacer::visibleOvertakesWaitingBackground()
{
    RequestPacer pacer(2, 200);
    Simulation sim(pacer);
    const auto V = RequestPacer::Priority::Visible;
    const auto B = RequestPacer::Priority::Background;
    for (int i = 1; i <= 4; ++i)
        sim.acquire(QStringLiteral("b%1").arg(i), B);
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 2);
    // b3 and b4 wait for the window; the user scrolls and a visible page jumps the queue.
    QVERIFY(sim.runUntil(50));
    sim.acquire(QStringLiteral("v1"), V);
    QVERIFY(sim.runUntil(500));
    QCOMPARE(sim.names(), (QStringList{QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("v1"),
                                       QStringLiteral("b3"), QStringLiteral("b4")}));
    QVERIFY(grantedWhenFree(sim.grants.at(2).atMs, 200));
    QCOMPARE(sim.grants.at(3).atMs, sim.grants.at(2).atMs);
    QVERIFY(grantedWhenFree(sim.grants.at(4).atMs, sim.grants.at(2).atMs + 200));
}

void TestRequestPacer::cancelRemovesWaitingRequest()
{
    RequestPacer pacer(1, 150);
    Simulation sim(pacer);
    sim.acquire(QStringLiteral("a"));
    const RequestPacer::Ticket b = sim.acquire(QStringLiteral("b"));
    sim.acquire(QStringLiteral("c"));
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 1);
    QCOMPARE(pacer.queuedCount(), 2);
    pacer.cancel(b);
    QCOMPARE(pacer.queuedCount(), 1);
    pacer.cancel(b); // twice: nothing
    pacer.cancel(123456); // unknown: nothing
    QCOMPARE(pacer.queuedCount(), 1);
    QVERIFY(sim.runUntil(400));
    QCOMPARE(sim.names(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    // c took b's place: it went one window after a, not two.
    QVERIFY(grantedWhenFree(sim.grants.at(1).atMs, 150));
}

void TestRequestPacer::cancelOfGrantedTicketDoesNothing()
{
    RequestPacer pacer(1, 5000);
    Simulation sim(pacer);
    const RequestPacer::Ticket a = sim.acquire(QStringLiteral("a"));
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 1);
    pacer.cancel(a);
    QCOMPARE(pacer.countedInWindow(), 1);
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.runUntil(4999));
    QCOMPARE(sim.grants.size(), 1); // a still holds the only slot
    QVERIFY(sim.runUntil(5001));
    QCOMPARE(sim.grants.size(), 2);
    QVERIFY(grantedWhenFree(sim.grants.at(1).atMs, 5000));
}

void TestRequestPacer::returnUnusedFreesSlotAtOnce()
{
    RequestPacer pacer(1, 5000);
    Simulation sim(pacer);
    const RequestPacer::Ticket a = sim.acquire(QStringLiteral("a"));
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.runUntil(50));
    QCOMPARE(sim.grants.size(), 1);
    QCOMPARE(pacer.msUntilNextSlot(), qint64(5000 - 50 + 1));

    pacer.returnUnused(a);
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 2);
    QCOMPARE(sim.grants.at(1).name, QStringLiteral("b"));
    QCOMPARE(sim.grants.at(1).atMs, qint64(50)); // at once, not a window later
    QCOMPARE(pacer.countedInWindow(), 1);

    pacer.returnUnused(a); // again: a no longer counts, nothing changes
    QCOMPARE(pacer.countedInWindow(), 1);
}

void TestRequestPacer::finishedReAnchorsAtCompletion()
{
    const int window = 300;
    RequestPacer pacer(1, window);
    Simulation sim(pacer);
    sim.durationMs = -1;
    const RequestPacer::Ticket a = sim.acquire(QStringLiteral("a"));
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 1);

    // a's reply takes 150 ms; its slot frees a window after that, not after the grant.
    QVERIFY(sim.runUntil(150));
    sim.finish(a);
    QCOMPARE(pacer.countedInWindow(), 1);
    QCOMPARE(pacer.msUntilNextSlot(), qint64(window + 1));
    QVERIFY(sim.runUntil(1000));
    QCOMPARE(sim.grants.size(), 2);
    QVERIFY(grantedWhenFree(sim.grants.at(1).atMs, 150 + window));
    pacer.finished(a); // unknown by now or again: harmless
}

void TestRequestPacer::slowRequestCountsUntilItCompletes()
{
    // The header's promise: a request counts until its completion plus a window, however long
    // the reply took, even when it took longer than the window itself.
    const int window = 150;
    RequestPacer pacer(1, window);
    Simulation sim(pacer);
    sim.durationMs = -1;
    const RequestPacer::Ticket a = sim.acquire(QStringLiteral("a"));
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.runUntil(window + 250)); // a is still in flight after more than a window
    QCOMPARE(sim.grants.size(), 1);
    sim.finish(a);
    QVERIFY(sim.runUntil(1000));
    QCOMPARE(sim.grants.size(), 2);
    QVERIFY(grantedWhenFree(sim.grants.at(1).atMs, window + 250 + window));
}

void TestRequestPacer::pauseForDelaysGrants()
{
    RequestPacer pacer(5, 100);
    Simulation sim(pacer);
    QVERIFY(sim.runUntil(10));
    pacer.pauseFor(300);
    QCOMPARE(pacer.msUntilNextSlot(), qint64(300));
    sim.acquire(QStringLiteral("a"));
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.runUntil(309));
    QCOMPARE(sim.grants.size(), 0);
    QCOMPARE(pacer.msUntilNextSlot(), qint64(1));
    QVERIFY(sim.runUntil(310));
    QCOMPARE(sim.grants.size(), 2);
    QCOMPARE(sim.grants.at(0).atMs, qint64(310));
    QCOMPARE(pacer.msUntilNextSlot(), qint64(0));
}

void TestRequestPacer::pauseNeverShortens()
{
    RequestPacer pacer(5, 100);
    Simulation sim(pacer);
    pacer.pauseFor(400);
    pacer.pauseFor(50);   // a shorter pause does not cut the longer one short
    pacer.pauseFor(-100); // nonsense: ignored
    QCOMPARE(pacer.msUntilNextSlot(), qint64(400));
}

void TestRequestPacer::destroyedContextNeverCalled()
{
    RequestPacer pacer(1, 150);
    Simulation sim(pacer);
    auto *doomedWhileQueued = new QObject;
    auto *doomedBeforeLoop = new QObject;
    bool calledDead = false;
    sim.acquire(QStringLiteral("a"));
    pacer.acquire(RequestPacer::Priority::Visible, doomedBeforeLoop, [&](RequestPacer::Ticket) { calledDead = true; });
    pacer.acquire(RequestPacer::Priority::Visible, doomedWhileQueued, [&](RequestPacer::Ticket) { calledDead = true; });
    sim.acquire(QStringLiteral("z"));
    delete doomedBeforeLoop;
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 1);
    delete doomedWhileQueued;
    QVERIFY(sim.runUntil(400));
    QVERIFY(!calledDead);
    QCOMPARE(sim.names(), (QStringList{QStringLiteral("a"), QStringLiteral("z")}));
    QVERIFY(grantedWhenFree(sim.grants.at(1).atMs, 150)); // the dead ones took no slot
    QCOMPARE(pacer.queuedCount(), 0);
}

void TestRequestPacer::destroyedContextTakesNoSlot()
{
    RequestPacer pacer(1, 5000);
    Simulation sim(pacer);
    auto *doomed = new QObject;
    pacer.acquire(RequestPacer::Priority::Visible, doomed, [](RequestPacer::Ticket) { QFAIL("called"); });
    sim.acquire(QStringLiteral("alive"));
    delete doomed;
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 1);
    QCOMPARE(sim.grants.first().atMs, qint64(0)); // not a window later
    QCOMPARE(pacer.countedInWindow(), 1);
}

void TestRequestPacer::reentrantAcquireFromCallback()
{
    RequestPacer pacer(3, 200);
    Simulation sim(pacer);
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
    QVERIFY(sim.runUntil(1000));
    QCOMPARE(order, (QList<int>{1, 2, 3, 4, 5, 6}));
    QVERIFY(pacer.countedInWindow() <= 3);
}

void TestRequestPacer::raisingLimitReleasesWaiters()
{
    RequestPacer pacer(1, 5000);
    Simulation sim(pacer);
    for (int i = 0; i < 4; ++i)
        sim.acquire(QString::number(i));
    QVERIFY(sim.runUntil(10));
    QCOMPARE(sim.grants.size(), 1);
    pacer.setLimit(3, 5000);
    QCOMPARE(pacer.maxRequests(), 3);
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 3);
    QCOMPARE(sim.grants.at(2).atMs, qint64(10));
    QVERIFY(sim.runUntil(4999));
    QCOMPARE(sim.grants.size(), 3);
    QCOMPARE(pacer.queuedCount(), 1);
}

void TestRequestPacer::loweringLimitHolds()
{
    RequestPacer pacer(3, 250);
    Simulation sim(pacer);
    for (int i = 0; i < 3; ++i)
        sim.acquire(QString::number(i));
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 3);
    pacer.setLimit(1, 250);
    // 3 counted, limit 1: the next one waits until all three left the window.
    QVERIFY(pacer.msUntilNextSlot() >= 250);
    sim.acquire(QStringLiteral("next"));
    QVERIFY(sim.runUntil(249));
    QCOMPARE(sim.grants.size(), 3);
    QVERIFY(sim.runUntil(600));
    QCOMPARE(sim.grants.size(), 4);
    QVERIFY(grantedWhenFree(sim.grants.at(3).atMs, 250));
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

void TestRequestPacer::msUntilNextSlotCountsDown()
{
    const int window = 400;
    RequestPacer pacer(2, window);
    Simulation sim(pacer);
    QCOMPARE(pacer.msUntilNextSlot(), qint64(0));
    QCOMPARE(pacer.countedInWindow(), 0);
    sim.acquire(QStringLiteral("a"));
    QVERIFY(sim.settle());
    QCOMPARE(pacer.countedInWindow(), 1);
    QCOMPARE(pacer.msUntilNextSlot(), qint64(0)); // one slot left
    QVERIFY(sim.runUntil(10));
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.settle());
    QCOMPARE(pacer.countedInWindow(), 2);
    // a's slot frees a window after a: at 400 ms (the pacer rounds up by one).
    QCOMPARE(pacer.msUntilNextSlot(), qint64(window - 10 + 1));
    QVERIFY(sim.runUntil(110));
    QCOMPARE(pacer.msUntilNextSlot(), qint64(window - 110 + 1));
    QVERIFY(sim.runUntil(window));
    QCOMPARE(pacer.msUntilNextSlot(), qint64(0));
    QCOMPARE(pacer.countedInWindow(), 1);
}

void TestRequestPacer::stateChangedSignals()
{
    RequestPacer pacer(1, 5000);
    QSignalSpy changed(&pacer, &RequestPacer::stateChanged);
    Simulation sim(pacer);
    sim.acquire(QStringLiteral("a"));
    const RequestPacer::Ticket b = sim.acquire(QStringLiteral("b"));
    QVERIFY(changed.count() >= 2);
    QVERIFY(sim.settle());
    QCOMPARE(sim.grants.size(), 1);
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
    Simulation sim(pacer);
    sim.acquire(QStringLiteral("a"));
    sim.acquire(QStringLiteral("b"));
    QVERIFY(sim.runUntil(5));
    QCOMPARE(sim.names(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(grantedWhenFree(sim.grants.at(1).atMs, 1));
}

QTEST_GUILESS_MAIN(TestRequestPacer)
#include "tst_requestpacer.moc"
