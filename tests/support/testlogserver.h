// SPDX-License-Identifier: MIT
#pragma once

#include "demo/httpmessage.h"
#include "demo/logsendpoint.h"
#include "demo/loopbackhttpserver.h"
#include "demo/runrecord.h"

#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

// The spec server for tests: the real logs endpoint on a real loopback socket, plus a hook that
// lets a test answer any request itself (5xx, non-JSON, cut bodies, redirects, lying totals...).
// Listens on a free port from construction on; check isListening().
class TestLogServer : public QObject
{
    Q_OBJECT

public:
    // requestIndex counts every request this server received, from 0, intercepted or not.
    // Returning std::nullopt lets the endpoint answer.
    using Interceptor =
            std::function<std::optional<HttpResponse>(const HttpRequest &, int requestIndex)>;

    explicit TestLogServer(QObject *parent = nullptr);
    ~TestLogServer() override;

    bool isListening() const;
    QUrl baseUrl() const;
    // baseUrl + the logs path of that run, with the given query (may be empty).
    QUrl logsUrl(qint64 org, qint64 runId, const QUrlQuery &query = QUrlQuery()) const;

    void addRun(const RunRecord &run);
    void addRun(std::shared_ptr<RunRecord> run);
    std::shared_ptr<RunRecord> run(qint64 runId) const;   // mutable: grow it, change its status

    void setInterceptor(Interceptor interceptor);
    void clearInterceptor();

    // Shortcuts to the endpoint's settings (defaults: no token, 60 per 60 s).
    void setRequiredToken(const QByteArray &token);
    void setRateLimit(int count, int windowMs);

    // Every request, intercepted ones included (their `intercepted` is true).
    QList<LogsRequestRecord> requestLog() const;
    void clearRequestLog();
    int requestCount() const { return m_requestCount; }

    LogsEndpoint &endpoint() { return m_endpoint; }
    LoopbackHttpServer &server() { return *m_server; }

private:
    HttpResponse handle(const HttpRequest &request);

    LogsEndpoint m_endpoint;
    LoopbackHttpServer *m_server = nullptr;
    Interceptor m_interceptor;
    int m_requestCount = 0;
};
