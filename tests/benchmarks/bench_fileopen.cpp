// SPDX-License-Identifier: MIT
// Measures opening an exported run file as the window does (RunFileReader on a worker, entries
// handed over in batches and kept, as the table's store keeps them), and as a conversion reads it
// (RunFileReader::startIndexing: entries checked and kept as slices of the mapped file). Build
// Release (-DRUNLOG_BUILD_BENCHMARKS=ON) and run, once per file and mode (a fresh process each, so
// that the peaks are the file's):
//     bench_fileopen FILE [read|index]
// The inputs are bench_convert's (run100k.json, run1m.jsonl in its WORKDIR), or any export.
// Prints the time to the first batch and to the end, the peak resident set (VmHWM: includes the
// mapped file's pages held at once) and the anonymous memory at the end (RssAnon: what the
// process itself holds), each also as a multiple of the file's size.

#include "processstatus.h"
#include "runfile/runfilereader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_fileopen FILE [read|index]\n");
        return 2;
    }
    const QString path = args.at(0);
    const bool indexing = args.value(1) == QLatin1String("index");
    const double fileMb = QFileInfo(path).size() / 1048576.0;
    const qint64 startAnonKb = ProcessStatus::kilobytes("RssAnon");

    RunFileReader reader;
    QList<LogEntry> kept;
    RunFileReader::FileIndex index;
    QElapsedTimer clock;
    double firstMs = -1;
    bool ok = false;
    QString error;
    QObject::connect(&reader, &RunFileReader::entriesRead, &app, [&](const QList<LogEntry> &entries) {
        if (firstMs < 0)
            firstMs = clock.nsecsElapsed() / 1e6;
        kept.append(entries);
    });
    QObject::connect(&reader, &RunFileReader::indexed, &app, [&](const RunFileReader::FileIndex &all) {
        index = all;
    });
    QObject::connect(&reader, &RunFileReader::finished, &app, [&](bool success, const QString &message) {
        ok = success;
        error = message;
        app.quit();
    });
    clock.start();
    if (indexing)
        reader.startIndexing(path);
    else
        reader.start(path);
    app.exec();
    const double totalMs = clock.nsecsElapsed() / 1e6;
    if (!ok) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(error));
        return 1;
    }
    const double peakMb = ProcessStatus::kilobytes("VmHWM") / 1024.0;
    const double anonMb = (ProcessStatus::kilobytes("RssAnon") - startAnonKb) / 1024.0;
    const qsizetype entries = indexing ? index.entries.size() : kept.size();
    // An index arrives whole: it has no first batch.
    const QString first = indexing ? QString() : QStringLiteral("first batch %1 ms, ").arg(firstMs, 0, 'f', 0);
    std::printf("%s %s: %lld entries, %.1f MB; %sall %.0f ms; peak %.1f MB (%.2fx the file), "
                "anonymous %.1f MB (%.2fx)\n",
                qPrintable(QFileInfo(path).fileName()), indexing ? "index" : "read", qint64(entries), fileMb,
                qPrintable(first), totalMs, peakMb, peakMb / fileMb, anonMb, anonMb / fileMb);
    return 0;
}
