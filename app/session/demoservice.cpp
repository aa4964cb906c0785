// SPDX-License-Identifier: MIT
#include "session/demoservice.h"

#include "demo/demobackend.h"
#include "rows/pagecache.h"

#include <QMutex>
#include <QSet>

namespace {
QMutex s_originsLock;
QSet<QString> s_demoOrigins; // of every demo backend this process started
}

DemoService::DemoService(QObject *parent)
    : QObject(parent)
    , m_backend(new DemoBackend(this))
{
}

DemoService::~DemoService() = default;

bool DemoService::start()
{
    if (m_backend->isRunning())
        return true;
    if (!m_backend->start())
        return false;
    QMutexLocker lock(&s_originsLock);
    s_demoOrigins.insert(PageCache::originOf(m_backend->baseUrl()));
    return true;
}

QString DemoService::notesOrigin(const QUrl &baseUrl)
{
    const QString origin = PageCache::originOf(baseUrl);
    QMutexLocker lock(&s_originsLock);
    return s_demoOrigins.contains(origin) ? QStringLiteral("demo") : origin;
}

bool DemoService::isRunning() const
{
    return m_backend->isRunning();
}

QString DemoService::errorString() const
{
    return m_backend->errorString();
}

QString DemoService::cannotStartText() const
{
    return tr("the demo backend could not start: %1").arg(errorString());
}

ApiEndpoint DemoService::endpoint() const
{
    return ApiEndpoint{m_backend->baseUrl(), {}};
}

RunRef DemoService::sampleRun() const
{
    return RunRef{m_backend->demoOrgId(), m_backend->demoRunId()};
}

RunRef DemoService::liveRun() const
{
    // The live run lasts three minutes: asked for after that, it is a new one, live again.
    m_backend->restartLiveRunIfFinished();
    return RunRef{m_backend->demoOrgId(), m_backend->liveRunId()};
}

void DemoService::setLiveInterval(int ms)
{
    m_backend->setLiveInterval(ms);
}
