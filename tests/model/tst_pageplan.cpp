// SPDX-License-Identifier: MIT
// PagePlan without a server: which pages a run wants and in which order, and what an arriving page
// does to the count. Pages hold 100 rows; every expected value below is worked out from that (a run
// of 250 entries has pages 0, 1 and 2, the last one holding rows 200-249).
#include "model/pageplan.h"

#include <QtTest>

namespace {

using Status = PagePlan::Status;

constexpr auto kNobodyLoaded = [](int) { return false; };

// A run opened by a first page of `firstCount` entries that said total_logs = `total`, as
// RunLoader does it: the page is loaded, the mode decided, then the count reconciled.
PagePlan opened(int firstCount, std::optional<qint64> total, bool reverse = false)
{
    PagePlan plan;
    plan.setReversed(reverse);
    plan.setLoaded(0);
    plan.decideMode(firstCount, total);
    plan.reconcileCount(0, firstCount, total, kNobodyLoaded);
    plan.settleEnd();
    return plan;
}

// A later page of `count` entries arrives (it was not found suspiciously short).
PagePlan::Arrival arrive(PagePlan &plan, int page, int count, std::optional<qint64> total,
                         const std::function<bool(int)> &loadedFrom = kNobodyLoaded)
{
    plan.setLoaded(page);
    const PagePlan::Arrival arrival = plan.reconcileCount(page, count, total, loadedFrom);
    if (arrival.outcome == PagePlan::Outcome::Placed)
        plan.settleEnd();
    return arrival;
}

} // namespace

class TestPagePlan : public QObject
{
    Q_OBJECT
private slots:
    void firstPageDecidesTheMode();
    void pagesOfARun();
    void viewportWantsItsPagesTopFirst();
    void loadAllWantsVisiblePagesThenEveryPageOldestFirst();
    void loadAllWaitsBehindAShortPageAskedAgain();
    void walkingTheWantedPagesChangesNothing();
    void unknownCountWantsOnlyTheFirstPage();
    void appendingWantsThePageAfterTheLastRow();
    void largerTotalGrowsTheRowsAndRefetchesTheShortLastPage();
    void shortPageBeforeTheCountCutsTheRows();
    void shortPageWithLaterRowsLoadedContradictsTheCount();
    void fullPageBeyondTheCountSwitchesToAppending();
    void longerShortPageEndsTheRun();
    void cutEndIsNotReopenedByALargerTotal();
    void shortPageIsAskedAgainBeforeItIsBelieved();
    void loadAllConfirmsTheEndPastAFullLastPage();
    void loadAllEndsAtAShortLastPage();
    void pageAfterAProvenEndIsPastIt();
    void lookingForNewEntriesAsksForTheLastPageAgain();
    void newestFirstGrowthPutsRowsOnTopAndKeepsPendingPages();
    void newestFirstAnswerFromBeforeAGrowthSitsLower();
    void newestFirstGrowthIsNotBelievedAfterACountCut();
    void newestFirstLookForNewEntriesAsksForTheNewestPageFirst();
    void positionsAndGrowthPages();
};

void TestPagePlan::firstPageDecidesTheMode()
{
    // A full first page agreeing with total_logs: counted, every row at once.
    PagePlan counted = opened(100, 250);
    QCOMPARE(counted.mode(), PagePlan::Mode::Counted);
    QCOMPARE(counted.rows(), 250);
    // A run of 40: its one page holds all 40.
    PagePlan small = opened(40, 40);
    QCOMPARE(small.mode(), PagePlan::Mode::Counted);
    QCOMPARE(small.rows(), 40);
    QVERIFY(small.isEnded());
    // The first page disagrees with the count (80 where 100 were due): rows are appended.
    PagePlan disagreeing = opened(80, 250);
    QCOMPARE(disagreeing.mode(), PagePlan::Mode::Appending);
    QCOMPARE(disagreeing.rows(), 80);
    QVERIFY(disagreeing.isEnded());
    // No count, or one past belief.
    QCOMPARE(opened(100, std::nullopt).mode(), PagePlan::Mode::Appending);
    QCOMPARE(opened(100, PagePlan::kMaxTrustedTotal + 1).mode(), PagePlan::Mode::Appending);
    QCOMPARE(opened(100, std::nullopt).rows(), 100);
}

void TestPagePlan::pagesOfARun()
{
    QCOMPARE(opened(100, 250).lastPage(), 2);
    QCOMPARE(opened(100, 200).lastPage(), 1);
    QCOMPARE(opened(100, 201).lastPage(), 2);
    QCOMPARE(PagePlan().lastPage(), -1);
    QCOMPARE(PagePlan::pageOfRow(99), 0);
    QCOMPARE(PagePlan::pageOfRow(100), 1);
}

void TestPagePlan::viewportWantsItsPagesTopFirst()
{
    PagePlan plan = opened(100, 250);
    // Rows 120-130 are all on page 1.
    plan.setViewport(120, 130);
    QCOMPARE(plan.nextWantedPage(), 1);
    QCOMPARE(plan.wantedPages(10), QList<int>({1}));
    // Rows 50-230 span pages 0-2; page 0 came with the opening.
    plan.setViewport(50, 230);
    QCOMPARE(plan.wantedPages(10), QList<int>({1, 2}));
    // A viewport past the last row asks for nothing beyond it.
    plan.setViewport(240, 400);
    QCOMPARE(plan.wantedPages(10), QList<int>({2}));
    // Nothing on screen, nothing wanted (a counted run is not loaded whole unasked).
    plan.setViewport(-1, -1);
    QCOMPARE(plan.wantedPages(10), QList<int>());
    QVERIFY(!plan.servesTheView());
}

void TestPagePlan::loadAllWantsVisiblePagesThenEveryPageOldestFirst()
{
    // 550 entries: pages 0-5. On screen rows 320-330, page 3.
    PagePlan plan = opened(100, 550);
    plan.setViewport(320, 330);
    QVERIFY(plan.servesTheView());
    plan.setLoadingAll(true);
    QVERIFY(!plan.servesTheView()); // loading all is background work
    QCOMPARE(plan.wantedPages(10), QList<int>({3, 1, 2, 4, 5}));
    // Page 4 on its way, page 2 failed: neither is wanted.
    plan.page(4).status = Status::InFlight;
    plan.page(2).status = Status::Failed;
    QCOMPARE(plan.wantedPages(10), QList<int>({3, 1, 5}));
    QCOMPARE(plan.failedPageCount(), 1);
}

void TestPagePlan::loadAllWaitsBehindAShortPageAskedAgain()
{
    PagePlan plan = opened(100, 550);
    plan.setLoadingAll(true);
    // Page 2 came back short and waits to be asked again: the pages after it are likely past the
    // end, so only pages 1 (and 2 once its wait is over) are wanted.
    plan.page(2).shortRechecks = 1;
    plan.page(2).status = Status::Backoff;
    QCOMPARE(plan.firstShortPageInQuestion(), 2);
    QCOMPARE(plan.wantedPages(10), QList<int>({1}));
    plan.page(2).status = Status::Idle;
    QCOMPARE(plan.wantedPages(10), QList<int>({1, 2}));
}

void TestPagePlan::walkingTheWantedPagesChangesNothing()
{
    PagePlan plan = opened(100, 550);
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(2), QList<int>({1, 2}));
    QCOMPARE(plan.wantedPages(0), QList<int>());
    QCOMPARE(plan.status(1), Status::Idle);
    QCOMPARE(plan.nextWantedPage(), 1);
    // The walk stops where `take` says.
    int taken = 0;
    plan.walkWantedPages([&taken](int) { return ++taken < 3; });
    QCOMPARE(taken, 3);
}

void TestPagePlan::unknownCountWantsOnlyTheFirstPage()
{
    PagePlan plan;
    plan.setViewport(0, 500);
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(10), QList<int>({0}));
    QVERIFY(plan.servesTheView());
    plan.page(0).status = Status::InFlight;
    QCOMPARE(plan.wantedPages(10), QList<int>());
}

void TestPagePlan::appendingWantsThePageAfterTheLastRow()
{
    PagePlan plan = opened(100, std::nullopt);
    QVERIFY(plan.mayHaveMore());
    QVERIFY(!plan.isEnded());
    // Nobody asked for more yet.
    QCOMPARE(plan.wantedPages(10), QList<int>());
    // The view reached the end: page 1 (rows 100-199) is wanted, once.
    plan.wantMore();
    QCOMPARE(plan.wantedPages(10), QList<int>({1}));
    // Page 1 full: 200 rows, and the view is served.
    QCOMPARE(arrive(plan, 1, 100, std::nullopt).outcome, PagePlan::Outcome::Placed);
    QCOMPARE(plan.rows(), 200);
    QCOMPARE(plan.wantedPages(10), QList<int>());
    // Loading all goes on page after page; a short page 2 ends the run at 230.
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(10), QList<int>({2}));
    arrive(plan, 2, 30, std::nullopt);
    QCOMPARE(plan.rows(), 230);
    QVERIFY(plan.isEnded());
    QVERIFY(!plan.mayHaveMore());
    QCOMPARE(plan.wantedPages(10), QList<int>());
}

void TestPagePlan::largerTotalGrowsTheRowsAndRefetchesTheShortLastPage()
{
    PagePlan plan = opened(100, 250);
    // The short last page is loaded, but the end is not known: a run still going, opened from the
    // library. (A short last page fetched from the server would have ended the run.)
    plan.page(2).status = Status::Loaded;
    QVERIFY(!plan.isEnded());
    QList<int> resized;
    plan.followRows({}, [&resized](int rows, int top) {
        QCOMPARE(top, 0);
        resized.append(rows);
    });
    // Page 1 answered with 320: the run grew by 70, into page 2 (now 200-299) and page 3.
    QCOMPARE(arrive(plan, 1, 100, 320).outcome, PagePlan::Outcome::Placed);
    QCOMPARE(plan.rows(), 320);
    QCOMPARE(resized, QList<int>({320}));
    QCOMPARE(plan.status(2), Status::Idle); // its last 50 rows are new: fetched again
    QVERIFY(!plan.isEnded());
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(10), QList<int>({2, 3}));
    // Once a short page proved the end, a larger total is not believed.
    arrive(plan, 3, 20, 320);
    QVERIFY(plan.isEnded());
    arrive(plan, 0, 100, 500);
    QCOMPARE(plan.rows(), 320);
}

void TestPagePlan::shortPageBeforeTheCountCutsTheRows()
{
    PagePlan plan = opened(100, 250);
    plan.page(2).status = Status::InFlight;
    QList<int> resized;
    QList<Status> page2WhenResized;
    plan.followRows({}, [&](int rows, int) {
        resized.append(rows);
        page2WhenResized.append(plan.status(2));
    });
    // Page 1 holds 30 entries, though 100 were due: the run ends at row 129.
    const PagePlan::Arrival arrival = arrive(plan, 1, 30, 250);
    QCOMPARE(arrival.outcome, PagePlan::Outcome::Placed);
    QCOMPARE(arrival.expected, 100);
    QCOMPARE(plan.rows(), 130);
    QCOMPARE(resized, QList<int>({130}));
    // Page 2 was dropped before the rows changed, so its request can be let go first.
    QCOMPARE(page2WhenResized, QList<Status>({Status::Idle}));
    QCOMPARE(plan.status(2), Status::Idle);
    QVERIFY(plan.isEnded());
    QVERIFY(plan.isCountCut());
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(10), QList<int>());
}

void TestPagePlan::shortPageWithLaterRowsLoadedContradictsTheCount()
{
    PagePlan plan = opened(100, 250);
    arrive(plan, 2, 50, 250);
    int askedFrom = -1;
    // Page 1 holds 30, but rows of page 2 are loaded: the page is wrong, not the count.
    const PagePlan::Arrival arrival = arrive(plan, 1, 30, 250, [&askedFrom](int row) {
        askedFrom = row;
        return true;
    });
    QCOMPARE(arrival.outcome, PagePlan::Outcome::Contradicts);
    QCOMPARE(arrival.expected, 100);
    QCOMPARE(askedFrom, 130);
    QCOMPARE(plan.rows(), 250);
    QVERIFY(!plan.isCountCut());
}

void TestPagePlan::fullPageBeyondTheCountSwitchesToAppending()
{
    // total_logs said 150, but page 1 is full: at least 200, and maybe more.
    PagePlan plan = opened(100, 150);
    QCOMPARE(arrive(plan, 1, 100, 150).expected, 50);
    QCOMPARE(plan.rows(), 200);
    QCOMPARE(plan.mode(), PagePlan::Mode::Appending);
    QVERIFY(plan.mayHaveMore());
}

void TestPagePlan::longerShortPageEndsTheRun()
{
    // total_logs said 150, page 1 holds 70: the run has 170.
    PagePlan plan = opened(100, 150);
    arrive(plan, 1, 70, 150);
    QCOMPARE(plan.rows(), 170);
    QCOMPARE(plan.mode(), PagePlan::Mode::Counted);
    QVERIFY(plan.isEnded());
}

void TestPagePlan::cutEndIsNotReopenedByALargerTotal()
{
    PagePlan plan = opened(100, 250);
    arrive(plan, 1, 30, 250);
    QCOMPARE(plan.rows(), 130);
    // Page 0 again, claiming 400: the short page proved the end; the claim is not believed.
    arrive(plan, 0, 100, 400);
    QCOMPARE(plan.rows(), 130);
    QVERIFY(plan.isEnded());
}

void TestPagePlan::shortPageIsAskedAgainBeforeItIsBelieved()
{
    PagePlan plan = opened(100, 250);
    plan.page(1).status = Status::InFlight;
    // Page 1 with 30 of 100: asked again, as many times as allowed.
    QVERIFY(plan.isSuspiciouslyShort(1, 30, 250, 1));
    QVERIFY(!plan.isSuspiciouslyShort(1, 30, 250, 0));
    // Page 2 with 50 is what 250 promises; with 49 it is short.
    QVERIFY(!plan.isSuspiciouslyShort(2, 50, 250, 1));
    QVERIFY(plan.isSuspiciouslyShort(2, 49, 250, 1));
    // No believable count to be short of.
    QVERIFY(!plan.isSuspiciouslyShort(2, 10, std::nullopt, 1));
    // Page 1 asked again once already: believed.
    plan.page(1).shortRechecks = 1;
    plan.page(1).status = Status::Backoff;
    QVERIFY(!plan.isSuspiciouslyShort(1, 30, 250, 1));
    // While page 1 is being asked again, page 2, short too, agrees with it.
    QVERIFY(!plan.isSuspiciouslyShort(2, 10, 250, 1));
    // Appending, a short page is the documented end.
    PagePlan appending = opened(100, std::nullopt);
    QVERIFY(!appending.isSuspiciouslyShort(1, 30, 250, 1));
}

void TestPagePlan::loadAllConfirmsTheEndPastAFullLastPage()
{
    PagePlan plan = opened(100, 200);
    arrive(plan, 1, 100, 200);
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(10), QList<int>());
    // Every row is here, but a full last page could hide more: page 2 (skip 200) is asked once.
    QVERIFY(!plan.loadAllReachedEnd());
    QVERIFY(plan.isLoadingAll());
    QCOMPARE(plan.wantedPages(10), QList<int>({2}));
    // It is empty: the end.
    arrive(plan, 2, 0, 200);
    QVERIFY(plan.isEnded());
    QCOMPARE(plan.rows(), 200);
    QCOMPARE(plan.wantedPages(10), QList<int>());
    QVERIFY(plan.loadAllReachedEnd());
    QVERIFY(!plan.isLoadingAll());
}

void TestPagePlan::loadAllEndsAtAShortLastPage()
{
    PagePlan plan = opened(100, 250);
    arrive(plan, 1, 100, 250);
    plan.setLoadingAll(true);
    QCOMPARE(plan.wantedPages(10), QList<int>({2}));
    plan.page(2).status = Status::Loaded; // as though read from the library
    QVERIFY(plan.isShortLastPageLoaded());
    QVERIFY(plan.loadAllReachedEnd());
    QVERIFY(plan.isEnded());
}

void TestPagePlan::pageAfterAProvenEndIsPastIt()
{
    PagePlan plan = opened(100, 250);
    arrive(plan, 1, 30, 250);
    QCOMPARE(arrive(plan, 2, 0, 250).outcome, PagePlan::Outcome::PastEnd);
    QCOMPARE(plan.rows(), 130);
}

void TestPagePlan::lookingForNewEntriesAsksForTheLastPageAgain()
{
    // Oldest first, a short last page: it is where the run grows.
    PagePlan plan = opened(100, 250);
    arrive(plan, 1, 100, 250);
    arrive(plan, 2, 50, 250);
    QVERIFY(plan.isEnded());
    plan.lookForNewEntries();
    QVERIFY(!plan.isEnded());
    QCOMPARE(plan.wantedPages(10), QList<int>({2}));
    // A full last page: the earlier look past it is forgotten and asked again.
    PagePlan full = opened(100, 200);
    arrive(full, 1, 100, 200);
    full.setLoadingAll(true);
    full.loadAllReachedEnd();
    arrive(full, 2, 0, 200);
    QCOMPARE(full.status(2), Status::Loaded);
    full.lookForNewEntries();
    QCOMPARE(full.status(2), Status::Idle);
    QCOMPARE(full.wantedPages(10), QList<int>({2}));
}

void TestPagePlan::newestFirstGrowthPutsRowsOnTopAndKeepsPendingPages()
{
    PagePlan plan = opened(100, 250, true);
    arrive(plan, 2, 50, 250);
    plan.page(1).status = Status::InFlight;
    plan.page(1).sentRows = 250;
    // Page 0 again says 270: 20 new entries, on top; nothing it holds is lower than its skip.
    const PagePlan::Alignment alignment = plan.alignNewestFirst(250, 270);
    QCOMPARE(alignment.newRows, 20);
    QCOMPARE(alignment.shift, 0);
    QList<std::pair<int, int>> changes;
    plan.followRows({}, [&changes](int rows, int top) { changes.append({rows, top}); });
    plan.shiftNewestFirst(alignment.newRows);
    QCOMPARE(plan.rows(), 270);
    QCOMPARE(changes, (QList<std::pair<int, int>>{{270, 20}}));
    // The loaded pages moved with their rows (the loader settles them from the rows); the page on
    // its way keeps waiting for its answer.
    QCOMPARE(plan.status(0), Status::Idle);
    QCOMPARE(plan.status(2), Status::Idle);
    QCOMPARE(plan.status(1), Status::InFlight);
    QCOMPARE(plan.pages().value(1).sentRows, 250);
}

void TestPagePlan::newestFirstAnswerFromBeforeAGrowthSitsLower()
{
    PagePlan plan = opened(100, 250, true);
    plan.shiftNewestFirst(20);
    // An answer counted against 250 entries, now 270: its entries are 20 rows below its skip.
    QCOMPARE(plan.alignNewestFirst(250, 250).shift, 20);
    QCOMPARE(plan.alignNewestFirst(250, 250).newRows, 0);
    // Without a count, the rows when it was sent say the same.
    QCOMPARE(plan.alignNewestFirst(250, std::nullopt).shift, 20);
    QCOMPARE(plan.alignNewestFirst(270, std::nullopt).shift, 0);
}

void TestPagePlan::newestFirstGrowthIsNotBelievedAfterACountCut()
{
    PagePlan plan = opened(100, 250, true);
    arrive(plan, 1, 30, 250);
    QCOMPARE(plan.rows(), 130);
    QVERIFY(plan.isCountCut());
    QCOMPARE(plan.alignNewestFirst(130, 400).newRows, 0);
    QCOMPARE(plan.alignNewestFirst(130, 400).shift, 0);
    // A check for new entries believes a larger count again.
    plan.lookForNewEntries();
    QVERIFY(!plan.isCountCut());
    QCOMPARE(plan.alignNewestFirst(130, 400).newRows, 270);
}

void TestPagePlan::newestFirstLookForNewEntriesAsksForTheNewestPageFirst()
{
    PagePlan plan = opened(100, 550, true);
    plan.setViewport(320, 330);
    QCOMPARE(plan.wantedPages(10), QList<int>({3}));
    plan.lookForNewEntries();
    QCOMPARE(plan.status(0), Status::Idle);
    QCOMPARE(plan.wantedPages(10), QList<int>({0, 3}));
    plan.newestArrived();
    plan.setLoaded(0);
    QCOMPARE(plan.wantedPages(10), QList<int>({3}));
}

void TestPagePlan::positionsAndGrowthPages()
{
    // Positions count from the run's first entry. Oldest first, page 2 of 250 is 200-249.
    PagePlan oldestFirst = opened(100, 250);
    QCOMPARE(oldestFirst.positionsOfPage(0), (std::pair<qint64, qint64>(0, 99)));
    QCOMPARE(oldestFirst.positionsOfPage(2), (std::pair<qint64, qint64>(200, 249)));
    QVERIFY(oldestFirst.isGrowthPage(2));
    QVERIFY(!oldestFirst.isGrowthPage(0));
    // Newest first, page 0 holds the newest 100: positions 150-249; page 2 the oldest 50.
    PagePlan newestFirst = opened(100, 250, true);
    QCOMPARE(newestFirst.positionsOfPage(0), (std::pair<qint64, qint64>(150, 249)));
    QCOMPARE(newestFirst.positionsOfPage(2), (std::pair<qint64, qint64>(0, 49)));
    QVERIFY(newestFirst.isGrowthPage(0));
    QVERIFY(!newestFirst.isGrowthPage(2));
    // A full last page cannot grow: the page after it is asked.
    QVERIFY(!opened(100, 200).isGrowthPage(1));
}

QTEST_GUILESS_MAIN(TestPagePlan)
#include "tst_pageplan.moc"
