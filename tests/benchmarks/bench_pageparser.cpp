// SPDX-License-Identifier: MIT
// Measures response parsing on a realistic large run: 100,000 entries (about 46 MB of JSON),
// as the 1,000 pages of 100 the API would send and as one exported document. Also the on-demand
// paths the UI uses per selected entry. Build Release and run:
//     bench_pageparser [entries=100000]
// Prints MB/s, entries/s and the peak resident set size of each phase.

#include "processstatus.h"
#include "syntheticrun.h"
#include "api/pageparser.h"
#include "json/jsonsyntax.h"
#include "json/jsontext.h"
#include "run/entrydetail.h"
#include "run/timestamps.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdio>

#include <malloc.h>

namespace {

qint64 g_phaseBaseKb = 0;

// Linux resets the peak RSS (VmHWM) to the current RSS when "5" is written to clear_refs, so
// that each phase reports its own peak; malloc_trim first returns what earlier phases freed.
void resetPeak()
{
    malloc_trim(0);
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
    g_phaseBaseKb = ProcessStatus::kilobytes("VmRSS");
}

QByteArray document(const QList<QByteArray> &entries, qsizetype first, qsizetype count, qsizetype total,
                    int page, int pages)
{
    QByteArray body = R"({"id": 987654, "organization_id": 321, "status": "COMPLETE", )"
                      R"("created_at": "2025-06-21T12:06:31Z", "web_url": "https://codegen.com/agent/trace/987654", )"
                      R"("result": "Opened a pull request.", "metadata": {"source": "benchmark"}, "logs": [)";
    for (qsizetype k = first; k < first + count; ++k) {
        if (k > first)
            body += ", ";
        body += entries.at(k);
    }
    body += "], \"total_logs\": " + QByteArray::number(total) + ", \"page\": " + QByteArray::number(page)
            + ", \"size\": 100, \"pages\": " + QByteArray::number(pages) + '}';
    return body;
}

void report(const char *what, qint64 bytes, qint64 items, const char *itemName, qint64 nsecs)
{
    const double secs = double(nsecs) / 1e9;
    const qint64 peakKb = ProcessStatus::kilobytes("VmHWM");
    std::printf("%-34s %8.1f ms %8.1f MB/s %10.0f %s/s  peak RSS %4lld MB (+%lld MB in this phase)\n", what,
                secs * 1e3, double(bytes) / 1e6 / secs, double(items) / secs, itemName, peakKb / 1024,
                (peakKb - g_phaseBaseKb) / 1024);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int entryCount = argc > 1 ? qMax(100, QByteArray(argv[1]).toInt()) : 100000;
    const int pageSize = 100;

    SyntheticRun gen(20250621);
    QList<QByteArray> entries;
    entries.reserve(entryCount);
    for (int i = 0; i < entryCount; ++i)
        entries.append(gen.entry(987654, i));
    const int pageCount = (entryCount + pageSize - 1) / pageSize;
    QList<QByteArray> pages;
    qint64 pageBytes = 0;
    for (int p = 0; p < pageCount; ++p) {
        pages.append(document(entries, qsizetype(p) * pageSize, qMin<qsizetype>(pageSize, entryCount - p * pageSize),
                              entryCount, p + 1, pageCount));
        pageBytes += pages.last().size();
    }
    const QByteArray whole = document(entries, 0, entryCount, entryCount, 1, 1);
    std::printf("generated %d entries: %d pages (%.1f MB), one document (%.1f MB); RSS now %lld MB\n\n",
                entryCount, pageCount, pageBytes / 1e6, whole.size() / 1e6, ProcessStatus::kilobytes("VmRSS") / 1024);

    QElapsedTimer timer;
    for (int round = 1; round <= 3; ++round) {
        std::printf("round %d\n", round);
        resetPeak();
        qint64 parsed = 0;
        timer.start();
        for (const QByteArray &body : pages) {
            const PageParseResult r = PageParser::parse(body);
            if (!r.ok) {
                std::fprintf(stderr, "page failed: %s\n", qPrintable(r.error));
                return 1;
            }
            parsed += r.page.entries.size();
        }
        report("  1000 pages of 100 (parse only)", pageBytes, parsed, "entries", timer.nsecsElapsed());

        resetPeak();
        {
            timer.start();
            QList<LogEntry> kept; // what a LogStore holds
            kept.reserve(entryCount);
            for (const QByteArray &body : pages) {
                PageParseResult r = PageParser::parse(body);
                kept.append(std::move(r.page.entries));
            }
            report("  pages, entries kept", pageBytes, kept.size(), "entries", timer.nsecsElapsed());
        }

        resetPeak();
        {
            timer.start();
            const PageParseResult r = PageParser::parse(whole);
            if (!r.ok) {
                std::fprintf(stderr, "document failed: %s\n", qPrintable(r.error));
                return 1;
            }
            report("  one document", whole.size(), r.page.entries.size(), "entries", timer.nsecsElapsed());
        }
    }

    std::printf("\nper-entry and text paths\n");
    resetPeak();
    timer.start();
    qint64 detailBytes = 0;
    for (const QByteArray &e : entries) {
        const EntryDetail d = parseEntryDetail(e);
        detailBytes += e.size();
        if (!d.ok)
            return 1;
    }
    report("  parseEntryDetail, every entry", detailBytes, entries.size(), "entries", timer.nsecsElapsed());

    QByteArray big = R"({"agent_run_id": 1, "tool_output": {"output": ")";
    while (big.size() < 10 * 1024 * 1024)
        big += R"(src/main.cpp:42: warning: unused variable \"x\" [-Wunused] caf\u00e9\n)";
    big += R"(", "exit_code": 0}})";
    resetPeak();
    timer.start();
    const QString readable = JsonText::readable(big);
    report("  readable, one 10 MB entry", big.size(), 1, "entries", timer.nsecsElapsed());
    timer.start();
    const QByteArray pretty = JsonText::pretty(big);
    report("  pretty, one 10 MB entry", big.size(), 1, "entries", timer.nsecsElapsed());
    timer.start();
    const EntryDetail bigDetail = parseEntryDetail(big);
    report("  parseEntryDetail, one 10 MB entry", big.size(), 1, "entries", timer.nsecsElapsed());
    timer.start();
    const JsonSyntax::Check check = JsonSyntax::check(whole);
    report("  JsonSyntax::check, one document", whole.size(), 1, "documents", timer.nsecsElapsed());

    QList<QString> times;
    for (int i = 0; i < 100000; ++i)
        times.append(i % 2 ? QStringLiteral("2025-06-21 12:06:31.108894") : QStringLiteral("2024-01-15T10:30:15.250+02:00"));
    timer.start();
    qint64 sum = 0;
    for (const QString &t : times)
        sum += Timestamps::parseUtcMsecs(t);
    report("  Timestamps::parseUtcMsecs x100k", 0, times.size(), "stamps", timer.nsecsElapsed());

    return (readable.isEmpty() || pretty.isEmpty() || !bigDetail.ok || !check.ok || sum == 0) ? 1 : 0;
}
