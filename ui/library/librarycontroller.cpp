// SPDX-License-Identifier: MIT
#include "ui/library/librarycontroller.h"

#include "run/fileorigin.h"

#include "ui/compare/comparewindow.h"

#include "ui/common/plaintext.h"

#include "ui/library/librarypreferencesdialog.h"
#include "ui/library/libraryrunspanel.h"
#include "ui/library/librarysearchpanel.h"
#include "ui/library/librarywindow.h"
#include "rows/pagecache.h"
#include "ui/library/orgrunsview.h"
#include "run/runstatus.h"
#include "session/credentials.h"
#include "session/orgrunlist.h"
#include "settings/appsettings.h"
#include "store/libraryrunsmodel.h"
#include "store/librarysearch.h"
#include "store/runlibrary.h"

#include <QAction>
#include <QMenu>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QUrl>

namespace {
constexpr qint64 kMegabyte = 1024 * 1024;
}

LibraryController::LibraryController(RunLibrary *library, Hooks hooks, QWidget *window)
    : QObject(window)
    , m_library(library)
    , m_hooks(std::move(hooks))
    , m_window(window)
    , m_menu(new QMenu(tr("&Library"), window))
    , m_libraryAction(new QAction(tr("&Library…"), this))
    , m_runsAction(new QAction(tr("The Organization's &Runs…"), this))
    , m_searchAction(new QAction(tr("&Search All Runs…"), this))
    , m_preferencesAction(new QAction(tr("Library &Preferences…"), this))
{
    m_libraryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_libraryAction->setToolTip(tr("Every run kept on this computer: opens at once, also offline"));
    m_runsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_runsAction->setToolTip(tr("The organization's runs, newest first"));
    m_searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_searchAction->setToolTip(tr("Search every run in the library"));
    connect(m_libraryAction, &QAction::triggered, this, &LibraryController::showLibrary);
    connect(m_runsAction, &QAction::triggered, this, &LibraryController::showRuns);
    connect(m_searchAction, &QAction::triggered, this, &LibraryController::showSearch);
    connect(m_preferencesAction, &QAction::triggered, this, &LibraryController::showPreferences);
    m_menu->addAction(m_libraryAction);
    m_menu->addAction(m_searchAction);
    m_menu->addAction(m_runsAction);
    m_menu->addSeparator();
    m_menu->addAction(m_preferencesAction);
    for (QAction *action : {m_libraryAction, m_searchAction, m_runsAction})
        window->addAction(action);

    if (!m_library) {
        for (QAction *action : {m_libraryAction, m_searchAction}) {
            action->setEnabled(false);
            action->setToolTip(tr("The library is off (--no-store, or Library Preferences)"));
        }
        return;
    }
    m_libraryModel = new LibraryRunsModel(m_library, this);
    m_search = new LibrarySearch(m_library->folder(), this);
    // The demo's notes are found under "demo" whichever port its pages came from: NotesScope::forApi
    // maps the demo's origins (NotesOrigin).
    connect(m_libraryModel, &LibraryRunsModel::refreshed, this, &LibraryController::updateStoredMarks);
    connect(m_library, &RunLibrary::setAside, this, [this](const QString &from, const QString &to, const QString &reason) {
        // Said once, when it happens; not modal, so nothing waits for it.
        QMessageBox *box = PlainText::messageBox(QMessageBox::Warning, tr("Library"),
                                                 tr("The library %1 could not be used (%2). It was renamed to %3 and "
                                                    "a new, empty library was started.")
                                                     .arg(from, reason, to),
                                                 QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    });
    connect(m_library, &RunLibrary::compactingChanged, this, [this](bool compacting) {
        auto *mainWindow = qobject_cast<QMainWindow *>(m_window);
        if (!mainWindow)
            return;
        if (compacting)
            mainWindow->statusBar()->showMessage(tr("Compacting the library, once, so that it can give space back…"));
        else
            mainWindow->statusBar()->showMessage(tr("The library was compacted."), 5000);
    });
    connect(m_library, &RunLibrary::stopped, this, [this](const QString &reason) {
        // Once, when it happens; runs keep opening from the server.
        QMessageBox *box = PlainText::messageBox(QMessageBox::Warning, tr("Library"), reason, QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    });
    m_libraryModel->refresh();
}

LibraryController::~LibraryController() = default;

void LibraryController::createLibraryWindow()
{
    if (m_libraryWindow || !m_library)
        return;
    auto *runs = new LibraryRunsPanel(m_libraryModel);
    runs->setSizeLimit(m_library->sizeLimit());
    auto *search = new LibrarySearchPanel(m_search);
    m_libraryWindow = new LibraryWindow(runs, search, m_window);
    connect(runs, &LibraryRunsPanel::openRequested, this, [this](const LibraryRun &run) {
        openStored(run.origin, RunRef{run.orgId, run.runId}, -1);
    });
    connect(runs, &LibraryRunsPanel::compareRequested, this, &LibraryController::compareStored);
    connect(runs, &LibraryRunsPanel::removeRequested, this, &LibraryController::removeRuns);
    connect(runs, &LibraryRunsPanel::clearRequested, this, &LibraryController::clearLibrary);
    connect(runs, &LibraryRunsPanel::preferencesRequested, this, &LibraryController::showPreferences);
    connect(search, &LibrarySearchPanel::openRequested, this, [this](const LibrarySearchHit &hit) {
        openStored(hit.origin, RunRef{hit.orgId, hit.runId}, hit.position);
    });
}

void LibraryController::showLibrary()
{
    if (!m_library)
        return;
    createLibraryWindow();
    m_libraryModel->refresh();
    m_libraryWindow->showRuns();
}

void LibraryController::showSearch()
{
    if (!m_library)
        return;
    createLibraryWindow();
    m_libraryWindow->showSearch();
}

void LibraryController::searchFor(const QString &text, bool regex)
{
    if (!m_library)
        return;
    showSearch();
    m_libraryWindow->searchPanel()->searchFor(text, regex);
}

void LibraryController::openStored(const QString &origin, const RunRef &run, qint64 position)
{
    // Another agent's log is read again from its file (the library holds its entries for search,
    // and shows them when the file is gone).
    if (const std::optional<FileOrigin::Parts> file = FileOrigin::parse(origin)) {
        if (m_hooks.openFile)
            m_hooks.openFile(file->path, file->sample, run.runId, position);
        m_window->activateWindow();
        m_window->raise();
        return;
    }
    const QUrl baseUrl(origin);
    const ApiEndpoint current = m_hooks.endpoint ? m_hooks.endpoint() : ApiEndpoint();
    // The token the window holds for that API, if it is the same API; never another API's.
    const QByteArray token = PageCache::originOf(current.baseUrl) == origin ? current.token : QByteArray();
    bool whole = false;
    for (const LibraryRun &stored : m_libraryModel->runs()) {
        if (stored.origin == origin && stored.orgId == run.orgId && stored.runId == run.runId) {
            const RunPhase phase = runPhaseOf(stored.status);
            whole = stored.isWhole() && (phase == RunPhase::Succeeded || phase == RunPhase::Failed);
        }
    }
    // A finished run held whole needs no request, so no token; anything else may need one.
    if (whole || !token.isEmpty() || ApiEndpoint::isLoopback(baseUrl) || Credentials::isOffline() || !m_hooks.openRunWithSavedToken)
        m_hooks.openRun(ApiEndpoint{baseUrl, token}, run, position);
    else
        m_hooks.openRunWithSavedToken(baseUrl, run);
    m_window->activateWindow();
    m_window->raise();
}

CompareWindow *LibraryController::lastCompareWindow() const
{
    return m_lastCompareWindow.data();
}

void LibraryController::compareStored(const LibraryRun &left, const LibraryRun &right)
{
    const QUrl baseUrl(left.origin);
    const ApiEndpoint current = m_hooks.endpoint ? m_hooks.endpoint() : ApiEndpoint();
    // As openStored: the window's token for that API only; a run held whole needs none.
    const QByteArray token = PageCache::originOf(current.baseUrl) == left.origin ? current.token : QByteArray();
    const auto sideOf = [](const LibraryRun &run) {
        // A run from another agent's log is compared from its file.
        if (const std::optional<FileOrigin::Parts> file = FileOrigin::parse(run.origin))
            return CompareSideSource{file->path, std::nullopt, file->sample};
        return CompareSideSource{tr("run %1").arg(run.runId), RunRef{run.orgId, run.runId}, std::nullopt};
    };
    auto *window = new CompareWindow(m_window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->loadAndCompare(ApiEndpoint{baseUrl, token}, sideOf(left), sideOf(right));
    window->show();
    m_lastCompareWindow = window;
}

void LibraryController::removeRuns(const QList<LibraryRun> &runs)
{
    int notes = 0;
    for (const LibraryRun &run : runs)
        notes += run.notes;
    if (notes > 0) {
        // Notes are the user's own writing: they go with the run, so ask first.
        QWidget *parent = m_libraryWindow ? m_libraryWindow : m_window;
        const auto answer = QMessageBox::question(
            parent, tr("Remove Runs"),
            tr("The runs to remove hold %Ln items of yours (notes or marks). Remove them with the runs?", nullptr, notes),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    for (const LibraryRun &run : runs)
        m_library->removeRun(PageCache::Key{run.origin, RunRef{run.orgId, run.runId}});
}

void LibraryController::clearLibrary()
{
    QWidget *parent = m_libraryWindow ? m_libraryWindow : m_window;
    const auto answer = QMessageBox::question(parent, tr("Clear Library"),
                                              tr("Remove every run from the library? Runs open again from the API, "
                                                 "one page request at a time."),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_library->clear();
}

void LibraryController::showPreferences()
{
    AppSettings settings;
    QWidget *parent = m_libraryWindow && m_libraryWindow->isVisible() ? m_libraryWindow : m_window;
    LibraryPreferencesDialog dialog(m_library ? m_library->filePath() : tr("(off)"), parent);
    dialog.setKeepRuns(settings.libraryEnabled());
    dialog.setSizeLimitMb(settings.librarySizeLimitMb());
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setLibraryEnabled(dialog.keepRuns());
    settings.setLibrarySizeLimitMb(dialog.sizeLimitMb());
    if (m_library) {
        m_library->setSizeLimit(dialog.sizeLimitMb() * kMegabyte);
        if (m_libraryWindow)
            m_libraryWindow->runsPanel()->setSizeLimit(dialog.sizeLimitMb() * kMegabyte);
    }
}

void LibraryController::createRunsView()
{
    if (m_runsView)
        return;
    m_runList = new OrgRunList(this);
    m_runsView = new OrgRunsView(m_runList->model(), m_window);
    connect(m_runsView, &OrgRunsView::reloadRequested, this, &LibraryController::reloadRuns);
    connect(m_runsView, &OrgRunsView::retryRequested, this, [this] {
        m_runsView->clearError();
        m_runList->retry();
    });
    connect(m_runsView, &OrgRunsView::openRequested, this, [this](qint64 runId) {
        m_hooks.openRun(m_runsEndpoint, RunRef{m_runsView->filters().orgId, runId}, -1);
        m_window->activateWindow();
        m_window->raise();
    });
    connect(m_runsView, &OrgRunsView::compareRequested, this, [this](qint64 leftRunId, qint64 rightRunId) {
        const qint64 orgId = m_runsView->filters().orgId;
        const auto sideOf = [orgId](qint64 runId) { return CompareSideSource{tr("run %1").arg(runId), RunRef{orgId, runId}, std::nullopt}; };
        auto *window = new CompareWindow(m_window);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->loadAndCompare(m_runsEndpoint, sideOf(leftRunId), sideOf(rightRunId));
        window->show();
        m_lastCompareWindow = window;
    });
    connect(m_runList, &OrgRunList::itemsAppended, this, &LibraryController::updateRunsProgress);
    connect(m_runList, &OrgRunList::loadingChanged, this, &LibraryController::updateRunsProgress);
    connect(m_runList, &OrgRunList::failed, this, [this](const QString &text, bool retryHelps) {
        m_runsView->showError(text, retryHelps);
        updateRunsProgress();
    });
    connect(m_runList, &OrgRunList::retrying, this, [this](const QString &text, int retryInMs) {
        m_runsView->showNotice(tr("%1 Trying again in %2 s.").arg(text).arg((retryInMs + 999) / 1000));
    });
    connect(m_runList, &OrgRunList::itemsAppended, m_runsView, &OrgRunsView::clearError);
}

void LibraryController::showRuns()
{
    createRunsView();
    const qint64 org = m_hooks.organization ? m_hooks.organization() : 0;
    if (!m_runList->isOpen() || (org > 0 && org != m_runsView->filters().orgId)) {
        m_runsView->setOrganization(org > 0 ? org : AppSettings().lastOrgId());
        reloadRuns();
    }
    m_runsView->show();
    m_runsView->raise();
    m_runsView->activateWindow();
    m_runsView->table()->setFocus();
}

void LibraryController::reloadRuns()
{
    m_runsEndpoint = m_hooks.endpoint ? m_hooks.endpoint() : ApiEndpoint();
    const RunListQuery filters = m_runsView->filters();
    m_runsView->clearError();
    m_runsView->setEndpointText(tr("at %1").arg(m_runsEndpoint.baseUrl.host()));
    if (filters.orgId <= 0) {
        m_runsView->showError(tr("Which organization? Type its ID above and press Enter."), false);
        return;
    }
    if (m_runsEndpoint.token.isEmpty() && !ApiEndpoint::isLoopback(m_runsEndpoint.baseUrl) && !Credentials::isOffline()) {
        m_runsView->showError(tr("No API token is known yet: open a run with Ctrl+O (the token is asked there) or set "
                                 "CODEGEN_API_TOKEN, then press Refresh."),
                              false);
        return;
    }
    m_runList->open(m_runsEndpoint, filters);
    updateStoredMarks();
    updateRunsProgress();
    if (m_libraryModel)
        m_libraryModel->refresh();
}

void LibraryController::updateRunsProgress()
{
    if (m_runsView)
        m_runsView->setProgress(m_runList->loadedCount(), m_runList->total(), m_runList->isLoading(),
                                m_runList->isAtEnd());
}

void LibraryController::updateStoredMarks()
{
    if (!m_runList || !m_libraryModel)
        return;
    m_runList->setStoredRunIds(
        m_libraryModel->runIdsOf(PageCache::originOf(m_runsEndpoint.baseUrl), m_runsView->filters().orgId));
}
