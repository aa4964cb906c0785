// SPDX-License-Identifier: MIT
// Insights follow a run that is still going, in the real window against a loopback server: the
// verdict says "of the entries loaded" while the run goes, the loop grows as entries come, and
// the verdict is whole once the run finishes. Expected values written by hand from the sample
// run's shape (samplerun.h: odd entries are "bash" calls without input, even ones thoughts).
#include "api/requestpacer.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "runsessioninternals.h"
#include "samplerun.h"
#include "testlogserver.h"
#include "ui/insights/insightscontroller.h"
#include "ui/insights/insightspanel.h"
#include "ui/window/mainwindow.h"
#include "rows/logtablemodel.h"
#include "session/runsession.h"

#include <QtTest>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 50;
} // namespace

class TestInsightsLive : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void insightsFollowARunThatGrows();
    void newestFirstKeepsTheRunsNumbers();

private:
    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestInsightsLive::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_insightslive"));
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(kOrg, kRun, 10, QStringLiteral("ACTIVE")));
}

void TestInsightsLive::insightsFollowARunThatGrows()
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // A pacer of the window's own with room for 1000 a minute: the follower polls every 240 ms.
    loaderOf(m_window->session())->setPacer(new RequestPacer(1000, 60000, m_window.get()));
    followerOf(m_window->session())->setMinimumIntervalMs(50);
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    InsightsController *insights = m_window->insights();
    const auto loopOf = [insights]() -> InsightsLoop {
        return insights->insights().loops.isEmpty() ? InsightsLoop() : insights->insights().loops.first();
    };
    // Entries 2, 4, ..., 10: the same call five times.
    QTRY_VERIFY_WITH_TIMEOUT(insights->entriesLoaded() == 10 && loopOf().repeats == 5, 20000);
    QCOMPARE(loopOf().firstEntry, 2);
    QCOMPARE(loopOf().lastEntry, 10);
    QVERIFY(!insights->isWhole()); // the run is going
    QCOMPARE(m_window->insightsPanel()->verdictText(),
             QStringLiteral("Of the 10 entries loaded: 1 loop · no repeated failures · no failures · no commands · no files"));

    const auto run = m_server->run(kRun);
    for (int n = 10; n < 20; ++n)
        run->entries.append(makeSampleEntry(kRun, n));
    QTRY_VERIFY_WITH_TIMEOUT(insights->entriesLoaded() == 20 && loopOf().repeats == 10, 20000);
    QCOMPARE(loopOf().lastEntry, 20);
    QCOMPARE(m_window->insightsPanel()->verdictText(),
             QStringLiteral("Of the 20 entries loaded: 1 loop · no repeated failures · no failures · no commands · no files"));

    run->setStatus(QStringLiteral("COMPLETE"));
    QTRY_VERIFY_WITH_TIMEOUT(insights->isWhole(), 20000);
    QCOMPARE(m_window->insightsPanel()->verdictText(),
             QStringLiteral("1 loop · no repeated failures · no failures · no commands · no files"));
}

// Newest first, the table's rows run backwards; the findings still number entries from the oldest.
void TestInsightsLive::newestFirstKeepsTheRunsNumbers()
{
    m_server->addRun(makeRun(kOrg, kRun + 1, 10, QStringLiteral("COMPLETE")));
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    loaderOf(m_window->session())->setPacer(new RequestPacer(1000, 60000, m_window.get()));
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun + 1}, true);
    InsightsController *insights = m_window->insights();
    QTRY_VERIFY_WITH_TIMEOUT(insights->isWhole() && !insights->isComputing(), 20000);
    QCOMPARE(insights->insights().loops.size(), 1);
    QCOMPARE(insights->insights().loops.first().firstEntry, 2);
    QCOMPARE(insights->insights().loops.first().lastEntry, 10);
    QCOMPARE(insights->insights().loops.first().entries, QVector<int>({2, 4, 6, 8, 10}));
    // Entry 2 is the second row from the bottom of ten.
    QCOMPARE(insights->sourceRowOf(2), 8);
    QCOMPARE(m_window->logModel()->data(m_window->logModel()->index(8, LogTableModel::IndexColumn)).toString(),
             QStringLiteral("2"));
}

QTEST_MAIN(TestInsightsLive)
#include "tst_insightslive.moc"
