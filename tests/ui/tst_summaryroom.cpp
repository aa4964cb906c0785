// SPDX-License-Identifier: MIT
// The summary column keeps its room (issue 27, stumble 8), in the real window on the offscreen
// platform with the Statistics dock open: at 1360 x 820 and at 1024 x 640 the table's Summary
// has the stretch and is readable, nothing scrolls sideways, the dock is narrower than its old
// 380 px, Gap is as wide as its content, and a column the user resized keeps its width across
// a restart.
#include "rows/logtablemodel.h"
#include "ui/detail/detailpane.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"

#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

class TestSummaryRoom : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void summaryKeepsItsRoom_data();
    void summaryKeepsItsRoom();
    void userWidthsSurviveARestart();
    void smallWindowKeepsTableAndPaneApart();

private:
    void openWindow(QSize size);
    LogTableView *table() const { return m_window->tableView(); }

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<MainWindow> m_window;
};

void TestSummaryRoom::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // A run whose gaps are seconds, as most are.
    m_file = m_dir.filePath(QStringLiteral("run.jsonl"));
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int k = 0; k < 40; ++k) {
        file.write(QStringLiteral(R"({"agent_run_id":42,"created_at":"2025-01-01T00:00:%1Z","message_type":"%2","tool_name":"ripgrep_search","thought":"Looking for where the discount is rounded in the checkout code"})")
                       .arg(k, 2, 10, QLatin1Char('0'))
                       .arg(k % 3 ? QStringLiteral("ACTION") : QStringLiteral("PLAN_EVALUATION"))
                       .toUtf8()
                   + '\n');
    }
}

void TestSummaryRoom::cleanup()
{
    m_window.reset();
    QSettings().clear();
}

void TestSummaryRoom::openWindow(QSize size)
{
    m_window = std::make_unique<MainWindow>();
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openFile(m_file);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), 40, 30000);
    m_window->statisticsDock()->show();
    QTest::qWait(200); // the dock and the table settle (no upper bound on anything)
    QTRY_VERIFY(table()->isVisible());
}

void TestSummaryRoom::summaryKeepsItsRoom_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("summaryChars"); // at least this many 'x' of the table's font
    QTest::addRow("1360 x 820") << QSize(1360, 820) << 28; // was 90 px, about 13
    QTest::addRow("1024 x 640") << QSize(1024, 640) << 16; // was 125 px and cut by a scroll bar
}

void TestSummaryRoom::summaryKeepsItsRoom()
{
    QFETCH(QSize, size);
    QFETCH(int, summaryChars);
    openWindow(size);
    const QFontMetrics metrics = table()->fontMetrics();
    const int summary = table()->columnWidth(LogTableModel::SummaryColumn);
    QVERIFY2(summary >= summaryChars * metrics.horizontalAdvance(QLatin1Char('x')),
             qPrintable(QStringLiteral("Summary is %1 px").arg(summary)));
    QVERIFY(table()->horizontalHeader()->sectionResizeMode(LogTableModel::SummaryColumn) == QHeaderView::Stretch);
    // Nothing scrolls sideways: the columns fit the table.
    QCOMPARE(table()->horizontalScrollBar()->maximum(), 0);
    // The dock leaves the room (it scrolls inside when narrow).
    QVERIFY2(m_window->statisticsDock()->width() < 380, qPrintable(QString::number(m_window->statisticsDock()->width())));
    // Gap as wide as "+1 s" needs, not as wide as "+59 min 59 s".
    QVERIFY(table()->columnWidth(LogTableModel::GapColumn) < metrics.horizontalAdvance(QStringLiteral("+59 min 59 s")));
    if (qEnvironmentVariableIsSet("RUNLOG_STUMBLES_SHOTS"))
        m_window->grab().save(QStringLiteral("/tmp/stumbles-shots/8-summary-%1x%2-test.png").arg(size.width()).arg(size.height()));
}

void TestSummaryRoom::userWidthsSurviveARestart()
{
    openWindow(QSize(1360, 820));
    // The user drags the Type column's right edge 60 px to the right.
    QHeaderView *header = table()->horizontalHeader();
    const int type = LogTableModel::TypeColumn;
    const int before = table()->columnWidth(type);
    const int edge = header->sectionViewportPosition(type) + before - 1;
    const QPoint from(edge, header->height() / 2);
    QTest::mousePress(header->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(header->viewport(), from + QPoint(30, 0));
    QTest::mouseMove(header->viewport(), from + QPoint(60, 0));
    QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, from + QPoint(60, 0));
    const int dragged = table()->columnWidth(type);
    QVERIFY2(dragged >= before + 50, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(dragged)));
    QVERIFY(table()->userColumnWidths().contains(type));
    m_window->close(); // saves the settings
    m_window.reset();

    // Restarted (the settings read again), at another size: the Type column keeps its width.
    openWindow(QSize(1300, 800));
    QCOMPARE(table()->columnWidth(type), dragged);
    QCOMPARE(table()->userColumnWidths().value(type), dragged);
}

void TestSummaryRoom::smallWindowKeepsTableAndPaneApart()
{
    // At 800 x 500 with the dock open the table's wish for room exceeded what there was, and
    // the splitter laid it over the detail pane (whose title and buttons were then cut).
    openWindow(QSize(800, 500));
    const QWidget *pane = m_window->detailPane();
    QCOMPARE(table()->parentWidget(), pane->parentWidget()); // the two sides of one splitter
    QVERIFY2(table()->geometry().right() < pane->geometry().left(),
             qPrintable(QStringLiteral("table ends at %1, the pane begins at %2")
                            .arg(table()->geometry().right())
                            .arg(pane->geometry().left())));
    QVERIFY2(pane->geometry().right() < pane->parentWidget()->width(),
             qPrintable(QStringLiteral("the pane ends at %1 of %2").arg(pane->geometry().right()).arg(pane->parentWidget()->width())));
}

QTEST_MAIN(TestSummaryRoom)
#include "tst_summaryroom.moc"
