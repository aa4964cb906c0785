// SPDX-License-Identifier: MIT
#include "ui/window/mainwindow.h"

#include "ui/detail/detailpane.h"
#include "ui/window/aboutbox.h"
#include "ui/window/emptystate.h"
#include "ui/window/recentruns.h"
#include "store/runlibrary.h"
#include "ui/table/copylinkcontroller.h"
#include "ui/table/tablecontextmenu.h"
#include "ui/table/currententrycontroller.h"
#include "ui/table/linkedentrycontroller.h"
#include "ui/insights/insightscontroller.h"
#include "ui/insights/insightspanel.h"
#include "ui/library/librarycontroller.h"
#include "stats/insights.h"
#include "ui/table/foldcontroller.h"
#include "ui/library/libraryopencontroller.h"
#include "ui/export/exportdonenotice.h"
#include "ui/export/exportscope.h"
#include "ui/window/livetoggle.h"
#include "ui/table/logitemdelegate.h"
#include "ui/table/logtableview.h"
#include "ui/table/markcontroller.h"
#include "ui/notes/notecontroller.h"
#include "ui/table/markedscrollbar.h"
#include "ui/window/messagebanner.h"
#include "ui/compare/comparerunsdialog.h"
#include "ui/compare/comparewindow.h"
#include "rows/logtablemodel.h"
#include "ui/open/openruncontroller.h"
#include "ui/open/samplechooserdialog.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/common/proportionalsplitter.h"
#include "ui/window/ratelimitprompt.h"
#include "ui/open/openrundialog.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"
#include "ui/window/runheader.h"
#include "search/logfilterproxymodel.h"
#include "ui/search/searchbar.h"
#include "ui/search/searchcontroller.h"
#include "ui/table/selectioncontroller.h"
#include "session/credentials.h"
#include "session/demoservice.h"
#include "session/runsession.h"
#include "settings/appsettings.h"
#include "settings/tokenstore.h"
#include "ui/window/shortcuthelp.h"
#include "ui/overview/statisticspanel.h"
#include "ui/window/statusbarcontroller.h"
#include "ui/overview/timelinestrip.h"
#include "ui/window/viewsettings.h"
#include "ui/window/windowactions.h"
#include "ui/window/windowplacement.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_settings(new AppSettings)
    , m_session(new RunSession(this))
    , m_credentials(new Credentials(this))
    , m_openRun(new OpenRunController(m_session, m_credentials, m_settings, this))
    , m_proxy(new LogFilterProxyModel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(this))
    , m_header(new RunHeader(this))
    , m_banner(new MessageBanner(this))
    , m_splitter(new ProportionalSplitter(Qt::Horizontal, this))
    , m_table(new LogTableView(this))
    , m_detail(new DetailPane(this))
    , m_searchBar(new SearchBar(this))
{
    setAcceptDrops(true);
    setMinimumSize(720, 450); // below this the table has no room left for the summaries
    setWindowTitle(PlainText::windowTitle(m_session->windowTitle()));
    setWindowIcon(QIcon(QStringLiteral(":/runlog/runlog.png")));
    m_exporter = new ExportController(m_session, this);
    m_proxy->setSourceModel(m_session->model());
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Entries"));
    m_search = new SearchController(m_session->model(), m_proxy, m_table, m_table->markedScrollBar(), m_detail,
                                    m_searchBar, m_session, this);
    m_table->logDelegate()->setMatchPredicate([this](const QModelIndex &index) {
        return m_search->isMatchingRow(m_proxy->mapToSource(index).row());
    });
    m_filterMenu = new QMenu(tr("F&ilter"), this);
    m_searchBar->filterButton()->setMenu(m_filterMenu);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(createRunPage());
    setCentralWidget(m_stack);

    m_actions = new WindowActions(this);
    m_actions->buildMenus(menuBar(), m_filterMenu);
    m_table->addAction(m_actions->copyEntry);
    m_table->addAction(m_actions->copyLink);
    m_table->addAction(m_actions->toggleMark);
    m_table->addAction(m_actions->addNote);
    m_table->addAction(m_actions->deleteNote);
    m_marks = new MarkController(m_session->model(), m_proxy, m_table, this);
    m_status = new StatusBarController(m_session, statusBar());
    new SelectionController(m_proxy, m_table, this);
    m_currentEntry = new CurrentEntryController(m_session->model(), m_proxy, m_table, m_detail, m_search, this);
    m_notes = new NoteController(m_session, m_proxy, m_table, m_currentEntry,
                                 {m_actions->addNote, m_actions->deleteNote, m_actions->onlyNoted, m_actions->notes,
                                  m_actions->exportNotes, m_actions->importNotes},
                                 this);
    connect(m_notes, &NoteController::message, statusBar(), &QStatusBar::showMessage);
    connect(m_notes, &NoteController::notesChanged, this, [this] { m_overview->setNotePositions(m_notes->notePositions()); });
    // has:note in the query language: a copy of the notes' positions (implicitly shared, read by
    // the search worker), taken when a search starts.
    m_search->setNotesProvider([model = m_session->model()] {
        const QHash<int, QString> notes = model->notes();
        return SearchController::NoteLookup([notes](int entry) { return notes.contains(entry); });
    });
    connect(m_session->model(), &LogTableModel::notesChanged, m_search, &SearchController::notesChanged);
    m_table->setMatchKeysActive([this] { return !m_search->result().matchingRows.isEmpty(); });
    m_linkedEntry = new LinkedEntryController(m_session, m_currentEntry, this);
    m_copyLink = new CopyLinkController(m_session, m_currentEntry, m_actions->copyLink, this);
    m_folds = new FoldController(m_proxy, m_table, this);
    buildTableMenu();
    m_view = new ViewSettings(m_table, m_detail, m_session->model(), m_actions, m_settings, this);
    createInsights();
    m_folds->setFoldingEnabled(m_actions->foldRepeats->isChecked());
    m_header->setLiveWidget(new LiveToggle(m_session, m_actions->follow));
    orderTabChain();
    connectActions();
    connectSession();
    restoreState();
    onReset();
}

MainWindow::~MainWindow()
{
    // The session stops its sources as it goes, and what they tell on the way out is not for a
    // window that is half destroyed.
    for (QObject *sender : std::initializer_list<QObject *>{m_session, m_session->model(), m_proxy})
        disconnect(sender, nullptr, this, nullptr);
    delete m_settings;
}

QWidget *MainWindow::createRunPage()
{
    m_searchBar->hide();
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    // The table's minimum never takes more than the room beside the detail pane's narrowest, so
    // that the two never overlap in a small window (800 x 500 with the Statistics dock open).
    connect(m_splitter, &ProportionalSplitter::resizing, this, [this](const QSize &size) {
        const int detailMinimum = std::max(m_detail->minimumWidth(), m_detail->minimumSizeHint().width());
        m_table->setMinimumWidthCap(size.width() - m_splitter->handleWidth() - detailMinimum);
    });
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    auto *bannerBox = new QVBoxLayout;
    bannerBox->setContentsMargins(8, 0, 8, 4);
    bannerBox->addWidget(m_banner);
    layout->addLayout(bannerBox);
    layout->addWidget(m_searchBar);
    layout->addWidget(m_splitter, 1);
    createOverview(layout);
    return page;
}

void MainWindow::orderTabChain()
{
    // Tab follows the run page as it is read, top to bottom: the header (link, Details, first
    // failure), the banner's buttons, the search bar, the timeline, the table, the detail pane.
    // Created in another order (the header last), Tab went from the timeline up to the header.
    const QList<QWidget *> parts = {m_header, m_banner, m_searchBar, m_timeline, m_table, m_detail};
    QList<QList<QWidget *>> ordered(parts.size());
    QWidget *widget = this;
    do {
        widget = widget->nextInFocusChain();
        if (!(widget->focusPolicy() & Qt::TabFocus))
            continue;
        for (qsizetype part = 0; part < parts.size(); ++part) {
            if (widget == parts[part] || parts[part]->isAncestorOf(widget)) {
                ordered[part] << widget;
                break;
            }
        }
    } while (widget != this);
    QWidget *previous = nullptr;
    for (const QList<QWidget *> &part : std::as_const(ordered)) {
        for (QWidget *next : part) {
            if (previous)
                setTabOrder(previous, next);
            previous = next;
        }
    }
}

void MainWindow::connectActions()
{
    WindowActions *a = m_actions;
    connect(a->newWindow, &QAction::triggered, this, &MainWindow::openNewWindow);
    m_marks->connectActions(a->toggleMark, a->nextMark, a->previousMark, a->onlyMarked);
    connect(m_marks, &MarkController::message, statusBar(), &QStatusBar::showMessage);
    connect(a->openRun, &QAction::triggered, m_openRun, &OpenRunController::showDialog);
    connect(a->openFile, &QAction::triggered, this, &MainWindow::showOpenFileDialog);
    connect(a->openAgentLogs, &QAction::triggered, this, &MainWindow::showOpenAgentLogsDialog);
    connect(a->recentRuns, &QMenu::aboutToShow, this, [this] { m_openRun->populateRecentMenu(m_actions->recentRuns); });
    connect(m_openRun, &OpenRunController::fileRequested, this, &MainWindow::openFile);
    connect(a->exportRun, &QAction::triggered, this, &MainWindow::exportRun);
    connect(a->compareRuns, &QAction::triggered, this, &MainWindow::compareRuns);
    connect(a->demo, &QAction::triggered, this, [this] { openDemo(false); });
    connect(a->liveDemo, &QAction::triggered, this, [this] { openDemo(true); });
    connect(a->forgetToken, &QAction::triggered, this, [this] {
        const QUrl base = m_settings->baseUrl();
        m_credentials->forget(base);
        statusBar()->showMessage(tr("Forgot the token saved for %1.").arg(base.host()), 6000);
    });
    connect(a->closeRun, &QAction::triggered, m_session, &RunSession::close);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->copyEntry, &QAction::triggered, m_currentEntry, &CurrentEntryController::copyCurrentEntry);
    connect(m_currentEntry, &CurrentEntryController::message, statusBar(), &QStatusBar::showMessage);
    connect(m_linkedEntry, &LinkedEntryController::message, statusBar(), &QStatusBar::showMessage);
    connect(m_copyLink, &CopyLinkController::message, statusBar(), &QStatusBar::showMessage);
    connect(a->find, &QAction::triggered, this, &MainWindow::showSearch);
    connect(a->findNext, &QAction::triggered, m_search, &SearchController::nextMatch);
    connect(a->findPrevious, &QAction::triggered, m_search, &SearchController::previousMatch);
    connect(a->closeSearch, &QAction::triggered, this, &MainWindow::closeSearch);
    connect(a->firstEntry, &QAction::triggered, this, [this] { m_currentEntry->selectEdgeRow(false); });
    connect(a->lastEntry, &QAction::triggered, this, [this] { m_currentEntry->selectEdgeRow(true); });
    connect(a->goToEntry, &QAction::triggered, this, [this] { m_currentEntry->goToEntry(this); });
    connect(a->newestFirst, &QAction::triggered, m_session, &RunSession::setNewestFirst);
    connect(a->follow, &QAction::toggled, this, [this](bool follow) {
        if (m_showingFollowState)
            return; // the run's state, not the user's choice
        m_followWanted = follow;
        m_session->setFollowing(follow);
        if (follow && m_session->isRunGoing())
            m_currentEntry->selectEdgeRow(true); // following is about the newest entries: go there
        statusBar()->showMessage(follow ? tr("Following the run while it is going.") : tr("Not following the run."), 4000);
    });
    // Only a run that is still going can be followed (not a finished run, not a file): for any
    // other the action is greyed and unchecked (checked would say it is being followed); the
    // user's choice comes back with the next live run.
    const auto showFollowState = [this, a](bool going) {
        m_showingFollowState = true;
        a->follow->setEnabled(going);
        a->follow->setChecked(going && m_followWanted);
        m_showingFollowState = false;
    };
    showFollowState(false);
    connect(m_session, &RunSession::runGoingChanged, this, showFollowState);
    connect(a->foldRepeats, &QAction::toggled, m_folds, &FoldController::setFoldingEnabled);
    connect(a->jsonMode, &QAction::toggled, this, [this](bool json) {
        m_detail->setMode(json ? EntryRenderer::Mode::Json : EntryRenderer::Mode::Readable);
    });
    connect(a->switchFocus, &QAction::triggered, this, &MainWindow::toggleFocus);
    connect(a->retry, &QAction::triggered, this, [this] {
        m_banner->hide();
        m_session->retry();
    });
    connect(a->stopLoading, &QAction::triggered, this, [this] {
        m_session->stopLoading();
        statusBar()->showMessage(tr("Stopped loading. Press F5 to resume."), 6000);
    });
    connect(a->rateLimit, &QAction::triggered, this, [this] {
        const QString message = RateLimitPrompt::ask(this, m_settings, m_session);
        if (!message.isEmpty())
            statusBar()->showMessage(message, 6000);
    });
    connect(a->shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(a->timeline, &QAction::toggled, m_timeline, &QWidget::setVisible);
    connect(a->insights, &QAction::toggled, m_insightsDock, &QWidget::setVisible);
    connect(m_insightsDock, &QDockWidget::visibilityChanged, a->insights, &QAction::setChecked);
    connect(a->firstFailure, &QAction::triggered, this, &MainWindow::goToFirstFailure);
    connect(a->statistics, &QAction::toggled, m_statisticsDock, &QWidget::setVisible);
    connect(m_statisticsDock, &QDockWidget::visibilityChanged, a->statistics, &QAction::setChecked);
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);

    connect(m_filterMenu, &QMenu::aboutToShow, this, [this] {
        m_search->populateFilterMenu(m_filterMenu);
        m_filterMenu->addSeparator();
        m_filterMenu->addAction(m_actions->onlyMarked);
        m_filterMenu->addAction(m_actions->onlyNoted);
    });
    connect(m_search, &SearchController::filterStateChanged, this, &MainWindow::updateFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateFilterText);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateFilterText);
    connect(m_searchBar, &SearchBar::closeRequested, this, &MainWindow::closeSearch);
    // A click on a statistics bar or a Filter menu choice writes its query into the bar: show it.
    connect(m_search, &SearchController::searchBarWanted, this, [this] {
        if (!m_searchBar->isHidden())
            return;
        m_searchBar->show();
        m_search->updateCoverage();
        m_actions->closeSearch->setEnabled(true);
    });
    connect(m_header, &RunHeader::loadAllRequested, m_session, &RunSession::loadAll);
    connect(m_header, &RunHeader::clearFiltersRequested, m_search, &SearchController::clearFilters);
    connect(m_session, &RunSession::progressChanged, this, &MainWindow::updateFilterText);
    connect(m_table, &LogTableView::nextMatchRequested, m_search, &SearchController::nextMatch);
    connect(m_table, &LogTableView::previousMatchRequested, m_search, &SearchController::previousMatch);
    connect(m_empty, &EmptyState::openRunRequested, m_openRun, &OpenRunController::showDialog);
    connect(m_empty, &EmptyState::openFileRequested, this, &MainWindow::showOpenFileDialog);
    connect(m_empty, &EmptyState::demoRequested, this, [this] { openDemo(false); });
    connect(m_empty, &EmptyState::recentRunRequested, m_openRun,
            [this](const QUrl &baseUrl, const RunRef &run) { m_openRun->openWithBestToken(baseUrl, run); });
    connect(m_banner, &MessageBanner::retryRequested, a->retry, &QAction::trigger);
    connect(m_banner, &MessageBanner::anotherTokenRequested, m_openRun, &OpenRunController::showDialogForAnotherToken);
    connect(m_openRun, &OpenRunController::message, statusBar(), &QStatusBar::showMessage);
    connect(m_exporter, &ExportController::finished, this, [this](bool ok, const QString &message, const QString &path) {
        statusBar()->showMessage(message, ok ? 8000 : 15000);
        if (!ok && !m_exporter->wasCancelled())
            showWarning(tr("Export Run"), message);
        if (ok)
            ExportDoneNotice::show(this, message, path);
        updateActions();
    });
    connect(m_credentials->keychain(), &TokenStore::saved, this, [this](const QUrl &baseUrl) {
        statusBar()->showMessage(tr("The token for %1 is saved in the system keychain.").arg(baseUrl.host()), 6000);
    });
    connect(m_credentials->keychain(), &TokenStore::failed, this,
            [this](const QString &message, const QUrl &, TokenStore::Operation operation) {
                if (operation == TokenStore::Operation::Load)
                    return;
                // A keychain that failed to save fails again at the next open: say it once in a
                // box, then in the status bar (the Open dialog unticks Remember meanwhile).
                if (operation == TokenStore::Operation::Save && m_keychainSaveFailureShown) {
                    statusBar()->showMessage(message, 10000);
                    return;
                }
                m_keychainSaveFailureShown = m_keychainSaveFailureShown || operation == TokenStore::Operation::Save;
                showWarning(tr("System Keychain"), message);
            });
    connect(m_detail, &DetailPane::modeChanged, this, [this](EntryRenderer::Mode mode) {
        m_actions->jsonMode->setChecked(mode == EntryRenderer::Mode::Json);
        m_settings->setDetailShowsRawJson(mode == EntryRenderer::Mode::Json);
    });
    connect(m_table, &LogTableView::visibleRowsChanged, this, [this](int first, int last) {
        // The loader pages by run position: a filtered view's rows map to source rows.
        if (first < 0) {
            m_session->setVisibleRows(-1, -1);
            return;
        }
        m_session->setVisibleRows(m_proxy->mapToSource(m_proxy->index(first, 0)).row(),
                                  m_proxy->mapToSource(m_proxy->index(last, 0)).row());
    });
}

void MainWindow::buildTableMenu()
{
    // The one place the table's context menu is put together: a group per feature, in order.
    m_tableMenu = new TableContextMenu(m_table, m_proxy, m_search, this);
    m_tableMenu->addCopyGroup(m_actions->copyEntry);
    m_tableMenu->addGroup([this](QMenu *menu, const QModelIndex &) { menu->addAction(m_actions->copyLink); });
    m_tableMenu->addGroup([this](QMenu *menu, const QModelIndex &) { menu->addAction(m_actions->toggleMark); });
    m_tableMenu->addGroup([this](QMenu *menu, const QModelIndex &) {
        menu->addAction(m_actions->addNote); // Add Note… or Edit Note…, as the entry has one or not
        if (m_actions->deleteNote->isEnabled())
            menu->addAction(m_actions->deleteNote);
    });
    m_tableMenu->addFilterGroup();
}

void MainWindow::connectSession()
{
    connect(m_session, &RunSession::reset, this, &MainWindow::onReset);
    connect(m_session, &RunSession::stateChanged, this, &MainWindow::updateActions);
    connect(m_session, &RunSession::runInfoChanged, this, &MainWindow::onRunInfoChanged);
    connect(m_session, &RunSession::progressChanged, this, &MainWindow::updateProgress);
    connect(m_session, &RunSession::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_session, &RunSession::problemsCleared, m_banner, &QWidget::hide);
    connect(m_session, &RunSession::warned, this, [this](const QString &text) {
        m_banner->showMessage(MessageBanner::Kind::Warning, text, false);
    });
    connect(m_session, &RunSession::failed, this, [this](const QString &text, bool retryHelps) {
        // Said once, in the banner: not again in the status bar and the detail pane (and the
        // status bar's "Loading…" is over).
        statusBar()->clearMessage();
        if (m_session->tokenRefused())
            m_banner->showTokenRefused(text);
        else
            m_banner->showMessage(MessageBanner::Kind::Error, text, retryHelps);
        if (m_session->kind() == RunSession::Kind::Api && !m_session->hasRunInfo())
            m_header->setSourceDescription(m_session->description());
        updateProgress();
    });
    connect(m_session, &RunSession::sampleChoiceNeeded, this, &MainWindow::chooseSample);
    connect(m_session, &RunSession::openFailed, this, [this](const QString &error) {
        statusBar()->showMessage(error, 15000);
        m_actions->newestFirst->setChecked(m_session->isNewestFirst()); // the order asked for did not open
        showWarning(tr("Could Not Open"), error);
    });
    connect(m_session, &RunSession::followingChanged, this, [this](bool following) {
        // Only a followed run keeps the newest rows in view; otherwise reaching the end of a run
        // of unknown length would keep fetching more by itself.
        m_table->setPinToBottom(following);
    });
    connect(m_session, &RunSession::runFinished, this, [this](const QString &status) {
        statusBar()->showMessage(tr("The run has finished (%1): no longer following it.").arg(status));
    });
}

LogTableModel *MainWindow::logModel() const
{
    return m_session->model();
}


bool MainWindow::isShowingFile() const
{
    return m_session->kind() == RunSession::Kind::File;
}

void MainWindow::createOverview(QVBoxLayout *runLayout)
{
    // The run at a glance: a timeline strip above the table and the statistics in a dock, both
    // fed by one controller that computes on a worker; their clicks select rows.
    m_timeline = new TimelineStrip(this);
    runLayout->insertWidget(runLayout->indexOf(m_splitter), m_timeline);
    auto *statistics = new StatisticsPanel(this);
    // Narrow enough to leave the table's Summary its room (issue 27, stumble 8): what does not
    // fit scrolls inside the dock.
    statistics->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 30);
    m_statisticsDock = new QDockWidget(tr("Statistics"), this);
    m_statisticsDock->setObjectName(QStringLiteral("statisticsDock"));
    m_statisticsDock->setWidget(statistics);
    addDockWidget(Qt::RightDockWidgetArea, m_statisticsDock);
    m_statisticsDock->hide();
    // Opened the first time in this window, the dock takes at most a quarter of it (its content
    // would take 380 px and more); a width the user drags it to stays while the window is open.
    connect(m_statisticsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible || m_statisticsDockSized || m_statisticsDock->isFloating())
            return;
        m_statisticsDockSized = true;
        const int share = std::max(m_statisticsDock->minimumSizeHint().width(), width() / 4);
        if (m_statisticsDock->width() > share)
            resizeDocks({m_statisticsDock}, {share}, Qt::Horizontal);
        // The room the dock takes comes out of the detail pane (down to 46 characters, its title beside its buttons) until
        // the table has its columns and a readable Summary, not out of the table as the
        // splitter's 3:2 would have it; once laid out.
        QTimer::singleShot(0, this, [this] {
            const QList<int> sizes = m_splitter->sizes();
            if (sizes.size() != 2)
                return;
            const int detailMinimum = std::max(m_detail->minimumSizeHint().width(), fontMetrics().horizontalAdvance(QLatin1Char('x')) * 46);
            const int give = std::min(m_table->comfortableWidth() - sizes.at(0), sizes.at(1) - detailMinimum);
            if (give > 0)
                m_splitter->setSizes({sizes.at(0) + give, sizes.at(1) - give});
        });
    });
    m_overview = new OverviewController(m_session->model(), m_proxy, m_table, m_search, m_timeline, statistics, this);
    connect(statistics, &StatisticsPanel::loadAllRequested, m_session, &RunSession::loadAll);
    connect(m_overview, &OverviewController::rowRequested, this, [this](int sourceRow) {
        m_currentEntry->selectSourceRow(sourceRow);
        m_table->setFocus();
    });
}

void MainWindow::createInsights()
{
    // What went wrong, in a dock beside the statistics; computed on a worker as rows come.
    m_insightsPanel = new InsightsPanel(this);
    m_insightsPanel->setMinimumWidth(380);
    m_insightsDock = new QDockWidget(tr("Insights"), this);
    m_insightsDock->setObjectName(QStringLiteral("insightsDock"));
    m_insightsDock->setWidget(m_insightsPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_insightsDock);
    m_insightsDock->hide();
    m_insights = new InsightsController(m_session, this);
    auto show = [this] {
        QStringList loopLabels;
        for (const InsightsLoop &loop : m_insights->insights().loops)
            loopLabels << FoldController::labelFor(loop, m_session->model());
        m_insightsPanel->setInsights(m_insights->insights(), m_insights->isWhole(), m_insights->entriesLoaded(),
                                     m_insights->isComputing(), loopLabels);
        const std::optional<InsightsFirstFailure> &first = m_insights->insights().firstFailure;
        QString what;
        if (first) {
            QStringList parts;
            if (!first->toolName.isEmpty())
                parts << first->toolName;
            else if (!first->messageType.isEmpty())
                parts << first->messageType;
            if (!first->line.isEmpty())
                parts << first->line;
            what = parts.join(QStringLiteral(" · "));
        }
        m_header->setFirstFailure(first ? first->entry : 0, what);
    };
    connect(m_insights, &InsightsController::updated, this, show);
    // Loops fold in the table (View > Fold Repeats).
    connect(m_insights, &InsightsController::updated, this,
            [this] { m_folds->setLoops(m_insights->insights().loops, m_session->model()); });
    // The timeline: loops in a lane of their own, failures as it draws errors (0-based positions).
    connect(m_insights, &InsightsController::updated, this, [this] {
        const Insights &found = m_insights->insights();
        QVector<int> failures;
        failures.reserve(found.failures.size());
        for (int entry : found.failures)
            failures.append(entry - 1);
        QVector<QPair<int, int>> loops;
        loops.reserve(found.loops.size());
        for (const InsightsLoop &loop : found.loops)
            loops.append({loop.firstEntry - 1, loop.lastEntry - 1});
        m_overview->setInsightMarks(failures, loops);
    });
    connect(m_insightsPanel, &InsightsPanel::showOnlyRequested, m_folds, &FoldController::showOnlyEntries);
    connect(m_insightsPanel, &InsightsPanel::showAllRequested, this, [this] { m_folds->showOnlyEntries({}, QString()); });
    connect(m_proxy, &LogFilterProxyModel::filterChanged, this,
            [this] { m_insightsPanel->setShowingOnly(m_proxy->isOnlyEntries()); });
    connect(m_insightsPanel, &InsightsPanel::entryRequested, this, [this](int entry) { showEntry(entry, false); });
    connect(m_insightsPanel, &InsightsPanel::message, statusBar(), &QStatusBar::showMessage);
    connect(m_insightsPanel, &InsightsPanel::searchAllRunsRequested, this, &MainWindow::searchAllRunsForFailureOf);
    connect(m_header, &RunHeader::firstFailureRequested, this, &MainWindow::goToFirstFailure);
}

void MainWindow::showEntry(int entry, bool focusTable)
{
    m_currentEntry->goToEntryNumber(entry, focusTable);
}

void MainWindow::goToFirstFailure()
{
    const std::optional<InsightsFirstFailure> &first = m_insights->insights().firstFailure;
    if (!first) {
        statusBar()->showMessage(m_insights->isWhole() ? tr("No failure in this run.")
                                                       : tr("No failure among the entries loaded so far."),
                                 5000);
        return;
    }
    showEntry(first->entry, true);
}

void MainWindow::searchAllRunsForFailureOf(int entry)
{
    LibraryController *library = libraryController();
    const int row = m_insights->sourceRowOf(entry);
    if (!library || !library->searchAction()->isEnabled() || row < 0) {
        statusBar()->showMessage(tr("The library is off: there are no stored runs to search."), 6000);
        return;
    }
    const QString pattern = InsightsFinder::signatureSearchPattern(
        InsightsFinder::failureTextOf(m_session->model()->store().rawJsonAt(row)));
    if (pattern.isEmpty())
        return;
    library->searchFor(pattern, true);
}

void MainWindow::restoreState()
{
    WindowPlacement::restore(this, m_settings->windowGeometry());
    QMainWindow::restoreState(m_settings->windowState());
    if (!m_settings->splitterState().isEmpty())
        m_splitter->restoreState(m_settings->splitterState());
    if (!m_settings->tableHeaderState().isEmpty())
        m_table->horizontalHeader()->restoreState(m_settings->tableHeaderState());
    // The user's widths win over the fit, across restarts (the header's state alone does not say
    // which columns the user sized).
    m_table->setUserColumnWidths(m_settings->tableColumnWidths());
    m_table->fitColumns(); // Summary stretches, whatever an older saved state says
    if (m_settings->detailShowsRawJson())
        m_actions->jsonMode->setChecked(true);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    m_settings->setTableHeaderState(m_table->horizontalHeader()->saveState());
    m_settings->setTableColumnWidths(m_table->userColumnWidths());
    event->accept();
}

void MainWindow::setEnvironmentToken(const QByteArray &token)
{
    m_credentials->setEnvironmentToken(token);
}

void MainWindow::copyTokensFrom(const MainWindow &other)
{
    m_credentials->copyTokensFrom(*other.m_credentials);
}

void MainWindow::openRun(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    m_openRun->open(endpoint, run, reverse);
}

void MainWindow::openRunWithSavedToken(const QUrl &baseUrl, const RunRef &run, bool reverse)
{
    m_openRun->openWithBestToken(baseUrl, run, reverse);
}

void MainWindow::selectEntryOnceOpen(const RunRef &run, qint64 entry)
{
    m_linkedEntry->selectOnceOpen(run, entry);
}

bool MainWindow::openDemo(bool liveRun)
{
    if (!m_demo) {
        m_demo = new DemoService(this);
        if (!m_demo->start()) {
            showWarning(tr("Demo"), tr("The demo backend could not start: %1").arg(m_demo->errorString()));
            delete m_demo;
            return false;
        }
    }
    openRun(m_demo->endpoint(), liveRun ? m_demo->liveRun() : m_demo->sampleRun());
    statusBar()->showMessage(tr("Demo: File > Open Agent Logs… holds sample logs of Claude Code, Codex CLI and Inspect."), 15000);
    return true;
}

MainWindow *MainWindow::openNewWindow()
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->m_credentials->copyTokensFrom(*m_credentials);
    if (m_library)
        window->setLibrary(m_library->library());
    // It works where this one does: Open Run… asks the same server for a run of the same
    // organization, and the demo's runs come from the backend already running (while this window
    // lives; after that a new one starts when asked).
    window->m_demo = m_demo;
    const std::optional<ApiEndpoint> endpoint = m_session->apiEndpoint();
    const std::optional<RunRef> run = m_session->apiRun();
    if (endpoint && run)
        window->m_openRun->setDefaultPlace(endpoint->baseUrl, run->orgId);
    else
        window->m_openRun->setDefaultPlace(m_openRun->dialogBaseUrl(), m_openRun->dialogOrgId());
    window->move(pos() + QPoint(32, 32));
    window->show();
    return window;
}

void MainWindow::setLibrary(RunLibrary *library)
{
    m_library = new LibraryOpenController(library, this, m_credentials, m_settings);
    refreshRecentRuns();
}

void MainWindow::refreshRecentRuns()
{
    // Open Recent's at once; with what the library knows of them (and its other runs) when it
    // answers, from its worker.
    const QList<RecentRun> recent = m_settings->recentRuns();
    const QUrl defaultBase = m_settings->baseUrl();
    m_empty->setRecentRuns(RecentRuns::merge(recent, {}, defaultBase));
    if (!m_library || !m_library->library())
        return; // --no-store: no library
    m_library->library()->listRuns(this, [this, recent, defaultBase](const QList<LibraryRun> &runs) {
        m_empty->setRecentRuns(RecentRuns::merge(recent, runs, defaultBase));
    });
}

LibraryController *MainWindow::libraryController() const
{
    return m_library ? m_library->controller() : nullptr;
}

void MainWindow::openFile(const QString &path, const std::optional<SampleRef> &sample)
{
    m_openRun->supersede();
    m_session->openFile(path, sample);
}

void MainWindow::openFileOrLibraryCopy(const QString &path, const std::optional<SampleRef> &sample, qint64 runId)
{
    m_openRun->supersede();
    m_session->openFileOrLibraryCopy(path, sample, runId);
}

SampleChooserDialog *MainWindow::sampleChooser() const
{
    return m_sampleChooser.data();
}

void MainWindow::chooseSample(const QString &path, const QList<InspectSampleInfo> &samples)
{
    // Window-modal and not blocking, like the other questions: the open run goes on behind it.
    if (m_sampleChooser)
        m_sampleChooser->reject();
    auto *dialog = new SampleChooserDialog(QFileInfo(path).fileName(), samples, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_sampleChooser = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, path] {
        if (const std::optional<SampleRef> sample = dialog->chosenSample())
            openFile(path, sample);
    });
    connect(dialog, &QDialog::rejected, this, [this] { statusBar()->clearMessage(); });
    // The reading stopped at the question ("Converting the Inspect eval log…" would stay).
    statusBar()->clearMessage();
    dialog->open();
}

void MainWindow::onReset()
{
    const bool open = m_session->isOpen();
    if (!open)
        closeSearch();
    m_search->clearFilters();
    m_actions->onlyMarked->setChecked(false);
    m_actions->onlyNoted->setChecked(false);
    m_banner->hide();
    m_header->clear();
    m_detail->clear();
    m_currentEntry->clear();
    if (open) {
        if (m_session->hasRunInfo())
            m_header->setRunInfo(m_session->runInfo());
        else
            m_header->setTitle(m_session->headerTitle());
        m_header->setSourceDescription(m_session->description());
    }
    m_stack->setCurrentIndex(open ? 1 : 0);
    m_actions->setRunOpen(open);
    m_actions->newestFirst->setChecked(m_session->isNewestFirst());
    if (!open) {
        statusBar()->showMessage(tr("Open a run with Ctrl+O, or try the demo run."));
        refreshRecentRuns();
        m_empty->recentRunsView()->setFocus();
    }
    setWindowTitle(PlainText::windowTitle(m_session->windowTitle()));
    updateProgress();
    updateActions();
    if (open)
        m_table->setFocus();
}

void MainWindow::updateActions()
{
    const bool api = m_session->kind() == RunSession::Kind::Api;
    m_actions->exportRun->setEnabled(m_session->canExport() && !m_exporter->isBusy());
    m_actions->retry->setEnabled(api);
    m_actions->newestFirst->setEnabled(api);
    m_actions->stopLoading->setEnabled(api);
}

void MainWindow::onRunInfoChanged()
{
    // A file of entries alone (.jsonl) has no run: it stays named by its file.
    if (m_session->hasRunInfo())
        m_header->setRunInfo(m_session->runInfo());
    else
        m_header->setTitle(m_session->headerTitle());
    // Another agent's log is known as one only now: its source line names the format.
    if (m_session->hasRunInfo() && !m_session->runInfo().agentName.isEmpty())
        m_header->setSourceDescription(m_session->description());
    setWindowTitle(PlainText::windowTitle(m_session->windowTitle()));
    updateActions();
}

void MainWindow::updateProgress()
{
    const RunProgress progress = m_session->progress();
    const bool api = m_session->kind() == RunSession::Kind::Api;
    if (m_session->isOpen() && !(api && !progress.paged))
        m_header->setProgress(progress.loaded, progress.known, progress.endKnown, progress.busy);
    if (progress.firstMsecs && progress.lastMsecs) {
        m_header->setTimeSpan(*progress.firstMsecs, *progress.lastMsecs);
        m_session->model()->setTimeSpan(*progress.firstMsecs, *progress.lastMsecs);
    }
    if (api && m_session->isApiRunOpen() && !progress.busy)
        statusBar()->clearMessage();
    // Open on the first entry, so the detail pane shows something useful straight away.
    if (m_currentEntry->currentRow() < 0 && progress.known > 0 && m_session->model()->store().isLoaded(0) && !m_table->currentIndex().isValid())
        m_currentEntry->selectSourceRow(0);
}

void MainWindow::showOpenFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Exported Run"), m_settings->lastDirectory(),
                                                      ExportFormats::openFilter());
    if (path.isEmpty())
        return;
    m_settings->setLastDirectory(QFileInfo(path).absolutePath());
    openFile(path);
}

QString MainWindow::agentLogsStartFolder()
{
    // The demo's own small logs of other agents, so that the demo shows them with nothing installed.
    if (m_demo && !m_demo->agentLogsFolder().isEmpty())
        return m_demo->agentLogsFolder();
    // Where the agents keep their logs, the first that exists: Claude Code's projects, Codex
    // CLI's sessions. The format is found from the file's bytes, not from the filter.
    QString start = QDir::homePath();
    for (const QString &folder : {QStringLiteral(".claude/projects"), QStringLiteral(".codex/sessions")}) {
        if (QFileInfo(QDir::home().filePath(folder)).isDir()) {
            start = QDir::home().filePath(folder);
            break;
        }
    }
    return start;
}

void MainWindow::showOpenAgentLogsDialog()
{
    const QString start = agentLogsStartFolder();
    const QString filters = tr("Agent logs (*.jsonl *.json *.traj *.eval)") + QStringLiteral(";;") + tr("All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Agent Logs"), start, filters);
    if (path.isEmpty())
        return;
    openFile(path);
}

void MainWindow::showWarning(const QString &title, const QString &text)
{
    // Window-modal and not blocking: the event loop (pages, a live run) goes on behind it. The
    // text may quote a server, a file or its name: plain text.
    QMessageBox *box = PlainText::messageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}

void MainWindow::exportRun()
{
    if (!m_session->isOpen() || m_exporter->isBusy())
        return;
    ExportController::Source source = exportSource();
    switch (ExportScope::ask(this, m_proxy->isFiltering(), m_proxy->rowCount(), m_proxy->sourceRowCount(), m_marks->count())) {
    case ExportScope::Choice::Cancel: return;
    case ExportScope::Choice::WholeRun: break;
    case ExportScope::Choice::Shown: source.onlyRows = m_proxy->shownSourceRowsOldestFirst(); break;
    case ExportScope::Choice::Marked: source.onlyRows = m_marks->chronologicalRows(); break;
    }
    m_exporter->exportInteractively(source, m_settings->lastDirectory());
    updateActions();
}

void MainWindow::compareRuns()
{
    // Run IDs are of the open run's organization and API; the open run is the left side at first.
    ApiEndpoint endpoint{m_settings->baseUrl(), {}};
    std::optional<qint64> orgId;
    if (const std::optional<ApiEndpoint> open = m_session->apiEndpoint())
        endpoint = *open;
    if (endpoint.token.isEmpty())
        endpoint.token = m_credentials->knownToken(endpoint.baseUrl);
    CompareRunsDialog dialog(std::nullopt, this);
    if (const std::optional<RunRef> run = m_session->apiRun()) {
        dialog.setDefaultOrgId(run->orgId);
        dialog.setSideText(0, QString::number(run->runId));
    } else if (!m_session->filePath().isEmpty()) {
        dialog.setSideText(0, m_session->filePath());
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto *window = new CompareWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->loadAndCompare(endpoint, *dialog.sourceOf(0), *dialog.sourceOf(1));
    window->show();
}

bool MainWindow::exportTo(const QString &path, ExportFormat format)
{
    if (!m_session->isOpen() || m_exporter->isBusy())
        return false;
    m_exporter->exportTo(exportSource(), path, format);
    updateActions();
    return true;
}

ExportController::Source MainWindow::exportSource() const
{
    ExportController::Source source;
    source.fromApi = m_session->kind() == RunSession::Kind::Api;
    source.hasRun = m_session->hasRunInfo();
    source.run = m_session->runInfo();
    source.description = m_session->exportDescription();
    source.suggestedName = m_session->suggestedFileName();
    return source;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}

void MainWindow::showSearch()
{
    if (!m_session->isOpen())
        return;
    m_searchBar->show();
    m_searchBar->focusSearch();
    m_search->updateCoverage();
    m_actions->closeSearch->setEnabled(true);
}

void MainWindow::closeSearch()
{
    // Escape first ends "Show only these entries"; pressed again, it closes the search.
    if (m_proxy->isOnlyEntries()) {
        m_proxy->setOnlyEntries({}, QString());
        m_actions->closeSearch->setEnabled(!m_searchBar->isHidden());
        return;
    }
    m_searchBar->setPattern(QString());
    m_searchBar->setOnlyMatching(false);
    m_searchBar->hide();
    m_actions->closeSearch->setEnabled(false);
    m_table->setFocus();
}

void MainWindow::updateFilterText()
{
    const RunProgress progress = m_session->progress();
    m_header->setFilterCounts(m_proxy->isFiltering(), m_proxy->rowCount(), progress.loaded, progress.known,
                              progress.endKnown, progress.loadingAll, m_proxy->onlyEntriesDescription());
    // Escape ends "Show only these entries" (closeSearch), also while the search bar is closed.
    if (m_proxy->isOnlyEntries())
        m_actions->closeSearch->setEnabled(true);
}

void MainWindow::toggleFocus()
{
    if (m_table->hasFocus())
        m_detail->currentView()->setFocus();
    else
        m_table->setFocus();
}

void MainWindow::showShortcuts()
{
    ShortcutHelp::show(this, m_actions->all());
}

void MainWindow::showAbout()
{
    AboutBox::show(this, m_settings->location());
}
