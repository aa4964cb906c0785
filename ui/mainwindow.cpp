#include "mainwindow.h"

#include "librarycontroller.h"

#include "api/apiclient.h"
#include "api/errortext.h"
#include "api/requestpacer.h"
#include "api/ratelimit.h"
#include "session/demoservice.h"
#include "detailpane.h"
#include "export/runfilereader.h"
#include "exportcontroller.h"
#include "emptystate.h"
#include "logitemdelegate.h"
#include "logtableview.h"
#include "markedscrollbar.h"
#include "messagebanner.h"
#include "search/logfilterproxymodel.h"
#include "searchbar.h"
#include "searchcontroller.h"
#include "model/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "run/timestamps.h"
#include "openrundialog.h"
#include "runheader.h"
#include "settings/appsettings.h"
#include "settings/knownsecrets.h"
#include "settings/tokenstore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QPushButton>
#include <QToolButton>
#include <QPlainTextEdit>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_settings(new AppSettings)
    , m_network(new QNetworkAccessManager(this))
    , m_model(new LogTableModel(this))
    , m_loader(new RunLoader(m_network, m_model, this))
    , m_follower(new RunFollower(m_loader, this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(this))
    , m_header(new RunHeader(this))
    , m_banner(new MessageBanner(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_table(new LogTableView(this))
    , m_detail(new DetailPane(this))
    , m_paceLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_paceTimer(new QTimer(this))
{
    m_exporter = new ExportController(m_loader, m_model, this);
    m_tokens = new TokenStore(this);
    setAcceptDrops(true);
    setWindowTitle(tr("Runlog"));
    setWindowIcon(QIcon(QStringLiteral(":/runlog/runlog.png")));
    m_network->setAutoDeleteReplies(false);

    m_proxy = new LogFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_searchBar = new SearchBar(this);
    m_searchBar->hide();
    m_search = new SearchController(m_model, m_proxy, m_table, m_table->markedScrollBar(), m_detail,
                                    m_searchBar, m_loader, this);
    m_table->logDelegate()->setMatchPredicate([this](const QModelIndex &index) {
        return m_search->isMatchingRow(m_proxy->mapToSource(index).row());
    });
    m_filterMenu = new QMenu(tr("F&ilter"), this);
    m_searchBar->filterButton()->setMenu(m_filterMenu);
    connect(m_filterMenu, &QMenu::aboutToShow, this, [this] { m_search->populateFilterMenu(m_filterMenu); });
    connect(m_search, &SearchController::filterStateChanged, this, &MainWindow::updateFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateFilterText);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateFilterText);
    connect(m_searchBar, &SearchBar::closeRequested, this, &MainWindow::closeSearch);
    connect(m_table, &LogTableView::nextMatchRequested, m_search, &SearchController::nextMatch);
    connect(m_table, &LogTableView::previousMatchRequested, m_search, &SearchController::previousMatch);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *runPage = new QWidget(this);
    auto *runLayout = new QVBoxLayout(runPage);
    runLayout->setContentsMargins(0, 0, 0, 0);
    runLayout->setSpacing(0);
    runLayout->addWidget(m_header);
    auto *bannerBox = new QVBoxLayout;
    bannerBox->setContentsMargins(8, 0, 8, 4);
    bannerBox->addWidget(m_banner);
    runLayout->addLayout(bannerBox);
    runLayout->addWidget(m_searchBar);
    runLayout->addWidget(m_splitter, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(runPage);
    setCentralWidget(m_stack);

    createActions();
    createMenus();
    createStatusBar();

    connect(m_empty, &EmptyState::openRunRequested, this, &MainWindow::showOpenRunDialog);
    connect(m_empty, &EmptyState::openFileRequested, this, &MainWindow::showOpenFileDialog);
    connect(m_exporter, &ExportController::finished, this, [this](bool ok, const QString &message) {
        statusBar()->showMessage(message, ok ? 8000 : 15000);
        if (!ok && !message.contains(tr("cancelled")))
            showWarning(tr("Export Run"), message);
        updateActions();
    });
    connect(m_loader, &RunLoader::stateChanged, this, &MainWindow::updateActions);
    connect(m_tokens, &TokenStore::saved, this, [this](const QUrl &baseUrl) {
        statusBar()->showMessage(tr("The token for %1 is saved in the system keychain.").arg(baseUrl.host()), 6000);
    });
    connect(m_tokens, &TokenStore::failed, this, [this](const QString &message, const QUrl &, TokenStore::Operation operation) {
        if (operation != TokenStore::Operation::Load)
            showWarning(tr("System Keychain"), message);
    });
    connect(m_empty, &EmptyState::demoRequested, this, [this] { openDemo(false); });
    connect(m_banner, &MessageBanner::retryRequested, this, &MainWindow::retry);
    connect(m_table, &LogTableView::visibleRowsChanged, this, [this](int first, int last) {
        // The loader pages by run position: a filtered view's rows map to source rows.
        if (first < 0) {
            m_loader->setViewport(-1, -1);
            return;
        }
        m_loader->setViewport(m_proxy->mapToSource(m_proxy->index(first, 0)).row(),
                              m_proxy->mapToSource(m_proxy->index(last, 0)).row());
    });
    connect(m_table, &LogTableView::currentRowChanged, this, [this](int viewRow) {
        onCurrentRowChanged(viewRow < 0 ? -1 : m_proxy->mapToSource(m_proxy->index(viewRow, 0)).row());
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                refreshDetailIfLoaded(topLeft.row(), bottomRight.row());
            });
    connect(m_loader, &RunLoader::runInfoChanged, this, &MainWindow::onRunInfoChanged);
    connect(m_loader, &RunLoader::progressChanged, this, &MainWindow::updateProgress);
    connect(m_loader, &RunLoader::pageFailed, this, &MainWindow::onPageFailed);
    connect(m_loader, &RunLoader::retrying, this, &MainWindow::onRetrying);
    connect(m_loader, &RunLoader::errorsCleared, m_banner, &QWidget::hide);
    connect(m_loader, &RunLoader::otherRunEntries, this, [this](int firstRow, int count, qint64 otherRunId) {
        m_banner->showMessage(MessageBanner::Kind::Warning,
                              tr("The server sent %n entries of run %1 among this run's (from entry %2). They are kept "
                                 "in place and marked ⚠.", nullptr, count)
                                  .arg(otherRunId)
                                  .arg(firstRow + 1),
                              false);
    });
    connect(m_follower, &RunFollower::followingChanged, this, &MainWindow::onFollowingChanged);
    connect(m_follower, &RunFollower::runFinished, this, [this](const QString &status) {
        statusBar()->showMessage(tr("The run has finished (%1): no longer following it.").arg(status));
    });
    connect(m_detail, &DetailPane::modeChanged, this, [this](EntryRenderer::Mode mode) {
        m_jsonModeAction->setChecked(mode == EntryRenderer::Mode::Json);
        m_settings->setDetailShowsRawJson(mode == EntryRenderer::Mode::Json);
    });

    m_paceTimer->setInterval(500);
    connect(m_paceTimer, &QTimer::timeout, this, &MainWindow::updatePaceStatus);
    m_paceTimer->start();

    restoreState();
    showRunPage(false);
}

MainWindow::~MainWindow()
{
    delete m_settings;
}

void MainWindow::createActions()
{
    m_openRunAction = new QAction(tr("&Open Run…"), this);
    m_openRunAction->setShortcut(QKeySequence::Open);
    connect(m_openRunAction, &QAction::triggered, this, &MainWindow::showOpenRunDialog);

    m_openFileAction = new QAction(tr("Open &File…"), this);
    m_openFileAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openFileAction, &QAction::triggered, this, &MainWindow::showOpenFileDialog);

    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write the whole run to a JSON, JSON Lines, CSV, Markdown or HTML file"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportRun);

    m_demoAction = new QAction(tr("Open the &Demo Run"), this);
    connect(m_demoAction, &QAction::triggered, this, [this] { openDemo(false); });
    m_liveDemoAction = new QAction(tr("Open the &Live Demo Run"), this);
    connect(m_liveDemoAction, &QAction::triggered, this, [this] { openDemo(true); });

    m_stopAction = new QAction(tr("&Stop Loading"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stopAction->setToolTip(tr("Cancel every request in flight or waiting; loaded entries stay, F5 resumes"));
    connect(m_stopAction, &QAction::triggered, this, [this] {
        m_loader->stopLoadingAll();
        m_loader->cancelAll();
        statusBar()->showMessage(tr("Stopped loading. Press F5 to resume."), 6000);
    });

    m_rateLimitAction = new QAction(tr("Rate &Limit…"), this);
    m_rateLimitAction->setToolTip(tr("How many requests Runlog may send per time window (the API allows 60 per 60 s)"));
    connect(m_rateLimitAction, &QAction::triggered, this, &MainWindow::editRateLimit);

    m_retryAction = new QAction(tr("&Retry Failed Pages"), this);
    m_retryAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence::Refresh});
    connect(m_retryAction, &QAction::triggered, this, &MainWindow::retry);

    m_forgetTokenAction = new QAction(tr("Forget the Saved API &Token"), this);
    connect(m_forgetTokenAction, &QAction::triggered, this, [this] {
        const QUrl base = m_settings->baseUrl();
        m_sessionToken.clear();
        m_tokens->forget(base);
        statusBar()->showMessage(tr("Forgot the token saved for %1.").arg(base.host()), 6000);
    });

    m_closeRunAction = new QAction(tr("&Close Run"), this);
    m_closeRunAction->setShortcut(QKeySequence::Close);
    connect(m_closeRunAction, &QAction::triggered, this, &MainWindow::closeRun);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_copyAction = new QAction(tr("&Copy Entry as JSON"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    // Only while the table has focus: in the detail pane Ctrl+C copies the selected text.
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(m_copyAction);
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelectedEntry);

    m_jsonModeAction = new QAction(tr("Show Entry as &JSON"), this);
    m_jsonModeAction->setCheckable(true);
    m_jsonModeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    connect(m_jsonModeAction, &QAction::toggled, this, [this](bool json) {
        m_detail->setMode(json ? EntryRenderer::Mode::Json : EntryRenderer::Mode::Readable);
    });

    m_focusAction = new QAction(tr("Switch Between &Table and Detail"), this);
    m_focusAction->setShortcut(QKeySequence(Qt::Key_F6));
    connect(m_focusAction, &QAction::triggered, this, &MainWindow::toggleFocus);

    m_firstAction = new QAction(tr("&First Entry"), this);
    m_firstAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    connect(m_firstAction, &QAction::triggered, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_table->setFocus();
            m_table->setCurrentIndex(m_proxy->index(0, 0));
            m_table->scrollToTop();
        }
    });
    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, &MainWindow::showSearch);
    m_findNextAction = new QAction(tr("Find &Next"), this);
    m_findNextAction->setShortcuts({QKeySequence(Qt::Key_F3)});
    connect(m_findNextAction, &QAction::triggered, m_search, &SearchController::nextMatch);
    m_findPreviousAction = new QAction(tr("Find &Previous"), this);
    m_findPreviousAction->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F3)});
    connect(m_findPreviousAction, &QAction::triggered, m_search, &SearchController::previousMatch);
    m_closeSearchAction = new QAction(tr("Close Search"), this);
    m_closeSearchAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_closeSearchAction->setEnabled(false);
    connect(m_closeSearchAction, &QAction::triggered, this, &MainWindow::closeSearch);
    addAction(m_closeSearchAction);

    m_goToAction = new QAction(tr("&Go to Entry…"), this);
    m_goToAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_goToAction, &QAction::triggered, this, &MainWindow::goToEntry);

    m_followAction = new QAction(tr("&Follow Live Run"), this);
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_followAction->setToolTip(tr("Check a run that is still going for new entries, and keep the newest in view"));
    connect(m_followAction, &QAction::toggled, this, [this](bool follow) {
        m_follower->setEnabled(follow);
        statusBar()->showMessage(follow ? tr("Following the run while it is going.") : tr("Not following the run."), 4000);
    });

    m_newestFirstAction = new QAction(tr("&Newest First"), this);
    m_newestFirstAction->setCheckable(true);
    m_newestFirstAction->setToolTip(tr("Show the run from its last entry backwards (the API's reverse order)"));
    connect(m_newestFirstAction, &QAction::triggered, this, [this](bool newestFirst) {
        if (m_source == Source::Api && m_loader->isReversed() != newestFirst)
            openRun(m_endpoint, m_loader->run(), newestFirst);
    });

    m_lastAction = new QAction(tr("&Last Entry"), this);
    m_lastAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    connect(m_lastAction, &QAction::triggered, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_table->setFocus();
            m_table->setCurrentIndex(m_proxy->index(m_proxy->rowCount() - 1, 0));
            m_table->scrollToBottom();
        }
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openRunAction);
    m_recentMenu = file->addMenu(tr("Open &Recent Run"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::populateRecentRuns);
    file->addAction(m_openFileAction);
    file->addAction(m_demoAction);
    file->addAction(m_liveDemoAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_forgetTokenAction);
    file->addSeparator();
    file->addAction(m_closeRunAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyAction);
    edit->addSeparator();
    edit->addAction(m_findAction);
    edit->addAction(m_findNextAction);
    edit->addAction(m_findPreviousAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_firstAction);
    view->addAction(m_lastAction);
    view->addAction(m_goToAction);
    view->addSeparator();
    view->addAction(m_newestFirstAction);
    view->addMenu(m_filterMenu);
    view->addAction(m_followAction);
    view->addSeparator();
    view->addAction(m_jsonModeAction);
    view->addAction(m_focusAction);
    view->addSeparator();
    view->addAction(m_retryAction);
    view->addAction(m_stopAction);
    view->addAction(m_rateLimitAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&About Runlog"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar()
{
    m_paceLabel->setStyleSheet(QStringLiteral("color: gray"));
    statusBar()->addPermanentWidget(m_paceLabel);
    statusBar()->addPermanentWidget(m_countLabel);
}

void MainWindow::restoreState()
{
    restoreGeometry(m_settings->windowGeometry());
    if (m_settings->windowGeometry().isEmpty())
        resize(1360, 820);
    QMainWindow::restoreState(m_settings->windowState());
    if (!m_settings->splitterState().isEmpty())
        m_splitter->restoreState(m_settings->splitterState());
    else
        m_splitter->setSizes({760, 600});
    if (!m_settings->tableHeaderState().isEmpty())
        m_table->horizontalHeader()->restoreState(m_settings->tableHeaderState());
    if (m_settings->detailShowsRawJson())
        m_jsonModeAction->setChecked(true);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    m_settings->setTableHeaderState(m_table->horizontalHeader()->saveState());
    event->accept();
}

void MainWindow::setLibrary(RunLibrary *library)
{
    LibraryController::Hooks hooks;
    hooks.openRun = [this](const ApiEndpoint &endpoint, const RunRef &run, qint64 position) {
        openRunAtEntry(endpoint, run, position);
    };
    hooks.openRunWithSavedToken = [this](const QUrl &baseUrl, const RunRef &run) { openRunWithSavedToken(baseUrl, run); };
    hooks.endpoint = [this] {
        if (m_source == Source::Api)
            return m_endpoint;
        if (m_demo)
            return m_demo->endpoint();
        return ApiEndpoint{m_settings->baseUrl(), !m_sessionToken.isEmpty() ? m_sessionToken : m_environmentToken};
    };
    hooks.organization = [this] { return m_loader->run().orgId; };
    m_libraryController = new LibraryController(library, m_network, hooks, this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), m_libraryController->menu()); // before Help
    connect(m_loader, &RunLoader::progressChanged, this, &MainWindow::selectPendingEntry);
}

void MainWindow::openRunAtEntry(const ApiEndpoint &endpoint, const RunRef &run, qint64 position)
{
    openRun(endpoint, run);
    m_pendingEntryRun = run;
    m_pendingEntry = position;
    selectPendingEntry();
}

void MainWindow::selectPendingEntry()
{
    // Once the run's rows are there (the library's count comes at once), select the entry; its
    // page is loaded as it comes into view.
    if (m_pendingEntry < 0 || !(m_loader->run() == m_pendingEntryRun) || m_pendingEntry >= m_model->rowCount())
        return;
    const int row = m_model->isReversed() ? m_model->rowCount() - 1 - int(m_pendingEntry) : int(m_pendingEntry);
    m_pendingEntry = -1;
    if (!m_proxy->mapFromSource(m_model->index(row, 0)).isValid())
        m_search->clearFilters();
    selectSourceRow(row);
    m_table->setFocus();
}

void MainWindow::setEnvironmentToken(const QByteArray &token)
{
    KnownSecrets::add(token);
    m_environmentToken = token;
}

void MainWindow::updateActions()
{
    const bool open = m_source != Source::None;
    const bool fileStillReading = m_source == Source::File && m_fileReader && m_fileReader->isRunning();
    m_exportAction->setEnabled(open && !fileStillReading && !m_exporter->isBusy()
                               && (m_source == Source::File || m_loader->hasRunInfo()));
    m_retryAction->setEnabled(m_source == Source::Api);
    m_newestFirstAction->setEnabled(m_source == Source::Api);
    m_stopAction->setEnabled(m_source == Source::Api);
}

void MainWindow::showRunPage(bool showRun)
{
    m_stack->setCurrentIndex(showRun ? 1 : 0);
    m_closeRunAction->setEnabled(showRun);
    m_firstAction->setEnabled(showRun);
    m_lastAction->setEnabled(showRun);
    m_goToAction->setEnabled(showRun);
    m_findAction->setEnabled(showRun);
    if (!showRun)
        statusBar()->showMessage(tr("Open a run with Ctrl+O, or try the demo run."));
    updateActions();
}

void MainWindow::populateRecentRuns()
{
    m_recentMenu->clear();
    const QStringList runs = m_settings->recentRuns();
    if (runs.isEmpty()) {
        m_recentMenu->addAction(tr("(no runs opened yet)"))->setEnabled(false);
        return;
    }
    for (const QString &entry : runs) {
        const qint64 orgId = entry.section(QLatin1Char('/'), 0, 0).toLongLong();
        const qint64 runId = entry.section(QLatin1Char('/'), 1, 1).toLongLong();
        if (orgId <= 0 || runId <= 0)
            continue;
        m_recentMenu->addAction(tr("Run %1 (organization %2)").arg(runId).arg(orgId), this, [this, orgId, runId] {
            const QUrl base = m_settings->baseUrl();
            const QByteArray token = !m_sessionToken.isEmpty() ? m_sessionToken : m_environmentToken;
            if (token.isEmpty())
                openRunWithSavedToken(base, RunRef{orgId, runId});
            else
                openRun(ApiEndpoint{base, token}, RunRef{orgId, runId});
        });
    }
}

void MainWindow::showOpenRunDialog()
{
    showOpenRunDialogFor(m_settings->baseUrl(), RunRef{m_loader->run().orgId > 0 ? m_loader->run().orgId
                                                                                   : m_settings->lastOrgId(),
                                                       0});
}

void MainWindow::showOpenRunDialogFor(const QUrl &baseUrl, const RunRef &run)
{
    OpenRunDialog dialog(this);
    dialog.setOrgId(run.orgId);
    if (run.runId > 0)
        dialog.setRunText(QString::number(run.runId));
    dialog.setBaseUrl(baseUrl);
    dialog.setKeychainState(m_tokens->isAvailable(), m_tokens->unavailableReason());
    if (!m_sessionToken.isEmpty()) {
        dialog.setKnownToken(m_sessionToken, tr("this session"));
    } else if (!m_environmentToken.isEmpty()) {
        dialog.setKnownToken(m_environmentToken, QStringLiteral("CODEGEN_API_TOKEN"));
    } else {
        // The keychain answers while the dialog is open; the field then says a token is saved.
        // The connection ends with the dialog.
        connect(m_tokens, &TokenStore::loaded, &dialog, [&dialog](const QUrl &, const QByteArray &token) {
            if (!token.isEmpty()) {
                KnownSecrets::add(token);
                dialog.setKnownToken(token, tr("the system keychain"));
            }
        });
        m_tokens->load(baseUrl);
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ApiEndpoint endpoint = dialog.endpoint();
    KnownSecrets::add(endpoint.token);
    if (dialog.tokenWasTyped())
        m_sessionToken = endpoint.token;
    if (dialog.rememberToken())
        m_tokens->save(endpoint.baseUrl, endpoint.token);
    m_settings->setBaseUrl(endpoint.baseUrl);
    m_settings->setLastOrgId(dialog.run().orgId);
    openRun(endpoint, dialog.run());
}

void MainWindow::openRun(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    if (m_fileReader) {
        m_fileReader->cancel();
        m_fileReader->deleteLater();
        m_fileReader = nullptr;
    }
    m_source = Source::Api;
    m_endpoint = endpoint;
    m_search->clearFilters();
    m_banner->hide();
    m_header->clear();
    m_detail->clear();
    m_currentRow = -1;
    showRunPage(true);
    m_header->setTitle(tr("Run %1").arg(run.runId));
    m_header->setSourceDescription(tr("Opening run %1 of organization %2 at %3…")
                                       .arg(run.runId)
                                       .arg(run.orgId)
                                       .arg(endpoint.baseUrl.host()));
    if (!ApiClient::isLoopback(endpoint.baseUrl)) // the demo and test servers are not worth recalling
        m_settings->addRecentRun(run.orgId, run.runId);
    m_loader->open(endpoint, run, reverse);
    m_newestFirstAction->setChecked(reverse);
    updateTitle();
    updateProgress();
    statusBar()->showMessage(tr("Loading run %1…").arg(run.runId));
    m_table->setFocus();
}

void MainWindow::openRunWithSavedToken(const QUrl &baseUrl, const RunRef &run, bool reverse)
{
    // One answer from the keychain: a saved token opens the run, none (or no keychain) asks.
    auto *context = new QObject(this);
    connect(m_tokens, &TokenStore::loaded, context, [this, context, baseUrl, run, reverse](const QUrl &, const QByteArray &token) {
        context->deleteLater();
        if (token.isEmpty()) {
            showOpenRunDialogFor(baseUrl, run);
            return;
        }
        KnownSecrets::add(token);
        m_sessionToken = token;
        openRun(ApiEndpoint{baseUrl, token}, run, reverse);
    });
    connect(m_tokens, &TokenStore::failed, context, [this, context, baseUrl, run](const QString &message) {
        context->deleteLater();
        statusBar()->showMessage(message, 15000);
        showOpenRunDialogFor(baseUrl, run);
    });
    m_tokens->load(baseUrl);
}

bool MainWindow::openDemo(bool liveRun)
{
    if (!m_demo) {
        m_demo = new DemoService(this);
        if (!m_demo->start()) {
            QMessageBox::warning(this, tr("Demo"),
                                 tr("The demo backend could not start: %1").arg(m_demo->errorString()));
            delete m_demo;
            return false;
        }
    }
    openRun(m_demo->endpoint(), liveRun ? m_demo->liveRun() : m_demo->sampleRun());
    return true;
}

void MainWindow::closeRun()
{
    if (m_fileReader) {
        m_fileReader->cancel();
        m_fileReader->deleteLater();
        m_fileReader = nullptr;
    }
    m_source = Source::None;
    closeSearch();
    m_search->clearFilters();
    m_loader->close();
    m_header->clear();
    m_detail->clear();
    m_banner->hide();
    m_currentRow = -1;
    updateTitle();
    showRunPage(false);
}

void MainWindow::retry()
{
    m_banner->hide();
    if (m_loader->state() == RunLoader::State::Failed && !m_loader->hasRunInfo())
        m_loader->open(m_endpoint, m_loader->run(), m_loader->isReversed());
    else
        m_loader->retryFailed();
}

void MainWindow::updateTitle()
{
    if (m_source == Source::File && m_fileReader) {
        setWindowTitle(tr("%1 — Runlog").arg(QFileInfo(m_fileReader->path()).fileName()));
        return;
    }
    const RunRef run = m_loader->run();
    if (m_loader->state() == RunLoader::State::Idle || !run.isValid())
        setWindowTitle(tr("Runlog"));
    else
        setWindowTitle(tr("Run %1 (organization %2) — Runlog").arg(run.runId).arg(run.orgId));
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

void MainWindow::openFile(const QString &path)
{
    if (m_fileReader) {
        m_fileReader->cancel();
        m_fileReader->deleteLater();
    }
    m_fileReader = new RunFileReader(this);
    m_fileWaitingForFirstBatch = true;
    connect(m_fileReader, &RunFileReader::runInfoRead, this, [this](const RunInfo &info) {
        if (!m_fileWaitingForFirstBatch)
            m_header->setRunInfo(info);
    });
    connect(m_fileReader, &RunFileReader::entriesRead, this, &MainWindow::onFileEntries);
    connect(m_fileReader, &RunFileReader::progress, this, [this](qint64 done, qint64 total) {
        if (m_fileWaitingForFirstBatch)
            return;
        const QLocale locale;
        m_header->setProgress(m_model->rowCount(), m_model->rowCount(), false, true);
        statusBar()->showMessage(tr("Reading %1 of %2…").arg(locale.formattedDataSize(done), locale.formattedDataSize(total)));
    });
    connect(m_fileReader, &RunFileReader::finished, this, &MainWindow::onFileFinished);
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    if (!m_fileReader->start(path))
        onFileFinished(false, tr("Could not start reading %1.").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::switchToFile()
{
    // The file has proved readable: only now does it replace what was open.
    m_fileWaitingForFirstBatch = false;
    m_loader->close();
    m_search->clearFilters();
    m_source = Source::File;
    m_banner->hide();
    m_header->clear();
    m_detail->clear();
    m_currentRow = -1;
    const QFileInfo file(m_fileReader->path());
    if (m_fileReader->hasRunInfo())
        m_header->setRunInfo(m_fileReader->runInfo());
    else
        m_header->setTitle(file.fileName());
    m_header->setSourceDescription(tr("From the file %1").arg(QDir::toNativeSeparators(file.absoluteFilePath())));
    showRunPage(true);
    updateTitle();
    m_table->setFocus();
}

void MainWindow::onFileEntries(const QList<LogEntry> &entries)
{
    if (m_fileWaitingForFirstBatch)
        switchToFile();
    const int first = m_model->rowCount();
    m_model->resizeRows(first + int(entries.size()));
    m_model->setEntries(first, QList<LogEntry>(entries));
    m_header->setProgress(m_model->rowCount(), m_model->rowCount(), false, true);
    if (m_currentRow < 0 && m_model->rowCount() > 0)
        selectSourceRow(0);
}

void MainWindow::onFileFinished(bool ok, const QString &error)
{
    const QString path = m_fileReader ? m_fileReader->path() : QString();
    if (ok && m_fileWaitingForFirstBatch)
        switchToFile(); // a run with no entries
    if (!ok && m_fileWaitingForFirstBatch) {
        // Nothing of the file was shown: what was open stays open.
        m_fileWaitingForFirstBatch = false;
        m_fileReader->deleteLater();
        m_fileReader = nullptr;
        statusBar()->showMessage(error, 15000);
        showWarning(tr("Open File"), error);
        return;
    }
    if (m_source != Source::File)
        return;
    const int rows = m_model->rowCount();
    m_header->setProgress(rows, rows, true, false);
    if (m_fileReader && m_fileReader->hasRunInfo())
        m_header->setRunInfo(m_fileReader->runInfo());
    if (rows > 0) {
        const QVariant first = m_model->index(0, 0).data(LogTableModel::CreatedAtMsecsRole);
        const QVariant last = m_model->index(rows - 1, 0).data(LogTableModel::CreatedAtMsecsRole);
        if (first.isValid() && last.isValid())
            m_header->setTimeSpan(first.toLongLong(), last.toLongLong());
    }
    const QLocale locale;
    m_countLabel->setText(tr("%1 entries").arg(locale.toString(rows)));
    if (ok) {
        statusBar()->showMessage(tr("Opened %1 entries from %2.").arg(locale.toString(rows), QFileInfo(path).fileName()), 8000);
    } else {
        m_banner->showMessage(MessageBanner::Kind::Error,
                              tr("%1 The %2 entries before the problem are shown.").arg(error, locale.toString(rows)),
                              false);
    }
    updateActions();
}

void MainWindow::showWarning(const QString &title, const QString &text)
{
    // Window-modal and not blocking: the event loop (pages, a live run) goes on behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}

void MainWindow::exportRun()
{
    if (m_source == Source::None || m_exporter->isBusy())
        return;
    ExportController::Source source = exportSource();
    if (m_proxy->isFiltering()) {
        const QLocale locale;
        QMessageBox ask(QMessageBox::Question, tr("Export Run"),
                        tr("A filter shows %1 of the %2 entries. What should be exported?")
                            .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_proxy->sourceRowCount())),
                        QMessageBox::Cancel, this);
        QPushButton *shown = ask.addButton(tr("The %1 Shown").arg(locale.toString(m_proxy->rowCount())), QMessageBox::AcceptRole);
        ask.addButton(tr("The Whole Run"), QMessageBox::AcceptRole);
        ask.exec();
        if (ask.clickedButton() == ask.button(QMessageBox::Cancel))
            return;
        if (ask.clickedButton() == shown)
            source.onlyRows = shownSourceRows();
    }
    m_exporter->exportInteractively(source, m_settings->lastDirectory());
    updateActions();
}

QVector<int> MainWindow::shownSourceRows() const
{
    QVector<int> rows;
    rows.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    std::sort(rows.begin(), rows.end());
    if (m_model->isReversed())
        std::reverse(rows.begin(), rows.end()); // exports are oldest first
    return rows;
}

bool MainWindow::exportTo(const QString &path, ExportFormat format)
{
    if (m_source == Source::None || m_exporter->isBusy())
        return false;
    m_exporter->exportTo(exportSource(), path, format);
    updateActions();
    return true;
}

ExportController::Source MainWindow::exportSource() const
{
    ExportController::Source source;
    if (m_source == Source::Api) {
        const RunRef run = m_loader->run();
        source.fromApi = true;
        source.hasRun = m_loader->hasRunInfo();
        source.run = m_loader->runInfo();
        source.description = tr("run %1 of organization %2").arg(run.runId).arg(run.orgId);
        source.suggestedName = QStringLiteral("run-%1").arg(run.runId);
    } else {
        const QFileInfo file(m_fileReader->path());
        source.hasRun = m_fileReader->hasRunInfo();
        source.run = m_fileReader->runInfo();
        source.description = file.fileName();
        source.suggestedName = file.completeBaseName() + QStringLiteral("-export");
    }
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

void MainWindow::onRunInfoChanged()
{
    m_header->setRunInfo(m_loader->runInfo());
    updateTitle();
}

void MainWindow::updateProgress()
{
    const int loaded = m_loader->loadedRows();
    const int known = m_loader->knownRows();
    const bool busy = m_loader->pagesInFlight() > 0 || m_loader->state() == RunLoader::State::Opening;
    if (m_loader->state() != RunLoader::State::Idle)
        m_header->setProgress(loaded, known, m_loader->isEndKnown(), busy);
    const QLocale locale;
    m_countLabel->setText(m_loader->state() == RunLoader::State::Idle || !m_loader->hasRunInfo()
                              ? QString()
                              : tr("%1 of %2%3 loaded")
                                    .arg(locale.toString(loaded), locale.toString(known),
                                         m_loader->isEndKnown() ? QString() : QStringLiteral("+")));
    // Duration from the first entry to the last one (the rows at either end, when loaded).
    if (known > 0) {
        const int oldestRow = m_model->isReversed() ? known - 1 : 0;
        const int newestRow = m_model->isReversed() ? 0 : known - 1;
        const QVariant first = m_model->index(oldestRow, 0).data(LogTableModel::CreatedAtMsecsRole);
        const QVariant last = m_model->index(newestRow, 0).data(LogTableModel::CreatedAtMsecsRole);
        if (first.isValid() && last.isValid())
            m_header->setTimeSpan(first.toLongLong(), last.toLongLong());
    }
    if (m_loader->state() == RunLoader::State::Open && !busy)
        statusBar()->clearMessage();
    // Open on the first entry, so the detail pane shows something useful straight away.
    if (m_currentRow < 0 && known > 0 && m_model->store().isLoaded(0) && !m_table->currentIndex().isValid())
        selectSourceRow(0);
}

void MainWindow::updatePaceStatus()
{
    RequestPacer *pacer = m_loader->pacer();
    if (!pacer || m_loader->state() == RunLoader::State::Idle) {
        m_paceLabel->clear();
        return;
    }
    const qint64 wait = pacer->msUntilNextSlot();
    const qint64 nextCheck = m_follower->msUntilNextCheck();
    const QString following = nextCheck >= 0
        ? tr("Following live · next check in %1 s · ").arg((nextCheck + 999) / 1000)
        : QString();
    if (pacer->queuedCount() > 0 && wait > 500) {
        m_paceLabel->setText(following + tr("Rate limit: next request in %1 s").arg((wait + 999) / 1000));
    } else {
        m_paceLabel->setText(following + tr("%1 of %2 requests used in the last %3 s")
                                 .arg(pacer->countedInWindow())
                                 .arg(pacer->maxRequests())
                                 .arg(pacer->windowMs() / 1000));
    }
}

void MainWindow::onFollowingChanged(bool following)
{
    // Only a followed run keeps the newest rows in view; otherwise reaching the end of a run of
    // unknown length would keep fetching more by itself.
    m_table->setPinToBottom(following);
    updatePaceStatus();
}

void MainWindow::onPageFailed(const ApiError &error)
{
    const QString text = ErrorText::describe(error, m_loader->run());
    const bool retryHelps = error.kind != ApiError::Kind::InsecureUrl && error.kind != ApiError::Kind::Redirect
        && !(error.kind == ApiError::Kind::Http && (error.httpStatus == 403 || error.httpStatus == 404));
    m_banner->showMessage(MessageBanner::Kind::Error, text, retryHelps);
    statusBar()->showMessage(text, 10000);
    if (!m_loader->hasRunInfo()) {
        m_header->setSourceDescription(tr("Run %1 of organization %2 could not be opened.")
                                           .arg(m_loader->run().runId)
                                           .arg(m_loader->run().orgId));
        m_detail->showMessage(text);
    }
    updateProgress();
}

void MainWindow::onRetrying(const ApiError &error, int retryInMs)
{
    const int seconds = std::max(1, (retryInMs + 999) / 1000);
    const QString text = error.isRateLimited()
        ? tr("Rate limit reached, retrying in %1 s.").arg(seconds)
        : tr("%1 Retrying in %2 s.").arg(ErrorText::describe(error, m_loader->run())).arg(seconds);
    m_banner->showMessage(MessageBanner::Kind::Warning, text, false);
    statusBar()->showMessage(text, retryInMs + 1000);
}

void MainWindow::onCurrentRowChanged(int row)
{
    m_currentRow = row;
    if (row < 0) {
        m_detail->clear();
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    const QByteArray raw = index.data(LogTableModel::RawJsonRole).toByteArray();
    if (raw.isEmpty()) {
        m_detailWaitingForRow = true;
        m_detail->showMessage(tr("Entry %1 is loading…").arg(index.data(Qt::DisplayRole).toString()));
        return;
    }
    m_detailWaitingForRow = false;
    QStringList parts;
    parts << QStringLiteral("#") + index.data(Qt::DisplayRole).toString();
    const QString type = index.data(LogTableModel::MessageTypeRole).toString();
    if (!type.isEmpty())
        parts << type;
    const QString tool = index.data(LogTableModel::ToolNameRole).toString();
    if (!tool.isEmpty())
        parts << tool;
    const QVariant created = index.data(LogTableModel::CreatedAtMsecsRole);
    if (created.isValid())
        parts << Timestamps::formatLocal(created.toLongLong(), Timestamps::LocalStyle::DateAndTime);
    m_detail->showEntry(raw, parts.join(QStringLiteral("  ·  ")));
}

void MainWindow::refreshDetailIfLoaded(int firstRow, int lastRow)
{
    if (m_detailWaitingForRow && m_currentRow >= firstRow && m_currentRow <= lastRow
        && m_model->store().isLoaded(m_currentRow))
        onCurrentRowChanged(m_currentRow);
}

void MainWindow::copySelectedEntry()
{
    if (m_currentRow < 0)
        return;
    const QByteArray raw = m_model->index(m_currentRow, 0).data(LogTableModel::RawJsonRole).toByteArray();
    if (raw.isEmpty())
        return;
    QApplication::clipboard()->setText(QString::fromUtf8(raw));
    statusBar()->showMessage(tr("Copied entry %1 as JSON.").arg(m_currentRow + 1), 3000);
}

void MainWindow::goToEntry()
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    bool ok = false;
    const int number = QInputDialog::getInt(this, tr("Go to Entry"), tr("Entry number (1 to %1):").arg(rows),
                                            std::max(1, m_currentRow + 1), 1, rows, 1, &ok);
    if (!ok)
        return;
    // Entry numbers count from the oldest; a reversed view shows the newest first.
    const int row = m_model->isReversed() ? rows - number : number - 1;
    if (!m_proxy->mapFromSource(m_model->index(row, 0)).isValid()) {
        // Hidden by a filter: show everything rather than refuse.
        m_search->clearFilters();
        statusBar()->showMessage(tr("Entry %1 was hidden by the filter; filters cleared.").arg(number), 6000);
    }
    selectSourceRow(row);
    m_table->setFocus();
}

void MainWindow::selectSourceRow(int sourceRow)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void MainWindow::showSearch()
{
    if (m_source == Source::None)
        return;
    m_searchBar->show();
    m_searchBar->focusSearch();
    m_search->updateCoverage();
    m_closeSearchAction->setEnabled(true);
}

void MainWindow::closeSearch()
{
    m_searchBar->setPattern(QString());
    m_searchBar->setOnlyMatching(false);
    m_searchBar->hide();
    m_closeSearchAction->setEnabled(false);
    m_table->setFocus();
}

void MainWindow::updateFilterText()
{
    const QLocale locale;
    m_header->setFilterText(m_proxy->isFiltering()
                                ? tr("Showing %1 of %2").arg(locale.toString(m_proxy->rowCount()),
                                                               locale.toString(m_proxy->sourceRowCount()))
                                : QString());
}

void MainWindow::editRateLimit()
{
    const QString current = QStringLiteral("%1/%2").arg(m_settings->rateLimitCount()).arg(m_settings->rateLimitWindowMs() / 1000.0);
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Rate Limit"),
                                               tr("Requests per seconds, e.g. 60/60 (the API's documented limit):"),
                                               QLineEdit::Normal, current, &ok);
    if (!ok)
        return;
    const std::optional<RateLimit> limit = RateLimit::parse(text);
    if (!limit) {
        showWarning(tr("Rate Limit"), tr("\"%1\" is not a rate limit: write requests/seconds, e.g. 60/60.").arg(text));
        return;
    }
    const int count = limit->count;
    const int windowMs = limit->windowMs;
    m_settings->setRateLimit(count, windowMs);
    RequestPacer::setDefaultLimit(count, windowMs);
    if (m_loader->pacer())
        m_loader->pacer()->setLimit(count, windowMs);
    statusBar()->showMessage(tr("At most %1 requests per %2 s from now on.").arg(count).arg(windowMs / 1000.0), 6000);
}

void MainWindow::toggleFocus()
{
    if (m_table->hasFocus())
        m_detail->textView()->setFocus();
    else
        m_table->setFocus();
}

void MainWindow::showShortcuts()
{
    const QString text = tr(
        "<table cellspacing='4'>"
        "<tr><td><b>Ctrl+O</b></td><td>Open a run by ID or URL</td></tr>"
        "<tr><td><b>Ctrl+Shift+O</b></td><td>Open an exported run (.json, .jsonl); or drop it on the window</td></tr>"
        "<tr><td><b>Ctrl+E</b></td><td>Export the whole run to a file</td></tr>"
        "<tr><td><b>↑ ↓, j k</b></td><td>Previous / next entry</td></tr>"
        "<tr><td><b>PgUp PgDn</b></td><td>Page up / down</td></tr>"
        "<tr><td><b>Home End, Ctrl+Home Ctrl+End</b></td><td>First / last entry</td></tr>"
        "<tr><td><b>Ctrl+G</b></td><td>Go to an entry by its number</td></tr>"
        "<tr><td><b>F6</b></td><td>Move between the table and the detail pane</td></tr>"
        "<tr><td><b>Ctrl+J</b></td><td>Detail as readable text or as JSON</td></tr>"
        "<tr><td><b>Ctrl+C</b></td><td>Copy the selected entry as JSON (in the table)</td></tr>"
        "<tr><td><b>Ctrl+L</b></td><td>Follow a run that is still going (on / off)</td></tr>"
        "<tr><td><b>Ctrl+F</b></td><td>Search (Enter / Shift+Enter, F3 / Shift+F3, n / N: next / previous match)</td></tr>"
        "<tr><td><b>Escape</b></td><td>Close the search</td></tr>"
        "<tr><td><b>F5</b></td><td>Retry pages that failed</td></tr>"
        "<tr><td><b>Ctrl+.</b></td><td>Stop loading (cancel requests in flight)</td></tr>"
        "<tr><td><b>Ctrl+W</b></td><td>Close the run</td></tr>"
        "<tr><td><b>Ctrl+Q</b></td><td>Quit</td></tr>"
        "</table>");
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), text, QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Runlog"),
                       tr("<b>Runlog %1</b><p>A fast, exact viewer for Codegen agent run logs.</p>")
                           .arg(QLatin1String(RUNLOG_VERSION)));
}
