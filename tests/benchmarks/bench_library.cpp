// SPDX-License-Identifier: MIT
// Measures the library of runs. Build Release and run:
//     bench_library [folder=/tmp/runlog-bench-library] [runs=100] [entries=10000] [--search-only] [--case=TEXT]
//                   [--one-search-object[=ROUNDS]]
// 1. Writing: `runs` runs of `entries` realistic entries (the generator of bench_search), stored
//    page by page as the loader stores what it fetches; entries per second and the file's size.
//    An existing library of that shape in `folder` is reused (delete the folder to measure again).
// 2. Reopening a stored run of 100,000 entries through RunLoader (no request is sent: the run is
//    finished and whole): the time until its rows are shown, until the first screen is filled,
//    and until every entry is loaded.
// 3. Search across every run: for each query the time to the first hit and to all hits, through
//    the trigram index where it narrows, and a scan of every entry where it cannot; each search
//    on a connection opened for it, as `runlog --search` searches.
// 4. With --one-search-object: the same queries through one LibrarySearch, each ROUNDS times
//    (default 3) in a row, as the Library window searches while the user types: the CPU time of
//    the thread that searched (the busiest of the threads alive after the search) and of every
//    thread but the main one (which only receives hits), threads that ended with the search too.

#include "syntheticrun.h"
#include "api/pageparser.h"
#include "api/requestpacer.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "search/searchquery.h"
#include "store/librarydatabase.h"
#include "store/librarysearch.h"
#include "store/librarysearchscan.h"
#include "store/runlibrary.h"

#include <QCoreApplication>
#include <QFile>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include <unistd.h>

namespace {

// CPU time of the calling thread: what a search costs whatever else the machine runs.
qint64 threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// CPU time of every thread of the process: with the second thread of a scan of every entry, what
// the search costs both cores (its wall time on an idle machine is about the larger thread's).
qint64 processCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

const QString kOrigin = QStringLiteral("https://bench.example.test");
constexpr qint64 kOrg = 1;
constexpr qint64 kBigRun = 999999;
constexpr int kBigRunEntries = 100000;

RunInfo runInfo(qint64 runId, int total, int dayOffset)
{
    // The run's fields as a page would carry them, parsed the way the loader parses them.
    const QByteArray created = QDateTime(QDate(2025, 1, 1).addDays(dayOffset), QTime(9, 0), Qt::UTC)
                                   .toString(Qt::ISODate)
                                   .toUtf8();
    const QByteArray shell = "{\"id\":" + QByteArray::number(runId) + ",\"organization_id\":" + QByteArray::number(kOrg)
        + ",\"status\":\"COMPLETE\",\"created_at\":\"" + created + "\",\"web_url\":null,\"result\":null,"
        "\"metadata\":{},\"logs\":[],\"total_logs\":" + QByteArray::number(total) + ",\"page\":1,\"size\":100,\"pages\":1}";
    return PageParser::parse(shell).page.run;
}

qint64 storedEntries(const QString &folder)
{
    if (!QFileInfo::exists(folder + QStringLiteral("/library.sqlite")))
        return 0;
    RunLibrary library(folder);
    QObject context;
    qint64 total = -1;
    library.listRuns(&context, [&total](const QList<LibraryRun> &runs) {
        total = 0;
        for (const LibraryRun &run : runs)
            total += run.storedEntries;
    });
    while (total < 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return total;
}

void storeRun(RunLibrary &library, qint64 runId, int entries, int dayOffset, quint32 seed)
{
    SyntheticRun generator(seed, true);
    const RunInfo run = runInfo(runId, entries, dayOffset);
    for (int skip = 0; skip < entries; skip += 100) {
        QList<LogEntry> page;
        for (int i = skip; i < std::min(entries, skip + 100); ++i) {
            EntryParseResult parsed = PageParser::parseEntry(generator.entry(runId, i), i);
            page.append(std::move(parsed.entry));
        }
        library.store(PageCache::Key{kOrigin, RunRef{kOrg, runId}}, run, skip, page);
    }
}

void writeLibrary(const QString &folder, int runs, int entries)
{
    QElapsedTimer clock;
    clock.start();
    {
        RunLibrary library(folder);
        library.setSizeLimit(0);
        for (int r = 0; r < runs; ++r) {
            storeRun(library, 1000 + r, entries, r, quint32(7 + r));
            if (r % 10 == 9) {
                library.flush();
                std::printf("  stored %d runs, %.1f s\n", r + 1, clock.elapsed() / 1000.0);
                std::fflush(stdout);
            }
        }
        storeRun(library, kBigRun, kBigRunEntries, runs + 1, 4242);
        library.flush();
    }
    const double seconds = clock.elapsed() / 1000.0;
    const qint64 total = qint64(runs) * entries + kBigRunEntries;
    std::printf("write: %lld entries in %.1f s = %.0f entries/s (each page one transaction, FTS index included)\n",
                total, seconds, total / seconds);
}

void reopen(const QString &folder)
{
    RunLibrary library(folder);
    library.isAvailable();
    QNetworkAccessManager network;
    RequestPacer pacer(60, 60000);
    for (int round = 0; round < 3; ++round) {
        LogTableModel model;
        RunLoader loader(&network, &model);
        loader.setPacer(&pacer);
        loader.setPageCache(&library);
        QElapsedTimer clock;
        clock.start();
        qint64 shownMs = -1, screenMs = -1, allMs = -1;
        QEventLoop loop;
        QObject::connect(&loader, &RunLoader::stateChanged, [&](RunLoader::State state) {
            if (state == RunLoader::State::Open && shownMs < 0) {
                shownMs = clock.elapsed();
                loader.setViewport(kBigRunEntries - 60, kBigRunEntries - 1); // the user jumps to the end
            }
        });
        QObject::connect(&loader, &RunLoader::progressChanged, [&] {
            if (screenMs < 0 && model.rowCount() > 0 && model.store().isLoaded(kBigRunEntries - 1)) {
                screenMs = clock.elapsed();
                loader.loadAll();
            }
        });
        QObject::connect(&loader, &RunLoader::allLoaded, [&] {
            allMs = clock.elapsed();
            loop.quit();
        });
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loader.open(ApiEndpoint{QUrl(kOrigin), QByteArray()}, RunRef{kOrg, kBigRun});
        loop.exec();
        std::printf("reopen of a stored %d-entry run (round %d): rows shown %lld ms, last screen filled %lld ms, "
                    "all %d entries loaded %lld ms, requests sent %d\n",
                    kBigRunEntries, round + 1, shownMs, screenMs, model.store().loadedCount(), allMs, loader.requestsSent());
    }
}

struct Case {
    const char *label;
    SearchQuery query;
};

constexpr int kSearchCases = 9;

const Case *searchCases()
{
    static const Case cases[kSearchCases] = {
        {"rare (1 in 10,007 entries)", SearchQuery{QStringLiteral("xyzzy_handler"), false, false, false}},
        {"rare, exact case", SearchQuery{QStringLiteral("Segmentation fault in xyzzy"), true, false, false}},
        // A phrase, as the pattern was one needle before the query language (55,401 hits).
        {"a phrase in many entries", SearchQuery{QStringLiteral("\"parser returns\""), false, false, false}},
        {"two common words", SearchQuery{QStringLiteral("parser returns"), false, false, false}},
        {"nowhere", SearchQuery{QStringLiteral("zebra crossing"), false, false, false}},
        {"two letters", SearchQuery{QStringLiteral("qz"), false, false, false}},
        {"one letter", SearchQuery{QStringLiteral("q"), false, false, false}},
        {"regular expression with a literal", SearchQuery{QStringLiteral("xyzzy_\\w+\\(\"caf"), false, false, true}},
        {"regular expression, no literal", SearchQuery{QStringLiteral("\\d{5}[g-k]{4}"), false, false, true}},
    };
    return cases;
}

void search(const QString &folder, const QString &only)
{
    LibraryDatabase database(folder);
    if (!database.open()) {
        std::printf("cannot open the library: %s\n", qPrintable(database.errorString()));
        return;
    }
    const Case *cases = searchCases();
    const std::atomic<bool> never{false};
    for (int i = 0; i < kSearchCases; ++i) {
        const Case &c = cases[i];
        if (!QString::fromLatin1(c.label).contains(only))
            continue;
        // The window's limit, and every hit (the command line's).
        for (const qint64 limit : {LibrarySearch::kDefaultMaxHits, qint64(0)}) {
            qint64 hits = 0;
            const qint64 cpuBefore = threadCpuMs();
            const qint64 allCpuBefore = processCpuMs();
            // A connection of its own, opened for this search (its open counted), as the window
            // (LibrarySearch) and `runlog --search` open one for each search: what SQLite has
            // mapped or cached for one search is not there for the next.
            LibraryDatabase own(folder);
            if (!own.open()) {
                std::printf("cannot open the library: %s\n", qPrintable(own.errorString()));
                return;
            }
            const LibrarySearchSummary summary = LibrarySearchScan::run(own.connection(), c.query, limit, never,
                                                                        [&hits](const QList<LibrarySearchHit> &found) {
                                                                            hits += found.size();
                                                                            return true;
                                                                        });
            std::printf("search %-34s %s: first hit %5lld ms, done %6lld ms (cpu %6lld ms, both threads %6lld ms), %7lld hits, %9lld entries read, %d runs%s\n",
                        c.label, limit > 0 ? "(first 10,000)" : "(all)        ", summary.msToFirstHit, summary.elapsedMs,
                        threadCpuMs() - cpuBefore, processCpuMs() - allCpuBefore, hits, summary.entriesChecked, summary.runsSearched,
                        summary.usedIndex ? ", index" : "");
            std::fflush(stdout);
        }
    }
    // Cancellation: a search that reads every entry, cancelled as a keystroke would; the time
    // from the cancel to the search's return.
    for (int i = 0; i < kSearchCases; ++i) {
        const Case &c = cases[i];
        if (!QString::fromLatin1(c.label).contains(only))
            continue;
        std::atomic<bool> cancel{false};
        std::atomic<qint64> returnedNs{0};
        QElapsedTimer clock;
        clock.start();
        std::thread worker([&] {
            LibraryDatabase own(database.folder());
            if (own.open())
                LibrarySearchScan::run(own.connection(), c.query, 0, cancel, [](const QList<LibrarySearchHit> &) { return true; });
            returnedNs = clock.nsecsElapsed();
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        const qint64 cancelledNs = clock.nsecsElapsed();
        cancel = true;
        worker.join();
        std::printf("cancel %-34s: returned %.2f ms after the cancel%s\n", c.label,
                    std::max<qint64>(0, returnedNs - cancelledNs) / 1e6, returnedNs < cancelledNs ? " (it had ended)" : "");
    }
}

// CPU time of each thread of the process but the calling one, by thread id (Linux: /proc).
QHash<QString, qint64> otherThreadsCpuMs()
{
    QHash<QString, qint64> cpu;
    const QString self = QString::number(qint64(gettid()));
    const long ticks = sysconf(_SC_CLK_TCK);
    for (const QString &tid : QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (tid == self)
            continue;
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            cpu.insert(tid, (fields.at(11).toLongLong() + fields.at(12).toLongLong()) * 1000 / ticks);
    }
    return cpu;
}

void searchThroughOneObject(const QString &folder, const QString &only, int rounds)
{
    const Case *cases = searchCases();
    LibrarySearch search(folder);
    for (int i = 0; i < kSearchCases; ++i) {
        const Case &c = cases[i];
        if (!QString::fromLatin1(c.label).contains(only))
            continue;
        for (const qint64 limit : {LibrarySearch::kDefaultMaxHits, qint64(0)}) {
            for (int round = 1; round <= rounds; ++round) {
                qint64 hits = 0;
                LibrarySearchSummary summary;
                QEventLoop loop;
                const QMetaObject::Connection onHits = QObject::connect(
                    &search, &LibrarySearch::hitsFound, [&hits](const QList<LibrarySearchHit> &found) { hits += found.size(); });
                const QMetaObject::Connection onDone
                    = QObject::connect(&search, &LibrarySearch::finished, [&](const LibrarySearchSummary &done) {
                          summary = done;
                          loop.quit();
                      });
                const QHash<QString, qint64> before = otherThreadsCpuMs();
                const qint64 workersBefore = processCpuMs() - threadCpuMs();
                search.start(c.query, limit);
                loop.exec();
                const QHash<QString, qint64> after = otherThreadsCpuMs();
                const qint64 all = processCpuMs() - threadCpuMs() - workersBefore;
                QObject::disconnect(onHits);
                QObject::disconnect(onDone);
                qint64 searching = 0;
                for (auto it = after.begin(); it != after.end(); ++it) {
                    searching = std::max(searching, it.value() - before.value(it.key(), 0));
                }
                std::printf("one object, search %-34s %s round %d: first hit %5lld ms, done %6lld ms (cpu %6lld ms, both threads %6lld ms), %7lld hits, %9lld entries read%s\n",
                            c.label, limit > 0 ? "(first 10,000)" : "(all)        ", round, summary.msToFirstHit,
                            summary.elapsedMs, searching, all, hits, summary.entriesChecked, summary.usedIndex ? ", index" : "");
                std::fflush(stdout);
            }
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString folder = args.size() > 1 ? args.at(1) : QStringLiteral("/tmp/runlog-bench-library");
    const int runs = args.size() > 2 ? args.at(2).toInt() : 100;
    const int entries = args.size() > 3 ? args.at(3).toInt() : 10000;
    const qint64 expected = qint64(runs) * entries + kBigRunEntries;
    const qint64 present = storedEntries(folder);
    if (present != expected) {
        QDir(folder).removeRecursively();
        std::printf("writing %d runs x %d entries and one of %d to %s\n", runs, entries, kBigRunEntries, qPrintable(folder));
        writeLibrary(folder, runs, entries);
    } else {
        std::printf("reusing the library in %s (%lld entries)\n", qPrintable(folder), present);
    }
    const qint64 bytes = QFileInfo(folder + QStringLiteral("/library.sqlite")).size()
        + QFileInfo(folder + QStringLiteral("/library.sqlite-wal")).size();
    std::printf("library file: %.0f MB\n", bytes / 1048576.0);
    if (!args.contains(QStringLiteral("--search-only")))
        reopen(folder);
    // --case=TEXT: only the searches whose label holds TEXT (to profile one).
    QString only;
    for (const QString &arg : args) {
        if (arg.startsWith(QLatin1String("--case=")))
            only = arg.mid(7);
    }
    // --one-search-object[=ROUNDS]: the searches through one LibrarySearch instead.
    for (const QString &arg : args) {
        if (arg.startsWith(QLatin1String("--one-search-object"))) {
            const int rounds = arg.contains(QLatin1Char('=')) ? arg.section(QLatin1Char('='), 1).toInt() : 3;
            searchThroughOneObject(folder, only, std::max(1, rounds));
            return 0;
        }
    }
    search(folder, only);
    return 0;
}
