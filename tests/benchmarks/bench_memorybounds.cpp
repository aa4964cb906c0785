// SPDX-License-Identifier: MIT
// Peak memory on the largest hostile inputs Runlog accepts, against the stated bounds:
//   - a page body of (almost) PageReply's 128 MB limit, dense with structural characters (the
//     worst case for a JSON parser), and a page of 100 entries of 1.3 MB strings (a huge but
//     ordinary page); for comparison, what simdjson's DOM validator alone took on the dense page;
//   - four such dense pages parsed at once on four threads (pages in flight), which ParseBudget
//     turns into one at a time;
//   - an exported .jsonl with one 1 GB line (refused, naming the line), and one whose single
//     entry is just under the 128 MB entry limit (parsed).
// Build Release (-DRUNLOG_BUILD_BENCHMARKS=ON) and run with no argument. Each phase prints the
// growth of the peak resident set (VmHWM) over what the phase started with (its inputs already
// built), and the peak of anonymous memory (RssAnon, sampled every 2 ms: a mapped file's pages
// are page cache the kernel can drop, not Runlog's heap), in MB and as a multiple of the input.
// Not a CTest test: memory is measured, not asserted.

#include "processstatus.h"
#include "api/inflightbudget.h"
#include "api/pageparser.h"
#include "api/pagereply.h"
#include "json/jsonvalidation.h"
#include "json/parsebudget.h"
#include "runfile/runfilereader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <simdjson.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include <malloc.h>

namespace {

constexpr double kMB = 1024.0 * 1024.0;

// One phase: resets the kernel's peak (writing 5 to clear_refs sets VmHWM to the current RSS),
// samples RssAnon on a thread, and prints both peaks above the starting point.
class Phase
{
public:
    explicit Phase(const char *name, qint64 inputBytes)
        : m_name(name)
        , m_inputBytes(inputBytes)
    {
        malloc_trim(0);
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly))
            clear.write("5");
        m_startRssKb = ProcessStatus::kilobytes("VmRSS");
        m_startAnonKb = ProcessStatus::kilobytes("RssAnon");
        m_peakAnonKb = m_startAnonKb;
        m_sampler = std::thread([this] {
            while (!m_stop) {
                const qint64 anon = ProcessStatus::kilobytes("RssAnon");
                qint64 seen = m_peakAnonKb;
                while (anon > seen && !m_peakAnonKb.compare_exchange_weak(seen, anon)) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
        m_clock.start();
    }

    ~Phase()
    {
        const qint64 ms = m_clock.elapsed();
        m_stop = true;
        m_sampler.join();
        const double peak = (ProcessStatus::kilobytes("VmHWM") - m_startRssKb) / 1024.0;
        const double anon = (m_peakAnonKb - m_startAnonKb) / 1024.0;
        const double input = m_inputBytes / kMB;
        std::printf("%-48s input %7.1f MB  peak RSS +%7.1f MB (%4.1fx)  peak anon +%7.1f MB (%4.1fx)  %6lld ms  %s\n",
                    m_name, input, peak, input > 0 ? peak / input : 0.0, anon, input > 0 ? anon / input : 0.0,
                    qint64(ms), m_note.constData());
        std::fflush(stdout);
    }

    void note(const QByteArray &text) { m_note = text; }

private:
    const char *m_name;
    qint64 m_inputBytes;
    qint64 m_startRssKb = 0;
    qint64 m_startAnonKb = 0;
    std::atomic<qint64> m_peakAnonKb{0};
    std::atomic<bool> m_stop{false};
    std::thread m_sampler;
    QElapsedTimer m_clock;
    QByteArray m_note;
};

// {"id":1,"organization_id":1,"logs":[{"agent_run_id":1,"x":[0,0,0,...]}]} of `bytes` bytes: one
// structural character per byte, the densest a page can be. Built with the parser's padding.
QByteArray densePage(qint64 bytes)
{
    const QByteArray head = R"({"id":1,"organization_id":1,"logs":[{"agent_run_id":1,"x":[0)";
    const QByteArray tail = "]}],\"total_logs\":1}";
    QByteArray body;
    body.reserve(qsizetype(bytes) + 64);
    body += head;
    const qsizetype pairs = (qsizetype(bytes) - head.size() - tail.size()) / 2;
    body.append(pairs * 2, ',');
    for (qsizetype i = head.size() + 1; i < body.size(); i += 2)
        body[i] = '0';
    body += tail;
    return body;
}

// 100 entries, each a thought string of `entryBytes`.
QByteArray stringPage(qint64 entryBytes)
{
    QByteArray body;
    body.reserve(qsizetype(entryBytes * 100 + 10000));
    body += R"({"id":1,"organization_id":1,"logs":[)";
    for (int i = 0; i < 100; ++i) {
        body += i ? ",{" : "{";
        body += R"("agent_run_id":1,"message_type":"ACTION","thought":")";
        body.append(qsizetype(entryBytes), char('a' + i % 26));
        body += "\"}";
    }
    body += R"(],"total_logs":100})";
    return body;
}

void report(const PageParseResult &result)
{
    if (!result.ok)
        std::printf("    parse failed: %s\n", qPrintable(result.error.left(200)));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 maxBody = PageReply::Limits().maxBodyBytes;
    std::printf("bounds: page body %lld MB, bodies in flight %lld MB, JSON in parse %lld MB, "
                "DOM validation up to %lld MB, file entry %lld MB\n\n",
                maxBody >> 20, InFlightBudget::kDefaultMaxBytes >> 20, ParseBudget::kDefaultMaxBytes >> 20,
                qint64(JsonValidation::kMaxDomBytes) >> 20, RunFileReader::kMaxEntryBytes >> 20);

    {
        const QByteArray dense = densePage(maxBody - 1024);
        {
            Phase phase("simdjson DOM alone, dense page (before)", dense.size());
            simdjson::dom::parser dom;
            simdjson::dom::element root;
            const auto error = dom.allocate(size_t(dense.size()), 512) ? simdjson::MEMALLOC
                                                                       : dom.parse(dense.constData(), size_t(dense.size()), false).get(root);
            phase.note(error ? QByteArray("error: ") + simdjson::error_message(error) : QByteArray("valid"));
        }
        {
            Phase phase("PageParser::parse, dense 128 MB page", dense.size());
            const PageParseResult result = PageParser::parse(dense);
            report(result);
            phase.note(result.ok ? "parsed" : "failed");
        }
        // Four pages in flight parsed on four threads: each thread has its own copy of the body
        // already (as each reply does), so the bodies are in the starting point. Without the parse
        // budget first (what four replies did before), then with it.
        QList<QByteArray> bodies;
        for (int i = 0; i < 4; ++i)
            bodies << densePage(maxBody - 1024 - i);
        for (const bool budget : {false, true}) {
            ParseBudget::shared().setMaxBytes(budget ? ParseBudget::kDefaultMaxBytes : 4 * maxBody);
            QThreadPool pool;
            pool.setMaxThreadCount(4);
            ParseBudget::shared().resetPeak();
            Phase phase(budget ? "4 dense pages at once, parse budget 128 MB" : "4 dense pages at once, no parse budget (before)",
                        4 * bodies.first().size());
            QList<QFuture<PageParseResult>> parses;
            for (const QByteArray &body : std::as_const(bodies))
                parses << QtConcurrent::run(&pool, &PageParser::parse, body);
            int ok = 0;
            for (QFuture<PageParseResult> &parse : parses)
                ok += parse.result().ok;
            phase.note(QByteArray::number(ok) + "/4 parsed, at most "
                       + QByteArray::number(ParseBudget::shared().peakBytesInUse() / kMB, 'f', 0) + " MB in parse at once");
        }
        ParseBudget::shared().setMaxBytes(ParseBudget::kDefaultMaxBytes);
    }
    {
        const QByteArray strings = stringPage((maxBody - 20000) / 100);
        Phase phase("PageParser::parse, 100 x 1.3 MB strings", strings.size());
        const PageParseResult result = PageParser::parse(strings);
        report(result);
        phase.note(result.ok ? "parsed" : "failed");
    }

    QTemporaryDir dir;
    const auto readFile = [](const QString &path, QString *error) {
        RunFileReader reader;
        QEventLoop loop;
        int entries = 0;
        QObject::connect(&reader, &RunFileReader::entriesRead, &reader,
                         [&entries](const QList<LogEntry> &batch) { entries += int(batch.size()); });
        QObject::connect(&reader, &RunFileReader::finished, &loop, [&loop, error](bool, const QString &message) {
            *error = message;
            loop.quit();
        });
        reader.start(path);
        loop.exec();
        return entries;
    };
    {
        // One line of 1 GB: the start of an entry, then a gigabyte without a newline (a sparse
        // file: no disk space needed).
        const QString path = dir.filePath(QStringLiteral("one-gigabyte-line.jsonl"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(R"({"agent_run_id":1,"thought":")");
        file.resize(1LL << 30);
        file.close();
        Phase phase(".jsonl with one 1 GB line", 1LL << 30);
        QString error;
        const int entries = readFile(path, &error);
        phase.note(QByteArray::number(entries) + " entries;" + error.toUtf8().mid(error.indexOf(QLatin1String(" cannot"))));
    }
    {
        const QString path = dir.filePath(QStringLiteral("largest-entry.jsonl"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        const QByteArray head = R"({"agent_run_id":1,"thought":")";
        file.write(head);
        file.write(QByteArray(qsizetype(RunFileReader::kMaxEntryBytes - head.size() - 100), 'a'));
        file.write("\"}\n");
        file.close();
        Phase phase(".jsonl with one entry just under 128 MB", file.size());
        QString error;
        const int entries = readFile(path, &error);
        phase.note(QByteArray::number(entries) + " entry read" + (error.isEmpty() ? QByteArray() : "; " + error.toUtf8()));
    }
    return 0;
}
