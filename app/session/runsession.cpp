// SPDX-License-Identifier: MIT
#include "session/runsession.h"

#include "api/errortext.h"
#include "api/requestpacer.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "notes/runnotes.h"
#include "rows/logtablemodel.h"
#include "session/apirunsource.h"
#include "rows/pagecache.h"
#include "session/filerunsource.h"
#include "session/agentrunstore.h"
#include "run/fileorigin.h"
#include "store/runlibrary.h"

#include "settings/appsettings.h"

#include <QFileInfo>
#include <QNetworkAccessManager>

#include <algorithm>

static_assert(RunSession::kEntriesPerPage == RunLoader::kPageSize, "the session pages as its loader does");

RunSession::RunSession(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_model(new LogTableModel(this))
    , m_loader(new RunLoader(m_network, m_model, this))
    , m_follower(new RunFollower(m_loader, this))
    , m_notes(new RunNotes(m_model, this))
{
    m_network->setAutoDeleteReplies(false);
    connect(m_loader, &RunLoader::stateChanged, this, &RunSession::stateChanged);
    connect(m_loader, &RunLoader::allLoaded, this, &RunSession::allLoaded);
    connect(m_loader, &RunLoader::pageFailed, this, [this](const ApiError &error) {
        emit pageFailed(ErrorText::describe(error, m_loader->run()));
    });
    connect(m_follower, &RunFollower::followingChanged, this, &RunSession::followingChanged);
    connect(m_follower, &RunFollower::runGoingChanged, this, &RunSession::runGoingChanged);
    connect(m_follower, &RunFollower::runFinished, this, &RunSession::runFinished);
}

RunSession::~RunSession()
{
    // Sources are stopped before the loader and the model they use go.
    if (m_pending)
        m_pending->stop();
    if (m_current)
        m_current->stop();
    // Before the network manager (the first child) goes: a source's loader aborts what it still
    // has in flight as it is destroyed, and the manager tells of that.
    delete m_pending;
    delete m_current;
    m_current = nullptr;
}

void RunSession::openApi(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    // With a run open, the new one replaces it only once its first page is here: a wrong run, a
    // token the server refuses or a server that cannot be reached leave the open run as it was.
    start(new ApiRunSource(m_loader, endpoint, run, reverse, isOpen(), this));
}

void RunSession::openFile(const QString &path, const std::optional<SampleRef> &sample)
{
    start(new FileRunSource(path, sample, this));
}

void RunSession::openFileOrLibraryCopy(const QString &path, const std::optional<SampleRef> &sample, qint64 libraryRunId)
{
    auto *source = new FileRunSource(path, sample, this);
    source->setLibraryCopy(RunLoader::defaultPageCache(), libraryRunId);
    start(source);
}

void RunSession::start(RunSource *source)
{
    if (m_pending) {
        m_pending->stop();
        m_pending->deleteLater();
    }
    m_pending = source;
    connect(source, &RunSource::ready, this, [this, source] { adopt(source); });
    connect(source, &RunSource::unreadable, this, [this, source](const QString &error) {
        if (m_pending == source)
            m_pending = nullptr;
        source->stop();
        source->deleteLater();
        const auto file = qobject_cast<FileRunSource *>(source);
        if (file && !file->samplesToChoose().isEmpty())
            emit sampleChoiceNeeded(file->path(), file->samplesToChoose());
        else
            emit openFailed(error);
    });
    connect(source, &RunSource::statusMessage, this, &RunSession::statusMessage);
    connect(source, &RunSource::opened, this, &RunSession::runOpened);
    source->start(m_model);
}

void RunSession::adopt(RunSource *source)
{
    if (m_pending == source)
        m_pending = nullptr;
    discardCurrent();
    m_current = source;
    connect(source, &RunSource::runInfoChanged, this, &RunSession::runInfoChanged);
    connect(source, &RunSource::progressChanged, this, &RunSession::progressChanged);
    connect(source, &RunSource::failed, this, &RunSession::failed);
    connect(source, &RunSource::warned, this, &RunSession::warned);
    connect(source, &RunSource::problemsCleared, this, &RunSession::problemsCleared);
    connect(source, &RunSource::progressChanged, this, &RunSession::stateChanged);
    if (auto *file = qobject_cast<FileRunSource *>(source)) {
        // Another agent's log read whole goes into the library (listed, searched across runs).
        connect(file, &FileRunSource::readToEnd, this, [this, file] {
            if (file == m_current && file->hasRunInfo())
                AgentRunStore::store(RunLoader::defaultPageCache(), file->path(), file->sample(), file->runInfo(), m_model->store());
        });
    }
    openNotes();
    emit reset();
    emit stateChanged();
}

void RunSession::discardCurrent()
{
    if (m_current) {
        m_current->stop();
        m_current->deleteLater();
        m_current = nullptr;
    }
    // One reset for every change of run: no request of the old run lands, no row of it stays.
    m_loader->close();
}

void RunSession::close()
{
    if (m_pending) {
        m_pending->stop();
        m_pending->deleteLater();
        m_pending = nullptr;
    }
    discardCurrent();
    openNotes();
    emit reset();
    emit stateChanged();
}

void RunSession::retry()
{
    if (auto *api = qobject_cast<ApiRunSource *>(m_current))
        api->retry();
}

void RunSession::stopLoading()
{
    if (kind() != Kind::Api)
        return;
    m_loader->stopLoadingAll();
    m_loader->cancelAll();
}

void RunSession::setNewestFirst(bool newestFirst)
{
    auto *api = qobject_cast<ApiRunSource *>(m_current);
    if (api && api->isReversed() != newestFirst)
        openApi(api->endpoint(), api->run(), newestFirst);
}

RunSession::Kind RunSession::kind() const
{
    if (!m_current)
        return Kind::None;
    return m_current->kind() == RunSource::Kind::Api ? Kind::Api : Kind::File;
}

bool RunSession::isNewestFirst() const
{
    auto *api = qobject_cast<ApiRunSource *>(m_current);
    return api && api->isReversed();
}

bool RunSession::hasRunInfo() const
{
    return m_current && m_current->hasRunInfo();
}

RunInfo RunSession::runInfo() const
{
    return m_current ? m_current->runInfo() : RunInfo();
}

RunProgress RunSession::progress() const
{
    RunProgress progress;
    if (!m_current)
        return progress;
    if (kind() == Kind::Api) {
        progress.loaded = m_loader->loadedRows();
        progress.known = m_loader->knownRows();
        progress.endKnown = m_loader->isEndKnown();
        progress.busy = m_loader->pagesInFlight() > 0 || m_loader->state() == RunLoader::State::Opening;
        progress.paged = m_loader->state() != RunLoader::State::Idle;
        progress.countKnown = m_loader->isCountKnown();
        progress.loadingAll = m_loader->isLoadingAll();
    } else {
        progress.loaded = progress.known = m_model->rowCount();
        progress.endKnown = !m_current->isReading();
        progress.countKnown = progress.endKnown;
        progress.busy = m_current->isReading();
    }
    // Duration from the oldest entry to the newest (the rows at either end, when loaded).
    if (progress.known > 0) {
        const int oldestRow = m_model->isReversed() ? progress.known - 1 : 0;
        const int newestRow = m_model->isReversed() ? 0 : progress.known - 1;
        const QVariant first = m_model->index(oldestRow, 0).data(LogTableModel::CreatedAtMsecsRole);
        const QVariant last = m_model->index(newestRow, 0).data(LogTableModel::CreatedAtMsecsRole);
        if (first.isValid() && last.isValid()) {
            progress.firstMsecs = first.toLongLong();
            progress.lastMsecs = last.toLongLong();
        }
    }
    return progress;
}

void RunSession::setVisibleRows(int firstRow, int lastRow)
{
    m_loader->setViewport(firstRow, lastRow);
}

void RunSession::loadAll()
{
    if (kind() == Kind::Api)
        m_loader->loadAll();
}

void RunSession::stopLoadingAll()
{
    m_loader->stopLoadingAll();
}

bool RunSession::isFullyLoaded() const
{
    switch (kind()) {
    case Kind::None: return false;
    case Kind::File: return !m_current->isReading();
    case Kind::Api: return m_loader->isFullyLoaded();
    }
    return false;
}

bool RunSession::isApiRunOpen() const
{
    return kind() == Kind::Api && m_loader->state() == RunLoader::State::Open;
}

std::optional<PaceState> RunSession::paceState() const
{
    const RequestPacer *pacer = m_loader->pacer();
    if (kind() != Kind::Api || !pacer || m_loader->state() == RunLoader::State::Idle)
        return std::nullopt;
    PaceState pace;
    pace.usedInWindow = pacer->countedByEveryProcess();
    pace.maxRequests = pacer->maxRequests();
    pace.windowMs = pacer->windowMs();
    pace.queued = pacer->queuedCount();
    pace.msUntilNextRequest = pacer->msUntilNextSlot();
    pace.msUntilNextCheck = m_follower->msUntilNextCheck();
    return pace;
}

std::optional<qint64> RunSession::msToLoadRest() const
{
    const std::optional<PaceState> pace = paceState();
    const int rowsLeft = std::max(0, m_loader->knownRows() - m_loader->loadedRows());
    const int pagesLeft = (rowsLeft + RunLoader::kPageSize - 1) / RunLoader::kPageSize;
    if (!pace || pagesLeft == 0 || !m_loader->isCountKnown() || pace->maxRequests <= 0)
        return std::nullopt;
    // What fits in the budget now goes at once, the rest a window per `maxRequests` pages.
    const int freeNow = std::max(0, pace->maxRequests - pace->usedInWindow);
    const int waiting = std::max(0, pagesLeft - freeNow);
    return qint64(waiting) * pace->windowMs / pace->maxRequests;
}

void RunSession::setRateLimit(int maxRequests, int windowMs)
{
    RequestPacer::setDefaultLimit(maxRequests, windowMs);
    if (RequestPacer *pacer = m_loader->pacer())
        pacer->setLimit(maxRequests, windowMs);
}

void RunSession::setFollowing(bool follow)
{
    m_follower->setEnabled(follow);
}

bool RunSession::isFollowing() const
{
    return m_follower->isFollowing();
}

bool RunSession::isRunGoing() const
{
    return m_follower->isRunGoing();
}

qint64 RunSession::msUntilNextCheck() const
{
    return m_follower->msUntilNextCheck();
}

bool RunSession::canExport() const
{
    if (!m_current || m_current->isReading())
        return false;
    return kind() == Kind::File || m_current->hasRunInfo();
}

std::optional<RunRef> RunSession::apiRun() const
{
    if (auto *api = qobject_cast<ApiRunSource *>(m_current))
        return api->run();
    return std::nullopt;
}

std::optional<ApiEndpoint> RunSession::apiEndpoint() const
{
    if (auto *api = qobject_cast<ApiRunSource *>(m_current))
        return api->endpoint();
    return std::nullopt;
}

bool RunSession::tokenRefused() const
{
    auto *api = qobject_cast<ApiRunSource *>(m_current);
    return api && api->tokenRefused();
}

QString RunSession::filePath() const
{
    auto *file = qobject_cast<FileRunSource *>(m_current);
    return file ? file->path() : QString();
}

std::optional<SampleRef> RunSession::fileSample() const
{
    auto *file = qobject_cast<FileRunSource *>(m_current);
    return file ? file->sample() : std::nullopt;
}

QString RunSession::windowTitle() const
{
    return m_current ? m_current->windowTitle() : tr("Runlog");
}

QString RunSession::headerTitle() const
{
    return m_current ? m_current->headerTitle() : QString();
}

QString RunSession::description() const
{
    return m_current ? m_current->description() : QString();
}

QString RunSession::exportDescription() const
{
    return m_current ? m_current->exportDescription() : QString();
}

QString RunSession::suggestedFileName() const
{
    return m_current ? m_current->suggestedFileName() : QString();
}

QString RunSession::runKey() const
{
    if (const auto api = qobject_cast<ApiRunSource *>(m_current)) {
        const QUrl base = api->endpoint().baseUrl;
        return QStringLiteral("api %1://%2:%3 %4/%5")
            .arg(base.scheme(), base.host())
            .arg(base.port(base.scheme() == QLatin1String("http") ? 80 : 443))
            .arg(api->run().orgId)
            .arg(api->run().runId);
    }
    if (const auto file = qobject_cast<FileRunSource *>(m_current))
    {
        // A sample of a log of several is a run of its own (marks an older Runlog kept are of files).
        const QString path = QFileInfo(file->path()).absoluteFilePath();
        return file->sample() ? QStringLiteral("file %1").arg(FileOrigin::of(path, file->sample()))
                              : QStringLiteral("file %1").arg(path);
    }
    return {};
}

NotesFile RunSession::notesFile() const
{
    NotesFile file;
    if (const auto api = apiRun()) {
        file.orgId = api->orgId;
        file.runId = api->runId;
    } else if (kind() == Kind::File) {
        if (hasRunInfo() && runInfo().id != 0) {
            file.runId = runInfo().id;
            if (runInfo().organizationId != 0)
                file.orgId = runInfo().organizationId;
        } else if (m_model->rowCount() > 0 && m_model->store().isLoaded(0)) {
            file.runId = m_model->store().at(0).agentRunId;
        }
    }
    file.notes = m_notes->records();
    return file;
}

void RunSession::openNotes()
{
    // The library that keeps the run's pages keeps its notes too (none with --no-store).
    m_notes->setLibrary(dynamic_cast<RunLibrary *>(RunLoader::defaultPageCache()));
    // Marks an older Runlog kept in the settings move into the library once.
    const QString key = runKey();
    QSet<int> legacyMarks;
    if (!key.isEmpty()) {
        AppSettings settings;
        const QList<int> stored = settings.marks(key);
        legacyMarks = QSet<int>(stored.cbegin(), stored.cend());
        if (!stored.isEmpty())
            settings.setMarks(key, {});
    }
    if (const auto api = qobject_cast<ApiRunSource *>(m_current)) {
        m_notes->open(NotesScope::forApi(PageCache::originOf(api->endpoint().baseUrl), api->run().orgId,
                                         api->run().runId), legacyMarks);
    } else if (const auto file = qobject_cast<FileRunSource *>(m_current)) {
        // A sample of an Inspect log is a run of its own: its notes too.
        const QString part = file->sample() ? sampleKey(*file->sample()) : QString();
        m_notes->openFile(file->path(), std::nullopt, std::nullopt, legacyMarks, part);
    } else {
        m_notes->close();
    }
}
