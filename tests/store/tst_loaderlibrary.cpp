// SPDX-License-Identifier: MIT
// RunLoader with the library, against the spec server on 127.0.0.1: a finished run reopens with
// no request (oldest or newest first), a run still going fetches only what is new, a run kept in
// part fetches only the pages it lacks, and offline shows what is kept and nothing else.
#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "store/runlibrary.h"
#include "testlogserver.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

QStringList requestedSkips(const TestLogServer &server)
{
    QStringList skips;
    for (const LogsRequestRecord &record : server.requestLog())
        skips << record.skip;
    std::sort(skips.begin(), skips.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    return skips;
}

// One window's worth of objects: a model, a loader with the library.
struct Viewer
{
    Viewer(QNetworkAccessManager *network, RunLibrary *library, RequestPacer *pacer)
        : tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest)
        , loader(network, &model)
    {
        loader.setPacer(pacer);
        loader.setPageCache(library);
        RunLoader::RetryPolicy fast;
        fast.baseDelayMs = 20;
        fast.rateLimitBaseDelayMs = 50;
        fast.maxDelayMs = 400;
        loader.setRetryPolicy(fast);
    }

    LogTableModel model;
    QAbstractItemModelTester tester;
    RunLoader loader;
};
} // namespace

class TestLoaderLibrary : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void finishedRunReopensWithoutRequests_data();
    void finishedRunReopensWithoutRequests();
    void storedRunOpensWholeBeforeItShows_data();
    void storedRunOpensWholeBeforeItShows();
    void largerStoredRunIsReadWholeInTheBackground_data();
    void largerStoredRunIsReadWholeInTheBackground();
    void visiblePagesOfAStoredRunNeedNoRequest();
    void runStillGoingFetchesOnlyWhatIsNew();
    void runStoredLiveAndFinishedSinceIsAskedOnce();
    void runStillGoingNewestFirstAsksTheNewestPage();
    void partlyStoredRunFetchesOnlyMissingPages();
    void pagesFetchedNewestFirstServeOldestFirst();
    void offlineShowsOnlyWhatIsKept();
    void withoutLibraryNothingIsKept();

private:
    void open(Viewer &viewer, bool reverse = false);
    void loadAll(Viewer &viewer);
    void verifyRows(const Viewer &viewer, bool reverse = false);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunLibrary> m_library;
    std::unique_ptr<RequestPacer> m_pacer;
};

void TestLoaderLibrary::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<RunLibrary>(m_dir->filePath(QStringLiteral("library")));
    QVERIFY(m_library->isAvailable());
    m_pacer = std::make_unique<RequestPacer>(1000, 60000);
}

void TestLoaderLibrary::cleanup()
{
    ApiClient::setOffline(false);
    m_library.reset();
    m_pacer.reset();
    m_network.reset();
    m_server.reset();
    m_dir.reset();
}

void TestLoaderLibrary::open(Viewer &viewer, bool reverse)
{
    viewer.loader.open(ApiEndpoint{m_server->baseUrl(), QByteArrayLiteral("test-token")}, RunRef{kOrg, kRun}, reverse);
}

void TestLoaderLibrary::loadAll(Viewer &viewer)
{
    QSignalSpy allLoaded(&viewer.loader, &RunLoader::allLoaded);
    viewer.loader.loadAll();
    // A run held whole may be done at once, before any event.
    if (allLoaded.isEmpty())
        QVERIFY(allLoaded.wait(20000));
    // Written before the next viewer asks.
    m_library->flush();
}

void TestLoaderLibrary::verifyRows(const Viewer &viewer, bool reverse)
{
    const auto run = m_server->run(kRun);
    QCOMPARE(viewer.model.rowCount(), int(run->entries.size()));
    for (int row = 0; row < viewer.model.rowCount(); ++row) {
        const int index = reverse ? int(run->entries.size()) - 1 - row : row;
        QVERIFY2(viewer.model.store().isLoaded(row), qPrintable(QString::number(row)));
        QCOMPARE(viewer.model.store().at(row).rawJson, run->entries.at(index));
    }
}

void TestLoaderLibrary::finishedRunReopensWithoutRequests_data()
{
    QTest::addColumn<int>("entries");
    QTest::addColumn<bool>("firstReverse");
    QTest::addColumn<bool>("thenReverse");
    QTest::addRow("1234 entries, oldest first") << 1234 << false << false;
    QTest::addRow("1200 entries (whole pages)") << 1200 << false << false;
    QTest::addRow("1234 entries, then newest first") << 1234 << false << true;
    QTest::addRow("fetched newest first, shown oldest first") << 1234 << true << false;
    QTest::addRow("no entries") << 0 << false << false;
}

void TestLoaderLibrary::finishedRunReopensWithoutRequests()
{
    QFETCH(int, entries);
    QFETCH(bool, firstReverse);
    QFETCH(bool, thenReverse);
    m_server->addRun(makeRun(kOrg, kRun, entries));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first, firstReverse);
        loadAll(first);
        verifyRows(first, firstReverse);
        QVERIFY(first.loader.requestsSent() > 0);
    }
    m_server->clearRequestLog();

    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    open(second, thenReverse);
    QTRY_COMPARE(second.loader.state(), RunLoader::State::Open);
    QCOMPARE(second.model.rowCount(), entries);
    QVERIFY(second.loader.hasRunInfo());
    QCOMPARE(second.loader.runInfo().status, std::optional<QString>(QStringLiteral("COMPLETE")));
    loadAll(second);
    verifyRows(second, thenReverse);
    QCOMPARE(int(m_server->requestLog().size()), 0);
    QCOMPARE(second.loader.requestsSent(), 0);
    QVERIFY(second.loader.isFullyLoaded());
}

void TestLoaderLibrary::storedRunOpensWholeBeforeItShows_data()
{
    QTest::addColumn<bool>("reverse");
    QTest::addRow("oldest first") << false;
    QTest::addRow("newest first") << true;
}

// A run the library holds whole is in the model whole when its rows first show (the moment the
// loader says Open, which is when the window paints them): every row loaded, none to read later,
// and no request.
void TestLoaderLibrary::storedRunOpensWholeBeforeItShows()
{
    QFETCH(bool, reverse);
    m_server->addRun(makeRun(kOrg, kRun, 2000));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        loadAll(first);
    }
    m_server->clearRequestLog();

    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    int rowsWhenOpen = -1;
    int loadedWhenOpen = -1;
    connect(&second.loader, &RunLoader::stateChanged, this, [&](RunLoader::State state) {
        if (state == RunLoader::State::Open && rowsWhenOpen < 0) {
            rowsWhenOpen = second.model.rowCount();
            loadedWhenOpen = second.loader.loadedRows();
        }
    });
    open(second, reverse);
    QTRY_COMPARE(second.loader.state(), RunLoader::State::Open);
    QCOMPARE(rowsWhenOpen, 2000);
    QCOMPARE(loadedWhenOpen, 2000);
    QVERIFY(second.loader.isFullyLoaded());
    QCOMPARE(second.loader.pagesFromCache(), 20);
    verifyRows(second, reverse);
    QTest::qWait(200); // nothing is asked afterwards either
    QCOMPARE(int(m_server->requestLog().size()), 0);
    QCOMPARE(second.loader.requestsSent(), 0);
}

void TestLoaderLibrary::largerStoredRunIsReadWholeInTheBackground_data()
{
    storedRunOpensWholeBeforeItShows_data();
}

// A run larger than what comes with the open (lowered here from 100,000 to 500 entries) is read
// in chunks by itself, without the view asking for its pages, and with no request.
void TestLoaderLibrary::largerStoredRunIsReadWholeInTheBackground()
{
    QFETCH(bool, reverse);
    m_server->addRun(makeRun(kOrg, kRun, 7250));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        loadAll(first);
    }
    m_server->clearRequestLog();
    m_library->setEntriesWithOpen(500);

    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    open(second, reverse);
    QTRY_COMPARE(second.loader.state(), RunLoader::State::Open);
    QCOMPARE(second.model.rowCount(), 7250);
    QTRY_COMPARE_WITH_TIMEOUT(second.loader.loadedRows(), 7250, 20000);
    QVERIFY(second.loader.isFullyLoaded());
    QCOMPARE(second.loader.pagesFromCache(), 73);
    verifyRows(second, reverse);
    QCOMPARE(int(m_server->requestLog().size()), 0);
}

void TestLoaderLibrary::visiblePagesOfAStoredRunNeedNoRequest()
{
    m_server->addRun(makeRun(kOrg, kRun, 5000));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        loadAll(first);
    }
    m_server->clearRequestLog();
    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    open(second);
    QTRY_COMPARE(second.model.rowCount(), 5000);
    // The view jumps to the end, then to the middle: the rows are there already.
    second.loader.setViewport(4950, 4999);
    QVERIFY(second.model.store().isLoaded(4999));
    second.loader.setViewport(2510, 2560);
    QVERIFY(second.model.store().isLoaded(2560));
    QCOMPARE(second.model.store().at(4999).rawJson, m_server->run(kRun)->entries.at(4999));
    QCOMPARE(second.model.store().at(2510).rawJson, m_server->run(kRun)->entries.at(2510));
    QCOMPARE(int(m_server->requestLog().size()), 0);
    QCOMPARE(second.loader.pagesFromCache(), 50); // every page, with the run
}

void TestLoaderLibrary::runStillGoingFetchesOnlyWhatIsNew()
{
    m_server->addRun(makeRun(kOrg, kRun, 250, QStringLiteral("RUNNING")));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        loadAll(first);
        verifyRows(first);
    }
    // The run went on: 230 more entries, then it finished.
    const auto run = m_server->run(kRun);
    for (int n = 250; n < 480; ++n)
        run->entries.append(makeSampleEntry(kRun, n));
    run->setStatus(QStringLiteral("COMPLETE"));
    m_server->clearRequestLog();

    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    int rowsWhenOpen = -1;
    connect(&second.loader, &RunLoader::stateChanged, this, [&second, &rowsWhenOpen](RunLoader::State state) {
        if (state == RunLoader::State::Open && rowsWhenOpen < 0)
            rowsWhenOpen = second.model.rowCount();
    });
    open(second);
    QTRY_COMPARE(second.loader.state(), RunLoader::State::Open);
    // What is kept shows at once, before the server answers.
    QCOMPARE(rowsWhenOpen, 250);
    loadAll(second);
    verifyRows(second);
    // The page that was short (it may have grown) and the new ones; never the two kept whole.
    QCOMPARE(requestedSkips(*m_server), (QStringList{QStringLiteral("200"), QStringLiteral("300"), QStringLiteral("400")}));
    QCOMPARE(second.loader.runInfo().status, std::optional<QString>(QStringLiteral("COMPLETE")));

    // Now finished and whole: the next look asks nothing.
    m_server->clearRequestLog();
    Viewer third(m_network.get(), m_library.get(), m_pacer.get());
    open(third);
    loadAll(third);
    verifyRows(third);
    QCOMPARE(requestedSkips(*m_server), QStringList());
}

// Stored while it was live (RUNNING), finished since without growing: the reopen asks once for
// the last page, which says COMPLETE, and nothing more; the next reopen asks nothing.
void TestLoaderLibrary::runStoredLiveAndFinishedSinceIsAskedOnce()
{
    m_server->addRun(makeRun(kOrg, kRun, 250, QStringLiteral("RUNNING")));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        loadAll(first);
    }
    m_server->run(kRun)->setStatus(QStringLiteral("COMPLETE"));
    m_server->clearRequestLog();
    {
        Viewer second(m_network.get(), m_library.get(), m_pacer.get());
        open(second);
        QTRY_COMPARE(second.loader.runInfo().status, std::optional<QString>(QStringLiteral("COMPLETE")));
        QTRY_COMPARE(second.loader.pagesInFlight(), 0);
        QTest::qWait(300);
        verifyRows(second);
        QVERIFY(second.loader.isFullyLoaded());
        QCOMPARE(requestedSkips(*m_server), QStringList{QStringLiteral("200")});
        m_library->flush();
    }
    m_server->clearRequestLog();
    Viewer third(m_network.get(), m_library.get(), m_pacer.get());
    open(third);
    QTRY_COMPARE(third.loader.state(), RunLoader::State::Open);
    QVERIFY(third.loader.isFullyLoaded());
    QTest::qWait(300);
    QCOMPARE(requestedSkips(*m_server), QStringList());
}

void TestLoaderLibrary::runStillGoingNewestFirstAsksTheNewestPage()
{
    m_server->addRun(makeRun(kOrg, kRun, 300, QStringLiteral("RUNNING")));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        loadAll(first);
    }
    const auto run = m_server->run(kRun);
    for (int n = 300; n < 340; ++n)
        run->entries.append(makeSampleEntry(kRun, n));
    m_server->clearRequestLog();

    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    open(second, true);
    // The newest page is asked at once: it says the run grew, and the positions start over.
    QTRY_COMPARE(second.model.rowCount(), 340);
    loadAll(second);
    verifyRows(second, true);
    // Asked: the newest page (skip 0, twice at most: the look, then the rows it moved), and the
    // page of the oldest 40 that moved past a page boundary. Never every page again.
    const QStringList skips = requestedSkips(*m_server);
    QVERIFY2(skips.size() <= 4, qPrintable(skips.join(u',')));
    QVERIFY(skips.contains(QStringLiteral("0")));
}

void TestLoaderLibrary::partlyStoredRunFetchesOnlyMissingPages()
{
    m_server->addRun(makeRun(kOrg, kRun, 1000));
    {
        // Only some pages were looked at: the first, and two in the middle.
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        QTRY_COMPARE(first.model.rowCount(), 1000);
        first.loader.setViewport(420, 530);
        QTRY_VERIFY(first.model.store().isLoaded(530));
        QTRY_COMPARE(first.loader.pagesInFlight(), 0);
        m_library->flush();
    }
    m_server->clearRequestLog();
    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    open(second);
    loadAll(second);
    verifyRows(second);
    QCOMPARE(requestedSkips(*m_server),
             (QStringList{QStringLiteral("100"), QStringLiteral("200"), QStringLiteral("300"), QStringLiteral("600"),
                          QStringLiteral("700"), QStringLiteral("800"), QStringLiteral("900")}));
}

void TestLoaderLibrary::pagesFetchedNewestFirstServeOldestFirst()
{
    // 250 entries newest first: the positions of each page come from the page's total.
    m_server->addRun(makeAwkwardRun(kOrg, kRun, 64 * 1024));
    const auto run = m_server->run(kRun);
    for (int n = 10; n < 250; ++n)
        run->entries.append(makeSampleEntry(kRun, n));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first, true);
        loadAll(first);
        verifyRows(first, true);
    }
    m_server->clearRequestLog();
    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    open(second, false);
    loadAll(second);
    verifyRows(second, false);
    QCOMPARE(int(m_server->requestLog().size()), 0);
}

void TestLoaderLibrary::offlineShowsOnlyWhatIsKept()
{
    m_server->addRun(makeRun(kOrg, kRun, 600));
    {
        Viewer first(m_network.get(), m_library.get(), m_pacer.get());
        open(first);
        QTRY_COMPARE(first.model.rowCount(), 600);
        first.loader.setViewport(0, 150); // pages 0 and 1 only
        QTRY_VERIFY(first.model.store().isLoaded(150));
        QTRY_COMPARE(first.loader.pagesInFlight(), 0);
        m_library->flush();
    }
    m_server->clearRequestLog();
    ApiClient::setOffline(true);

    Viewer second(m_network.get(), m_library.get(), m_pacer.get());
    QSignalSpy failed(&second.loader, &RunLoader::pageFailed);
    open(second);
    QTRY_COMPARE(second.model.rowCount(), 600);
    second.loader.setViewport(0, 150);
    QTRY_VERIFY(second.model.store().isLoaded(150));
    QCOMPARE(second.model.store().at(150).rawJson, m_server->run(kRun)->entries.at(150));
    // A page that is not kept fails at once, in words that say why, and nothing is sent.
    second.loader.setViewport(300, 350);
    QVERIFY(failed.wait(5000));
    const ApiError error = failed.first().first().value<ApiError>();
    QCOMPARE(int(error.kind), int(ApiError::Kind::Offline));
    QCOMPARE(second.model.store().state(300), LogStore::RowState::Failed);
    // A run that is not kept at all.
    Viewer third(m_network.get(), m_library.get(), m_pacer.get());
    QSignalSpy thirdFailed(&third.loader, &RunLoader::pageFailed);
    third.loader.open(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, 99});
    QVERIFY(thirdFailed.wait(5000));
    QCOMPARE(third.loader.state(), RunLoader::State::Failed);
    QCOMPARE(int(m_server->requestLog().size()), 0);
}

void TestLoaderLibrary::withoutLibraryNothingIsKept()
{
    m_server->addRun(makeRun(kOrg, kRun, 300));
    for (int round = 0; round < 2; ++round) {
        Viewer viewer(m_network.get(), nullptr, m_pacer.get());
        open(viewer);
        loadAll(viewer);
        verifyRows(viewer);
    }
    // Asked twice over: 3 pages and the look past the end, each time.
    QCOMPARE(int(m_server->requestLog().size()), 8);
    QObject context;
    std::optional<QList<LibraryRun>> runs;
    m_library->listRuns(&context, [&runs](const QList<LibraryRun> &list) { runs = list; });
    QTRY_VERIFY(runs.has_value());
    QVERIFY(runs->isEmpty());
}

QTEST_MAIN(TestLoaderLibrary)
#include "tst_loaderlibrary.moc"
