// SPDX-License-Identifier: MIT
#include "session/apirunsource.h"

#include "api/errortext.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"

#include <algorithm>

ApiRunSource::ApiRunSource(RunLoader *loader, const ApiEndpoint &endpoint, const RunRef &run, bool reverse,
                           bool keepOpenRunUntilFirstPage, QObject *parent)
    : RunSource(parent)
    , m_loader(loader)
    , m_endpoint(endpoint)
    , m_run(run)
    , m_reverse(reverse)
    , m_keepOpenRun(keepOpenRunUntilFirstPage)
{
}

void ApiRunSource::start(LogTableModel *)
{
    if (m_keepOpenRun)
        startFirstPageProbe();
    else
        startLoading({});
}

void ApiRunSource::startFirstPageProbe()
{
    m_probeModel = new LogTableModel(this);
    m_probe = new RunLoader(m_loader->network(), m_probeModel, this);
    m_probe->copySettingsFrom(*m_loader);
    connect(m_probe, &RunLoader::stateChanged, this, &ApiRunSource::onProbeStateChanged);
    connect(m_probe, &RunLoader::retrying, this, &ApiRunSource::onRetrying);
    m_probe->open(m_endpoint, m_run, m_reverse);
    emit statusMessage(tr("Opening run %1 of organization %2 at %3…").arg(m_run.runId).arg(m_run.orgId).arg(m_endpoint.baseUrl.host()), 0);
}

void ApiRunSource::onProbeStateChanged()
{
    if (m_probe->state() == RunLoader::State::Failed) {
        // The session stops and deletes this source; the probe goes with it.
        emit unreadable(ErrorText::describe(m_probe->lastError(), m_run));
    } else if (m_probe->state() == RunLoader::State::Open) {
        // Opened from the library: nothing was fetched, and the session's loader opens from the
        // library too (a finished run with no request at all).
        FirstAnswer first;
        if (m_probe->openedFromCache())
            first.stored = m_probe->takeStoredAtOpen();
        else
            first.page = m_probe->firstPage();
        // Deleted later: handlePage() goes on after the state changes.
        m_probe->disconnect(this);
        m_probe->deleteLater();
        m_probe = nullptr;
        m_probeModel->deleteLater();
        m_probeModel = nullptr;
        startLoading(std::move(first));
    }
}

void ApiRunSource::startLoading(FirstAnswer first)
{
    // Ready first: the session closes what was open (the loader included) before this run opens.
    emit ready();
    m_started = true;
    connect(m_loader, &RunLoader::runInfoChanged, this, &RunSource::runInfoChanged);
    connect(m_loader, &RunLoader::progressChanged, this, &RunSource::progressChanged);
    connect(m_loader, &RunLoader::pageFailed, this, &ApiRunSource::onPageFailed);
    connect(m_loader, &RunLoader::retrying, this, &ApiRunSource::onRetrying);
    connect(m_loader, &RunLoader::errorsCleared, this, &RunSource::problemsCleared);
    connect(m_loader, &RunLoader::otherRunEntries, this, [this](int firstRow, int count, qint64 otherRunId) {
        emit warned(tr("The server sent %Ln entries of run %1 among this run's (from entry %2). They are kept "
                       "in place and marked ⚠.", nullptr, count)
                        .arg(otherRunId)
                        .arg(firstRow + 1));
    });
    connect(m_loader, &RunLoader::stateChanged, this, [this](RunLoader::State state) {
        if (state == RunLoader::State::Open && !m_opened) {
            m_opened = true;
            emit opened();
        }
    });
    if (first.page) {
        m_loader->open(m_endpoint, m_run, m_reverse, std::move(*first.page));
    } else if (first.stored) {
        m_loader->open(m_endpoint, m_run, m_reverse, *first.stored);
    } else {
        m_loader->open(m_endpoint, m_run, m_reverse);
        emit statusMessage(tr("Loading run %1…").arg(m_run.runId), 0);
    }
}

void ApiRunSource::stop()
{
    if (m_probe) {
        // Deleted later, not closed: this may run inside the probe's own signal.
        m_probe->disconnect(this);
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    disconnect(m_loader, nullptr, this, nullptr);
    if (m_started)
        m_loader->close();
    m_started = false;
}

void ApiRunSource::retry()
{
    if (m_loader->state() == RunLoader::State::Failed && !m_loader->hasRunInfo())
        m_loader->open(m_endpoint, m_run, m_reverse);
    else
        m_loader->retryFailed();
}

bool ApiRunSource::hasRunInfo() const
{
    return m_loader->hasRunInfo();
}

RunInfo ApiRunSource::runInfo() const
{
    return m_loader->runInfo();
}

QString ApiRunSource::windowTitle() const
{
    return tr("Run %1 (organization %2) — Runlog").arg(m_run.runId).arg(m_run.orgId);
}

QString ApiRunSource::headerTitle() const
{
    return tr("Run %1").arg(m_run.runId);
}

QString ApiRunSource::description() const
{
    if (m_loader->state() == RunLoader::State::Failed && !m_loader->hasRunInfo())
        return tr("Run %1 of organization %2 could not be opened.").arg(m_run.runId).arg(m_run.orgId);
    return tr("Opening run %1 of organization %2 at %3…").arg(m_run.runId).arg(m_run.orgId).arg(m_endpoint.baseUrl.host());
}

QString ApiRunSource::exportDescription() const
{
    return tr("run %1 of organization %2").arg(m_run.runId).arg(m_run.orgId);
}

QString ApiRunSource::suggestedFileName() const
{
    return QStringLiteral("run-%1").arg(m_run.runId);
}

bool ApiRunSource::tokenRefused() const
{
    return m_tokenRefused;
}

void ApiRunSource::onPageFailed(const ApiError &error)
{
    m_tokenRefused = error.kind == ApiError::Kind::Http && (error.httpStatus == 401 || error.httpStatus == 403);
    emit failed(ErrorText::describe(error, m_run), error.retryHelps());
}

void ApiRunSource::onRetrying(const ApiError &error, int retryInMs)
{
    const int seconds = std::max(1, (retryInMs + 999) / 1000);
    const QString text = error.isRateLimited()
        ? tr("Rate limit reached, retrying in %1 s.").arg(seconds)
        : tr("%1 Retrying in %2 s.").arg(ErrorText::asSentence(ErrorText::describe(error, m_run))).arg(seconds);
    emit warned(text);
    emit statusMessage(text, retryInMs + 1000);
}
