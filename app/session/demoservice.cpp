// SPDX-License-Identifier: MIT
#include "session/demoservice.h"

#include "demo/demoagentlogs.h"
#include "demo/demobackend.h"
#include "rows/pagecache.h"
#include "session/earlierdemoruns.h"
#include "session/loaddefaults.h"
#include "store/runlibrary.h"

#include "store/notesorigin.h"

#include <QDir>

DemoService::DemoService(QObject *parent)
    : QObject(parent)
    , m_backend(new DemoBackend(this))
{
}

DemoService::~DemoService()
{
    if (!m_storedOrigin.isEmpty())
        EarlierDemoRuns::ended(m_storedOrigin);
}

bool DemoService::start()
{
    if (m_backend->isRunning())
        return true;
    if (!m_backend->start())
        return false;
    const QString origin = PageCache::originOf(m_backend->baseUrl());
    NotesOrigin::registerDemo(origin);
    if (auto *library = dynamic_cast<RunLibrary *>(LoadDefaults::library())) {
        EarlierDemoRuns::started(library, origin);
        m_storedOrigin = origin;
    }
    return true;
}

QString DemoService::agentLogsFolder()
{
    if (!m_agentLogs) {
        auto folder = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/runlog-demo-agent-logs-XXXXXX"));
        if (!folder->isValid() || !DemoAgentLogs::write(folder->path()))
            return {};
        m_agentLogs = std::move(folder);
    }
    return m_agentLogs->path();
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
