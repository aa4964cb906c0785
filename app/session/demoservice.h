// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class DemoBackend;

// The built-in demo backend as the window uses it: started on demand on 127.0.0.1, then a source
// of runs like any API. Keeps the window (and every widget) away from the demo's internals.
class DemoService : public QObject
{
    Q_OBJECT

public:
    explicit DemoService(QObject *parent = nullptr);
    ~DemoService() override;

    // Starts the backend on a free port; false with errorString() when it cannot listen.
    bool start();
    bool isRunning() const;
    QString errorString() const;
    // What a windowless command says when start() failed: the sentence, with errorString().
    QString cannotStartText() const;

    ApiEndpoint endpoint() const;   // no token: the demo needs none
    RunRef sampleRun() const;       // the complete sample run
    // A run that grows while the backend runs, then completes; asked for after it completed, a
    // new run that grows in turn.
    RunRef liveRun() const;
    // How often the live run grows (the screenshot tool speeds it up).
    void setLiveInterval(int ms);
    // A folder of small logs of other agents (a Claude Code session, a Codex CLI rollout, an
    // Inspect eval log of three samples), written on first use into a temporary folder that goes
    // with the service: File > Open Agent Logs… starts there in the demo. Empty when it could not
    // be written.
    QString agentLogsFolder();


private:
    DemoBackend *m_backend = nullptr;
    std::unique_ptr<QTemporaryDir> m_agentLogs;
    // The origin its runs go into the library under, recorded as running (EarlierDemoRuns) until
    // the service goes; empty without a library.
    QString m_storedOrigin;
};
