// SPDX-License-Identifier: MIT
#include "ui/library/libraryopencontroller.h"

#include "ui/library/librarycontroller.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"
#include "ui/search/searchcontroller.h"
#include "session/credentials.h"
#include "session/demoservice.h"
#include "session/runsession.h"
#include "settings/appsettings.h"

#include <QFileInfo>
#include <QMenuBar>

LibraryOpenController::LibraryOpenController(RunLibrary *library, MainWindow *window, Credentials *credentials, AppSettings *settings)
    : QObject(window)
    , m_library(library)
    , m_window(window)
{
    LibraryController::Hooks hooks;
    hooks.openRun = [this](const ApiEndpoint &endpoint, const RunRef &run, qint64 position) {
        openRunAtEntry(endpoint, run, position);
    };
    hooks.openFile = [this](const QString &path, const std::optional<SampleRef> &sample, qint64 runId, qint64 position) {
        openFileAtEntry(path, sample, runId, position);
    };
    hooks.openRunWithSavedToken = [window](const QUrl &baseUrl, const RunRef &run) {
        window->openRunWithSavedToken(baseUrl, run);
    };
    hooks.endpoint = [window, credentials, settings] {
        if (const std::optional<ApiEndpoint> open = window->session()->apiEndpoint())
            return *open;
        if (window->demoService())
            return window->demoService()->endpoint();
        const QUrl base = settings->baseUrl();
        return ApiEndpoint{base, credentials->knownToken(base)};
    };
    hooks.organization = [window]() -> qint64 {
        const std::optional<RunRef> run = window->session()->apiRun();
        return run ? run->orgId : 0;
    };
    m_controller = new LibraryController(library, hooks, window);
    QMenuBar *bar = window->menuBar();
    bar->insertMenu(bar->actions().isEmpty() ? nullptr : bar->actions().constLast(), m_controller->menu()); // before Help
    connect(window->session(), &RunSession::progressChanged, this, &LibraryOpenController::selectPendingEntry);
}

void LibraryOpenController::openRunAtEntry(const ApiEndpoint &endpoint, const RunRef &run, qint64 position)
{
    m_window->openRun(endpoint, run);
    m_pendingRun = run;
    m_pendingFile.clear();
    m_pendingSample.reset();
    m_pendingEntry = position;
    selectPendingEntry();
}

void LibraryOpenController::openFileAtEntry(const QString &path, const std::optional<SampleRef> &sample, qint64 runId,
                                            qint64 position)
{
    m_window->openFileOrLibraryCopy(path, sample, runId);
    m_pendingRun = RunRef();
    m_pendingFile = path;
    m_pendingSample = sample;
    m_pendingEntry = position;
}

bool LibraryOpenController::pendingRunIsOpen() const
{
    const RunSession *session = m_window->session();
    if (!m_pendingFile.isEmpty())
        return QFileInfo(session->filePath()).absoluteFilePath() == QFileInfo(m_pendingFile).absoluteFilePath()
            && session->fileSample() == m_pendingSample;
    const std::optional<RunRef> open = session->apiRun();
    return open && *open == m_pendingRun;
}

void LibraryOpenController::selectPendingEntry()
{
    // Once the run's rows are there (the library's count comes at once), select the entry; its
    // page is loaded as it comes into view.
    RunSession *session = m_window->session();
    const LogTableModel *model = session->model();
    if (m_pendingEntry < 0 || !pendingRunIsOpen() || m_pendingEntry >= model->rowCount())
        return;
    const int row = model->isReversed() ? model->rowCount() - 1 - int(m_pendingEntry) : int(m_pendingEntry);
    m_pendingEntry = -1;
    LogFilterProxyModel *proxy = m_window->filterModel();
    if (!proxy->isReachable(row))
        m_window->searchController()->clearFilters(); // hidden by a filter: show everything
    const QModelIndex index = proxy->revealSourceRow(row); // a closed fold opens
    if (!index.isValid())
        return;
    m_window->tableView()->setCurrentIndex(index);
    m_window->tableView()->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_window->tableView()->setFocus();
}
