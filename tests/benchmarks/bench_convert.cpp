// SPDX-License-Identifier: MIT
// Measures `runlog FILE --export OUT` on big synthetic runs, beside jq 1.6 doing the same
// conversion, each as its own process under /usr/bin/time (wall time and peak resident set, the
// kernel's VmHWM: for Runlog that includes the pages of the mapped input it holds at once).
// Build Release (-DRUNLOG_BUILD_BENCHMARKS=ON) and run:
//     bench_convert RUNLOG_BINARY [WORKDIR=/tmp/runlog-bench] [RUNS=3] [--no-jq] [--no-lnav]
// The inputs are made once in WORKDIR (the generator of bench_pageparser, seed 7): run100k.json
// (100,000 entries, about 46 MB, the shape JsonExportWriter writes) and run1m.jsonl (1,000,000
// entries, about 473 MB). Prints each case's median wall time and peak over RUNS runs, and the
// peak as a multiple of the input's size. The page cache is warm (each input is read once first):
// the figures are of the conversion, not of the disk. For scale, lnav's headless open of each
// input (`lnav -n -c ':goto 100%' FILE`: read and index it, then quit) when lnav is installed.

#include "syntheticrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStringList>

#include <algorithm>
#include <cstdio>

namespace {

constexpr qint64 kRunId = 4242;

bool makeInput(const QString &path, int entries, bool jsonl)
{
    if (QFileInfo(path).size() > 0)
        return true;
    std::printf("making %s (%d entries)...\n", qPrintable(path), entries);
    std::fflush(stdout);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    SyntheticRun run(7);
    if (!jsonl) {
        file.write("{\n  \"id\": " + QByteArray::number(kRunId)
                   + ",\n  \"organization_id\": 7,\n  \"status\": \"completed\",\n  \"created_at\": \"2025-01-01T00:00:00Z\",\n"
                     "  \"total_logs\": "
                   + QByteArray::number(entries) + ",\n  \"logs\": [");
    }
    for (int i = 0; i < entries; ++i) {
        const QByteArray entry = run.entry(kRunId, i);
        if (jsonl)
            file.write(entry + '\n');
        else
            file.write((i ? ",\n    " : "\n    ") + entry);
    }
    if (!jsonl)
        file.write("\n  ]\n}\n");
    return file.error() == QFile::NoError;
}

struct Measure
{
    double seconds = -1;
    qint64 peakKb = -1;
    bool ok = false;
};

// One run of `command` (through sh) under /usr/bin/time.
Measure timed(const QString &command)
{
    QProcess process;
    const QString timeFile = QDir::temp().filePath(QStringLiteral("bench_convert_time.txt"));
    process.start(QStringLiteral("/usr/bin/time"),
                  {QStringLiteral("-f"), QStringLiteral("%e %M"), QStringLiteral("-o"), timeFile, QStringLiteral("sh"),
                   QStringLiteral("-c"), command});
    process.waitForFinished(-1);
    Measure m;
    QFile f(timeFile);
    if (f.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = f.readAll().trimmed().split('\n').last().split(' ');
        if (fields.size() == 2) {
            m.seconds = fields.at(0).toDouble();
            m.peakKb = fields.at(1).toLongLong();
        }
    }
    m.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0 && m.seconds >= 0;
    if (!m.ok)
        std::printf("  FAILED: %s\n%s\n", qPrintable(command), process.readAllStandardError().constData());
    return m;
}

template<typename T>
T median(QList<T> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

void measure(const QString &label, const QString &command, const QString &input, int runs)
{
    QList<double> seconds;
    QList<qint64> peaks;
    QString all;
    for (int i = 0; i < runs; ++i) {
        const Measure m = timed(command);
        if (!m.ok)
            return;
        seconds.append(m.seconds);
        peaks.append(m.peakKb);
        all += QStringLiteral(" %1").arg(m.seconds, 0, 'f', 2);
    }
    const double inputMb = QFileInfo(input).size() / 1048576.0;
    const double peakMb = median(peaks) / 1024.0;
    std::printf("%-44s %7.2f s  peak %7.1f MB = %4.2fx the input   (runs:%s)\n", qPrintable(label), median(seconds),
                peakMb, peakMb / inputMb, qPrintable(all));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool withJq = !args.removeAll(QStringLiteral("--no-jq"));
    const bool withLnav = !args.removeAll(QStringLiteral("--no-lnav")) && QFileInfo::exists(QStringLiteral("/usr/bin/lnav"));
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_convert RUNLOG_BINARY [WORKDIR] [RUNS] [--no-jq]\n");
        return 2;
    }
    const QString runlog = QFileInfo(args.at(0)).absoluteFilePath();
    const QString dir = args.value(1, QStringLiteral("/tmp/runlog-bench"));
    const int runs = std::max(1, args.value(2, QStringLiteral("3")).toInt());
    QDir().mkpath(dir);
    const QString json100k = dir + QStringLiteral("/run100k.json");
    const QString jsonl1m = dir + QStringLiteral("/run1m.jsonl");
    if (!makeInput(json100k, 100000, false) || !makeInput(jsonl1m, 1000000, true)) {
        std::fprintf(stderr, "cannot write the inputs in %s\n", qPrintable(dir));
        return 1;
    }
    const QString out = dir + QStringLiteral("/out");
    // Warms the page cache.
    timed(QStringLiteral("cat '%1' '%2' > /dev/null").arg(json100k, jsonl1m));
    std::printf("%d runs each, medians; inputs %.1f MB and %.1f MB\n", runs, QFileInfo(json100k).size() / 1048576.0,
                QFileInfo(jsonl1m).size() / 1048576.0);

    measure(QStringLiteral("runlog 100k .json -> .jsonl"),
            QStringLiteral("'%1' '%2' --export '%3.jsonl' --format jsonl 2>/dev/null").arg(runlog, json100k, out), json100k,
            runs);
    if (withJq)
        measure(QStringLiteral("jq -c '.logs[]' 100k .json -> .jsonl"),
                QStringLiteral("jq -c '.logs[]' '%1' > '%2.jq.jsonl'").arg(json100k, out), json100k, runs);
    measure(QStringLiteral("runlog 1M .jsonl -> .json"),
            QStringLiteral("'%1' '%2' --export '%3.json' --format json 2>/dev/null").arg(runlog, jsonl1m, out), jsonl1m, runs);
    if (withJq)
        measure(QStringLiteral("jq -s . 1M .jsonl -> .json"),
                QStringLiteral("jq -s . '%1' > '%2.jq.json'").arg(jsonl1m, out), jsonl1m, runs);
    // Linear in size: the 1M run's .jsonl -> .jsonl beside the 100k .json -> .jsonl.
    measure(QStringLiteral("runlog 1M .jsonl -> .jsonl"),
            QStringLiteral("'%1' '%2' --export '%3.2.jsonl' --format jsonl 2>/dev/null").arg(runlog, jsonl1m, out), jsonl1m,
            runs);
    measure(QStringLiteral("runlog 100k .json -> .csv"),
            QStringLiteral("'%1' '%2' --export '%3.csv' --format csv 2>/dev/null").arg(runlog, json100k, out), json100k, runs);
    if (withLnav) {
        // lnav keeps its state in $HOME: a fresh one, so that no earlier session is restored.
        const QString home = dir + QStringLiteral("/lnav-home");
        QDir().mkpath(home);
        for (const QString &input : {json100k, jsonl1m})
            measure(QStringLiteral("lnav -n open %1").arg(QFileInfo(input).fileName()),
                    QStringLiteral("HOME='%1' lnav -n -c ':goto 100%' '%2' > /dev/null").arg(home, input), input, runs);
    }
    for (const QString &suffix : {QStringLiteral(".jsonl"), QStringLiteral(".json"), QStringLiteral(".2.jsonl"),
                                  QStringLiteral(".csv"), QStringLiteral(".jq.jsonl"), QStringLiteral(".jq.json")})
        QFile::remove(out + suffix);
    return 0;
}
