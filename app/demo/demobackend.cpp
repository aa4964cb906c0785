// SPDX-License-Identifier: MIT
#include "demo/demobackend.h"

#include "demo/demodataset.h"
#include "demo/logsendpoint.h"
#include "demo/loopbackhttpserver.h"

#include <QDateTime>
#include <QTimer>

DemoBackend::DemoBackend(QObject *parent)
    : QObject(parent)
    , m_endpoint(std::make_unique<LogsEndpoint>())
    , m_server(new LoopbackHttpServer(this))
    , m_liveTimer(new QTimer(this))
{
    m_liveTimer->setInterval(kLiveIntervalMs);
    connect(m_liveTimer, &QTimer::timeout, this, &DemoBackend::appendLiveEntry);
    LogsEndpoint *endpoint = m_endpoint.get();
    m_server->setHandler([endpoint](const HttpRequest &request) { return endpoint->handle(request); });
}

DemoBackend::~DemoBackend()
{
    // The server's handler points at the endpoint: stop serving before either goes away.
    stop();
}

bool DemoBackend::start(quint16 port)
{
    ensureDataset();
    if (!m_server->listen(port))
        return false;
    if (!m_dataset->isLiveRunFinished())
        m_liveTimer->start();
    return true;
}

void DemoBackend::stop()
{
    m_liveTimer->stop();
    m_server->close();
}

bool DemoBackend::isRunning() const
{
    return m_server->isListening();
}

QString DemoBackend::errorString() const
{
    return m_server->errorString();
}

QUrl DemoBackend::baseUrl() const
{
    return m_server->baseUrl();
}

qint64 DemoBackend::demoOrgId() const
{
    return DemoDataset::kOrganizationId;
}

qint64 DemoBackend::demoRunId() const
{
    return DemoDataset::kCompleteRunId;
}

qint64 DemoBackend::liveRunId() const
{
    return m_dataset ? m_dataset->liveRunId() : DemoDataset::kLiveRunId;
}

void DemoBackend::restartLiveRunIfFinished()
{
    ensureDataset();
    if (!m_dataset->isLiveRunFinished())
        return;
    m_endpoint->addRun(m_dataset->restartLiveRun(QDateTime::currentDateTimeUtc()));
    if (isRunning())
        m_liveTimer->start();
}

LogsEndpoint &DemoBackend::endpoint()
{
    return *m_endpoint;
}

DemoDataset &DemoBackend::dataset()
{
    ensureDataset();
    return *m_dataset;
}

LoopbackHttpServer &DemoBackend::server()
{
    return *m_server;
}

void DemoBackend::setLiveInterval(int ms)
{
    m_liveTimer->setInterval(qMax(ms, 1));
}

void DemoBackend::ensureDataset()
{
    if (m_dataset)
        return;
    // The live run ends "now", so that following it in the app looks like following a real run.
    m_dataset = std::make_unique<DemoDataset>(QDateTime::currentDateTimeUtc());
    for (const auto &run : m_dataset->runs())
        m_endpoint->addRun(run);
}

void DemoBackend::appendLiveEntry()
{
    const bool more = m_dataset->appendNextLiveEntry();
    const auto live = m_dataset->run(m_dataset->liveRunId());
    emit liveEntryAppended(live->id, int(live->entries.size()));
    if (!more) {
        m_liveTimer->stop();
        emit liveRunFinished(live->id);
    }
}
