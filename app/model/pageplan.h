// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>

#include <functional>
#include <optional>
#include <utility>

// Which pages of a run are wanted, in which order, and what each page that arrives says about how
// many entries the run has. Plain data and decisions: it sends nothing and holds no entries.
// RunLoader asks it what to fetch next, tells it what came, and lends it the LogTableModel's rows
// (followRows()).
//
// Pages are numbered from the first row shown: oldest first, page p holds entries p*kPageSize...;
// newest first (reverse), skip counts from the newest entry, so page 0 holds the newest ones.
//
// The count: the first page's total_logs is believed when that page agrees with it (Counted: every
// row at once, any page in any order). Otherwise rows are appended a page at a time (Appending),
// and a short page ends the run, as the API's documented loop does. A page can still prove the
// count wrong: a short page before the count cuts the rows there, a longer one grows them.
class PagePlan
{
public:
    // The API's largest limit (PageQuery::kMaxLimit; RunLoader checks that they agree).
    static constexpr int kPageSize = 100;
    // A total beyond this is not believed: rows are then appended as pages prove them.
    static constexpr qint64 kMaxTrustedTotal = 20'000'000;
    static bool isBelievable(const std::optional<qint64> &total)
    {
        return total && *total >= 0 && *total <= kMaxTrustedTotal;
    }
    static int pageOfRow(int row) { return row / kPageSize; }

    enum class Mode { Unknown, Counted, Appending };
    enum class Status { Idle, InFlight, Loaded, Failed, Backoff, Reading };
    struct Page {
        Status status = Status::Idle;
        int attempts = 0;       // transient failures in a row (RunLoader's retries)
        int rateLimitHits = 0;  // 429s in a row (RunLoader's retries)
        int shortRechecks = 0;  // times asked again because it came back short
        int sentRows = 0;       // rows() when its request went out
    };

    // What a page that arrived means for the rows (reconcileCount()).
    enum class Outcome {
        Placed,      // its entries go at its rows
        PastEnd,     // after an end a short page already proved: nothing to place
        Contradicts, // shorter than the count, yet later rows are loaded: the page, not the count, is wrong
    };
    struct Arrival {
        Outcome outcome = Outcome::Placed;
        int expected = 0; // entries the count promised for the page (Counted)
    };

    // The rows paged over can live elsewhere (RunLoader: the LogTableModel's): `count` reads them,
    // `change` is told of every change the plan makes, when it makes it, before it goes on
    // (`insertedAtTop` rows were put before the first one, newest first, a run that grew; else the
    // rows now end at `rows`). Read, not copied, so a view told of the change mid-way that comes
    // back (a new viewport) sees the rows as they are at that moment. Without them (tests) the plan
    // keeps the count itself.
    using RowsChanged = std::function<void(int rows, int insertedAtTop)>;
    void followRows(std::function<int()> count, RowsChanged change);

    // Forgets the run (close): no rows, no pages, every wish let go. The direction stays.
    void reset();
    void setReversed(bool reverse) { m_reverse = reverse; }
    bool isReversed() const { return m_reverse; }

    Mode mode() const { return m_mode; }
    int rows() const { return m_rowsCount ? m_rowsCount() : m_rows; }
    int lastPage() const { return rows() == 0 ? -1 : (rows() - 1) / kPageSize; }
    // The end of the run has been seen: a short page (or an empty page past a full one).
    bool isEnded() const { return m_ended; }
    void setEnded(bool ended) { m_ended = ended; }
    // A short page proved total_logs too high: a larger total is not believed again until
    // lookForNewEntries() (newest first, where a larger total moves every row down).
    bool isCountCut() const { return m_countCut; }
    // Appending, and no short page yet: the view may ask for more rows.
    bool mayHaveMore() const { return m_mode == Mode::Appending && !m_ended; }

    // Opening from what the library holds: `rows` rows at once, counted or appended further.
    void openCounted(int rows);
    void openAppending(int rows);

    // --- The page map ---
    const QHash<int, Page> &pages() const { return m_pages; }
    Page &page(int page) { return m_pages[page]; }
    Status status(int page) const;
    void forget(int page) { m_pages.remove(page); }
    void forgetAllPages() { m_pages.clear(); }
    // Not asked for, not on its way, not loaded: the page can be wanted.
    bool isCandidate(int page) const { return status(page) == Status::Idle; }
    // Its request is out, or waits to go out again: its answer is placed by its own count.
    bool isAwaitingAnswer(int page) const;
    // Loaded, failed or nothing, as its rows say (a page is loaded when every row of it is).
    void settlePage(int page, bool everyRowLoaded, bool anyRowFailed);
    int failedPageCount() const;
    void setLoaded(int page);
    // Pages after `page` are past the end: forgotten, whatever their state.
    void dropPagesAfter(int page);
    // The lowest page that came back short and is being asked again, or -1.
    int firstShortPageInQuestion() const;
    // Positions (from the run's first entry, as the library counts them) of the page's rows.
    std::pair<qint64, qint64> positionsOfPage(int page) const;
    // Where a run still going grows: the newest page newest first, the short last page oldest
    // first (a full last page cannot grow: the page after it is asked).
    bool isGrowthPage(int page) const;
    // The last rows, short of a page, are loaded: that is the end, as a short page says.
    bool isShortLastPageLoaded() const;

    // --- What is wanted ---
    void setViewport(int firstRow, int lastRow);
    void setLoadingAll(bool loadAll) { m_loadAll = loadAll; }
    bool isLoadingAll() const { return m_loadAll; }
    // The view reached the last row (appending): the next page is wanted.
    void wantMore() { m_wantMore = true; }
    void stopWantingMore() { m_wantMore = false; }
    // Ask once past the last row, to see that nothing follows (a full last page may hide more).
    void wantEndConfirmed() { m_endConfirmWanted = true; }
    void stopConfirmingEnd() { m_endConfirmWanted = false; }
    // Newest first: ask for page 0 again (a run still going).
    void wantNewestAgain() { m_refreshNewest = true; }
    // The newest page arrived: asked again no longer.
    void newestArrived() { m_refreshNewest = false; }
    // Look again at the end of the run (checkForNewEntries): the page where it grows is asked again.
    void lookForNewEntries();
    // The requests are for what is on screen (the pacer's visible priority), not background work.
    bool servesTheView() const;
    // Every row is here (loadAll()): true when the end is known as well, so loading all is over;
    // else the page past a full last page is wanted once, to see that nothing follows.
    bool loadAllReachedEnd();

    // The page to fetch next, or -1: what is on screen top first, then the page after the last
    // row (appending, or confirming the end), then with loadAll() every page oldest first.
    int nextWantedPage() const;
    // Calls `take` with each page in the order they are wanted, as though each were sent when
    // taken, until `take` returns false or nothing more is wanted. The plan does not change.
    void walkWantedPages(const std::function<bool(int page)> &take) const;
    // The first `count` pages walkWantedPages() gives.
    QList<int> wantedPages(int count) const;

    // --- What an arriving page says about the count ---
    // The first page decides the mode: the count is believed when the page agrees with it.
    void decideMode(int count, const std::optional<qint64> &total);
    // A page shorter than a believable total_logs says: either the count or the page is wrong;
    // it is asked again (up to `rechecksAllowed` times) before the short page is believed.
    bool isSuspiciouslyShort(int page, int count, const std::optional<qint64> &total, int rechecksAllowed) const;
    // Makes the rows agree with a page of `count` entries answered with `total`: grows them
    // (a run that grew, a count too low), cuts them (a short page before the count) or ends them.
    // `loadedFrom(row)` says whether any row from `row` on is loaded (asked only for a short page).
    Arrival reconcileCount(int page, int count, const std::optional<qint64> &total,
                           const std::function<bool(int row)> &loadedFrom);
    // After a placed page: once the end is known, no look past it is wanted any more.
    void settleEnd();
    // Newest first: how a response answered with `total` (the rows when it was sent, `sentRows`,
    // if it does not say) fits the rows here. More entries there: the run grew, `newRows` go on
    // top. Fewer: it was answered before a growth another response showed, so its entries sit
    // `shift` rows lower than its skip.
    struct Alignment {
        int newRows = 0;
        int shift = 0;
    };
    Alignment alignNewestFirst(int sentRows, const std::optional<qint64> &total) const;
    // Newest first: `newRows` new rows at the top. Every loaded row moved down with its entry, so
    // only pages awaiting an answer are kept (their answers are placed by their own counts); the
    // caller settles the others again from the rows.
    void shiftNewestFirst(int newRows);

private:
    void setRows(int newCount, int insertedAtTop = 0);
    // More rows; a short last page must be fetched again to fill the rows now after it.
    void grow(int newCount);

    std::function<int()> m_rowsCount;
    RowsChanged m_rowsChanged;
    QHash<int, Page> m_pages;
    bool m_reverse = false;
    Mode m_mode = Mode::Unknown;
    int m_rows = 0; // without m_rowsCount
    int m_firstVisiblePage = -1;
    int m_lastVisiblePage = -1;
    bool m_wantMore = false;         // appending: the view asked for the next page
    bool m_loadAll = false;
    bool m_ended = false;
    bool m_endConfirmWanted = false; // ask past the last row once
    bool m_refreshNewest = false;    // newest first: ask for page 0 again
    bool m_countCut = false;
};
