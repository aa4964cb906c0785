// SPDX-License-Identifier: MIT
// Measures search over a large loaded run: 100,000 realistic entries (about 50 MB of JSON, the
// generator of bench_pageparser), as a SearchIndexer holds them: the raw form (each entry's JSON,
// shared, and its flags). Build Release and run:
//     bench_search [entries=100000] [--rg FILE] [--regex-only] [--case TEXT] [--profile-raw N]
// With --rg, the entries are also written to FILE (JSON Lines; delete it afterwards) and each
// regular expression is timed with `rg -c` (ripgrep, if installed) over that file, beside ours.
// --case: only the queries whose label holds TEXT (to profile one).
// --profile-raw N: each query's raw search only, N times, nothing else measured (for perf or
// callgrind: the profile is the search's alone).
// Prints the corpus build (time, MB/s, memory), then for each query the single-thread search
// speed in MB of raw JSON per second (by the wall clock, and by the thread's CPU time, which a
// machine shared with builds leaves comparable from run to run), beside the same search over a corpus of decoded texts (the
// form the corpus held before: the reference, whose results must be identical) and, through
// SearchRunner as the UI uses it (which also looks for the pattern in the entries' text as the
// detail pane shows it, so its entries may be more), the time from the keystroke (start()) to
// the first match and to the final result.

#include "processstatus.h"
#include "syntheticrun.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchrunner.h"
#include "search/searchtext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>

#include <malloc.h>
#include <time.h>

namespace {

struct Case
{
    const char *label;
    const char *pattern;
    bool caseSensitive;
    bool wholeWord;
    bool regex;
};

// This thread's CPU seconds: on a machine shared with builds the wall clock measures the load as
// much as the search, the CPU time the search alone (the "cpu" columns).
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// The process's CPU seconds, all threads: the bar's work on both cores.
double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Latency
{
    double firstMs = -1;
    double finalMs = -1;
    double cpuMs = -1; // CPU time of all threads from start() to the final result
    qint64 entries = 0;
};

// As the UI does: start() on the UI thread, then the event loop delivers firstMatch/finished.
Latency runnerLatency(SearchRunner &runner, const SearchQuery &query, const SearchCorpus &corpus, int startRow)
{
    Latency latency;
    QElapsedTimer clock;
    QEventLoop loop;
    const auto c1 = QObject::connect(&runner, &SearchRunner::firstMatch, &loop, [&] {
        latency.firstMs = clock.nsecsElapsed() / 1e6;
    });
    const auto c2 = QObject::connect(&runner, &SearchRunner::finished, &loop, [&](quint64, const SearchResult &r) {
        latency.finalMs = clock.nsecsElapsed() / 1e6;
        latency.entries = r.entryCount;
        loop.quit();
    });
    const double cpuStart = processCpuSeconds();
    clock.start();
    runner.start(query, corpus, startRow);
    loop.exec();
    latency.cpuMs = (processCpuSeconds() - cpuStart) * 1e3;
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    return latency;
}

// Best of three wall-clock seconds of `rg -c PATTERN FILE` (its flags as the query's), or -1.
double ripgrepSeconds(const QString &rg, const QString &file, const SearchQuery &query)
{
    if (rg.isEmpty() || file.isEmpty() || !query.regex)
        return -1;
    QStringList args{QStringLiteral("-c")};
    if (!query.caseSensitive)
        args << QStringLiteral("-i");
    if (query.wholeWord)
        args << QStringLiteral("-w");
    args << QStringLiteral("-e") << query.pattern << file;
    double best = -1;
    for (int k = 0; k < 3; ++k) {
        QProcess process;
        QElapsedTimer clock;
        clock.start();
        process.start(rg, args);
        if (!process.waitForFinished(120000))
            return -1;
        const double secs = clock.nsecsElapsed() / 1e9;
        best = best < 0 ? secs : std::min(best, secs);
    }
    return best;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int entryCount = 100000;
    QString rgFile;
    bool regexOnly = false;
    QByteArray onlyCase;
    int profileRawTimes = 0;
    for (int k = 1; k < argc; ++k) {
        const QByteArray arg(argv[k]);
        if (arg == "--rg" && k + 1 < argc)
            rgFile = QString::fromLocal8Bit(argv[++k]);
        else if (arg == "--regex-only")
            regexOnly = true;
        else if (arg == "--case" && k + 1 < argc)
            onlyCase = argv[++k];
        else if (arg == "--profile-raw" && k + 1 < argc)
            profileRawTimes = qMax(1, QByteArray(argv[++k]).toInt());
        else
            entryCount = qMax(100, arg.toInt());
    }

    SyntheticRun gen(20250621, true);
    QList<QByteArray> entries;
    entries.reserve(entryCount);
    qint64 rawBytes = 0;
    for (int i = 0; i < entryCount; ++i) {
        entries.append(gen.entry(987654, i));
        rawBytes += entries.last().size();
    }
    std::printf("generated %d entries, %.1f MB of JSON\n", entryCount, rawBytes / 1e6);
    const QString rg = rgFile.isEmpty() ? QString() : QStandardPaths::findExecutable(QStringLiteral("rg"));
    if (!rgFile.isEmpty()) {
        QFile out(rgFile);
        if (!out.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(rgFile));
            return 1;
        }
        for (const QByteArray &entry : std::as_const(entries)) {
            out.write(entry);
            out.write("\n");
        }
        std::printf("wrote %s for rg%s\n", qPrintable(rgFile), rg.isEmpty() ? " (rg not found: not run)" : "");
    }

    malloc_trim(0);
    const qint64 rssBefore = ProcessStatus::kilobytes("VmRSS");
    QElapsedTimer timer;
    timer.start();
    SearchCorpus corpus;
    corpus.resize(entryCount);
    for (int row = 0; row < entryCount; ++row)
        corpus.setText(row, SearchText::fromRawEntryJson(entries.at(row)));
    const double buildSecs = timer.nsecsElapsed() / 1e9;
    const qint64 rssAfter = ProcessStatus::kilobytes("VmRSS");
    int needsDecoding = 0;
    for (int row = 0; row < entryCount; ++row)
        needsDecoding += corpus.at(row).needsDecoding() ? 1 : 0;
    std::printf("raw corpus build (one thread): %.1f ms, %.0f MB/s of JSON; scans %.1f MB of JSON; RSS +%.1f MB "
                "(%.1f%% of the JSON); %d rows need decoding for every search\n",
                buildSecs * 1e3, rawBytes / 1e6 / buildSecs, corpus.byteCount() / 1e6, (rssAfter - rssBefore) / 1024.0,
                100.0 * double(rssAfter - rssBefore) * 1024.0 / double(rawBytes), needsDecoding);

    // The reference: the decoded texts the corpus held before (built after the measure above).
    malloc_trim(0);
    const qint64 rssBeforeDecoded = ProcessStatus::kilobytes("VmRSS");
    timer.start();
    SearchCorpus decoded;
    decoded.resize(entryCount);
    for (int row = 0; row < entryCount; ++row)
        decoded.setText(row, SearchText::fromEntryJson(entries.at(row)));
    const double decodedSecs = timer.nsecsElapsed() / 1e9;
    std::printf("decoded corpus build (reference): %.1f ms, %.0f MB/s of JSON; text %.1f MB (%.0f%% of the JSON); "
                "RSS +%.1f MB\n\n",
                decodedSecs * 1e3, rawBytes / 1e6 / decodedSecs, decoded.byteCount() / 1e6,
                100.0 * double(decoded.byteCount()) / double(rawBytes), (ProcessStatus::kilobytes("VmRSS") - rssBeforeDecoded) / 1024.0);

    const Case cases[] = {
        {"plain, rare (10 entries)", "xyzzy_handler", false, false, false},
        {"plain cs, rare", "xyzzy_handler", true, false, false},
        {"plain, no match", "qwertyuiop", false, false, false},
        {"plain cs, no match", "qwertyuiop", true, false, false},
        {"plain, common", "parser", false, false, false},
        {"plain cs, common", "parser", true, false, false},
        {"plain, 1 letter, very common", "e", false, false, false},
        {"whole word, common", "file", false, true, false},
        {"whole word, rare", "xyzzy_handler", false, true, false},
        {"ci non-ASCII needle, rare", "SEGMENTATION FAULT IN XYZZY_HANDLER(\"CAF\xC3\x89", false, false, false},
        {"ci non-ASCII needle, common", "\xC3\x89T\xC3\x89", false, false, false},
        {"regex, rare", "xyzzy_\\w+\\(", false, false, true},
        {"regex, common", "module\\d+\\.cpp:\\d+", false, false, true},
        {"regex cs, no match", "qwerty[0-9]+", true, false, true},
        {"regex Traceback", "Traceback", false, false, true},
        {"regex exit code [1-9][0-9]*", "exit code [1-9][0-9]*", false, false, true},
        {"regex get[A-Z][a-z]+Data", "get[A-Z][a-z]+Data", false, false, true},
        {"regex cs get[A-Z][a-z]+Data", "get[A-Z][a-z]+Data", true, false, true},
        {"regex alternation", "(fails|error)\\s+handling", false, false, true},
        {"regex non-ASCII ci", "\xC3\xA9t\xC3\xA9\\s\\w+", false, false, true},
        {"regex no literal, rare", "\\d{4}-\\d{2}-\\d{2}T\\d", false, false, true},
        // Search All Runs' own case (bench_library): nothing every match holds, and no match.
        {"regex no literal, library's", "\\d{5}[g-k]{4}", false, false, true},
        {"regex no literal, common", "[A-Z][a-z]+Error", true, false, true},
        {"regex no literal, \\w+", "\\w+", false, false, true},
    };

    std::printf("%-34s %9s %9s %9s %9s | %11s %12s | %12s %12s %12s | %9s %9s\n", "query", "entries", "raw ms", "JSON MB/s",
                "cpu MB/s", "decoded ms", "JSON MB/s", "first match", "final", "final cpu", "rg -c ms", "rg MB/s");
    SearchRunner runner;
    for (const Case &c : cases) {
        if ((regexOnly && !c.regex) || !QByteArray(c.label).contains(onlyCase))
            continue;
        SearchQuery query;
        query.pattern = QString::fromUtf8(c.pattern);
        query.caseSensitive = c.caseSensitive;
        query.wholeWord = c.wholeWord;
        query.regex = c.regex;
        const SearchEngine engine(query);
        if (profileRawTimes > 0) {
            qint64 matches = 0;
            for (int k = 0; k < profileRawTimes; ++k)
                matches += engine.search(corpus).matchCount;
            std::printf("%-34s %lld matches in %d searches\n", c.label, matches, profileRawTimes);
            continue;
        }
        // Best of three: the figure of a warm cache, as searching while typing is.
        double best = 1e9;
        double bestCpu = 1e9;
        SearchResult result;
        for (int k = 0; k < 3; ++k) {
            const double cpuStart = threadCpuSeconds();
            timer.start();
            result = engine.search(corpus);
            best = std::min(best, timer.nsecsElapsed() / 1e9);
            bestCpu = std::min(bestCpu, threadCpuSeconds() - cpuStart);
        }
        double bestDecoded = 1e9;
        SearchResult reference;
        for (int k = 0; k < 3; ++k) {
            timer.start();
            reference = engine.search(decoded);
            bestDecoded = std::min(bestDecoded, timer.nsecsElapsed() / 1e9);
        }
        if (reference.matchingRows != result.matchingRows || reference.matchCount != result.matchCount) {
            std::fprintf(stderr, "%s: raw and decoded corpora disagree: %lld vs %lld matches\n", c.label,
                         result.matchCount, reference.matchCount);
            return 1;
        }
        // Keystroke to first match, searching from the top (the worst place for a rare term
        // near the middle of the run) through the runner as the UI does.
        Latency latency;
        for (int k = 0; k < 3; ++k) {
            const Latency l = runnerLatency(runner, query, corpus, 0);
            if (latency.finalMs < 0 || l.finalMs < latency.finalMs)
                latency.finalMs = l.finalMs;
            if (latency.cpuMs < 0 || l.cpuMs < latency.cpuMs)
                latency.cpuMs = l.cpuMs;
            if (l.firstMs >= 0 && (latency.firstMs < 0 || l.firstMs < latency.firstMs))
                latency.firstMs = l.firstMs;
            latency.entries = l.entries;
        }
        char first[32];
        if (latency.firstMs < 0)
            std::snprintf(first, sizeof first, "(none)");
        else
            std::snprintf(first, sizeof first, "%.2f ms", latency.firstMs);
        const double rgSecs = ripgrepSeconds(rg, rgFile, query);
        char rgText[48] = "";
        if (rgSecs > 0)
            std::snprintf(rgText, sizeof rgText, "| %9.1f %9.0f", rgSecs * 1e3, rawBytes / 1e6 / rgSecs);
        std::printf("%-34s %9d %9.1f %9.0f %9.0f | %11.1f %12.0f | %12s %9.1f ms %9.1f ms %s\n", c.label, result.entryCount,
                    best * 1e3, rawBytes / 1e6 / best, rawBytes / 1e6 / bestCpu, bestDecoded * 1e3, rawBytes / 1e6 / bestDecoded, first,
                    latency.finalMs, latency.cpuMs, rgText);
        // The runner searches as the bar does: also the entries' text as the pane shows it (a
        // pattern with a space or a colon may match across its layout), so its reference is
        // that engine's.
        const SearchResult shown = SearchEngine(query, EntryText::Mode::Readable).search(corpus);
        if (latency.entries != shown.entryCount) {
            std::fprintf(stderr, "runner and engine disagree: %lld vs %d\n", latency.entries, shown.entryCount);
            return 1;
        }
    }
    return 0;
}
