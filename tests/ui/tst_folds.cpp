// SPDX-License-Identifier: MIT
// View > Fold Repeats in the window, against the spec server on 127.0.0.1 (issue 23): a loop's
// entries show as one row that → / ← and a click open and close; search, a type filter, Go to
// Entry and marks still reach the folded entries (opening the fold); ticks of matches and marks
// inside a closed fold sit on its row; "Show only these entries" shows in the header and Escape
// or Clear Filters ends it; the View > Fold Repeats choice is kept. The folds are written by
// hand here, as InsightsController would hand them over; labels are checked against text
// written by hand.
#include "rows/logtablemodel.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "session/runsession.h"
#include "stats/insights.h"
#include "testlogserver.h"
#include "ui/search/searchbar.h"
#include "ui/search/searchcontroller.h"
#include "ui/table/currententrycontroller.h"
#include "ui/table/foldcontroller.h"
#include "ui/table/logtableview.h"
#include "ui/table/markcontroller.h"
#include "ui/table/markedscrollbar.h"
#include "ui/window/mainwindow.h"
#include "ui/insights/insightscontroller.h"
#include "ui/window/runheader.h"
#include "ui/window/windowactions.h"

#include <QSettings>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;
constexpr int kEntries = 250;
// Entries 41–60 (rows 40..59 oldest first): the fold hides 19 rows while closed.
constexpr int kFoldFirst = 41;
constexpr int kFoldLast = 60;
constexpr int kFoldedRows = kEntries - 19;

InsightsLoop loop(int first, int last, const QStringList &tools, const QVector<int> &entries, int repeats)
{
    InsightsLoop l;
    l.period = int(tools.size());
    l.repeats = repeats;
    l.firstEntry = first;
    l.lastEntry = last;
    l.tools = tools;
    l.entries = entries;
    return l;
}

LogEntry toolCall(const QString &tool, const QByteArray &input)
{
    LogEntry e;
    e.agentRunId = 1;
    e.messageType = QStringLiteral("ACTION");
    e.toolName = tool;
    e.rawJson = "{\"agent_run_id\":1,\"message_type\":\"ACTION\",\"tool_name\":\"" + tool.toUtf8() + "\",\"tool_input\":" + input + '}';
    return e;
}
} // namespace

class TestFolds : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void labels();
    void keysAndClicks();
    void searchOpensTheFold();
    void typeFilterShowsTheFoldOpen();
    void goToEntryOpensTheFold();
    void marksReachIntoTheFold();
    void onlyTheseEntries();
    void foldRepeatsIsKept();
    void screenshot();

private:
    void openRun();
    void fold();
    int currentSourceRow() const;
    void select(int viewRow);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestFolds::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFolds::init()
{
    // The user turned View > Fold Repeats on (it is off by default: foldRepeatsIsKept).
    QSettings().setValue(QStringLiteral("view/foldRepeats"), true);
    QSettings().remove(QStringLiteral("marks"));
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(kOrg, kRun, kEntries));
}

void TestFolds::cleanup()
{
    m_window.reset();
    m_server.reset();
    QSettings().remove(QStringLiteral("view/foldRepeats"));
    QSettings().remove(QStringLiteral("marks"));
}

void TestFolds::openRun()
{
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    QTRY_VERIFY(m_window->logModel()->rowCount() == kEntries && m_window->logModel()->store().isLoaded(0));
    m_window->session()->loadAll();
    QTRY_VERIFY(m_window->logModel()->store().isLoaded(kEntries - 1));
    // The window's own insights are in (they set the folds of the loops they find): the folds
    // the tests set by hand come after them.
    QTRY_VERIFY(m_window->insights()->isWhole() && !m_window->insights()->isComputing());
}

void TestFolds::fold()
{
    const QVector<int> calls{42, 44, 46, 48, 50, 52, 54, 56, 58, 60};
    m_window->foldController()->setLoops({loop(kFoldFirst, kFoldLast, {QStringLiteral("bash")}, calls, 10)},
                                         m_window->logModel());
    QCOMPARE(m_window->filterModel()->rowCount(), kFoldedRows);
}

int TestFolds::currentSourceRow() const
{
    const QModelIndex current = m_window->tableView()->currentIndex();
    return current.isValid() ? m_window->filterModel()->mapToSource(current).row() : -1;
}

void TestFolds::select(int viewRow)
{
    m_window->tableView()->setFocus();
    m_window->tableView()->setCurrentIndex(m_window->filterModel()->index(viewRow, 0));
}

void TestFolds::labels()
{
    LogTableModel model;
    model.resizeRows(8);
    model.setEntries(0, {toolCall(QStringLiteral("run_bash_command"), "{\"command\":\"pytest -x\\n  -q\"}"),
                         toolCall(QStringLiteral("view_file"), "{\"path\":\"src/a.py\"}"),
                         toolCall(QStringLiteral("grep"), "{\"query\":\"TODO\"}"),
                         toolCall(QStringLiteral("think"), "{\"thought\":\"hm\"}"),
                         toolCall(QStringLiteral("run_bash_command"), "{\"cmd\":\"" + QByteArray(80, 'x') + "\"}")});
    // Rows 5..7 are not loaded: the tool's name alone.
    QCOMPARE(FoldController::labelFor(loop(1, 23, {QStringLiteral("run_bash_command")}, {1}, 11), &model),
             QStringLiteral("run_bash_command `pytest -x -q` ×11, entries 1–23"));
    QCOMPARE(FoldController::labelFor(loop(2, 7, {QStringLiteral("view_file"), QStringLiteral("grep")}, {2, 3}, 3), &model),
             QStringLiteral("view_file `src/a.py` → grep `TODO` ×3, entries 2–7"));
    QCOMPARE(FoldController::labelFor(loop(4, 9, {QStringLiteral("think")}, {4}, 6), &model),
             QStringLiteral("think ×6, entries 4–9"));
    QCOMPARE(FoldController::labelFor(loop(5, 1200, {QStringLiteral("run_bash_command")}, {5}, 1000), &model),
             QStringLiteral("run_bash_command `") + QString(59, QLatin1Char('x')) + QStringLiteral("…` ×1,000, entries 5–1,200"));
    QCOMPARE(FoldController::labelFor(loop(6, 9, {QStringLiteral("bash")}, {6}, 4), &model), QStringLiteral("bash ×4, entries 6–9"));
}

void TestFolds::keysAndClicks()
{
    openRun();
    fold();
    LogFilterProxyModel *proxy = m_window->filterModel();
    LogTableView *table = m_window->tableView();
    const QModelIndex head = proxy->index(40, LogTableModel::SummaryColumn);
    QCOMPARE(head.data(LogFilterProxyModel::FoldStateRole).toInt(), int(LogFilterProxyModel::FoldState::ClosedHead));
    QCOMPARE(head.data(LogFilterProxyModel::FoldLabelRole).toString(), QStringLiteral("bash ×10, entries 41–60"));
    select(40);
    QTest::keyClick(table, Qt::Key_Left); // on a closed head: nothing to close
    QCOMPARE(proxy->rowCount(), kFoldedRows);
    QTest::keyClick(table, Qt::Key_Right);
    QCOMPARE(proxy->rowCount(), kEntries);
    QCOMPARE(currentSourceRow(), 40);
    QTest::keyClick(table, Qt::Key_Down);
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(currentSourceRow(), 42);
    QTest::keyClick(table, Qt::Key_Left); // inside an open fold: closes it, the head selected
    QCOMPARE(proxy->rowCount(), kFoldedRows);
    QCOMPARE(currentSourceRow(), 40);
    QTest::keyClick(table, Qt::Key_Down); // the row after the fold
    QCOMPARE(currentSourceRow(), 60);

    // A click on the head's summary toggles; on another column it only selects.
    table->scrollTo(proxy->index(40, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(proxy->index(40, LogTableModel::SummaryColumn)).center());
    QCOMPARE(proxy->rowCount(), kEntries);
    QCOMPARE(currentSourceRow(), 40);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(proxy->index(40, LogTableModel::TimeColumn)).center());
    QCOMPARE(proxy->rowCount(), kEntries);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(proxy->index(40, LogTableModel::SummaryColumn)).center());
    QCOMPARE(proxy->rowCount(), kFoldedRows);
    // → elsewhere keeps its usual job (the next column).
    select(3);
    QTest::keyClick(table, Qt::Key_Right);
    QCOMPARE(table->currentIndex().column(), 1);
    QCOMPARE(proxy->rowCount(), kFoldedRows);
}

void TestFolds::searchOpensTheFold()
{
    openRun();
    m_window->showSearch();
    m_window->searchBar()->setPattern(QStringLiteral("\"entry 45\"")); // the thought of row 45: entry 46
    QTRY_COMPARE(m_window->searchController()->result().matchingRows, QVector<int>{45});
    select(0);
    fold();
    // The match's tick stands on the fold's row.
    QTRY_COMPARE(m_window->tableView()->markedScrollBar()->markedRows(), QVector<int>{40});
    m_window->searchController()->nextMatch();
    QCOMPARE(currentSourceRow(), 45);
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries);
    QCOMPARE(m_window->tableView()->markedScrollBar()->markedRows(), QVector<int>{45});
}

void TestFolds::typeFilterShowsTheFoldOpen()
{
    openRun();
    fold();
    LogFilterProxyModel *proxy = m_window->filterModel();
    // Even rows are PLAN_EVALUATION: 125 of them, those inside the fold too.
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("PLAN_EVALUATION")});
    QCOMPARE(proxy->rowCount(), 125);
    QCOMPARE(proxy->mapToSource(proxy->index(21, 0)).row(), 42); // inside the closed fold, shown
    QCOMPARE(proxy->index(20, LogTableModel::SummaryColumn).data(LogFilterProxyModel::FoldStateRole).toInt(),
             int(LogFilterProxyModel::FoldState::None));
    m_window->searchController()->clearFilters();
    QCOMPARE(proxy->rowCount(), kFoldedRows); // folded again
}

void TestFolds::goToEntryOpensTheFold()
{
    openRun();
    fold();
    CurrentEntryController *go = m_window->currentEntry();
    go->goToEntryNumber(50);
    QCOMPARE(currentSourceRow(), 49);
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries);
    // Closed again, and hidden by a filter too: entry 55 (row 54, even) is a PLAN_EVALUATION.
    m_window->filterModel()->closeFold(49);
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("ACTION")});
    go->goToEntryNumber(55);
    QVERIFY(!m_window->filterModel()->isFiltering()); // the filter is cleared...
    QCOMPARE(currentSourceRow(), 54);                 // ...and the fold opened
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries);
}

void TestFolds::marksReachIntoTheFold()
{
    openRun();
    LogTableModel *model = m_window->logModel();
    model->setMarked(10, true);
    model->setMarked(50, true);
    fold();
    MarkedScrollBar *bar = m_window->tableView()->markedScrollBar();
    QCOMPARE(bar->userMarkedRows(), (QVector<int>{10, 40})); // row 50's mark on the fold's row
    select(0);
    QVERIFY(m_window->marks()->goToNext());
    QCOMPARE(currentSourceRow(), 10);
    QVERIFY(m_window->marks()->goToNext());
    QCOMPARE(currentSourceRow(), 50);
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries);
    QCOMPARE(bar->userMarkedRows(), (QVector<int>{10, 50}));
    // From the end backwards into a closed fold.
    m_window->filterModel()->closeFold(50);
    select(m_window->filterModel()->rowCount() - 1);
    QVERIFY(m_window->marks()->goToPrevious());
    QCOMPARE(currentSourceRow(), 50);
    QVERIFY(m_window->marks()->goToPrevious());
    QCOMPARE(currentSourceRow(), 10);
}

void TestFolds::onlyTheseEntries()
{
    openRun();
    fold();
    LogFilterProxyModel *proxy = m_window->filterModel();
    m_window->showSearch();
    m_window->foldController()->showOnlyEntries({41, 42, 43, 44, 45}, QStringLiteral("loop at #41–45"));
    QCOMPARE(proxy->rowCount(), 5);
    QTRY_VERIFY(m_window->runHeader()->filterText().contains(QStringLiteral("Only: loop at #41–45 · Clear")));
    // Escape (Close Search) ends it, the search bar stays.
    QVERIFY(m_window->windowActions()->closeSearch->isEnabled());
    m_window->windowActions()->closeSearch->trigger();
    QVERIFY(!proxy->isOnlyEntries());
    QCOMPARE(proxy->rowCount(), kFoldedRows);
    QVERIFY(m_window->runHeader()->filterText().isEmpty());
    QVERIFY(!m_window->searchBar()->isHidden());
    // With the search bar closed, Escape still ends it.
    m_window->closeSearch();
    QVERIFY(!m_window->windowActions()->closeSearch->isEnabled());
    m_window->foldController()->showOnlyEntries({3}, QStringLiteral("one"));
    QCOMPARE(proxy->rowCount(), 1);
    QVERIFY(m_window->windowActions()->closeSearch->isEnabled());
    m_window->windowActions()->closeSearch->trigger();
    QCOMPARE(proxy->rowCount(), kFoldedRows);
    QVERIFY(!m_window->windowActions()->closeSearch->isEnabled());
    // Clear Filters ends it too.
    m_window->foldController()->showOnlyEntries({1, 2}, QStringLiteral("two"));
    QCOMPARE(proxy->rowCount(), 2);
    m_window->searchController()->clearFilters();
    QVERIFY(!proxy->isOnlyEntries());
    QCOMPARE(proxy->rowCount(), kFoldedRows);
}

void TestFolds::foldRepeatsIsKept()
{
    QSettings().remove(QStringLiteral("view/foldRepeats"));
    openRun();
    QAction *action = m_window->windowActions()->foldRepeats;
    QVERIFY(action->isCheckable());
    QVERIFY(!action->isChecked()); // off by default: every entry shows until the user folds
    QVERIFY(!m_window->filterModel()->isFoldingEnabled());
    action->setChecked(true);
    fold();
    action->setChecked(false);
    QVERIFY(!m_window->filterModel()->isFoldingEnabled());
    QCOMPARE(m_window->filterModel()->rowCount(), kEntries);
    m_window.reset(); // as when Runlog quits

    openRun();
    QVERIFY(!m_window->windowActions()->foldRepeats->isChecked());
    QVERIFY(!m_window->filterModel()->isFoldingEnabled());
    m_window->windowActions()->foldRepeats->setChecked(true);
    fold();
}

// Not a check: RUNLOG_FOLD_SCREENSHOTS=DIR writes the table with a closed and an open fold, light
// and dark, to look at.
void TestFolds::screenshot()
{
    const QString dir = qEnvironmentVariable("RUNLOG_FOLD_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("RUNLOG_FOLD_SCREENSHOTS is not set");
    openRun();
    m_window->foldController()->setLoops(
        {loop(3, 12, {QStringLiteral("bash")}, {4, 6, 8, 10, 12}, 5),
         loop(15, 22, {QStringLiteral("bash"), QStringLiteral("view_file")}, {16, 18, 20, 22}, 2)},
        m_window->logModel());
    m_window->filterModel()->openFold(14);
    m_window->resize(1500, 700);
    select(6); // entry 18, inside the open fold
    for (QAction *theme : {m_window->windowActions()->themeLight, m_window->windowActions()->themeDark}) {
        theme->trigger();
        QTest::qWait(50);
        m_window->tableView()->scrollToTop();
        const QString name = theme == m_window->windowActions()->themeLight ? QStringLiteral("fold.png") : QStringLiteral("fold-dark.png");
        QVERIFY(m_window->tableView()->grab().save(dir + QLatin1Char('/') + name));
    }
    m_window->windowActions()->themeSystem->trigger();
}

QTEST_MAIN(TestFolds)
#include "tst_folds.moc"
