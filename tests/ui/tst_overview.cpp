// SPDX-License-Identifier: MIT
// The run at a glance in the real window, on the offscreen platform: a file of 3,000 entries
// opened, the statistics dock counting them, a click on the timeline selecting and centring the
// entry under it, and a click on a bar filtering the table (a second click lifting it).
#include "ui/overview/barchart.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "rows/logtablemodel.h"
#include "ui/overview/overviewcontroller.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "ui/overview/statisticspanel.h"
#include "ui/overview/timelinestrip.h"

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
    QCOMPARE(m_window->filterModel()->allowedMessageTypes(), QSet<QString>{QStringLiteral("ACTION")});
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries / 2);
    // The panel marks the kept bar once it has computed again; a second click shows all.
    QTRY_VERIFY_WITH_TIMEOUT(types->bars()[0].selected && !m_window->overview()->isComputing(), 10000);
    QTest::mouseClick(types, Qt::LeftButton, {}, QPoint(types->width() / 2, rowHeight / 2));
    QVERIFY(m_window->filterModel()->allowedMessageTypes().isEmpty());
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries);
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
