// SPDX-License-Identifier: MIT
#include "testlogserver.h"

TestLogServer::TestLogServer(QObject *parent)
    : QObject(parent)
    , m_server(new LoopbackHttpServer(this))
{
    m_server->setHandler([this](const HttpRequest &request) { return handle(request); });
    m_server->listen();
}

TestLogServer::~TestLogServer()
{
    // Close while m_endpoint and m_interceptor still exist: the handler uses both.
    m_server->close();
}

bool TestLogServer::isListening() const
{
    return m_server->isListening();
}

QUrl TestLogServer::baseUrl() const
{
    return m_server->baseUrl();
}

QUrl TestLogServer::logsUrl(qint64 org, qint64 runId, const QUrlQuery &query) const
{
    QUrl url = baseUrl();
    url.setPath(LogsEndpoint::logsPath(org, runId));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void TestLogServer::addRun(const RunRecord &run)
{
    m_endpoint.addRun(run);
}

void TestLogServer::addRun(std::shared_ptr<RunRecord> run)
{
    m_endpoint.addRun(std::move(run));
}

std::shared_ptr<RunRecord> TestLogServer::run(qint64 runId) const
{
    return m_endpoint.run(runId);
}

void TestLogServer::setInterceptor(Interceptor interceptor)
{
    m_interceptor = std::move(interceptor);
}

void TestLogServer::clearInterceptor()
{
    m_interceptor = nullptr;
}

void TestLogServer::setRequiredToken(const QByteArray &token)
{
    m_endpoint.setRequiredToken(token);
}

void TestLogServer::setRateLimit(int count, int windowMs)
{
    m_endpoint.setRateLimit(count, windowMs);
}

QList<LogsRequestRecord> TestLogServer::requestLog() const
{
    return m_endpoint.requestLog();
}

void TestLogServer::clearRequestLog()
{
    m_endpoint.clearRequestLog();
}

HttpResponse TestLogServer::handle(const HttpRequest &request)
{
    const int index = m_requestCount++;
    if (m_interceptor) {
        if (std::optional<HttpResponse> replaced = m_interceptor(request, index)) {
            m_endpoint.recordRequest(request, replaced->status, true);
            return *replaced;
        }
    }
    return m_endpoint.handle(request);
}
