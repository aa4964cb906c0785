#include "session/apirunsource.h"

#include "api/errortext.h"
#include "model/runloader.h"

#include <algorithm>

ApiRunSource::ApiRunSource(RunLoader *loader, const ApiEndpoint &endpoint, const RunRef &run, bool reverse,
                           QObject *parent)
    : RunSource(parent)
    , m_loader(loader)
    , m_endpoint(endpoint)
    , m_run(run)
    , m_reverse(reverse)
{
}

void ApiRunSource::start(LogTableModel *)
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
        emit warned(tr("The server sent %n entries of run %1 among this run's (from entry %2). They are kept "
                       "in place and marked ⚠.", nullptr, count)
                        .arg(otherRunId)
                        .arg(firstRow + 1));
    });
    m_loader->open(m_endpoint, m_run, m_reverse);
    emit statusMessage(tr("Loading run %1…").arg(m_run.runId), 0);
}

void ApiRunSource::stop()
{
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

void ApiRunSource::onPageFailed(const ApiError &error)
{
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
