// SPDX-License-Identifier: MIT
// Insights in the real window, on the offscreen platform: a hand-written run opened from a file,
// the dock's verdict and findings (expected values written here by hand from the issue's
// definitions), clicks that go to a finding's entries one after the other, the first failure's
// key and header line, a filter that hid it, Search All Runs filled with the failure's pattern,
// and a paged run that says "of the entries loaded" until it is whole.
#include "ui/insights/insightscontroller.h"
#include "ui/insights/insightsmodel.h"
#include "ui/insights/insightspanel.h"
#include "ui/library/librarycontroller.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/library/librarysearchpanel.h"
#include "ui/library/librarywindow.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/runheader.h"
#include "ui/window/windowactions.h"
#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"
#include "session/runsession.h"
#include "store/runlibrary.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>

namespace {

const char *const kRun[] = {
    R"({"agent_run_id": 7, "message_type": "USER_MESSAGE", "observation": "Fix the test"})",                                     // 1
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "bash", "tool_input": {"command": "pytest -x"}, "tool_output": {"exit_code": 1, "stderr": "E  assert 3 == 4 at 0x7ffd3a2b10"}})", // 2
    R"({"agent_run_id": 7, "message_type": "PLAN_EVALUATION", "thought": "Try again"})",                                        // 3
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "bash", "tool_input": {"command": "pytest -x"}, "tool_output": {"exit_code": 1, "stderr": "E  assert 5 == 6 at 0x7ffd3a2c22"}})", // 4
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "bash", "tool_input": {"command": "pytest -x"}, "tool_output": {"exit_code": 1, "stderr": "E  assert 17 == 18 at 0xdeadbeef00"}})", // 5
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "edit_file", "tool_input": {"path": "src/app.py"}, "observation": "ok"})", // 6
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "read_file", "tool_input": {"path": "src/app.py"}, "observation": "text"})", // 7
    R"({"agent_run_id": 7, "message_type": "ERROR", "observation": "Model overloaded"})",                                          // 8
};

} // namespace

class TestInsightsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void verdictFindingsAndHeader();
    void clicksGoToEachEntryInTurn();
    void firstFailureKeyClearsAFilterThatHidesIt();
    void showOnlyTheseFiltersTheTable();
    void searchAllRunsIsFilledWithTheFailure();
    void aCommandsTooltipIsPlainText();
    void aPagedRunSaysOfTheEntriesLoadedUntilWhole();

private:
    int currentEntry() const;
    QModelIndex finding(InsightsModel::Section section, int row) const;

    QTemporaryDir m_dir;
    std::unique_ptr<RunLibrary> m_library;
    std::unique_ptr<MainWindow> m_window;
};

void TestInsightsPanel::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_insightspanel"));
    QStandardPaths::setTestModeEnabled(true);
    const QString path = m_dir.filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const char *entry : kRun)
        file.write(QByteArray(entry) + '\n');
    file.close();

    m_library = std::make_unique<RunLibrary>(m_dir.filePath(QStringLiteral("library")));
    m_window = std::make_unique<MainWindow>();
    m_window->setLibrary(m_library.get());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->windowActions()->insights->trigger();
    QVERIFY(m_window->insightsDock()->isVisible());
    m_window->openFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), 8, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->insights()->isWhole() && m_window->insights()->insights().entries == 8, 30000);
}

int TestInsightsPanel::currentEntry() const
{
    const QModelIndex current = m_window->tableView()->currentIndex();
    return current.isValid() ? m_window->filterModel()->mapToSource(current).row() + 1 : 0;
}

QModelIndex TestInsightsPanel::finding(InsightsModel::Section section, int row) const
{
    InsightsModel *model = m_window->insightsPanel()->model();
    return model->index(row, 0, model->sectionIndex(section));
}

void TestInsightsPanel::verdictFindingsAndHeader()
{
    InsightsPanel *panel = m_window->insightsPanel();
    QCOMPARE(panel->verdictText(),
             QStringLiteral("1 loop · 1 repeated failure · first failure at #2 · 3 commands, 3 failed · 1 file, 1 written"));
    QCOMPARE(finding(InsightsModel::Loops, 0).data().toString(), QStringLiteral("bash `pytest -x` ×3, entries 2–5"));
    QCOMPARE(finding(InsightsModel::RepeatedFailures, 0).data().toString(), QStringLiteral("×3 · E assert N == N at NxH"));
    // The first failure reads as written (white space collapsed); the repeated one by its signature.
    QCOMPARE(finding(InsightsModel::FirstFailure, 0).data().toString(), QStringLiteral("#2 · bash · E assert 3 == 4 at 0x7ffd3a2b10"));
    QCOMPARE(finding(InsightsModel::Commands, 2).data().toString(), QStringLiteral("#5 · pytest -x · exit 1"));
    QCOMPARE(finding(InsightsModel::Files, 0).data().toString(), QStringLiteral("src/app.py · 1 read, 1 written"));
    QCOMPARE(finding(InsightsModel::Files, 0).data(InsightsModel::EntriesRole).value<QVector<int>>(), QVector<int>({6, 7}));
    QCOMPARE(m_window->insights()->insights().failures, QVector<int>({2, 4, 5, 8}));
    QCOMPARE(m_window->runHeader()->firstFailureText(), QStringLiteral("First failure at #2 · bash · E assert 3 == 4 at 0x7ffd3a2b10"));
    // The timeline draws them: failures at positions 1, 3, 4, 7 (0-based), the loop from 1 to 4.
    QTRY_COMPARE(m_window->overview()->insightMarks().failurePositions, QVector<int>({1, 3, 4, 7}));
    QCOMPARE(m_window->overview()->insightMarks().loopSpans, (QVector<QPair<int, int>>{{1, 4}}));
}

void TestInsightsPanel::clicksGoToEachEntryInTurn()
{
    QTreeView *tree = m_window->insightsPanel()->tree();
    const QModelIndex repeated = finding(InsightsModel::RepeatedFailures, 0);
    tree->scrollTo(repeated);
    const QPoint at = tree->visualRect(repeated).center();
    for (int expected : {2, 4, 5, 2}) {
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(currentEntry(), expected);
    }
    // Another finding starts at its own first entry.
    m_window->insightsPanel()->goToFinding(finding(InsightsModel::Files, 0));
    QCOMPARE(currentEntry(), 6);
}

void TestInsightsPanel::firstFailureKeyClearsAFilterThatHidesIt()
{
    m_window->filterModel()->setAllowedMessageTypes({QStringLiteral("USER_MESSAGE")});
    QCOMPARE(m_window->filterModel()->rowCount(), 1);
    m_window->tableView()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!m_window->filterModel()->isFiltering());
    QCOMPARE(currentEntry(), 2);
    // The header's button does the same.
    m_window->tableView()->setCurrentIndex(m_window->filterModel()->index(7, 0));
    auto *go = m_window->runHeader()->findChild<QToolButton *>();
    QVERIFY(go);
    bool clicked = false;
    for (QToolButton *button : m_window->runHeader()->findChildren<QToolButton *>()) {
        if (button->text() == QStringLiteral("Go to It")) {
            button->click();
            clicked = true;
        }
    }
    QVERIFY(clicked);
    QCOMPARE(currentEntry(), 2);
}

void TestInsightsPanel::showOnlyTheseFiltersTheTable()
{
    InsightsPanel *panel = m_window->insightsPanel();
    panel->tree()->setCurrentIndex(finding(InsightsModel::Files, 0));
    auto *showOnly = panel->findChildren<QPushButton *>().first();
    QCOMPARE(showOnly->text(), QStringLiteral("Show Only These"));
    showOnly->click();
    QCOMPARE(m_window->filterModel()->rowCount(), 2);
    QCOMPARE(m_window->filterModel()->mapToSource(m_window->filterModel()->index(0, 0)).row(), 5);
    QCOMPARE(m_window->filterModel()->mapToSource(m_window->filterModel()->index(1, 0)).row(), 6);
    QCOMPARE(showOnly->text(), QStringLiteral("Show All Entries"));
    showOnly->click();
    QVERIFY(!m_window->filterModel()->isFiltering());
    QCOMPARE(m_window->filterModel()->rowCount(), 8);
}

void TestInsightsPanel::searchAllRunsIsFilledWithTheFailure()
{
    InsightsPanel *panel = m_window->insightsPanel();
    panel->tree()->setCurrentIndex(finding(InsightsModel::RepeatedFailures, 0));
    QPushButton *search = nullptr;
    for (QPushButton *button : panel->findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("Search All Runs"))
            search = button;
    }
    QVERIFY(search);
    QVERIFY(search->isEnabled());
    search->click();
    LibraryWindow *library = m_window->libraryController()->libraryWindow();
    QVERIFY(library);
    QTRY_VERIFY(library->isVisible());
    // From entry 2's stderr "E  assert 3 == 4 at 0x7ffd3a2b10": numbers and hex as classes.
    QCOMPARE(library->searchPanel()->queryField()->text(),
             QStringLiteral(R"(E\s+assert\s+\d+\s+\=\=\s+\d+\s+at\s+\d+x[0-9A-Fa-f]{8,})"));
    library->close();
    // A command that is no failure group offers no search.
    panel->tree()->setCurrentIndex(finding(InsightsModel::Files, 0));
    QVERIFY(!search->isEnabled());
}

// A command is the run's text: hovering it shows the characters, never rendered markup.
void TestInsightsPanel::aCommandsTooltipIsPlainText()
{
    QTreeView *tree = m_window->insightsPanel()->tree();
    const QModelIndex commands = m_window->insightsPanel()->model()->sectionIndex(InsightsModel::Commands);
    tree->expand(commands);
    const QModelIndex command = finding(InsightsModel::Commands, 0);
    tree->scrollTo(command);
    QCOMPARE(command.data(Qt::ToolTipRole).toString(), QStringLiteral("pytest -x"));
    const QPoint point = tree->visualRect(command).center();
    QHelpEvent hover(QEvent::ToolTip, point, tree->viewport()->mapToGlobal(point));
    QApplication::sendEvent(tree->viewport(), &hover);
    QVERIFY(QToolTip::isVisible());
    // PlainText::toolTip's form: the text escaped into a paragraph of ours.
    QVERIFY2(QToolTip::text().startsWith(QStringLiteral("<p")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("pytest -x")));
    QToolTip::hideText();
}

void TestInsightsPanel::aPagedRunSaysOfTheEntriesLoadedUntilWhole()
{
    // The demo's sample run has 2,000 entries in pages: only those in view come first.
    QVERIFY(m_window->openDemo(false));
    // The run's 2,000 rows are there from the first page on; most are not loaded yet.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->insights()->insights().entries == 2000 && !m_window->insights()->isComputing(), 30000);
    QVERIFY(m_window->logModel()->store().loadedCount() < 2000);
    QVERIFY2(m_window->insightsPanel()->verdictText().startsWith(
                 QStringLiteral("Of the %1 entries loaded: ").arg(QLocale().toString(m_window->insights()->entriesLoaded()))),
             qPrintable(m_window->insightsPanel()->verdictText()));
    m_window->session()->loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->insights()->isWhole(), 60000);
    QCOMPARE(m_window->insights()->entriesLoaded(), 2000);
    QVERIFY(!m_window->insightsPanel()->verdictText().startsWith(QStringLiteral("Of the")));
    QCOMPARE(m_window->insights()->insights().entries, 2000);
}

QTEST_MAIN(TestInsightsPanel)
#include "tst_insightspanel.moc"
