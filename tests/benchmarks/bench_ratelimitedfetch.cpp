// SPDX-License-Identifier: MIT
// Fetches a run of 8,000 entries (80 pages) from a loopback spec server that enforces the real
// limit, 60 requests per 60 s as a sliding window, with RunLoader and the shared pacer at its
// defaults (60 per 60 s), and reports how close the total time comes to the ideal and how many
// requests the server refused. Not a CTest test (it takes over a minute); run by hand:
//   cmake --preset release && cmake --build --preset release --target bench_ratelimitedfetch
//   build/release/tests/benchmarks/bench_ratelimitedfetch [entries]
//
// The ideal: the server admits 60 requests at once, and the 61st no earlier than 60 s after the
// first arrived; from then on the remaining requests can go as fast as the first ones went. So
// ideal = 60 s + the time the first burst took for as many requests as remain after the 60th
// (measured from the server's own arrival times, so it reflects this machine).
#include "api/requestpacer.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int entries = argc > 1 ? QByteArray(argv[1]).toInt() : 8000;
    constexpr qint64 kOrg = 7;
    constexpr qint64 kRun = 42;
    constexpr int kLimit = 60;
    constexpr int kWindowMs = 60000;

    TestLogServer server;
    server.addRun(makeRun(kOrg, kRun, entries));
    server.setRateLimit(kLimit, kWindowMs);
    server.setRequiredToken("bench-token");

    QNetworkAccessManager network;
    LogTableModel model;
    RunLoader loader(&network, &model);
    // No setPacer(): the loader takes RequestPacer::shared(origin, token), 60 per 60 s.
    QElapsedTimer clock;
    qint64 doneMs = -1;
    QObject::connect(&loader, &RunLoader::allLoaded, &app, [&] {
        doneMs = clock.elapsed();
        app.quit();
    });
    QObject::connect(&loader, &RunLoader::pageFailed, &app, [&](const ApiError &error) {
        std::fprintf(stderr, "page failed: kind %d, HTTP %d\n", int(error.kind), error.httpStatus);
        app.exit(1);
    });
    QTimer progress;
    QObject::connect(&progress, &QTimer::timeout, &app, [&] {
        std::fprintf(stderr, "  %6.1f s: %d of %d rows, %d requests\n", clock.elapsed() / 1000.0,
                     loader.loadedRows(), loader.knownRows(), server.requestCount());
    });
    progress.start(10000);

    const qint64 serverStartMs = server.endpoint().elapsedMs();
    clock.start();
    loader.open(ApiEndpoint{server.baseUrl(), "bench-token"}, RunRef{kOrg, kRun});
    loader.loadAll();
    const int rc = app.exec();

    const QList<LogsRequestRecord> log = server.requestLog();
    int refused = 0;
    for (const LogsRequestRecord &record : log)
        refused += record.status == 429;
    const int requests = int(log.size());
    bool exact = model.rowCount() == entries && loader.loadedRows() == entries;
    const auto run = server.run(kRun);
    for (int row = 0; exact && row < entries; ++row)
        exact = model.store().at(row).rawJson == run->entries.at(row);

    const qint64 firstArrival = log.isEmpty() ? 0 : log.first().elapsedMs - serverStartMs;
    const int remaining = std::max(0, requests - kLimit);
    // Time the first burst took for `remaining` requests: arrival of request `remaining` after
    // the first one, plus the first request's own lead time.
    const qint64 burstMs = remaining > 0 && remaining < requests
        ? log.at(remaining).elapsedMs - log.first().elapsedMs : 0;
    const qint64 idealMs = firstArrival + kWindowMs + burstMs;
    const qint64 sixtyFirstMs = requests > kLimit ? log.at(kLimit).elapsedMs - log.first().elapsedMs : -1;

    std::printf("entries            %d (%d pages)\n", entries, (entries + 99) / 100);
    std::printf("all loaded, exact  %s\n", rc == 0 && exact ? "yes" : "NO");
    std::printf("requests sent      %d (%d refused with 429)\n", requests, refused);
    std::printf("61st request at    %.3f s after the first (must be >= %.1f s)\n", sixtyFirstMs / 1000.0,
                kWindowMs / 1000.0);
    std::printf("total time         %.3f s\n", doneMs / 1000.0);
    std::printf("ideal              %.3f s\n", idealMs / 1000.0);
    std::printf("over ideal         %.2f %%\n", idealMs > 0 ? 100.0 * double(doneMs - idealMs) / double(idealMs) : 0.0);
    return rc == 0 && exact && refused == 0 ? 0 : 1;
}
