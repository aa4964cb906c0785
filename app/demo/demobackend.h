// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <memory>

class DemoDataset;
class LogsEndpoint;
class LoopbackHttpServer;
class QTimer;

// The built-in demo: the logs endpoint over the demo runs, served on 127.0.0.1 so that the app
// takes exactly the same code path (HTTP, paging, rate limit) as with the real service. No token
// is required; the rate limit is the documented 60 requests per 60 s.
class DemoBackend : public QObject
{
    Q_OBJECT

public:
    static constexpr int kLiveIntervalMs = 2000;

    explicit DemoBackend(QObject *parent = nullptr);
    ~DemoBackend() override;

    // Generates the data on the first call. Port 0: any free port.
    bool start(quint16 port = 0);
    void stop();
    bool isRunning() const;
    QString errorString() const;

    QUrl baseUrl() const;               // http://127.0.0.1:PORT
    qint64 demoOrgId() const;           // 1
    qint64 demoRunId() const;           // 1001, the complete sample run
    qint64 liveRunId() const;           // 1002, grows every kLiveIntervalMs while running
    // After the live run finished: a new live run (DemoDataset::restartLiveRun), served and
    // growing, so that "the live demo run" is live whenever it is asked for.
    void restartLiveRunIfFinished();

    // Tests and benchmarks tune the endpoint (rate limit, token) and drive the live run.
    LogsEndpoint &endpoint();
    DemoDataset &dataset();
    LoopbackHttpServer &server();
    void setLiveInterval(int ms);

signals:
    void liveEntryAppended(qint64 runId, int entryCount);
    void liveRunFinished(qint64 runId);

private:
    void ensureDataset();
    void appendLiveEntry();

    std::unique_ptr<DemoDataset> m_dataset;
    std::unique_ptr<LogsEndpoint> m_endpoint;
    LoopbackHttpServer *m_server = nullptr;
    QTimer *m_liveTimer = nullptr;
};
