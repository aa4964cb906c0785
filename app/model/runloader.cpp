// SPDX-License-Identifier: MIT
#include "model/runloader.h"

#include "rows/logtablemodel.h"
#include "run/runstatus.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

static_assert(RunLoader::kPageSize == PagePlan::kPageSize, "the plan's pages are the API's pages");

RunLoader::RunLoader(QNetworkAccessManager *network, LogTableModel *model, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_model(model)
{
    m_plan.followRows([this] { return m_model->rowCount(); },
                      [this](int rows, int insertedAtTop) { followPlanRows(rows, insertedAtTop); });
    connect(m_model, &LogTableModel::moreRequested, this, [this] {
        m_plan.wantMore();
        schedule();
    });
}

RunLoader::~RunLoader()
{
    abortAll();
}

void RunLoader::setPacer(RequestPacer *pacer)
{
    m_pacer = pacer;
    m_customPacer = pacer != nullptr;
}

void RunLoader::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    begin(endpoint, run, reverse);
    askCache();
    schedule();
    emit progressChanged();
}

void RunLoader::begin(const ApiEndpoint &endpoint, const RunRef &run, bool reverse)
{
    close();
    m_run = run;
    m_plan.setReversed(reverse);
    m_client = new ApiClient(m_network, endpoint, this);
    m_client->setLimits(m_replyLimits);
    if (!m_customPacer)
        m_pacer = RequestPacer::shared(endpoint.baseUrl, endpoint.token);
    m_model->setReversed(reverse);
    chooseCache(endpoint, run);
    setState(State::Opening);
}

void RunLoader::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse, ParsedPage firstPage)
{
    begin(endpoint, run, reverse);
    // The loader that fetched it has checked it and asked again if it looked short. (That loader
    // asked the cache first: the cache did not hold the run, so it is not asked again; the pages
    // that arrive are stored all the same.)
    m_plan.page(0).shortRechecks = m_retryPolicy.shortPageRechecks;
    handlePage(0, std::move(firstPage));
    schedule();
    emit progressChanged();
}

void RunLoader::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse, const PageCache::Stored &stored)
{
    begin(endpoint, run, reverse);
    if (m_cache)
        applyStored(stored);
    else
        schedule();
    emit progressChanged();
}

void RunLoader::copySettingsFrom(const RunLoader &other)
{
    if (other.m_customPacer)
        setPacer(other.m_pacer);
    m_replyLimits = other.m_replyLimits;
    m_retryPolicy = other.m_retryPolicy;
    m_maxInFlight = other.m_maxInFlight;
}

void RunLoader::close()
{
    ++m_generation;
    abortAll();
    delete m_client;
    m_client = nullptr;
    m_model->clear();
    m_plan.reset();
    m_runInfo = RunInfo();
    m_hasRunInfo = false;
    m_lastError = ApiError();
    m_firstPage = ParsedPage();
    m_requestsSent = 0;
    forgetCache();
    setState(State::Idle);
    emit progressChanged();
}

// The reply is disconnected first: its abort's finished() must not come back as a failure to
// retry. The server may have counted the request, so the pacer keeps it.
void RunLoader::abortRequest(const Request &request)
{
    if (!request.reply)
        return;
    request.reply->disconnect(this);
    request.reply->abort();
    request.reply->deleteLater();
    if (m_pacer)
        m_pacer->finished(request.ticket);
}

void RunLoader::abortAll()
{
    if (m_pacer) {
        for (RequestPacer::Ticket ticket : std::as_const(m_pendingTickets))
            m_pacer->cancel(ticket);
    }
    m_pendingTickets.clear();
    m_plan.forgetAllPages();
    const QHash<int, Request> requests = std::exchange(m_requests, {});
    for (const Request &request : requests)
        abortRequest(request);
}

// The plan changes the rows it pages over, which are the model's. Pages the plan dropped (past a
// short page) have their requests aborted first.
void RunLoader::followPlanRows(int rows, int insertedAtTop)
{
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        if (m_plan.status(it.key()) == PageStatus::InFlight) {
            ++it;
            continue;
        }
        abortRequest(*it);
        it = m_requests.erase(it);
    }
    if (insertedAtTop > 0)
        m_model->insertRowsAtTop(insertedAtTop);
    else
        m_model->resizeRows(rows);
}

void RunLoader::setViewport(int firstRow, int lastRow)
{
    m_plan.setViewport(firstRow, lastRow);
    schedule();
}

void RunLoader::loadAll()
{
    m_plan.setLoadingAll(true);
    schedule();
    checkAllLoaded();
}

void RunLoader::stopLoadingAll()
{
    m_plan.setLoadingAll(false);
    m_plan.stopConfirmingEnd();
    schedule();
}

void RunLoader::cancelAll()
{
    m_plan.setLoadingAll(false);
    m_plan.stopConfirmingEnd();
    m_plan.stopWantingMore();
    if (m_pacer) {
        for (RequestPacer::Ticket ticket : std::as_const(m_pendingTickets))
            m_pacer->cancel(ticket);
    }
    m_pendingTickets.clear();
    bool any = false;
    const QList<int> pages = m_plan.pages().keys();
    for (const int page : pages) {
        if (!m_plan.isAwaitingAnswer(page))
            continue;
        const auto request = m_requests.constFind(page);
        if (request != m_requests.cend()) {
            abortRequest(*request);
            m_requests.erase(request);
        }
        m_plan.page(page).status = PageStatus::Failed;
        m_model->setRowsState(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::Failed);
        any = true;
    }
    if (any) {
        m_lastError = ApiError::cancelled();
        if (!m_hasRunInfo)
            setState(State::Failed);
        emit pageFailed(m_lastError);
    }
    emit progressChanged();
}

void RunLoader::retryFailed()
{
    bool any = false;
    const QList<int> pages = m_plan.pages().keys();
    for (const int page : pages) {
        if (m_plan.status(page) != PageStatus::Failed)
            continue;
        PagePlan::Page &state = m_plan.page(page);
        state.status = PageStatus::Idle;
        state.attempts = 0;
        state.rateLimitHits = 0;
        state.shortRechecks = 0;
        m_model->setRowsState(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::NotLoaded);
        any = true;
    }
    if (m_state == State::Failed)
        setState(State::Opening);
    if (any) {
        m_lastError = ApiError();
        emit errorsCleared();
    }
    schedule();
}

void RunLoader::checkForNewEntries()
{
    if (m_plan.mode() == PagePlan::Mode::Unknown || m_state != State::Open)
        return;
    m_plan.lookForNewEntries();
    schedule();
}

int RunLoader::loadedRows() const
{
    return m_model->store().loadedCount();
}

int RunLoader::knownRows() const
{
    return m_model->rowCount();
}

bool RunLoader::isEndKnown() const
{
    return m_plan.isEnded() || m_plan.mode() == PagePlan::Mode::Counted;
}

int RunLoader::failedPageCount() const
{
    return m_plan.failedPageCount();
}

int RunLoader::otherRunEntryCount() const
{
    return m_model->store().otherRunCount();
}

// A status that is missing or unknown may still change: treated as going.
bool RunLoader::isRunGoing() const
{
    const RunPhase phase = m_runInfo.status ? runPhaseOf(*m_runInfo.status) : RunPhase::Unknown;
    return phase != RunPhase::Succeeded && phase != RunPhase::Failed;
}

int RunLoader::nextWantedPage() const
{
    return isPlanning() ? m_plan.nextWantedPage() : -1;
}

void RunLoader::schedule()
{
    if (!m_client || !m_pacer || m_waitingForCache)
        return;
    // How many pages could use a request now: count distinct candidates, up to the limit. Pages
    // the cache holds need no request: they are read from it, whatever the limit.
    int wanted = 0;
    const int capacity = std::max(0, m_maxInFlight - pagesInFlight());
    const bool cacheHolds = m_cache && !m_storedRanges.isEmpty();
    QList<int> fromCache;
    if (isPlanning()) {
        int uncached = 0;
        m_plan.walkWantedPages([&](int page) {
            if (cacheHolds && isCachedPage(page)) {
                fromCache.append(page);
                return true;
            }
            ++uncached;
            if (wanted < capacity)
                ++wanted;
            // Without a cache the walk ends at the limit; with one it looks a little further
            // for stored pages, but not through a whole run of pages to fetch.
            return !(wanted >= capacity && (!cacheHolds || uncached >= capacity + 4));
        });
    }
    for (const int page : std::as_const(fromCache))
        readFromCache(page, page, false);
    readNextStoredChunk();
    const bool visible = m_plan.servesTheView();
    while (int(m_pendingTickets.size()) < wanted) {
        const RequestPacer::Ticket ticket = m_pacer->acquire(
            visible ? RequestPacer::Priority::Visible : RequestPacer::Priority::Background, this,
            [this](RequestPacer::Ticket granted) { onSlotGranted(granted); });
        m_pendingTickets.insert(ticket);
    }
    // Requests that waited for pages no longer wanted are dropped before they are sent.
    while (int(m_pendingTickets.size()) > wanted) {
        const RequestPacer::Ticket ticket = *m_pendingTickets.cbegin();
        m_pendingTickets.remove(ticket);
        m_pacer->cancel(ticket);
    }
}

void RunLoader::onSlotGranted(RequestPacer::Ticket ticket)
{
    if (!m_pendingTickets.remove(ticket)) {
        m_pacer->returnUnused(ticket);
        return;
    }
    int page = nextWantedPage();
    while (page >= 0 && isCachedPage(page)) {
        readFromCache(page, page, false);
        page = nextWantedPage();
    }
    if (page < 0) {
        m_pacer->returnUnused(ticket);
        return;
    }
    sendPage(page, ticket);
    schedule();
}

void RunLoader::sendPage(int page, RequestPacer::Ticket ticket)
{
    PageQuery query;
    query.skip = qint64(page) * kPageSize;
    query.limit = kPageSize;
    query.reverse = m_plan.isReversed();
    PageReply *reply = m_client->fetchPage(m_run, query);
    PagePlan::Page &state = m_plan.page(page);
    state.status = PageStatus::InFlight;
    state.sentRows = knownRows();
    m_requests.insert(page, Request{reply, ticket});
    ++m_requestsSent;
    m_model->setRowsState(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::Loading);
    const int generation = m_generation;
    connect(reply, &PageReply::finished, this, [this, page, reply, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        onPageFinished(page, reply);
    });
    emit progressChanged();
}

void RunLoader::onPageFinished(int page, PageReply *reply)
{
    const auto request = m_requests.constFind(page);
    if (request == m_requests.cend() || request->reply != reply)
        return;
    const RequestPacer::Ticket ticket = request->ticket;
    m_requests.erase(request);
    m_pacer->finished(ticket);
    if (reply->error().isError()) {
        handleFailure(page, reply->error());
    } else {
        ParsedPage parsed = reply->takePage();
        // Newest first: rows may have moved since the request went out, or must move now.
        int shift = 0;
        if (m_plan.isReversed() && m_plan.mode() == PagePlan::Mode::Counted && parsed.run.id == m_run.runId) {
            const PagePlan::Alignment alignment =
                m_plan.alignNewestFirst(m_plan.pages().value(page).sentRows, parsed.run.totalLogs);
            if (alignment.newRows > 0)
                shiftNewestFirst(alignment.newRows);
            shift = alignment.shift;
        }
        const QString problem = checkPage(page, parsed, shift);
        if (!problem.isEmpty()) {
            handleFailure(page, ApiError::invalidResponse(problem));
        } else if (shift > 0) {
            updateRunInfo(parsed.run);
            storeFetched(page, parsed.run, parsed.entries);
            placeShifted(page, page * kPageSize + shift, std::move(parsed.entries));
        } else {
            handlePage(page, std::move(parsed));
        }
    }
    schedule();
    checkAllLoaded();
    emit progressChanged();
}

int RunLoader::jittered(int delayMs) const
{
    // ±25 % so that many clients (or pages) do not retry in lockstep.
    const int spread = std::max(1, delayMs / 4);
    return std::max(0, delayMs - spread + int(QRandomGenerator::global()->bounded(2 * spread + 1)));
}

void RunLoader::handleFailure(int page, const ApiError &error)
{
    PagePlan::Page &state = m_plan.page(page);
    const int firstRow = page * kPageSize;
    const int lastRow = firstRow + kPageSize - 1;
    if (error.kind == ApiError::Kind::Cancelled) {
        // Only a cancel of ours comes as Cancelled (PageReply maps Qt's own aborts to Network):
        // nothing failed, the page is simply wanted again.
        state.status = PageStatus::Idle;
        m_model->setRowsState(firstRow, lastRow, LogStore::RowState::NotLoaded);
        return;
    }
    if (error.isRateLimited() && ++state.rateLimitHits <= m_retryPolicy.maxRateLimitHits) {
        const int exponent = std::min(state.rateLimitHits - 1, 16);
        const int backoff = int(std::min<qint64>(m_retryPolicy.maxDelayMs,
                                                  qint64(m_retryPolicy.rateLimitBaseDelayMs) << exponent));
        const int delay = error.retryAfterMs >= 0 ? error.retryAfterMs : jittered(backoff);
        m_pacer->pauseFor(delay);
        state.status = PageStatus::Idle; // the same page goes again once the pause is over
        m_model->setRowsState(firstRow, lastRow, LogStore::RowState::NotLoaded);
        emit retrying(error, delay);
        return;
    }
    if (error.isTransient() && !error.isRateLimited()
        && ++state.attempts < m_retryPolicy.maxAttempts) {
        const int exponent = std::min(state.attempts - 1, 16);
        const int delay = jittered(int(std::min<qint64>(m_retryPolicy.maxDelayMs,
                                                         qint64(m_retryPolicy.baseDelayMs) << exponent)));
        state.status = PageStatus::Backoff;
        m_model->setRowsState(firstRow, lastRow, LogStore::RowState::NotLoaded);
        const int generation = m_generation;
        QTimer::singleShot(delay, this, [this, page, generation] {
            if (generation != m_generation)
                return;
            if (m_plan.status(page) == PageStatus::Backoff) {
                m_plan.page(page).status = PageStatus::Idle;
                schedule();
            }
        });
        emit retrying(error, delay);
        return;
    }
    state.status = PageStatus::Failed;
    m_model->setRowsState(firstRow, lastRow, LogStore::RowState::Failed);
    m_lastError = error;
    if (!m_hasRunInfo)
        setState(State::Failed);
    emit pageFailed(error);
}

// A well-formed page can still be wrong for this request; such a page is a failure (retried,
// then shown), never placed.
QString RunLoader::checkPage(int page, const ParsedPage &parsed, int shift) const
{
    if (parsed.run.id != m_run.runId) {
        return tr("the server answered with run %1 instead of run %2")
            .arg(parsed.run.id)
            .arg(m_run.runId);
    }
    const qsizetype count = parsed.entries.size();
    if (count > kPageSize) {
        // More than `limit` would spill into the next page's positions and double its rows.
        return tr("the server sent %1 entries where at most %2 were asked for").arg(count).arg(kPageSize);
    }
    // A page placed lower than its skip (newest first, answered before a growth) overlaps the
    // pages around it by design: the comparison below would call that a server ignoring skip.
    if (count == 0 || shift > 0)
        return {};
    // A server that ignores skip sends the same entries for every page: paging would never end
    // (appending) or fill the run with copies (counted). Real entries differ at least in time.
    // Pages are compared by their first entry (one comparison per loaded page), then in full.
    const LogStore &store = m_model->store();
    const QByteArray &firstRaw = parsed.entries.first().rawJson;
    for (auto it = m_plan.pages().cbegin(); it != m_plan.pages().cend(); ++it) {
        const int neighbour = it.key();
        if (neighbour == page || it->status != PageStatus::Loaded)
            continue;
        if (neighbour * kPageSize >= store.size() || store.at(neighbour * kPageSize).rawJson != firstRaw)
            continue;
        const int first = neighbour * kPageSize;
        if (first + count > store.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; i < count && same; ++i)
            same = store.isLoaded(first + int(i)) && store.at(first + int(i)).rawJson == parsed.entries.at(i).rawJson;
        if (same) {
            return tr("the server sent the same entries for skip=%1 as for skip=%2 (it seems to ignore paging)")
                .arg(qint64(page) * kPageSize)
                .arg(qint64(neighbour) * kPageSize);
        }
    }
    return {};
}

void RunLoader::recheckShortPage(int page, QList<LogEntry> &&entries)
{
    ++m_plan.page(page).shortRechecks;
    const int firstRow = page * kPageSize;
    // What did arrive is right for its positions: show it while the rest is asked again.
    if (m_plan.mode() == PagePlan::Mode::Counted && !entries.isEmpty()) {
        flagOtherRunEntries(firstRow, entries);
        m_model->setEntries(firstRow, std::move(entries));
    }
    m_model->setRowsState(firstRow, firstRow + kPageSize - 1, LogStore::RowState::NotLoaded);
    m_plan.page(page).status = PageStatus::Backoff;
    const int generation = m_generation;
    QTimer::singleShot(jittered(m_retryPolicy.baseDelayMs), this, [this, page, generation] {
        if (generation != m_generation)
            return;
        if (m_plan.status(page) == PageStatus::Backoff) {
            m_plan.page(page).status = PageStatus::Idle;
            schedule();
        }
    });
}

void RunLoader::flagOtherRunEntries(int firstRowOfEntries, QList<LogEntry> &entries)
{
    int count = 0;
    int firstRow = -1;
    qint64 otherId = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        LogEntry &entry = entries[i];
        entry.otherRun = entry.agentRunId != m_run.runId;
        if (!entry.otherRun)
            continue;
        if (count++ == 0) {
            firstRow = firstRowOfEntries + int(i);
            otherId = entry.agentRunId;
        }
    }
    if (count > 0) {
        // Queued: the rows are placed first, and a slot may open a dialog.
        QMetaObject::invokeMethod(this, [this, firstRow, count, otherId, generation = m_generation] {
            if (generation == m_generation)
                emit otherRunEntries(firstRow, count, otherId);
        }, Qt::QueuedConnection);
    }
}

void RunLoader::handlePage(int page, ParsedPage &&parsed)
{
    const qint64 skip = qint64(page) * kPageSize;
    const int count = int(parsed.entries.size());
    const std::optional<qint64> total = parsed.run.totalLogs;

    updateRunInfo(parsed.run);
    if (page == 0)
        m_plan.newestArrived();
    if (m_plan.isSuspiciouslyShort(page, count, total, m_retryPolicy.shortPageRechecks)) {
        recheckShortPage(page, std::move(parsed.entries));
        return;
    }
    m_plan.setLoaded(page);
    if (m_plan.mode() == PagePlan::Mode::Unknown) {
        m_firstPage = parsed; // shares the entries' bytes; kept for open(…, firstPage)
        m_plan.decideMode(count, total);
        setState(State::Open);
    }

    const PagePlan::Arrival arrival =
        m_plan.reconcileCount(page, count, total, [this](int row) { return loadedAfter(row); });
    if (arrival.outcome == PagePlan::Outcome::PastEnd)
        return;
    if (arrival.outcome == PagePlan::Outcome::Contradicts) {
        // Keep what came and every later row; the rest of the page fails visibly.
        flagOtherRunEntries(page * kPageSize, parsed.entries);
        m_model->setEntries(int(skip), std::move(parsed.entries));
        m_plan.page(page).status = PageStatus::Failed;
        m_model->setRowsState(int(skip), int(skip) + kPageSize - 1, LogStore::RowState::Failed);
        m_lastError = ApiError::invalidResponse(tr("the server sent %1 entries at skip=%2 where %3 were "
                                                   "expected, though later entries exist")
                                                    .arg(count)
                                                    .arg(skip)
                                                    .arg(arrival.expected));
        emit pageFailed(m_lastError);
        return;
    }
    storeFetched(page, parsed.run, parsed.entries);
    flagOtherRunEntries(page * kPageSize, parsed.entries);
    m_model->setEntries(int(skip), std::move(parsed.entries));
    m_model->setMoreAvailable(m_plan.mayHaveMore());
    m_plan.settleEnd();
    if (failedPageCount() == 0 && m_lastError.isError()) {
        m_lastError = ApiError();
        emit errorsCleared();
    }
}

bool RunLoader::loadedAfter(int row) const
{
    const LogStore &store = m_model->store();
    for (int r = std::max(0, row); r < store.size(); ++r) {
        if (store.isLoaded(r))
            return true;
    }
    return false;
}

void RunLoader::shiftNewestFirst(int newRows)
{
    // The model's rows go in first (followPlanRows); every other page's state is then read again
    // from its rows, which moved down with their entries.
    m_plan.shiftNewestFirst(newRows);
    rederivePageStates(0, m_plan.lastPage());
    m_storedCursor = 0; // the stored pages still to read are at other rows now
}

// The store's row states and the plan's page states say the same where both apply; after rows
// moved or came from elsewhere (the library), the pages are read again from the rows.
void RunLoader::rederivePageStates(int firstPage, int lastPage)
{
    const LogStore &store = m_model->store();
    for (int page = std::max(0, firstPage); page <= lastPage; ++page) {
        if (m_plan.isAwaitingAnswer(page))
            continue;
        const int first = page * kPageSize;
        const int last = std::min(store.size(), first + kPageSize) - 1;
        bool all = first <= last;
        bool failed = false;
        for (int row = first; row <= last; ++row) {
            all = all && store.isLoaded(row);
            failed = failed || store.state(row) == LogStore::RowState::Failed;
        }
        m_plan.settlePage(page, all, failed);
    }
}

// Newest first: entries answered before a growth, placed `firstRow - page * kPageSize` rows
// below their skip. They straddle two pages; both are what their rows say afterwards (a page
// partly filled is asked for again when wanted, and its rows already here are rewritten with the
// same entries).
void RunLoader::placeShifted(int page, int firstRow, QList<LogEntry> &&entries)
{
    const int rows = knownRows();
    const int count = int(std::min<qsizetype>(entries.size(), std::max(0, rows - firstRow)));
    entries.resize(count);
    const int lastRow = firstRow + count - 1;
    // The rows the request marked as loading are rows below now: put them back.
    m_model->setRowsState(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::NotLoaded);
    if (count > 0) {
        flagOtherRunEntries(firstRow, entries);
        m_model->setEntries(firstRow, std::move(entries));
    }
    m_plan.forget(page);
    rederivePageStates(page, PagePlan::pageOfRow(std::max(firstRow, lastRow)));
    if (failedPageCount() == 0 && m_lastError.isError()) {
        m_lastError = ApiError();
        emit errorsCleared();
    }
}

void RunLoader::updateRunInfo(const RunInfo &info)
{
    m_runInfo = info;
    m_hasRunInfo = true;
    emit runInfoChanged();
}

void RunLoader::checkAllLoaded()
{
    if (!m_plan.isLoadingAll() || pagesInFlight() > 0 || loadedRows() != knownRows())
        return;
    if (m_plan.loadAllReachedEnd()) {
        emit allLoaded();
        return;
    }
    schedule();
}

void RunLoader::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
