// SPDX-License-Identifier: MIT
#include "model/pageplan.h"

#include <algorithm>

void PagePlan::reset()
{
    m_pages.clear();
    m_mode = Mode::Unknown;
    m_rows = 0;
    m_firstVisiblePage = m_lastVisiblePage = -1;
    m_wantMore = m_loadAll = m_ended = m_endConfirmWanted = m_refreshNewest = m_countCut = false;
}

void PagePlan::followRows(std::function<int()> count, RowsChanged change)
{
    m_rowsCount = std::move(count);
    m_rowsChanged = std::move(change);
}

void PagePlan::setRows(int newCount, int insertedAtTop)
{
    m_rows = newCount;
    if (m_rowsChanged)
        m_rowsChanged(newCount, insertedAtTop);
}

void PagePlan::openCounted(int rows)
{
    m_mode = Mode::Counted;
    setRows(rows);
}

void PagePlan::openAppending(int rows)
{
    m_mode = Mode::Appending;
    setRows(rows);
}

PagePlan::Status PagePlan::status(int page) const
{
    const auto it = m_pages.constFind(page);
    return it == m_pages.cend() ? Status::Idle : it->status;
}

bool PagePlan::isAwaitingAnswer(int page) const
{
    const Status s = status(page);
    return s == Status::InFlight || s == Status::Backoff;
}

void PagePlan::settlePage(int page, bool everyRowLoaded, bool anyRowFailed)
{
    if (everyRowLoaded)
        m_pages[page].status = Status::Loaded;
    else if (anyRowFailed)
        m_pages[page].status = Status::Failed;
    else
        m_pages.remove(page);
}

int PagePlan::failedPageCount() const
{
    return int(std::count_if(m_pages.cbegin(), m_pages.cend(),
                             [](const Page &p) { return p.status == Status::Failed; }));
}

void PagePlan::setLoaded(int page)
{
    Page &state = m_pages[page];
    state.status = Status::Loaded;
    state.attempts = 0;
    state.rateLimitHits = 0;
    state.shortRechecks = 0;
}

void PagePlan::dropPagesAfter(int page)
{
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (it.key() > page)
            it = m_pages.erase(it);
        else
            ++it;
    }
}

int PagePlan::firstShortPageInQuestion() const
{
    int first = -1;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it->shortRechecks > 0 && it->status != Status::Loaded && (first < 0 || it.key() < first))
            first = it.key();
    }
    return first;
}

std::pair<qint64, qint64> PagePlan::positionsOfPage(int page) const
{
    const qint64 firstRow = qint64(page) * kPageSize;
    const qint64 lastRow = std::min(firstRow + kPageSize - 1, qint64(rows()) - 1);
    if (!m_reverse)
        return {firstRow, lastRow};
    return {rows() - 1 - lastRow, rows() - 1 - firstRow};
}

bool PagePlan::isGrowthPage(int page) const
{
    return m_reverse ? page == 0 : (rows() % kPageSize != 0 && page == lastPage());
}

// (Where a run still going grows, oldest first, that page counts only once the server sent it;
// newest first, the last page holds the oldest entries, which never change.)
bool PagePlan::isShortLastPageLoaded() const
{
    return m_mode == Mode::Counted && rows() % kPageSize != 0 && status(lastPage()) == Status::Loaded;
}

void PagePlan::setViewport(int firstRow, int lastRow)
{
    if (lastRow < firstRow || lastRow < 0) {
        m_firstVisiblePage = m_lastVisiblePage = -1;
    } else {
        m_firstVisiblePage = pageOfRow(std::max(0, firstRow));
        m_lastVisiblePage = pageOfRow(lastRow);
    }
}

void PagePlan::lookForNewEntries()
{
    if (m_reverse) {
        // Newest first: new entries arrive at the top, so the newest page is the one to ask;
        // its total_logs says how far everything moved down.
        const auto first = m_pages.find(0);
        if (first != m_pages.end() && first->status == Status::Loaded)
            first->status = Status::Idle;
        m_refreshNewest = true;
        m_countCut = false;
        return;
    }
    m_ended = false;
    if (rows() % kPageSize != 0) {
        // The last page was short: ask for it again, it may have grown.
        Page &last = m_pages[lastPage()];
        if (last.status == Status::Loaded)
            last.status = Status::Idle;
    } else {
        // Forget the earlier look past the end so it is asked again.
        const int tail = rows() / kPageSize;
        if (status(tail) == Status::Loaded)
            m_pages.remove(tail);
    }
    m_endConfirmWanted = true;
    if (m_mode == Mode::Appending)
        m_wantMore = true;
}

bool PagePlan::servesTheView() const
{
    return m_mode == Mode::Unknown || (m_firstVisiblePage >= 0 && !m_loadAll) || m_wantMore;
}

bool PagePlan::loadAllReachedEnd()
{
    if (isShortLastPageLoaded())
        m_ended = true;
    if (m_ended) {
        m_loadAll = false;
        return true;
    }
    if (m_mode == Mode::Counted)
        m_endConfirmWanted = true;
    return false;
}

int PagePlan::nextWantedPage() const
{
    if (m_mode == Mode::Unknown)
        return isCandidate(0) ? 0 : -1;
    if (m_refreshNewest && isCandidate(0))
        return 0;

    const int last = lastPage();
    // 1. What is on screen, top first.
    if (m_firstVisiblePage >= 0) {
        for (int page = m_firstVisiblePage; page <= std::min(m_lastVisiblePage, last); ++page) {
            if (isCandidate(page))
                return page;
        }
    }
    // 2. The page after the last row: the view reached the end (appending), a run that may have
    //    grown, or confirming the end before declaring everything loaded.
    const int tailPage = rows() / kPageSize;
    const bool tailWanted = !m_ended && rows() % kPageSize == 0
        && ((m_mode == Mode::Appending && (m_wantMore || m_loadAll)) || m_endConfirmWanted);
    // A re-check of a short last page (lookForNewEntries) makes that page Idle again.
    if (m_endConfirmWanted && rows() % kPageSize != 0 && isCandidate(last))
        return last;
    if (tailWanted && m_mode == Mode::Appending && isCandidate(tailPage))
        return tailPage;
    // 3. Everything, oldest first, for export and search.
    if (m_loadAll) {
        // Pages after a short page that is being asked again are likely past the end: wait.
        const int shortPage = firstShortPageInQuestion();
        const int lastWanted = shortPage >= 0 ? std::min(last, shortPage) : last;
        for (int page = 0; page <= lastWanted; ++page) {
            if (isCandidate(page))
                return page;
        }
    }
    if (tailWanted && isCandidate(tailPage))
        return tailPage;
    return -1;
}

void PagePlan::walkWantedPages(const std::function<bool(int page)> &take) const
{
    // A copy that marks each page as sent, so the next one wanted is another page. (It reads
    // the same rows and changes none.)
    PagePlan walk = *this;
    walk.m_rowsChanged = nullptr;
    for (int page = walk.nextWantedPage(); page >= 0; page = walk.nextWantedPage()) {
        walk.m_pages[page].status = Status::InFlight;
        if (!take(page))
            return;
    }
}

QList<int> PagePlan::wantedPages(int count) const
{
    QList<int> pages;
    if (count <= 0)
        return pages;
    walkWantedPages([&pages, count](int page) {
        pages.append(page);
        return pages.size() < count;
    });
    return pages;
}

void PagePlan::decideMode(int count, const std::optional<qint64> &total)
{
    if (isBelievable(total) && count == std::min<qint64>(kPageSize, *total))
        openCounted(int(*total));
    else
        m_mode = Mode::Appending;
}

bool PagePlan::isSuspiciouslyShort(int page, int count, const std::optional<qint64> &total, int rechecksAllowed) const
{
    if (count >= kPageSize || !isBelievable(total))
        return false;
    if (m_mode == Mode::Appending)
        return false;
    // An earlier page already came back short and is being asked again: this one, after it,
    // agrees with it (the run ends there), so believe it rather than ask again.
    const int shortPage = firstShortPageInQuestion();
    if (shortPage >= 0 && shortPage < page)
        return false;
    const auto it = m_pages.constFind(page);
    if (it != m_pages.cend() && it->shortRechecks >= rechecksAllowed)
        return false;
    const qint64 skip = qint64(page) * kPageSize;
    const qint64 promised = std::max<qint64>(m_mode == Mode::Counted ? rows() : 0, *total);
    return count < std::clamp<qint64>(promised - skip, 0, kPageSize);
}

PagePlan::Arrival PagePlan::reconcileCount(int page, int count, const std::optional<qint64> &total,
                                           const std::function<bool(int row)> &loadedFrom)
{
    const qint64 skip = qint64(page) * kPageSize;
    Arrival arrival;
    if (m_ended && skip >= rows()) {
        arrival.outcome = Outcome::PastEnd;
        return arrival;
    }
    if (m_mode != Mode::Counted) {
        if (skip + count > rows())
            grow(int(skip + count));
        if (skip + count >= rows())
            m_ended = count < kPageSize;
        m_wantMore = false;
        return arrival;
    }
    // A larger count means the run grew, unless a short page already proved where it ends (then
    // only lookForNewEntries() opens the end again). Newest first, growth was handled by
    // alignNewestFirst(): new rows go at the top.
    if (!m_reverse && isBelievable(total) && *total > rows() && !m_ended)
        grow(int(*total));
    const qint64 expected = std::clamp<qint64>(rows() - skip, 0, kPageSize);
    arrival.expected = int(expected);
    if (count < expected && loadedFrom(int(skip + count))) {
        // Short, asked again, still short, yet later rows exist: this page lies, not the count.
        arrival.outcome = Outcome::Contradicts;
        return arrival;
    }
    if (count < expected) {
        // A short page before the count: the count was wrong; the page is the truth.
        dropPagesAfter(page);
        setRows(int(skip + count));
        m_ended = true;
        m_countCut = true;
    } else if (count > expected) {
        grow(int(skip + count));
        if (count == kPageSize)
            m_mode = Mode::Appending; // the count was too low: go on as the docs' loop does
        else
            m_ended = true;
    } else if (skip + count == rows() && count < kPageSize) {
        m_ended = true;
    }
    return arrival;
}

void PagePlan::settleEnd()
{
    if (m_ended)
        m_endConfirmWanted = false;
}

PagePlan::Alignment PagePlan::alignNewestFirst(int sentRows, const std::optional<qint64> &total) const
{
    const int counted = isBelievable(total) ? int(*total) : sentRows;
    Alignment alignment;
    if (counted > rows() && !m_countCut)
        alignment.newRows = counted - rows();
    alignment.shift = std::max(0, rows() + alignment.newRows - counted);
    return alignment;
}

void PagePlan::shiftNewestFirst(int newRows)
{
    setRows(rows() + newRows, newRows);
    QHash<int, Page> pending;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it->status == Status::InFlight || it->status == Status::Backoff)
            pending.insert(it.key(), *it);
    }
    m_pages = std::move(pending);
}

void PagePlan::grow(int newCount)
{
    const int before = rows();
    if (newCount <= before)
        return;
    if (before % kPageSize != 0) {
        const auto last = m_pages.find((before - 1) / kPageSize);
        if (last != m_pages.end() && last->status == Status::Loaded)
            last->status = Status::Idle;
    }
    setRows(newCount);
}
