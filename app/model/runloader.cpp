// SPDX-License-Identifier: MIT
#include "model/runloader.h"

#include "rows/logtablemodel.h"
#include "run/runstatus.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTimer>

#include <algorithm>

namespace {
// A total beyond this is not believed: rows are then appended as pages prove them.
constexpr qint64 kMaxTrustedTotal = 20'000'000;
PageCache *s_defaultCache = nullptr;
}

RunLoader::RunLoader(QNetworkAccessManager *network, LogTableModel *model, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_model(model)
{
    connect(m_model, &LogTableModel::moreRequested, this, [this] {
        m_wantMore = true;
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

void RunLoader::setPageCache(PageCache *cache)
{
    m_chosenCache = cache;
    m_cacheChosen = true;
}

void RunLoader::setDefaultPageCache(PageCache *cache)
{
    s_defaultCache = cache;
}

PageCache *RunLoader::defaultPageCache()
{
    return s_defaultCache;
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
    m_reverse = reverse;
    m_client = new ApiClient(m_network, endpoint, this);
    m_client->setLimits(m_replyLimits);
    if (!m_customPacer)
        m_pacer = RequestPacer::shared(endpoint.baseUrl, endpoint.token);
    m_model->setReversed(reverse);
    m_cache = m_cacheChosen ? m_chosenCache : s_defaultCache;
    if (m_cache)
        m_cacheKey = PageCache::Key{PageCache::originOf(endpoint.baseUrl), run};
    setState(State::Opening);
}

void RunLoader::open(const ApiEndpoint &endpoint, const RunRef &run, bool reverse, ParsedPage firstPage)
{
    begin(endpoint, run, reverse);
    // The loader that fetched it has checked it and asked again if it looked short. (That loader
    // asked the cache first: the cache did not hold the run, so it is not asked again; the pages
    // that arrive are stored all the same.)
    m_pages[0].shortRechecks = m_retryPolicy.shortPageRechecks;
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

PageCache::Stored RunLoader::takeStoredAtOpen()
{
    return std::exchange(m_openedWith, PageCache::Stored());
}

void RunLoader::askCache()
{
    if (!m_cache)
        return;
    m_waitingForCache = true;
    const int generation = m_generation;
    m_cache->openRun(m_cacheKey, this, [this, generation](const PageCache::Stored &stored) {
        if (generation == m_generation)
            applyStored(stored);
    });
}

void RunLoader::copySettingsFrom(const RunLoader &other)
{
    if (other.m_customPacer)
        setPacer(other.m_pacer);
    m_replyLimits = other.m_replyLimits;
    m_retryPolicy = other.m_retryPolicy;
    m_maxInFlight = other.m_maxInFlight;
}

void RunLoader::applyStored(const PageCache::Stored &stored)
{
    m_waitingForCache = false;
    // Kept while the state changes (a probe hands it on from there), then let go: the rows hold
    // the entries from now on.
    m_openedWith = stored;
    const auto letGo = qScopeGuard([this] { m_openedWith = PageCache::Stored(); });
    const std::optional<qint64> total = stored.run.totalLogs;
    const qint64 extent = stored.ranges.isEmpty() ? 0 : stored.ranges.last().second + 1;
    if (stored.found && total && *total >= 0 && *total <= kMaxTrustedTotal && extent <= kMaxTrustedTotal) {
        // The count as last seen: every row at once, the stored ones read from the cache.
        m_storedRanges = stored.ranges;
        m_mode = Mode::Counted;
        m_model->resizeRows(int(std::max(*total, extent)));
        updateRunInfo(stored.run);
        const bool going = isRunGoing();
        m_ended = !going; // a finished run does not grow
        placeStored(stored);
        m_readingStoredRest = stored.entries.isEmpty() && !stored.ranges.isEmpty();
        m_openedFromCache = true;
        setState(State::Open);
        if (going) {
            // What is new since: the newest page is asked at once.
            if (m_reverse)
                m_refreshNewest = true;
            else
                m_endConfirmWanted = true;
        }
    } else if (stored.found && !m_reverse && !stored.ranges.isEmpty() && stored.ranges.first().first == 0) {
        // No count was ever given: the stored whole pages from the start, then appending as usual.
        const qint64 rows = std::min(stored.ranges.first().second + 1, kMaxTrustedTotal) / kPageSize * kPageSize;
        if (rows > 0) {
            m_storedRanges = {{0, rows - 1}};
            m_mode = Mode::Appending;
            m_model->resizeRows(int(rows));
            m_model->setMoreAvailable(true);
            updateRunInfo(stored.run);
            placeStored(stored);
            m_readingStoredRest = stored.entries.isEmpty();
            m_openedFromCache = true;
            setState(State::Open);
        }
    }
    schedule();
    checkAllLoaded();
    emit progressChanged();
}

// The entries that came with the run (PageCache::Stored::entries) go in place before the rows
// show, so a stored run opens whole: no read per page, and the timeline and statistics see every
// row at once. Pages of a run still going where it grows stay to be asked of the server.
void RunLoader::placeStored(const PageCache::Stored &stored)
{
    if (stored.entries.isEmpty())
        return;
    const qint64 rows = knownRows();
    qsizetype offset = 0;
    for (const auto &[first, last] : std::as_const(stored.ranges)) {
        const qsizetype count = last - first + 1;
        const qint64 placedLast = std::min<qint64>(last, rows - 1);
        if (first <= placedLast) {
            QList<LogEntry> slice = stored.entries.mid(offset, placedLast - first + 1);
            int firstRow = int(first);
            if (m_reverse) {
                std::reverse(slice.begin(), slice.end());
                firstRow = int(rows - 1 - placedLast);
            }
            flagOtherRunEntries(firstRow, slice);
            m_model->setEntries(firstRow, std::move(slice));
        }
        offset += count;
    }
    rederivePageStates(0, lastPageIndex());
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (it->status == PageStatus::Loaded && isRunGoing() && isGrowthPage(it.key())) {
            it = m_pages.erase(it); // asked of the server, whatever its rows hold
            continue;
        }
        m_pagesFromCache += it->status == PageStatus::Loaded ? 1 : 0;
        ++it;
    }
    if (isShortLastPageLoaded())
        m_ended = true;
}

// The last rows, short of a page, are loaded: that is the end, as a short page from the API says.
// (Where a run still going grows, oldest first, that page counts only once the server sent it;
// newest first, the last page holds the oldest entries, which never change.)
bool RunLoader::isShortLastPageLoaded() const
{
    const auto lastPage = m_pages.constFind(lastPageIndex());
    return m_mode == Mode::Counted && knownRows() % kPageSize != 0 && lastPage != m_pages.cend()
        && lastPage->status == PageStatus::Loaded;
}

// A status that is missing or unknown may still change: treated as going.
bool RunLoader::isRunGoing() const
{
    const RunPhase phase = m_runInfo.status ? runPhaseOf(*m_runInfo.status) : RunPhase::Unknown;
    return phase != RunPhase::Succeeded && phase != RunPhase::Failed;
}

// The page where new entries of a run still going appear: the newest page newest first, the
// short last page oldest first (a full last page cannot grow: the next page is asked).
bool RunLoader::isGrowthPage(int page) const
{
    return m_reverse ? page == 0 : (knownRows() % kPageSize != 0 && page == lastPageIndex());
}

std::pair<qint64, qint64> RunLoader::positionsOfPage(int page) const
{
    const qint64 rows = knownRows();
    const qint64 firstRow = qint64(page) * kPageSize;
    const qint64 lastRow = std::min(firstRow + kPageSize - 1, rows - 1);
    if (!m_reverse)
        return {firstRow, lastRow};
    return {rows - 1 - lastRow, rows - 1 - firstRow};
}

bool RunLoader::isCachedPage(int page) const
{
    if (!m_cache || m_storedRanges.isEmpty())
        return false;
    // Where a run still going grows is always asked of the server: the library holds that page as
    // it was, and a check for new entries (the follower's) must see what came since.
    if (isGrowthPage(page) && isRunGoing())
        return false;
    const auto [first, last] = positionsOfPage(page);
    if (last < first)
        return false;
    for (const auto &range : m_storedRanges) {
        if (range.first <= first && last <= range.second)
            return true;
    }
    return false;
}

void RunLoader::readFromCache(int firstPage, int lastPage, bool storedChunk)
{
    for (int page = firstPage; page <= lastPage; ++page) {
        m_pages[page].status = PageStatus::Reading;
        m_model->setRowsState(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::Loading);
    }
    // Positions run the other way newest first: the span is from the last page's oldest entry.
    const qint64 first = m_reverse ? positionsOfPage(lastPage).first : positionsOfPage(firstPage).first;
    const qint64 last = m_reverse ? positionsOfPage(firstPage).second : positionsOfPage(lastPage).second;
    const int generation = m_generation;
    const int rows = knownRows();
    m_cache->readRows(m_cacheKey, first, int(last - first + 1), this,
                      [this, generation, firstPage, lastPage, first, rows, storedChunk](QList<LogEntry> entries) {
                          if (generation != m_generation)
                              return;
                          if (storedChunk)
                              m_storedChunkInFlight = false;
                          for (int page = firstPage; page <= lastPage; ++page) {
                              const auto [pageFirst, pageLast] = positionsOfPage(page);
                              placeCachedPage(page, rows, entries.mid(pageFirst - first, pageLast - pageFirst + 1));
                          }
                          schedule();
                          checkAllLoaded();
                          emit progressChanged();
                      });
}

void RunLoader::placeCachedPage(int page, int rowsWhenAsked, QList<LogEntry> &&entries)
{
    auto it = m_pages.find(page);
    if (it == m_pages.end() || it->status != PageStatus::Reading)
        return; // the page was dropped meanwhile (positions restarted, a shorter run)
    const auto [first, last] = positionsOfPage(page);
    const int firstRow = page * kPageSize;
    if (rowsWhenAsked != knownRows() || entries.size() != last - first + 1) {
        // The rows moved (a run newest first grew), or the cache no longer holds the page (removed
        // by another process, unreadable): fetch it, and no longer trust the cache for this run.
        if (rowsWhenAsked == knownRows())
            m_storedRanges.clear();
        it->status = PageStatus::Idle;
        m_model->setRowsState(firstRow, firstRow + kPageSize - 1, LogStore::RowState::NotLoaded);
        return;
    }
    if (m_reverse)
        std::reverse(entries.begin(), entries.end());
    it->status = PageStatus::Loaded;
    ++m_pagesFromCache;
    // The last rows, short of a page: the end, as a short page from the API says. (Of a run still
    // going, oldest first, that page is never read from the cache: it is where the run grows.)
    if (m_mode == Mode::Counted && firstRow + entries.size() == knownRows() && entries.size() < kPageSize)
        m_ended = true;
    flagOtherRunEntries(firstRow, entries);
    m_model->setEntries(firstRow, std::move(entries));
}

// A run too large to come whole with open(): its stored pages are read in the background, a chunk
// at a time from the first row down (what is on screen still goes first, through schedule()), so
// it too is whole without the user scrolling through it.
void RunLoader::readNextStoredChunk()
{
    constexpr int kChunkPages = 50;
    if (!m_readingStoredRest || m_storedChunkInFlight)
        return;
    const int lastPage = lastPageIndex();
    while (m_storedCursor <= lastPage && !(isCandidate(m_storedCursor) && isCachedPage(m_storedCursor)))
        ++m_storedCursor;
    if (m_storedCursor > lastPage || m_storedRanges.isEmpty()) {
        m_readingStoredRest = false;
        return;
    }
    int last = m_storedCursor;
    while (last < lastPage && last - m_storedCursor + 1 < kChunkPages && isCandidate(last + 1) && isCachedPage(last + 1))
        ++last;
    m_storedChunkInFlight = true;
    readFromCache(m_storedCursor, last, true);
    m_storedCursor = last + 1;
}

void RunLoader::storeFetched(int page, const RunInfo &run, const QList<LogEntry> &entries)
{
    if (!m_cache)
        return;
    const qint64 count = entries.size();
    qint64 first = qint64(page) * kPageSize;
    QList<LogEntry> chronological = entries;
    if (m_reverse) {
        // Newest first, positions count from the end: the page's own total_logs places them.
        const std::optional<qint64> total = run.totalLogs;
        if (!total || *total < first + count || *total > kMaxTrustedTotal) {
            m_cache->store(m_cacheKey, run, 0, {});
            return;
        }
        first = *total - first - count;
        std::reverse(chronological.begin(), chronological.end());
    }
    m_cache->store(m_cacheKey, run, first, chronological);
    if (count > 0)
        addPositionRange(m_storedRanges, first, first + count - 1);
}

void RunLoader::close()
{
    ++m_generation;
    abortAll();
    delete m_client;
    m_client = nullptr;
    m_model->clear();
    m_mode = Mode::Unknown;
    m_runInfo = RunInfo();
    m_hasRunInfo = false;
    m_lastError = ApiError();
    m_firstPage = ParsedPage();
    m_firstVisiblePage = m_lastVisiblePage = -1;
    m_wantMore = m_loadAll = m_ended = m_endConfirmWanted = m_refreshNewest = m_countCut = false;
    m_requestsSent = 0;
    m_cache = nullptr;
    m_storedRanges.clear();
    m_waitingForCache = false;
    m_readingStoredRest = m_storedChunkInFlight = false;
    m_storedCursor = 0;
    m_pagesFromCache = 0;
    m_openedFromCache = false;
    setState(State::Idle);
    emit progressChanged();
}

void RunLoader::abortAll()
{
    if (m_pacer) {
        for (RequestPacer::Ticket ticket : std::as_const(m_pendingTickets))
            m_pacer->cancel(ticket);
    }
    m_pendingTickets.clear();
    const QHash<int, PageState> pages = std::exchange(m_pages, {});
    for (const PageState &page : pages) {
        if (page.reply) {
            page.reply->disconnect(this);
            page.reply->abort();
            page.reply->deleteLater();
            if (m_pacer)
                m_pacer->finished(page.ticket);
        }
    }
    m_inFlight = 0;
}

void RunLoader::setViewport(int firstRow, int lastRow)
{
    if (lastRow < firstRow || lastRow < 0) {
        m_firstVisiblePage = m_lastVisiblePage = -1;
    } else {
        m_firstVisiblePage = pageOfRow(std::max(0, firstRow));
        m_lastVisiblePage = pageOfRow(lastRow);
    }
    schedule();
}

void RunLoader::loadAll()
{
    m_loadAll = true;
    schedule();
    checkAllLoaded();
}

void RunLoader::stopLoadingAll()
{
    m_loadAll = false;
    m_endConfirmWanted = false;
    schedule();
}

void RunLoader::cancelAll()
{
    m_loadAll = false;
    m_endConfirmWanted = false;
    m_wantMore = false;
    if (m_pacer) {
        for (RequestPacer::Ticket ticket : std::as_const(m_pendingTickets))
            m_pacer->cancel(ticket);
    }
    m_pendingTickets.clear();
    bool any = false;
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        PageState &state = *it;
        if (state.status != PageStatus::InFlight && state.status != PageStatus::Backoff)
            continue;
        if (state.reply) {
            // Disconnected first: the abort's finished() must not come back as a failure to
            // retry. The server may have counted the request, so the pacer keeps it.
            state.reply->disconnect(this);
            state.reply->abort();
            state.reply->deleteLater();
            state.reply = nullptr;
            m_pacer->finished(state.ticket);
            --m_inFlight;
        }
        state.status = PageStatus::Failed;
        m_model->setRowsState(it.key() * kPageSize, it.key() * kPageSize + kPageSize - 1,
                          LogStore::RowState::Failed);
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
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        if (it->status != PageStatus::Failed)
            continue;
        it->status = PageStatus::Idle;
        it->attempts = 0;
        it->rateLimitHits = 0;
        it->shortRechecks = 0;
        m_model->setRowsState(it.key() * kPageSize, it.key() * kPageSize + kPageSize - 1,
                          LogStore::RowState::NotLoaded);
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
    if (m_mode == Mode::Unknown || m_state != State::Open)
        return;
    if (m_reverse) {
        // Newest first: new entries arrive at the top, so the newest page is the one to ask;
        // its total_logs says how far everything moved down.
        auto first = m_pages.find(0);
        if (first != m_pages.end() && first->status == PageStatus::Loaded)
            first->status = PageStatus::Idle;
        m_refreshNewest = true;
        m_countCut = false;
        schedule();
        return;
    }
    const int rows = knownRows();
    m_ended = false;
    if (rows % kPageSize != 0) {
        // The last page was short: ask for it again, it may have grown.
        PageState &last = m_pages[lastPageIndex()];
        if (last.status == PageStatus::Loaded)
            last.status = PageStatus::Idle;
    }
    if (rows % kPageSize == 0) {
        // Forget the earlier look past the end so it is asked again.
        const auto tail = m_pages.constFind(rows / kPageSize);
        if (tail != m_pages.cend() && tail->status == PageStatus::Loaded)
            m_pages.remove(rows / kPageSize);
    }
    m_endConfirmWanted = true;
    if (m_mode == Mode::Appending)
        m_wantMore = true;
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
    return m_ended || m_mode == Mode::Counted;
}

int RunLoader::failedPageCount() const
{
    return int(std::count_if(m_pages.cbegin(), m_pages.cend(),
                             [](const PageState &p) { return p.status == PageStatus::Failed; }));
}

int RunLoader::otherRunEntryCount() const
{
    return m_model->store().otherRunCount();
}

int RunLoader::lastPageIndex() const
{
    const int rows = knownRows();
    return rows == 0 ? -1 : (rows - 1) / kPageSize;
}

bool RunLoader::isCandidate(int page) const
{
    const auto it = m_pages.constFind(page);
    return it == m_pages.cend() || it->status == PageStatus::Idle;
}

int RunLoader::nextWantedPage() const
{
    if (m_state != State::Opening && m_state != State::Open)
        return -1;
    if (m_mode == Mode::Unknown)
        return isCandidate(0) ? 0 : -1;
    if (m_refreshNewest && isCandidate(0))
        return 0;

    const int lastPage = lastPageIndex();
    // 1. What is on screen, top first.
    if (m_firstVisiblePage >= 0) {
        for (int page = m_firstVisiblePage; page <= std::min(m_lastVisiblePage, lastPage); ++page) {
            if (isCandidate(page))
                return page;
        }
    }
    // 2. The page after the last row: the view reached the end (appending), a run that may have
    //    grown, or confirming the end before declaring everything loaded.
    const int rows = knownRows();
    const int tailPage = rows / kPageSize;
    const bool tailWanted = !m_ended && rows % kPageSize == 0
        && ((m_mode == Mode::Appending && (m_wantMore || m_loadAll)) || m_endConfirmWanted);
    // A re-check of a short last page (checkForNewEntries) makes that page Idle again.
    if (m_endConfirmWanted && rows % kPageSize != 0 && isCandidate(lastPage))
        return lastPage;
    if (tailWanted && m_mode == Mode::Appending && isCandidate(tailPage))
        return tailPage;
    // 3. Everything, oldest first, for export and search.
    if (m_loadAll) {
        // Pages after a short page that is being asked again are likely past the end: wait.
        const int shortPage = firstShortPageInQuestion();
        const int last = shortPage >= 0 ? std::min(lastPage, shortPage) : lastPage;
        for (int page = 0; page <= last; ++page) {
            if (isCandidate(page))
                return page;
        }
    }
    if (tailWanted && isCandidate(tailPage))
        return tailPage;
    return -1;
}

void RunLoader::schedule()
{
    if (!m_client || !m_pacer || m_waitingForCache)
        return;
    // How many pages could use a request now: count distinct candidates, up to the limit. Pages
    // the cache holds need no request: they are read from it, whatever the limit.
    int wanted = 0;
    const int capacity = std::max(0, m_maxInFlight - m_inFlight);
    const bool cacheHolds = m_cache && !m_storedRanges.isEmpty();
    QList<int> fromCache;
    {
        // Walk the candidates by temporarily marking them, so each is counted once.
        QHash<int, PageState> saved = m_pages;
        int uncached = 0;
        while (true) {
            const int page = nextWantedPage();
            if (page < 0)
                break;
            m_pages[page].status = PageStatus::InFlight;
            if (cacheHolds && isCachedPage(page)) {
                fromCache.append(page);
                continue;
            }
            ++uncached;
            if (wanted < capacity)
                ++wanted;
            // Without a cache the walk ends at the limit; with one it looks a little further
            // for stored pages, but not through a whole run of pages to fetch.
            if (wanted >= capacity && (!cacheHolds || uncached >= capacity + 4))
                break;
        }
        m_pages = std::move(saved);
    }
    for (const int page : std::as_const(fromCache))
        readFromCache(page, page, false);
    readNextStoredChunk();
    const bool visible = m_mode == Mode::Unknown
        || (m_firstVisiblePage >= 0 && !m_loadAll) || m_wantMore;
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
    query.reverse = m_reverse;
    PageReply *reply = m_client->fetchPage(m_run, query);
    PageState &state = m_pages[page];
    state.status = PageStatus::InFlight;
    state.reply = reply;
    state.ticket = ticket;
    state.sentRows = knownRows();
    ++m_inFlight;
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
    PageState &state = m_pages[page];
    if (state.reply != reply)
        return;
    state.reply = nullptr;
    --m_inFlight;
    m_pacer->finished(state.ticket);
    if (reply->error().isError()) {
        handleFailure(page, reply->error());
    } else {
        ParsedPage parsed = reply->takePage();
        // Newest first: rows may have moved since the request went out, or must move now.
        const int shift = m_reverse && m_mode == Mode::Counted && parsed.run.id == m_run.runId
            ? alignNewestFirst(state.sentRows, parsed.run.totalLogs)
            : 0;
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
    PageState &state = m_pages[page];
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
            auto it = m_pages.find(page);
            if (it != m_pages.end() && it->status == PageStatus::Backoff) {
                it->status = PageStatus::Idle;
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
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
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

// A page shorter than a believable total_logs says: either the count or the page is wrong. One
// more look tells a passing glitch (a proxy, a replica behind) from the truth.
bool RunLoader::isSuspiciouslyShort(int page, int count, const std::optional<qint64> &total) const
{
    if (count >= kPageSize || !total || *total < 0 || *total > kMaxTrustedTotal)
        return false;
    if (m_mode == Mode::Appending)
        return false;
    // An earlier page already came back short and is being asked again: this one, after it,
    // agrees with it (the run ends there), so believe it rather than ask again.
    if (firstShortPageInQuestion() >= 0 && firstShortPageInQuestion() < page)
        return false;
    const auto it = m_pages.constFind(page);
    if (it != m_pages.cend() && it->shortRechecks >= m_retryPolicy.shortPageRechecks)
        return false;
    const qint64 skip = qint64(page) * kPageSize;
    const qint64 rows = std::max<qint64>(m_mode == Mode::Counted ? knownRows() : 0, *total);
    return count < std::clamp<qint64>(rows - skip, 0, kPageSize);
}

int RunLoader::firstShortPageInQuestion() const
{
    int first = -1;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it->shortRechecks > 0 && it->status != PageStatus::Loaded && (first < 0 || it.key() < first))
            first = it.key();
    }
    return first;
}

void RunLoader::recheckShortPage(int page, QList<LogEntry> &&entries)
{
    PageState &state = m_pages[page];
    ++state.shortRechecks;
    const int firstRow = page * kPageSize;
    // What did arrive is right for its positions: show it while the rest is asked again.
    if (m_mode == Mode::Counted && !entries.isEmpty()) {
        flagOtherRunEntries(firstRow, entries);
        m_model->setEntries(firstRow, std::move(entries));
    }
    m_model->setRowsState(firstRow, firstRow + kPageSize - 1, LogStore::RowState::NotLoaded);
    state.status = PageStatus::Backoff;
    const int generation = m_generation;
    QTimer::singleShot(jittered(m_retryPolicy.baseDelayMs), this, [this, page, generation] {
        if (generation != m_generation)
            return;
        auto it = m_pages.find(page);
        if (it != m_pages.end() && it->status == PageStatus::Backoff) {
            it->status = PageStatus::Idle;
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

void RunLoader::dropPagesAfter(int page)
{
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (it.key() > page) {
            if (it->reply) {
                it->reply->disconnect(this);
                it->reply->abort();
                it->reply->deleteLater();
                m_pacer->finished(it->ticket);
                --m_inFlight;
            }
            it = m_pages.erase(it);
        } else {
            ++it;
        }
    }
}

void RunLoader::handlePage(int page, ParsedPage &&parsed)
{
    const qint64 skip = qint64(page) * kPageSize;
    const int count = int(parsed.entries.size());
    const std::optional<qint64> total = parsed.run.totalLogs;
    const bool totalBelievable = total && *total >= 0 && *total <= kMaxTrustedTotal;

    updateRunInfo(parsed.run);
    if (page == 0)
        m_refreshNewest = false;
    if (isSuspiciouslyShort(page, count, total)) {
        recheckShortPage(page, std::move(parsed.entries));
        return;
    }
    PageState &state = m_pages[page];
    state.status = PageStatus::Loaded;
    state.attempts = 0;
    state.rateLimitHits = 0;
    state.shortRechecks = 0;

    if (m_mode == Mode::Unknown) {
        m_firstPage = parsed; // shares the entries' bytes; kept for open(…, firstPage)
        // The count is believed only when the first page agrees with it.
        if (totalBelievable && count == std::min<qint64>(kPageSize, *total)) {
            m_mode = Mode::Counted;
            m_model->resizeRows(int(*total));
        } else {
            m_mode = Mode::Appending;
        }
        setState(State::Open);
    }

    int rows = knownRows();
    if (m_ended && skip >= rows)
        return; // past an end that a short page already proved
    if (m_mode == Mode::Counted) {
        // A larger count means the run grew, unless a short page already proved where it ends
        // (then only checkForNewEntries() opens the end again).
        // (Newest first, growth was handled by alignNewestFirst(): new rows go at the top.)
        if (!m_reverse && totalBelievable && *total > rows && !m_ended) {
            growRows(int(*total));
            rows = int(*total);
        }
        const qint64 expected = std::clamp<qint64>(rows - skip, 0, kPageSize);
        if (count < expected && loadedAfter(int(skip + count))) {
            // Short, asked again, still short, yet later rows exist: this page lies, not the
            // count. Keep what came and every later row; the rest of the page fails visibly.
            flagOtherRunEntries(page * kPageSize, parsed.entries);
            m_model->setEntries(int(skip), std::move(parsed.entries));
            state.status = PageStatus::Failed;
            m_model->setRowsState(int(skip), int(skip) + kPageSize - 1, LogStore::RowState::Failed);
            m_lastError = ApiError::invalidResponse(tr("the server sent %1 entries at skip=%2 where %3 were "
                                                       "expected, though later entries exist")
                                                        .arg(count)
                                                        .arg(skip)
                                                        .arg(expected));
            emit pageFailed(m_lastError);
            return;
        }
        if (count < expected) {
            // A short page before the count: the count was wrong; the page is the truth.
            dropPagesAfter(page);
            m_model->resizeRows(int(skip + count));
            m_ended = true;
            m_countCut = true;
        } else if (count > expected) {
            growRows(int(skip + count));
            if (count == kPageSize)
                m_mode = Mode::Appending; // the count was too low: go on as the docs' loop does
            else
                m_ended = true;
        } else if (skip + count == rows && count < kPageSize) {
            m_ended = true;
        }
    } else {
        if (skip + count > rows)
            growRows(int(skip + count));
        if (skip + count >= knownRows())
            m_ended = count < kPageSize;
        m_wantMore = false;
    }
    storeFetched(page, parsed.run, parsed.entries);
    flagOtherRunEntries(page * kPageSize, parsed.entries);
    m_model->setEntries(int(skip), std::move(parsed.entries));
    m_model->setMoreAvailable(m_mode == Mode::Appending && !m_ended);
    if (m_ended)
        m_endConfirmWanted = false;
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

// Newest first: how many rows lower than its skip a response belongs, after making room for what
// it shows of a run that grew. The response counted `total` entries when it was answered (the
// rows known when it was sent, if it does not say); rows here count knownRows(). More there:
// the run grew, so rows are inserted at the top first. Fewer: it was answered before a growth
// that another response already showed, so its entries sit that much lower now.
int RunLoader::alignNewestFirst(int sentRows, const std::optional<qint64> &total)
{
    const bool believable = total && *total >= 0 && *total <= kMaxTrustedTotal;
    const int counted = believable ? int(*total) : sentRows;
    if (counted > knownRows() && !m_countCut)
        shiftNewestFirst(counted - knownRows());
    return std::max(0, knownRows() - counted);
}

void RunLoader::shiftNewestFirst(int newRows)
{
    m_model->insertRowsAtTop(newRows);
    // Every loaded row moved down with its entry. Pages waiting for an answer keep their state
    // (their answers are placed by their own counts, not by their page number); every other
    // page's state is read again from its rows.
    QHash<int, PageState> pending;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it->status == PageStatus::InFlight || it->status == PageStatus::Backoff)
            pending.insert(it.key(), *it);
    }
    m_pages = std::move(pending);
    rederivePageStates(0, lastPageIndex());
    m_storedCursor = 0; // the stored pages still to read are at other rows now
}

void RunLoader::rederivePageStates(int firstPage, int lastPage)
{
    const LogStore &store = m_model->store();
    for (int page = std::max(0, firstPage); page <= lastPage; ++page) {
        const auto it = m_pages.constFind(page);
        if (it != m_pages.cend() && (it->status == PageStatus::InFlight || it->status == PageStatus::Backoff))
            continue;
        const int first = page * kPageSize;
        const int last = std::min(store.size(), first + kPageSize) - 1;
        bool all = first <= last;
        bool failed = false;
        for (int row = first; row <= last; ++row) {
            all = all && store.isLoaded(row);
            failed = failed || store.state(row) == LogStore::RowState::Failed;
        }
        if (all)
            m_pages[page].status = PageStatus::Loaded;
        else if (failed)
            m_pages[page].status = PageStatus::Failed;
        else
            m_pages.remove(page);
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
    m_pages.remove(page);
    rederivePageStates(page, pageOfRow(std::max(firstRow, lastRow)));
    if (failedPageCount() == 0 && m_lastError.isError()) {
        m_lastError = ApiError();
        emit errorsCleared();
    }
}

void RunLoader::growRows(int rows)
{
    const int before = knownRows();
    if (rows <= before)
        return;
    // The old last page was short; it must be fetched again to fill the rows now after it.
    if (before % kPageSize != 0) {
        const auto last = m_pages.find((before - 1) / kPageSize);
        if (last != m_pages.end() && last->status == PageStatus::Loaded)
            last->status = PageStatus::Idle;
    }
    m_model->resizeRows(rows);
}

void RunLoader::updateRunInfo(const RunInfo &info)
{
    m_runInfo = info;
    m_hasRunInfo = true;
    emit runInfoChanged();
}

void RunLoader::checkAllLoaded()
{
    if (!m_loadAll || m_inFlight > 0 || loadedRows() != knownRows())
        return;
    if (isShortLastPageLoaded())
        m_ended = true;
    if (m_ended) {
        m_loadAll = false;
        emit allLoaded();
        return;
    }
    // Every counted row is here, but a full last page could hide more: ask once past it.
    if (m_mode == Mode::Counted)
        m_endConfirmWanted = true;
    schedule();
}

void RunLoader::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
