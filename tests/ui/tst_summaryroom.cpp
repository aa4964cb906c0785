// SPDX-License-Identifier: MIT
// The summary column keeps its room (issue 27, stumble 8), in the real window on the offscreen
// platform with the Statistics dock open: at 1360 x 820 and at 1024 x 640 the table's Summary
// has the stretch and is readable, nothing scrolls sideways, the dock is narrower than its old
// 380 px, Gap is as wide as its content, and a column the user resized keeps its width across
// a restart. And nothing clipped or overlapping (issue 27, "any size"): on the demo run with a
// search, "Only matching" and a partly loaded run at 800 x 500 and 1024 x 640, the dock open and
// closed, every label and button of the run's header, the search bar and the dock fits its text
// or elides it with a tooltip, no two widgets of one layout lie over each other, and the dock
// does not scroll sideways; the Gap column is as wide as its widest gap.
#include "widgetaudit.h"

#include "model/runloader.h"
#include "rows/logtablemodel.h"
#include "runsessioninternals.h"
#include "store/runlibrary.h"
#include "ui/common/elidedlabel.h"
#include "ui/detail/detailpane.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/search/searchbar.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/runheader.h"

#include <QDockWidget>
#include <QFile>
#include <QCheckBox>
#include <QHeaderView>
#include <QLayout>
#include <QScrollArea>
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
    void nothingClippedOrOverlapping_data();
    void nothingClippedOrOverlapping();
    void gapFitsItsWidestGap();

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

namespace {
// Widgets of one layout that lie over each other, or past their parent's right edge (a layout
// squeezed below its minimum cuts what is last in it).
QStringList overlaps(QWidget *root)
{
    QStringList problems;
    QList<QLayout *> layouts = root->findChildren<QLayout *>();
    for (QLayout *layout : layouts) {
        QList<QWidget *> shown;
        for (int i = 0; i < layout->count(); ++i) {
            QWidget *widget = layout->itemAt(i)->widget();
            if (widget && widget->isVisibleTo(root->window()) && widget->width() > 0)
                shown << widget;
        }
        for (int a = 0; a < shown.size(); ++a) {
            const QRect area = shown[a]->geometry();
            if (shown[a]->parentWidget() && area.right() >= shown[a]->parentWidget()->width() + 1)
                problems << WidgetAudit::pathOf(shown[a]) + QStringLiteral(": ends at %1, past its parent's %2")
                                                               .arg(area.right()).arg(shown[a]->parentWidget()->width());
            for (int b = a + 1; b < shown.size(); ++b) {
                if (shown[a]->parentWidget() == shown[b]->parentWidget() && area.intersects(shown[b]->geometry()))
                    problems << WidgetAudit::pathOf(shown[a]) + QStringLiteral(" lies over ") + WidgetAudit::pathOf(shown[b]);
            }
        }
    }
    return problems;
}
} // namespace

void TestSummaryRoom::nothingClippedOrOverlapping_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dock");
    QTest::addRow("800 x 500, Statistics") << QSize(800, 500) << true;
    QTest::addRow("800 x 500") << QSize(800, 500) << false;
    QTest::addRow("1024 x 640, Statistics") << QSize(1024, 640) << true;
    QTest::addRow("1024 x 640") << QSize(1024, 640) << false;
}

void TestSummaryRoom::nothingClippedOrOverlapping()
{
    QFETCH(QSize, size);
    QFETCH(bool, dock);
    QTemporaryDir folder;
    RunLibrary library(folder.filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(&library);
    // The window goes before the library it uses, also when a check below fails and returns.
    const auto closeWindowFirst = qScopeGuard([this] {
        m_window.reset();
        RunLoader::setDefaultPageCache(nullptr);
    });
    m_window = std::make_unique<MainWindow>();
    m_window->setLibrary(&library);
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // The demo run: 2,000 entries of which the first 100 load, with a web link and metadata.
    QVERIFY(m_window->openDemo(false));
    QTRY_VERIFY_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows() >= 100, 30000);
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(3, 0));
    m_window->showSearch();
    m_window->searchBar()->setPattern(QStringLiteral("rounding"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->searchBar()->isBusy() && !m_window->searchBar()->resultText().isEmpty(), 30000);
    m_window->searchBar()->setOnlyMatching(true);
    // "Showing 39 in the 100 loaded of 2,000 · Load all": the header's longest count.
    QTRY_VERIFY(m_window->runHeader()->filterText().contains(QStringLiteral("loaded of")));
    m_window->statisticsDock()->setVisible(dock);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overview()->isComputing(), 30000);
    QTest::qWait(300); // the docks and layouts settle (no upper bound on anything)

    for (QWidget *part : {static_cast<QWidget *>(m_window->runHeader()), static_cast<QWidget *>(m_window->searchBar())}) {
        QCOMPARE(part->width(), part->parentWidget()->contentsRect().width()); // not wider than its room
        const QStringList problems = WidgetAudit::clippedTexts(part) + overlaps(part);
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1Char('\n') + problems.join(QLatin1Char('\n'))));
    }
    // The run's created time never shrinks to nothing: whole ("Created 2025-…"), or the date and
    // time alone ("2025-06-21 12:06"), or the date, where the top line is narrow.
    const ElidedLabel *created = nullptr;
    for (const ElidedLabel *label : m_window->runHeader()->findChildren<ElidedLabel *>()) {
        if (label->fullText().startsWith(QStringLiteral("Created ")))
            created = label;
    }
    QVERIFY(created);
    static const QRegularExpression dateAndTime(QStringLiteral("^(Created )?\\d{4}-\\d{2}-\\d{2}($| \\d{2}:\\d{2})"));
    QVERIFY2(created->isVisible() && dateAndTime.match(created->text()).hasMatch(), qPrintable(created->text()));
    // The detail pane says which entry it shows: at least its number and type, beside the
    // buttons or, on a narrow pane, on a line of its own (at 800 x 500 with the dock the buttons
    // left the title no room at all).
    const ElidedLabel *title = m_window->detailPane()->findChild<ElidedLabel *>(QStringLiteral("entryTitle"));
    QVERIFY(title);
    static const QRegularExpression numberAndType(QStringLiteral("^#\\d+  ·  [A-Z_]+($|  ·  )"));
    QVERIFY2(title->isVisible() && numberAndType.match(title->text()).hasMatch(),
             qPrintable(QStringLiteral("title \"%1\", %2 px").arg(title->text()).arg(title->width())));
    if (dock) {
        QWidget *statistics = m_window->statisticsDock();
        const QStringList problems = WidgetAudit::clippedTexts(statistics);
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1Char('\n') + problems.join(QLatin1Char('\n'))));
        auto *scroll = statistics->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QVERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
                 qPrintable(QStringLiteral("the dock's content is %1 px in %2").arg(scroll->widget()->width()).arg(scroll->viewport()->width())));
    }
    // "Only matching" stays within reach: beside the field, or in the Options menu where the bar is narrow.
    auto *onlyMatching = m_window->searchBar()->findChild<QCheckBox *>();
    QVERIFY(onlyMatching);
    QCOMPARE(onlyMatching->isVisible(), !m_window->searchBar()->optionsFolded());
    if (size.width() >= 1024 && !dock)
        QVERIFY(!m_window->searchBar()->optionsFolded());
    if (qEnvironmentVariableIsSet("RUNLOG_LAYOUT_SHOTS"))
        m_window->grab().save(QStringLiteral("/tmp/layout-%1x%2-%3.png").arg(size.width()).arg(size.height()).arg(dock));
}

void TestSummaryRoom::gapFitsItsWidestGap()
{
    // A gap of minutes among gaps of seconds: the Gap column shows it whole ("+5 min 02 s"), at
    // 1024 x 640 with the Statistics dock open, where it was cut to "+5 mi…".
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::Append));
    file.write(R"({"agent_run_id":42,"created_at":"2025-01-01T00:05:41Z","message_type":"ACTION","tool_name":"bash","thought":"After a long build"})" "\n");
    file.close();
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1024, 640);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openFile(m_file);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), 41, 30000);
    m_window->statisticsDock()->show();
    table()->scrollToBottom();
    const QModelIndex gap = table()->model()->index(40, LogTableModel::GapColumn);
    QCOMPARE(gap.data().toString(), QStringLiteral("+5 min 02 s"));
    QFont bold = table()->font(); // a long gap is drawn in bold
    bold.setBold(true);
    // Whole, or in its short form where the column gave way to the Summary (the delegate draws
    // "+5m 2s" where "+5 min 02 s" does not fit).
    const int needed = QFontMetrics(bold).horizontalAdvance(QStringLiteral("+5m 2s"));
    QTRY_VERIFY2(table()->columnWidth(LogTableModel::GapColumn) >= needed + 8,
                 qPrintable(QStringLiteral("Gap is %1 px, its text %2").arg(table()->columnWidth(LogTableModel::GapColumn)).arg(needed)));
}

QTEST_MAIN(TestSummaryRoom)
#include "tst_summaryroom.moc"
