// SPDX-License-Identifier: MIT
#pragma once

#include "api/apiclient.h"
#include "api/apierror.h"
#include "api/parsedpage.h"
#include "api/requestpacer.h"
#include "model/pageplan.h"
#include "rows/pagecache.h"
#include "run/runinfo.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

class LogTableModel;
class QNetworkAccessManager;
class QTimer;

// Fetches the pages of a run that its PagePlan wants (pageplan.h), through the shared
// RequestPacer and with retries, and puts them into the LogTableModel.
//
// When the first response gives total_logs, the model gets that many rows at once and only the
// pages that come into view are fetched (what is on screen first; pages scrolled away from are
// dropped before they are sent). When the count is missing, or a page proves it wrong, rows are
// appended page by page through the model's fetchMore(), and a short page ends the run, as the
// API's documented loop says. Every page lands at its own position, so a page fetched twice can
// never double a row, and a failure never removes a loaded one.
//
// Newest first (reverse), skip counts from the newest entry, so a run that grows moves every
// entry down. Each response says how many entries the run had when it was answered (total_logs):
// when that is more than the rows here, new rows are inserted at the top and every loaded row
// moves down with its entry (nothing is fetched again for it), and a response counted against
// fewer entries than known now (it was answered before the growth another response showed) is
// placed that much lower. So a Load All while the run grows ends with every entry exactly once.
//
// With a PageCache (the library), opening asks it first: a run it holds opens with its stored
// count and fields at once, its stored pages are read from it instead of fetched, and every page
// that arrives is handed to it. A finished run held whole needs no request at all; of a run still
// going, the newest page is always fetched, so what is new shows.
class RunLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPageSize = PageQuery::kMaxLimit;
    enum class State { Idle, Opening, Open, Failed };
    Q_ENUM(State)

    struct RetryPolicy {
        int maxAttempts = 4;          // for transient failures (5xx, network, timeout, bad body)
        int baseDelayMs = 1000;       // doubles each attempt, with jitter
        int maxRateLimitHits = 10;    // 429s in a row for one page before giving up
        int rateLimitBaseDelayMs = 2000;
        int maxDelayMs = 60000;
        // A page shorter than total_logs promises is asked again this many times before the
        // short page is believed (a glitch must not cut the run, a lie must not loop).
        int shortPageRechecks = 1;
    };

    RunLoader(QNetworkAccessManager *network, LogTableModel *model, QObject *parent = nullptr);
    ~RunLoader() override;

    void open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse = false);
    // Opens with the run's first page already fetched (by another loader, see firstPage()), so
    // the run shows at once and that page is not asked for twice.
    void open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse, ParsedPage firstPage);
    // Opens with what the cache answered another loader's open() (see takeStoredAtOpen()), so
    // a stored run is not read from the cache twice.
    void open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse, const PageCache::Stored &stored);
    void close();
    // What the cache answered open() (found is false when it held nothing), handed over once, by
    // a slot of stateChanged(): it is let go once the state has changed.
    PageCache::Stored takeStoredAtOpen();
    // The page that opened the run (state() became Open), as it came; empty before.
    const ParsedPage &firstPage() const { return m_firstPage; }
    // Pacer (when set by hand), retry policy, reply limits and requests in flight, from `other`.
    void copySettingsFrom(const RunLoader &other);

    // Rows now on screen; their pages are fetched first.
    void setViewport(int firstRow, int lastRow);
    // Fetches every page (paced, in the background, after visible pages).
    void loadAll();
    void stopLoadingAll();
    // The user's Cancel: aborts every request in flight or waiting (pacer, backoff), stops
    // loadAll(). Loaded rows stay; the pages that were on their way are failed with a Cancelled
    // error (pageFailed), so retryFailed() takes them up again.
    void cancelAll();
    // Tries failed pages again.
    void retryFailed();
    // Asks again for the end of the run, to see entries added since (a run still going).
    void checkForNewEntries();

    void setPacer(RequestPacer *pacer); // default: RequestPacer::shared(origin, token)
    // The library this loader reads from and writes to; nullptr: none. Takes effect at open().
    void setPageCache(PageCache *cache);
    // The library of every loader that was not given one (main() sets it, unless --no-store).
    static void setDefaultPageCache(PageCache *cache);
    static PageCache *defaultPageCache();
    void setMaxInFlight(int requests) { m_maxInFlight = std::max(1, requests); }
    void setReplyLimits(const PageReply::Limits &limits) { m_replyLimits = limits; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }

    State state() const { return m_state; }
    RunRef run() const { return m_run; }
    bool isReversed() const { return m_plan.isReversed(); }
    bool hasRunInfo() const { return m_hasRunInfo; }
    const RunInfo &runInfo() const { return m_runInfo; }
    RequestPacer *pacer() const { return m_pacer; }
    QNetworkAccessManager *network() const { return m_network; }
    const ApiError &lastError() const { return m_lastError; }

    int loadedRows() const;
    int knownRows() const;
    bool isCountKnown() const { return m_plan.mode() == PagePlan::Mode::Counted; }
    // The end of the run has been seen (by the count, or by a short page).
    bool isEndKnown() const;
    bool isFullyLoaded() const { return isEndKnown() && loadedRows() == knownRows(); }
    bool isLoadingAll() const { return m_plan.isLoadingAll(); }
    int pagesInFlight() const { return int(m_requests.size()); }
    int failedPageCount() const;
    int requestsSent() const { return m_requestsSent; }
    // Pages shown from the page cache instead of the API since open().
    int pagesFromCache() const { return m_pagesFromCache; }
    // The run opened from what the page cache holds (firstPage() is then empty: nothing was fetched).
    bool openedFromCache() const { return m_openedFromCache; }
    // Loaded rows whose agent_run_id is not this run's (kept in place, flagged).
    int otherRunEntryCount() const;

signals:
    void stateChanged(RunLoader::State state);
    void runInfoChanged();
    void progressChanged();
    // A page failed for good (after its retries): shown with a Retry action.
    void pageFailed(const ApiError &error);
    // A page failed and will be tried again by itself in retryInMs.
    void retrying(const ApiError &error, int retryInMs);
    // No failed page remains.
    void errorsCleared();
    // A page held entries whose agent_run_id is not this run's: `count` of them, from firstRow.
    // They are kept at their positions and flagged (LogEntry::otherRun); this is the warning.
    void otherRunEntries(int firstRow, int count, qint64 otherRunId);
    // loadAll() finished: every row is loaded and the end of the run is known.
    void allLoaded();

private:
    using PageStatus = PagePlan::Status;
    // A page's request on its way: what aborting it needs.
    struct Request {
        QPointer<PageReply> reply;
        RequestPacer::Ticket ticket = 0;
    };

    void begin(const ApiEndpoint &endpoint, const RunRef &run, bool reverse);
    bool isPlanning() const { return m_state == State::Opening || m_state == State::Open; }
    void schedule();
    void onSlotGranted(RequestPacer::Ticket ticket);
    int nextWantedPage() const;
    void sendPage(int page, RequestPacer::Ticket ticket);
    void onPageFinished(int page, PageReply *reply);
    void handleFailure(int page, const ApiError &error);
    void handlePage(int page, ParsedPage &&parsed);
    QString checkPage(int page, const ParsedPage &parsed, int shift) const;
    void recheckShortPage(int page, QList<LogEntry> &&entries);
    void flagOtherRunEntries(int firstRow, QList<LogEntry> &entries);
    void abortRequest(const Request &request);
    void followPlanRows(int rows, int insertedAtTop);
    bool loadedAfter(int row) const;
    void updateRunInfo(const RunInfo &info);
    void shiftNewestFirst(int newRows);
    void placeShifted(int page, int firstRow, QList<LogEntry> &&entries);
    void rederivePageStates(int firstPage, int lastPage);
    void setState(State state);
    void checkAllLoaded();
    int jittered(int delayMs) const;
    void abortAll();
    bool isRunGoing() const;

    // The library's steps (runloadercache.cpp).
    void chooseCache(const ApiEndpoint &endpoint, const RunRef &run);
    void forgetCache();
    void askCache();
    void applyStored(const PageCache::Stored &stored);
    void placeStored(const PageCache::Stored &stored);
    bool isCachedPage(int page) const;
    void readFromCache(int firstPage, int lastPage, bool storedChunk);
    void placeCachedPage(int page, int rowsWhenAsked, QList<LogEntry> &&entries);
    void readNextStoredChunk();
    void storeFetched(int page, const RunInfo &run, const QList<LogEntry> &entries);

    QNetworkAccessManager *m_network;
    LogTableModel *m_model;
    ApiClient *m_client = nullptr;
    RequestPacer *m_pacer = nullptr;
    bool m_customPacer = false;
    PageReply::Limits m_replyLimits;
    RetryPolicy m_retryPolicy;
    int m_maxInFlight = 4;

    RunRef m_run;
    State m_state = State::Idle;
    RunInfo m_runInfo;
    bool m_hasRunInfo = false;
    ApiError m_lastError;
    ParsedPage m_firstPage;

    // What is wanted and what is loaded, page by page. It pages over the model's rows, reading
    // them and changing them through followPlanRows().
    PagePlan m_plan;
    QHash<int, Request> m_requests;  // by page: exactly the pages the plan has InFlight
    QSet<RequestPacer::Ticket> m_pendingTickets;
    int m_requestsSent = 0;
    int m_generation = 0;         // bumps on open/close; late replies of older runs are ignored

    PageCache *m_cache = nullptr;    // the one in use since open()
    PageCache *m_chosenCache = nullptr;
    bool m_cacheChosen = false;      // setPageCache() was called: the default does not apply
    PageCache::Key m_cacheKey;
    QList<std::pair<qint64, qint64>> m_storedRanges; // chronological positions the cache holds
    bool m_waitingForCache = false;  // open() asked the cache; nothing is fetched until it answers
    PageCache::Stored m_openedWith;  // what the cache answered, while open() applies it
    int m_pagesFromCache = 0;
    bool m_openedFromCache = false;
    bool m_readingStoredRest = false;  // a stored run too large to come with open(): read in chunks
    bool m_storedChunkInFlight = false;
    int m_storedCursor = 0;            // the first page readNextStoredChunk() has not looked at

};
