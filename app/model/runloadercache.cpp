// SPDX-License-Identifier: MIT
// RunLoader's steps that talk to the library (PageCache): what it answers at open(), the pages
// read from it instead of fetched, and every fetched page handed to it. The rest of RunLoader is
// in runloader.cpp.
#include "model/runloader.h"

#include "rows/logtablemodel.h"

#include <QScopeGuard>

#include <algorithm>

namespace {
PageCache *s_defaultCache = nullptr;
constexpr int kPageSize = RunLoader::kPageSize;
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

PageCache::Stored RunLoader::takeStoredAtOpen()
{
    return std::exchange(m_openedWith, PageCache::Stored());
}

void RunLoader::chooseCache(const ApiEndpoint &endpoint, const RunRef &run)
{
    m_cache = m_cacheChosen ? m_chosenCache : s_defaultCache;
    if (m_cache)
        m_cacheKey = PageCache::Key{PageCache::originOf(endpoint.baseUrl), run};
}

void RunLoader::forgetCache()
{
    m_cache = nullptr;
    m_storedRanges.clear();
    m_waitingForCache = false;
    m_readingStoredRest = m_storedChunkInFlight = false;
    m_storedCursor = 0;
    m_pagesFromCache = 0;
    m_openedFromCache = false;
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

void RunLoader::applyStored(const PageCache::Stored &stored)
{
    m_waitingForCache = false;
    // Kept while the state changes (a probe hands it on from there), then let go: the rows hold
    // the entries from now on.
    m_openedWith = stored;
    const auto letGo = qScopeGuard([this] { m_openedWith = PageCache::Stored(); });
    const std::optional<qint64> total = stored.run.totalLogs;
    const qint64 extent = stored.ranges.isEmpty() ? 0 : stored.ranges.last().second + 1;
    if (stored.found && PagePlan::isBelievable(total) && extent <= PagePlan::kMaxTrustedTotal) {
        // The count as last seen: every row at once, the stored ones read from the cache.
        m_storedRanges = stored.ranges;
        m_plan.openCounted(int(std::max(*total, extent)));
        updateRunInfo(stored.run);
        const bool going = isRunGoing();
        m_plan.setEnded(!going); // a finished run does not grow
        placeStored(stored);
        m_readingStoredRest = stored.entries.isEmpty() && !stored.ranges.isEmpty();
        m_openedFromCache = true;
        setState(State::Open);
        if (going) {
            // What is new since: the newest page is asked at once.
            if (m_plan.isReversed())
                m_plan.wantNewestAgain();
            else
                m_plan.wantEndConfirmed();
        }
    } else if (stored.found && !m_plan.isReversed() && !stored.ranges.isEmpty() && stored.ranges.first().first == 0) {
        // No count was ever given: the stored whole pages from the start, then appending as usual.
        const qint64 rows = std::min(stored.ranges.first().second + 1, PagePlan::kMaxTrustedTotal) / kPageSize * kPageSize;
        if (rows > 0) {
            m_storedRanges = {{0, rows - 1}};
            m_plan.openAppending(int(rows));
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
            if (m_plan.isReversed()) {
                std::reverse(slice.begin(), slice.end());
                firstRow = int(rows - 1 - placedLast);
            }
            flagOtherRunEntries(firstRow, slice);
            m_model->setEntries(firstRow, std::move(slice));
        }
        offset += count;
    }
    rederivePageStates(0, m_plan.lastPage());
    const QList<int> pages = m_plan.pages().keys();
    for (const int page : pages) {
        const bool loaded = m_plan.status(page) == PageStatus::Loaded;
        if (loaded && isRunGoing() && m_plan.isGrowthPage(page))
            m_plan.forget(page); // asked of the server, whatever its rows hold
        else
            m_pagesFromCache += loaded ? 1 : 0;
    }
    if (m_plan.isShortLastPageLoaded())
        m_plan.setEnded(true);
}

bool RunLoader::isCachedPage(int page) const
{
    if (!m_cache || m_storedRanges.isEmpty())
        return false;
    // Where a run still going grows is always asked of the server: the library holds that page as
    // it was, and a check for new entries (the follower's) must see what came since.
    if (m_plan.isGrowthPage(page) && isRunGoing())
        return false;
    const auto [first, last] = m_plan.positionsOfPage(page);
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
        m_plan.page(page).status = PageStatus::Reading;
        m_model->setRowsState(page * kPageSize, page * kPageSize + kPageSize - 1, LogStore::RowState::Loading);
    }
    // Positions run the other way newest first: the span is from the last page's oldest entry.
    const bool reverse = m_plan.isReversed();
    const qint64 first = reverse ? m_plan.positionsOfPage(lastPage).first : m_plan.positionsOfPage(firstPage).first;
    const qint64 last = reverse ? m_plan.positionsOfPage(firstPage).second : m_plan.positionsOfPage(lastPage).second;
    const int generation = m_generation;
    const int rows = knownRows();
    m_cache->readRows(m_cacheKey, first, int(last - first + 1), this,
                      [this, generation, firstPage, lastPage, first, rows, storedChunk](QList<LogEntry> entries) {
                          if (generation != m_generation)
                              return;
                          if (storedChunk)
                              m_storedChunkInFlight = false;
                          for (int page = firstPage; page <= lastPage; ++page) {
                              const auto [pageFirst, pageLast] = m_plan.positionsOfPage(page);
                              placeCachedPage(page, rows, entries.mid(pageFirst - first, pageLast - pageFirst + 1));
                          }
                          schedule();
                          checkAllLoaded();
                          emit progressChanged();
                      });
}

void RunLoader::placeCachedPage(int page, int rowsWhenAsked, QList<LogEntry> &&entries)
{
    if (m_plan.status(page) != PageStatus::Reading)
        return; // the page was dropped meanwhile (positions restarted, a shorter run)
    const auto [first, last] = m_plan.positionsOfPage(page);
    const int firstRow = page * kPageSize;
    if (rowsWhenAsked != knownRows() || entries.size() != last - first + 1) {
        // The rows moved (a run newest first grew), or the cache no longer holds the page (removed
        // by another process, unreadable): fetch it, and no longer trust the cache for this run.
        if (rowsWhenAsked == knownRows())
            m_storedRanges.clear();
        m_plan.page(page).status = PageStatus::Idle;
        m_model->setRowsState(firstRow, firstRow + kPageSize - 1, LogStore::RowState::NotLoaded);
        return;
    }
    if (m_plan.isReversed())
        std::reverse(entries.begin(), entries.end());
    m_plan.page(page).status = PageStatus::Loaded;
    ++m_pagesFromCache;
    // The last rows, short of a page: the end, as a short page from the API says. (Of a run still
    // going, oldest first, that page is never read from the cache: it is where the run grows.)
    if (m_plan.mode() == PagePlan::Mode::Counted && firstRow + entries.size() == knownRows() && entries.size() < kPageSize)
        m_plan.setEnded(true);
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
    const int lastPage = m_plan.lastPage();
    while (m_storedCursor <= lastPage && !(m_plan.isCandidate(m_storedCursor) && isCachedPage(m_storedCursor)))
        ++m_storedCursor;
    if (m_storedCursor > lastPage || m_storedRanges.isEmpty()) {
        m_readingStoredRest = false;
        return;
    }
    int last = m_storedCursor;
    while (last < lastPage && last - m_storedCursor + 1 < kChunkPages && m_plan.isCandidate(last + 1)
           && isCachedPage(last + 1))
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
    if (m_plan.isReversed()) {
        // Newest first, positions count from the end: the page's own total_logs places them.
        const std::optional<qint64> total = run.totalLogs;
        if (!total || *total < first + count || *total > PagePlan::kMaxTrustedTotal) {
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
