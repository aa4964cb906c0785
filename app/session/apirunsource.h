// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "api/parsedpage.h"
#include "rows/pagecache.h"
#include "session/runsource.h"

#include <optional>

class LogTableModel;
class RunLoader;
struct ApiError;

// A run read from the API, page by page, through the session's RunLoader (paced, retried).
// With nothing open it replaces the empty window at once: the header says what is being opened
// while the first page is on its way, and a failure shows in the banner with Retry. With a run
// open (`keepOpenRunUntilFirstPage`), a loader of its own fetches the first page (paced, retried)
// while the open run stays; only that page makes it ready(), and a failure is unreadable(): the
// open run stays open. The session's loader then starts from that page, without asking again.
class ApiRunSource : public RunSource
{
    Q_OBJECT

public:
    ApiRunSource(RunLoader *loader, const ApiEndpoint &endpoint, const RunRef &run, bool reverse,
                 bool keepOpenRunUntilFirstPage = false, QObject *parent = nullptr);

    Kind kind() const override { return Kind::Api; }
    void start(LogTableModel *model) override;
    void stop() override;

    bool hasRunInfo() const override;
    RunInfo runInfo() const override;
    bool isReading() const override { return false; }
    QString windowTitle() const override;
    QString headerTitle() const override;
    QString description() const override;
    QString exportDescription() const override;
    QString suggestedFileName() const override;

    const ApiEndpoint &endpoint() const { return m_endpoint; }
    const RunRef &run() const { return m_run; }
    bool isReversed() const { return m_reverse; }
    bool tokenRefused() const;
    // F5 / the banner's Retry: the run again if it never opened, else the pages that failed.
    void retry();

private:
    // What the probe opened with: the first page fetched, or what the library holds.
    struct FirstAnswer {
        std::optional<ParsedPage> page;
        std::optional<PageCache::Stored> stored;
    };

    void startFirstPageProbe();
    void onProbeStateChanged();
    void startLoading(FirstAnswer first);
    void onPageFailed(const ApiError &error);
    void onRetrying(const ApiError &error, int retryInMs);

    RunLoader *m_loader;
    ApiEndpoint m_endpoint;
    RunRef m_run;
    bool m_reverse;
    bool m_keepOpenRun;
    bool m_started = false;
    bool m_tokenRefused = false;     // the last failure was a 401/403: another token may do
    bool m_opened = false;           // the first page arrived (opened() was emitted)
    LogTableModel *m_probeModel = nullptr;
    RunLoader *m_probe = nullptr;
};
