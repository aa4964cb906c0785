// SPDX-License-Identifier: MIT
// The window with its library of runs, against the spec server on 127.0.0.1, as a new user meets
// it: a long run opened, Runlog closed, the run opened again: there at once, with no request,
// also with the server gone. Then the Library window (Enter opens a stored run), the search
// across runs (Enter opens the run at that entry) and the organization's Runs window (a mark on
// stored runs, Enter opens, errors in words).
#include "ui/library/librarycontroller.h"
#include "runsessioninternals.h"
#include "rows/runlistcolumns.h"
#include "ui/compare/comparestepsmodel.h"
#include "ui/compare/comparewindow.h"
#include "ui/library/libraryrunspanel.h"
#include "ui/library/librarysearchpanel.h"
#include "ui/library/librarywindow.h"
#include "ui/search/querycompleter.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/messagebanner.h"
#include "rows/logtablemodel.h"
#include "model/runlistloader.h"
#include "model/runlistmodel.h"
#include "model/runloader.h"
#include "ui/library/orgrunsview.h"
#include "api/requestpacer.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "store/libraryrunsmodel.h"
#include "store/librarysearchmodel.h"
#include "store/runlibrary.h"
#include "newuserlibrary.h"
#include "testlogserver.h"

#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kLongRun = 42;
constexpr int kLongRunEntries = 12000;
constexpr qint64 kWholeRun = 45;
constexpr int kWholeRunEntries = 2000;

// A row that exists and holds its entry (rows come when the count is known).
bool isLoaded(const MainWindow &window, int row)
{
    const LogStore &store = window.logModel()->store();
    return row >= 0 && row < store.size() && store.isLoaded(row);
}
} // namespace

class TestLibraryWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reopenedRunIsThereAtOnceWithoutRequests();
    void libraryWindowOpensAStoredRunWithEnter();
    void libraryWindowComparesTwoSelectedRuns();
    void runReadToTheEndReopensWholeAtTheFirstPaint();
    void searchResultOpensTheRunAtItsEntry();
    void searchAllRunsCompletesAndSaysWhyInline();
    void runsWindowMarksStoredRunsAndOpensWithEnter();
    void runsWindowSaysWhatWentWrong();
    void runsWindowComparesTwoSelectedRuns();

private:
    std::unique_ptr<MainWindow> newWindow();
    void openLongRun(MainWindow &window);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<NewUserLibrary> m_newUser;
    RunLibrary *m_library = nullptr;
};

void TestLibraryWindow::init()
{
    // Every test starts as a new user: no window state saved by an earlier test (or run).
    m_newUser = std::make_unique<NewUserLibrary>();
    QVERIFY(m_newUser->isValid());
    m_library = m_newUser->library();
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    RunRecord longRun = makeListedRun(kOrg, kLongRun, 5000, QStringLiteral("GITHUB"), 1, true);
    longRun.entries.clear();
    for (int n = 0; n < kLongRunEntries; ++n)
        longRun.entries.append(makeSampleEntry(kLongRun, n));
    m_server->addRun(longRun);
    for (int i = 0; i < 30; ++i)
        m_server->addRun(makeListedRun(kOrg, 100 + i, i, QStringLiteral("SLACK"), 2));
}

void TestLibraryWindow::cleanup()
{
    m_library = nullptr;
    m_newUser.reset();
    m_server.reset();
}

std::unique_ptr<MainWindow> TestLibraryWindow::newWindow()
{
    return m_newUser->showWindow();
}

void TestLibraryWindow::openLongRun(MainWindow &window)
{
    window.openRun(ApiEndpoint{m_server ? m_server->baseUrl() : QUrl(QStringLiteral("http://127.0.0.1:9")),
                               QByteArrayLiteral("sk-window-test")},
                   RunRef{kOrg, kLongRun});
}

void TestLibraryWindow::reopenedRunIsThereAtOnceWithoutRequests()
{
    const QUrl base = m_server->baseUrl();
    const QList<QByteArray> entries = m_server->run(kLongRun)->entries;
    {
        auto window = newWindow();
        openLongRun(*window);
        QTRY_VERIFY(isLoaded(*window, 0));
        // The user looks at the end too (Ctrl+End).
        window->tableView()->setFocus();
        QTest::keyClick(window->tableView(), Qt::Key_End, Qt::ControlModifier);
        QTRY_VERIFY(isLoaded(*window, kLongRunEntries - 1));
        QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
        QVERIFY(loaderOf(window->session())->requestsSent() >= 2);
    }
    m_library->flush();
    // Runlog is closed, and the network is gone with the server.
    m_server.reset();

    auto window = newWindow();
    int rowsWhenOpen = -1;
    connect(loaderOf(window->session()), &RunLoader::stateChanged, this, [&](RunLoader::State state) {
        if (state == RunLoader::State::Open && rowsWhenOpen < 0)
            rowsWhenOpen = window->logModel()->rowCount();
    });
    window->openRun(ApiEndpoint{base, QByteArrayLiteral("sk-window-test")}, RunRef{kOrg, kLongRun});
    QTRY_VERIFY(isLoaded(*window, 0));
    QCOMPARE(rowsWhenOpen, kLongRunEntries); // every row at once, from the library
    QCOMPARE(window->logModel()->store().at(0).rawJson, entries.first());
    window->tableView()->setFocus();
    QTest::keyClick(window->tableView(), Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(isLoaded(*window, kLongRunEntries - 1));
    QCOMPARE(window->logModel()->store().at(kLongRunEntries - 1).rawJson, entries.last());
    QCOMPARE(loaderOf(window->session())->requestsSent(), 0);
    QCOMPARE(loaderOf(window->session())->failedPageCount(), 0);
    QVERIFY(!window->banner()->isVisible());
}

void TestLibraryWindow::libraryWindowOpensAStoredRunWithEnter()
{
    auto window = newWindow();
    openLongRun(*window);
    QTRY_VERIFY(isLoaded(*window, 0));
    QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
    m_library->flush();
    m_server->clearRequestLog();

    LibraryController *controller = window->libraryController();
    QVERIFY(controller);
    controller->libraryAction()->trigger();
    LibraryRunsPanel *panel = controller->libraryWindow()->runsPanel();
    QTRY_COMPARE(panel->table()->model()->rowCount(), 1);
    QCOMPARE(panel->table()->model()->index(0, LibraryRunsModel::Run).data().toString(), QString::number(kLongRun));
    QVERIFY(panel->table()->model()->index(0, LibraryRunsModel::Entries).data().toString().contains(QStringLiteral("of 12")));
    panel->table()->setFocus();
    panel->table()->setCurrentIndex(panel->table()->model()->index(0, 0));
    QTest::keyClick(panel->table(), Qt::Key_Return);
    QTRY_COMPARE(loaderOf(window->session())->run().runId, kLongRun);
    QTRY_VERIFY(isLoaded(*window, 0));
    QCOMPARE(window->logModel()->rowCount(), kLongRunEntries);
    // The first page came from the library; the token the window used is the one it knew. (The
    // run that was open stays until the new one opens: wait for the new one.)
    QTRY_VERIFY(loaderOf(window->session())->pagesFromCache() > 0);
    QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
    QVERIFY(m_server->requestLog().isEmpty());
}

// Two stored runs selected, Compare: a Compare window loads both (the older on the left) and
// aligns them.
void TestLibraryWindow::libraryWindowComparesTwoSelectedRuns()
{
    auto window = newWindow();
    const ApiEndpoint endpoint{m_server->baseUrl(), QByteArrayLiteral("sk-window-test")};
    for (const qint64 run : {102, 101}) {
        window->openRun(endpoint, RunRef{kOrg, run});
        QTRY_COMPARE(loaderOf(window->session())->run().runId, run);
        QTRY_VERIFY(isLoaded(*window, 2));
        QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
    }
    m_library->flush();

    LibraryController *controller = window->libraryController();
    controller->libraryAction()->trigger();
    LibraryRunsPanel *panel = controller->libraryWindow()->runsPanel();
    QTRY_COMPARE(panel->table()->model()->rowCount(), 2);
    QPushButton *compare = nullptr;
    for (QPushButton *button : panel->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("Co&mpare"))
            compare = button;
    QVERIFY(compare);
    panel->table()->selectRow(0);
    QVERIFY(!compare->isEnabled()); // one run: nothing to compare it with
    panel->table()->selectAll();
    QVERIFY(compare->isEnabled());
    compare->click();
    CompareWindow *comparison = controller->lastCompareWindow();
    QVERIFY(comparison);
    QTRY_VERIFY(comparison->stepsModel()->rowCount() > 0);
    QVERIFY(comparison->statusText().isEmpty());
    QVERIFY2(comparison->sideText(0).startsWith(QStringLiteral("Left: run 101\n3 entries")), qPrintable(comparison->sideText(0)));
    QVERIFY2(comparison->sideText(1).startsWith(QStringLiteral("Right: run 102\n3 entries")), qPrintable(comparison->sideText(1)));
    QVERIFY2(comparison->sideText(1).endsWith(QStringLiteral(", status COMPLETE")), qPrintable(comparison->sideText(1)));
}

// Counts what the table shows the first time it paints rows.
class FirstPaintWatcher : public QObject
{
public:
    explicit FirstPaintWatcher(MainWindow *window)
        : m_window(window)
    {
        window->tableView()->viewport()->installEventFilter(this);
    }
    int rows = -1;
    int loaded = -1;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && rows < 0 && m_window->tableView()->model()->rowCount() > 0) {
            rows = m_window->logModel()->rowCount();
            loaded = loaderOf(m_window->session())->loadedRows();
        }
        return false;
    }

private:
    MainWindow *m_window;
};

// Read to the end once, then opened again from the Library window: the table's first paint of
// the run already has every row loaded, and nothing is asked of the server.
void TestLibraryWindow::runReadToTheEndReopensWholeAtTheFirstPaint()
{
    m_server->addRun(makeRun(kOrg, kWholeRun, kWholeRunEntries));
    {
        auto window = newWindow();
        loaderOf(window->session())->setPacer(new RequestPacer(1000, 60000, window.get()));
        window->openRun(ApiEndpoint{m_server->baseUrl(), QByteArrayLiteral("sk-window-test")}, RunRef{kOrg, kWholeRun});
        QTRY_VERIFY(isLoaded(*window, 0));
        loaderOf(window->session())->loadAll();
        QTRY_VERIFY_WITH_TIMEOUT(loaderOf(window->session())->isFullyLoaded(), 20000);
        QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
    }
    m_library->flush();
    m_server->clearRequestLog();

    auto window = newWindow();
    FirstPaintWatcher watcher(window.get());
    LibraryController *controller = window->libraryController();
    QVERIFY(controller);
    controller->libraryAction()->trigger();
    LibraryRunsPanel *panel = controller->libraryWindow()->runsPanel();
    QTRY_COMPARE(panel->table()->model()->rowCount(), 1);
    panel->table()->setFocus();
    panel->table()->setCurrentIndex(panel->table()->model()->index(0, 0));
    // Enter is a shortcut of the Library window's table: that window is the active one.
    QApplication::setActiveWindow(controller->libraryWindow());
    QVERIFY(QTest::qWaitForWindowActive(controller->libraryWindow()));
    QTest::keyClick(panel->table(), Qt::Key_Return);
    QTRY_COMPARE(loaderOf(window->session())->run().runId, kWholeRun);
    QTRY_VERIFY(watcher.rows > 0);
    QCOMPARE(watcher.rows, kWholeRunEntries);
    QCOMPARE(watcher.loaded, kWholeRunEntries);
    QTest::qWait(200);
    QCOMPARE(loaderOf(window->session())->loadedRows(), kWholeRunEntries);
    QCOMPARE(loaderOf(window->session())->requestsSent(), 0);
    QVERIFY(m_server->requestLog().isEmpty());
}

void TestLibraryWindow::searchResultOpensTheRunAtItsEntry()
{
    auto window = newWindow();
    openLongRun(*window);
    QTRY_VERIFY(isLoaded(*window, 0));
    // The pages around entry 4,321 (0-based 4,320) are looked at, so they are kept.
    // (Scrolled there: the table tells the loader what it shows.)
    window->tableView()->scrollTo(window->filterModel()->index(4350, 0), QAbstractItemView::PositionAtCenter);
    QTRY_VERIFY(isLoaded(*window, 4399));
    window->tableView()->scrollToTop();
    m_library->flush();

    LibraryController *controller = window->libraryController();
    controller->searchAction()->trigger();
    LibrarySearchPanel *search = controller->libraryWindow()->searchPanel();
    QVERIFY(search->isVisible());
    QTest::keyClicks(search->queryField(), QStringLiteral("entry 4320"));
    search->searchNow();
    QTRY_COMPARE(search->model()->rowCount(), 1);
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Run).data().toString(), QString::number(kLongRun));
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Entry).data().toString(), QStringLiteral("4321"));
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Match).data().toString(), QStringLiteral("entry 4320"));
    search->table()->setFocus();
    search->table()->setCurrentIndex(search->model()->index(0, 0));
    QTest::keyClick(search->table(), Qt::Key_Return);
    QTRY_COMPARE(loaderOf(window->session())->run().runId, kLongRun);
    QTRY_COMPARE(window->tableView()->currentIndex().row(), 4320);
    QTRY_VERIFY(isLoaded(*window, 4320));
    QCOMPARE(window->logModel()->store().at(4320).rawJson, m_server->run(kLongRun)->entries.at(4320));
}

void TestLibraryWindow::searchAllRunsCompletesAndSaysWhyInline()
{
    auto window = newWindow();
    openLongRun(*window);
    QTRY_VERIFY(isLoaded(*window, 0));
    QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
    m_library->flush();
    // A note on entry 3 (0-based 2), kept with the run as the window keeps it.
    StoredNote note;
    note.position = 2;
    note.text = QStringLiteral("the wombat step");
    m_library->saveNotes(NotesScope::forApi(PageCache::originOf(m_server->baseUrl()), kOrg, kLongRun), {note});
    m_library->flush();

    LibraryController *controller = window->libraryController();
    controller->searchAction()->trigger();
    LibrarySearchPanel *search = controller->libraryWindow()->searchPanel();
    QLineEdit *field = search->queryField();
    // Keys as a word begins (has: too: the library keeps notes), then the library's own values.
    field->setText(QStringLiteral("st"));
    QCOMPARE(search->completer()->candidates(), QStringList{QStringLiteral("status:")});
    field->setText(QStringLiteral("ha"));
    QCOMPARE(search->completer()->candidates(), QStringList{QStringLiteral("has:")});
    field->setText(QStringLiteral("status:"));
    QTRY_COMPARE(search->completer()->candidates(), QStringList{QStringLiteral("COMPLETE")});
    field->setText(QStringLiteral("tool:"));
    QCOMPARE(search->completer()->candidates(), QStringList{QStringLiteral("bash")});
    field->setText(QStringLiteral("type:p"));
    QCOMPARE(search->completer()->candidates(), QStringList{QStringLiteral("PLAN_EVALUATION")});
    field->setText(QStringLiteral("org:"));
    QCOMPARE(search->completer()->candidates(), QStringList{QString::number(kOrg)});

    // A note's words find it, marked as a note.
    field->setText(QStringLiteral("wombat"));
    search->searchNow();
    QTRY_COMPARE(search->model()->rowCount(), 1);
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Entry).data().toString(), QStringLiteral("3"));
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Match).data().toString(), QStringLiteral("the wombat step"));
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Match).data(LibrarySearchModel::FoundInRole).toString(),
             QStringLiteral("Note"));
    QVERIFY(search->model()->index(0, LibrarySearchModel::Entry).data(LibrarySearchModel::FoundInRole).isNull());
    QVERIFY(search->queryError().isEmpty());
    // Looked at by eye with RUNLOG_SHOTS=folder, as the other window tests do.
    if (const QString folder = qEnvironmentVariable("RUNLOG_SHOTS"); !folder.isEmpty())
        search->grab().save(QDir(folder).filePath(QStringLiteral("library-search-note-hit.png")));

    // A query that does not parse says where and why beside the field; the results stay.
    field->setText(QStringLiteral("wombat foo:bar"));
    search->searchNow();
    QCOMPARE(search->queryError(), QStringLiteral("unknown key `foo:` at character 8"));
    QCOMPARE(search->model()->rowCount(), 1);
    field->setText(QStringLiteral("wombat"));
    search->searchNow();
    QVERIFY(search->queryError().isEmpty());
}

void TestLibraryWindow::runsWindowMarksStoredRunsAndOpensWithEnter()
{
    auto window = newWindow();
    openLongRun(*window);
    QTRY_VERIFY(isLoaded(*window, 0));
    QTRY_COMPARE(loaderOf(window->session())->pagesInFlight(), 0);
    m_library->flush();

    LibraryController *controller = window->libraryController();
    controller->runsAction()->trigger();
    OrgRunsView *view = controller->runsView();
    QVERIFY(view->isVisible());
    QCOMPARE(view->filters().orgId, kOrg);
    QAbstractItemModel *model = view->table()->model();
    QTRY_COMPARE(model->rowCount(), 31);
    // Newest first: the long run was created last.
    QCOMPARE(model->index(0, RunListColumns::Run).data().toString(), QString::number(kLongRun));
    QCOMPARE(model->index(1, RunListColumns::Run).data().toString(), QStringLiteral("129"));
    QTRY_COMPARE(model->index(0, RunListColumns::Stored).data().toString(), QStringLiteral("●"));
    QCOMPARE(model->index(1, RunListColumns::Stored).data().toString(), QString());
    QCOMPARE(model->index(0, RunListColumns::PullRequests).data().toString(), QStringLiteral("#42"));
    // At 800 px the Summary keeps a readable room (with fixed widths it had 37 px), and the
    // other columns hold their content whole.
    view->resize(800, 500);
    QTRY_VERIFY2(view->table()->columnWidth(RunListColumns::Summary) >= 200,
                 qPrintable(QString::number(view->table()->columnWidth(RunListColumns::Summary))));
    const QFontMetrics metrics = view->table()->fontMetrics();
    QVERIFY(view->table()->columnWidth(RunListColumns::Created) > metrics.horizontalAdvance(QStringLiteral("2025-06-21 12:06")));
    QVERIFY(view->table()->columnWidth(RunListColumns::Run) > metrics.horizontalAdvance(QString::number(kLongRun)));
    // Enter on the second run opens it in the window.
    view->table()->setFocus();
    view->table()->setCurrentIndex(model->index(1, 0));
    QTest::keyClick(view->table(), Qt::Key_Return);
    QTRY_COMPARE(loaderOf(window->session())->run().runId, qint64(129));
    QTRY_VERIFY(isLoaded(*window, 0));
}

// Two runs of the organization selected (Ctrl+click), Compare: a Compare window fetches both
// (the older, lower in the list, on the left) and aligns them.
void TestLibraryWindow::runsWindowComparesTwoSelectedRuns()
{
    auto window = newWindow();
    openLongRun(*window);
    QTRY_VERIFY(isLoaded(*window, 0));
    LibraryController *controller = window->libraryController();
    controller->runsAction()->trigger();
    OrgRunsView *view = controller->runsView();
    QAbstractItemModel *model = view->table()->model();
    QTRY_COMPARE(model->rowCount(), 31);
    QPushButton *compare = nullptr;
    for (QPushButton *button : view->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("Co&mpare"))
            compare = button;
    QVERIFY(compare);
    QVERIFY(!compare->isEnabled());
    view->table()->selectRow(1); // run 129
    view->table()->selectionModel()->select(model->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows); // 128
    QVERIFY(compare->isEnabled());
    compare->click();
    CompareWindow *comparison = controller->lastCompareWindow();
    QVERIFY(comparison);
    QTRY_VERIFY(comparison->stepsModel()->rowCount() > 0);
    QVERIFY2(comparison->sideText(0).startsWith(QStringLiteral("Left: run 128\n3 entries")), qPrintable(comparison->sideText(0)));
    QVERIFY2(comparison->sideText(1).startsWith(QStringLiteral("Right: run 129\n3 entries")), qPrintable(comparison->sideText(1)));
}

void TestLibraryWindow::runsWindowSaysWhatWentWrong()
{
    m_server->setRequiredToken(QByteArrayLiteral("the-right-one"));
    auto window = newWindow();
    openLongRun(*window); // with a token the server does not take
    QTRY_VERIFY(window->banner()->isVisible());
    LibraryController *controller = window->libraryController();
    controller->runsAction()->trigger();
    OrgRunsView *view = controller->runsView();
    auto *banner = view->findChild<MessageBanner *>();
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("token was rejected")), qPrintable(banner->text()));
    QVERIFY(!banner->text().contains(QStringLiteral("sk-window-test")));
    // Another organization, the right token: the list comes, the banner goes.
    m_server->setRequiredToken(QByteArray());
    QPushButton *refresh = nullptr;
    for (QPushButton *button : view->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("&Refresh"))
            refresh = button;
    }
    QVERIFY(refresh);
    refresh->click();
    QTRY_COMPARE(view->table()->model()->rowCount(), 31);
    QTRY_VERIFY(!banner->isVisible());
}

QTEST_MAIN(TestLibraryWindow)
#include "tst_librarywindow.moc"
