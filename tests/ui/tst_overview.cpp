// SPDX-License-Identifier: MIT
// The run at a glance in the real window, on the offscreen platform: a file of 3,000 entries
// opened, the statistics dock counting them, a click on the timeline selecting and centring the
// entry under it, a click on a bar filtering the table (a second click lifting it), and the
// insights' marks on the timeline: failures in the error lane, a loop in its own lane (its
// tooltip, a click going to its first entry).
#include "ui/overview/barchart.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/insights/insightscontroller.h"
#include "rows/logtablemodel.h"
#include "ui/overview/overviewcontroller.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "ui/overview/statisticspanel.h"
#include "ui/overview/timelinestrip.h"
#include "ui/search/searchbar.h"
#include "ui/common/palette.h"

#include <QDockWidget>
#include <QFile>
#include <QTemporaryDir>

#include <QtTest>

namespace {
constexpr int kEntries = 3000;
}

class TestOverview : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void statisticsCountTheOpenedFile();
    void timelineClickSelectsAndCentres();
    void barClickFiltersTheTable();
    void insightMarksDrawLoopsAndFailures();
    void narrowLoopsStayVisibleAndApart();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestOverview::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_overview"));
    QStandardPaths::setTestModeEnabled(true);
    // makeRun: entry N one second after entry N-1; odd N ACTION with tool bash, even N
    // PLAN_EVALUATION without a tool.
    const RunRecord run = makeRun(7, 42, kEntries);
    const QString path = m_dir.filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const QByteArray &entry : run.entries)
        file.write(entry + '\n');
    file.close();

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->statisticsDock()->show();
    m_window->openFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), kEntries, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->overview()->statistics().loadedEntries == kEntries
                                 && !m_window->overview()->isComputing(), 30000);
    // The window's own insights find one loop over the whole sample run (the same call at every
    // odd entry) and mark it on the timeline; the tests here set the marks they draw themselves.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->insights()->isWhole() && !m_window->insights()->isComputing(), 30000);
    QCOMPARE(m_window->insights()->insights().loops.size(), 1);
    m_window->overview()->setInsightMarks({}, {});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->timeline()->timeline().loops.isEmpty() && !m_window->overview()->isComputing(), 30000);
}

void TestOverview::statisticsCountTheOpenedFile()
{
    const RunStatistics &stats = m_window->overview()->statistics();
    QCOMPARE(stats.entries, kEntries);
    QCOMPARE(stats.messageTypes.size(), 2);
    QCOMPARE(stats.messageTypes[0].value, QStringLiteral("ACTION")); // equal counts: by name
    QCOMPARE(stats.messageTypes[0].count, kEntries / 2);
    QCOMPARE(stats.tools.size(), 1);
    QCOMPARE(stats.withoutTool, kEntries / 2);
    QCOMPARE(stats.durationMsecs(), qint64(kEntries - 1) * 1000);
    auto *panel = m_window->statisticsDock()->findChild<StatisticsPanel *>();
    QVERIFY(panel);
    QCOMPARE(panel->messageTypeChart()->bars().size(), 2);
    QCOMPARE(panel->messageTypeChart()->bars()[0].label, QStringLiteral("ACTION"));
}

void TestOverview::timelineClickSelectsAndCentres()
{
    TimelineStrip *strip = m_window->timeline();
    strip->setAxis(Timeline::Axis::Index);
    QTRY_VERIFY_WITH_TIMEOUT(strip->timeline().axis == Timeline::Axis::Index && !m_window->overview()->isComputing(), 10000);
    // The bar starts after the axis button (56 px) and a 4 px margin, and ends 4 px before the edge.
    const int left = 60;
    const int width = strip->width() - 64;
    QTest::mouseClick(strip, Qt::LeftButton, {}, QPoint(left + width / 2, 20));
    LogTableView *table = m_window->tableView();
    const QModelIndex current = table->currentIndex();
    QVERIFY(current.isValid());
    const int row = m_window->filterModel()->mapToSource(current).row();
    QVERIFY2(qAbs(row - kEntries / 2) <= kEntries / width + 1, qPrintable(QString::number(row)));
    // Centred: the row sits in the middle of the viewport, not at its edge.
    const QRect rect = table->visualRect(current);
    QVERIFY2(qAbs(rect.center().y() - table->viewport()->height() / 2) <= rect.height(),
             qPrintable(QStringLiteral("row at y=%1 of %2").arg(rect.center().y()).arg(table->viewport()->height())));
}

void TestOverview::barClickFiltersTheTable()
{
    auto *panel = m_window->statisticsDock()->findChild<StatisticsPanel *>();
    BarChart *types = panel->messageTypeChart();
    const int rowHeight = types->height() / int(types->bars().size());
    QTest::mouseClick(types, Qt::LeftButton, {}, QPoint(types->width() / 2, rowHeight / 2));
    // The click writes its query into the search bar (the language learnt by clicking) and shows
    // only what it matches.
    QVERIFY(m_window->searchBar()->isVisible());
    QCOMPARE(m_window->searchBar()->pattern(), QStringLiteral("type:ACTION"));
    QTRY_COMPARE(m_window->filterModel()->rowCount(), kEntries / 2);
    // The panel marks the kept bar once it has computed again; a second click shows all.
    QTRY_VERIFY_WITH_TIMEOUT(types->bars()[0].selected && !m_window->overview()->isComputing(), 10000);
    QTest::mouseClick(types, Qt::LeftButton, {}, QPoint(types->width() / 2, rowHeight / 2));
    QVERIFY(m_window->searchBar()->pattern().isEmpty());
    QTRY_COMPARE(m_window->filterModel()->rowCount(), kEntries);
}

void TestOverview::insightMarksDrawLoopsAndFailures()
{
    TimelineStrip *strip = m_window->timeline();
    OverviewController *overview = m_window->overview();
    strip->setAxis(Timeline::Axis::Index);
    // Entries 100..200 a loop, entry 1500 a failure (the run has no ERROR entries of its own).
    overview->setInsightMarks({1499}, {{99, 199}});
    QCOMPARE(overview->insightMarks().loopSpans, (QVector<QPair<int, int>>{{99, 199}}));
    QTRY_VERIFY_WITH_TIMEOUT(strip->timeline().loops.size() == 1 && strip->timeline().axis == Timeline::Axis::Index
                                 && !overview->isComputing(), 10000);
    const Timeline &timeline = strip->timeline();
    QCOMPARE(timeline.loops, (QVector<QPair<int, int>>{{99, 199}}));
    const int bins = int(timeline.bins.size());
    QCOMPARE(bins, strip->binCount());
    // On the index axis position p is in bin floor(p * bins / entries).
    const int loopFrom = 99 * bins / kEntries, loopTo = 199 * bins / kEntries, failureBin = 1499 * bins / kEntries;
    int loopBins = 0;
    for (int b = 0; b < bins; ++b) {
        QCOMPARE(timeline.bins[b].loop, (b >= loopFrom && b <= loopTo) ? 0 : -1);
        QCOMPARE(timeline.bins[b].error, b == failureBin);
        loopBins += timeline.bins[b].loop == 0;
    }
    QVERIFY(loopBins >= 2);

    // The loop lane: the bar starts at x = 60 and y = 4; the lane is rows 12..16 of the bar.
    const int left = 60, width = strip->width() - 64;
    const QPoint onLoop(left + int(150LL * width / kEntries), 4 + 14);
    QMouseEvent move(QEvent::MouseMove, onLoop, strip->mapToGlobal(onLoop), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(strip, &move);
    QCOMPARE(strip->toolTip(), QStringLiteral("Loop: entries 100–200"));
    // Elsewhere in the same column, the loop is one line of the column's tooltip.
    const QPoint belowLoop(onLoop.x(), 4 + 30);
    QMouseEvent moveBelow(QEvent::MouseMove, belowLoop, strip->mapToGlobal(belowLoop), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(strip, &moveBelow);
    QVERIFY2(strip->toolTip().contains(QStringLiteral("\nLoop: entries 100–200")), qPrintable(strip->toolTip()));

    // A click on the loop goes to its first entry (entry 100), wherever in the loop it lands.
    QTest::mouseClick(strip, Qt::LeftButton, {}, onLoop);
    const QModelIndex current = m_window->tableView()->currentIndex();
    QVERIFY(current.isValid());
    const int row = m_window->filterModel()->mapToSource(current).row();
    QCOMPARE(row, m_window->logModel()->isReversed() ? kEntries - 1 - 99 : 99);

    // Cleared, the lane and the error lane are empty again.
    overview->setInsightMarks({}, {});
    QTRY_VERIFY_WITH_TIMEOUT(strip->timeline().loops.isEmpty() && !overview->isComputing(), 10000);
    for (const TimelineBin &bin : strip->timeline().bins) {
        QCOMPARE(bin.loop, -1);
        QVERIFY(!bin.error);
    }
}

// A loop of one column gets three where there is room, two loops never merge into one bar, and
// the widened columns answer the pointer as the loop's own.
void TestOverview::narrowLoopsStayVisibleAndApart()
{
    TimelineStrip strip;
    strip.resize(400, strip.sizeHint().height());
    Timeline timeline;
    timeline.axis = Timeline::Axis::Index;
    timeline.positions = 1000;
    timeline.bins.resize(strip.binCount());
    QCOMPARE(timeline.bins.size(), 400 - 64);
    timeline.loops = {{100, 101}, {130, 131}, {200, 260}};
    timeline.bins[50].loop = 0;
    timeline.bins[53].loop = 1;
    for (int b = 80; b <= 90; ++b)
        timeline.bins[b].loop = 2;
    strip.setTimeline(timeline);
    const QImage image = strip.grab().toImage();
    const QRgb loop = RunlogPalette::loop(RunlogPalette::isDark(strip.palette())).rgb();
    // The bar starts at x = 60, y = 4; the loop lane is its rows 12..16.
    auto drawn = [&](int column) { return image.pixel(60 + column, 4 + 14) == loop; };
    QList<int> columns;
    for (int column = 40; column < 100; ++column) {
        if (drawn(column))
            columns.append(column);
    }
    // 50 widened to 49..51; 53 to 53..55 (52 stays free between them); 80..90 as they are.
    QCOMPARE(columns, (QList<int>{49, 50, 51, 53, 54, 55, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90}));

    const QPoint widened(60 + 49, 4 + 14);
    QMouseEvent move(QEvent::MouseMove, widened, strip.mapToGlobal(widened), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&strip, &move);
    QCOMPARE(strip.toolTip(), QStringLiteral("Loop: entries 101–102"));
    QSignalSpy requested(&strip, &TimelineStrip::positionRequested);
    QTest::mouseClick(&strip, Qt::LeftButton, {}, QPoint(60 + 55, 4 + 14));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toInt(), 130);
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
