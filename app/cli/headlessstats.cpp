// SPDX-License-Identifier: MIT
#include "cli/headlessstats.h"

#include "api/errortext.h"
#include "cli/clioutput.h"
#include "demo/demobackend.h"
#include "rows/logtablemodel.h"
#include "runfile/runfilereader.h"
#include "model/runloader.h"
#include "runfile/runfilereader.h"
#include "stats/statisticscalculator.h"
#include "stats/statisticsreport.h"

#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

// One line per message, counts grouped the same in every locale: as every windowless command prints.
using CliOutput::count;
using CliOutput::oneLine;

namespace {

void printTo(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

constexpr int kProgressIntervalMs = 1000;
} // namespace

HeadlessStats::HeadlessStats(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_token(token)
{
}

HeadlessStats::~HeadlessStats() = default;

int HeadlessStats::exec()
{
    QEventLoop loop;
    connect(this, &HeadlessStats::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, this, &HeadlessStats::start);
    if (!m_done)
        loop.exec();
    return m_exitCode;
}

void HeadlessStats::start()
{
    m_sinceProgress.start();
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("tsv") : m_options.exportFormat;
    if (format != QLatin1String("tsv") && format != QLatin1String("json"))
        return fail(tr("unknown statistics format \"%1\": use tsv or json.").arg(format), UsageError);
    m_json = format == QLatin1String("json");

    if (!m_options.inputFile.isEmpty())
        return startRead(m_options.inputFile);
    if (m_options.demo) {
        m_demo = std::make_unique<DemoBackend>();
        if (!m_demo->start())
            return fail(tr("the demo backend could not start: %1").arg(m_demo->errorString()));
        return startFetch(ApiEndpoint{m_demo->baseUrl(), QByteArray()}, RunRef{m_demo->demoOrgId(), m_demo->demoRunId()});
    }
    if (m_options.run)
        return startFetch(ApiEndpoint{m_options.baseUrl, m_token}, *m_options.run);
    fail(tr("--stats needs a run: --org ORG --run RUN, --demo, or a file."), UsageError);
}

void HeadlessStats::startFetch(const ApiEndpoint &endpoint, const RunRef &run)
{
    m_run = run;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_model = std::make_unique<LogTableModel>();
    m_loader = std::make_unique<RunLoader>(m_network.get(), m_model.get());
    connect(m_loader.get(), &RunLoader::pageFailed, this, [this](const ApiError &error) {
        m_loader->stopLoadingAll();
        fail(ErrorText::describeWithStatus(error, m_run));
    });
    connect(m_loader.get(), &RunLoader::progressChanged, this, [this] {
        if (!m_done && m_loader->hasRunInfo())
            progressLine(tr("fetched %1 entries").arg(count(m_loader->loadedRows())), false);
    });
    connect(m_loader.get(), &RunLoader::allLoaded, this, [this] {
        if (m_done)
            return;
        const LogStore &store = m_model->store();
        if (store.loadedCount() != store.size())
            return fail(tr("%1 of %2 entries could not be loaded.").arg(store.size() - store.loadedCount()).arg(store.size()));
        progressLine(tr("fetched %1 entries of run %2").arg(count(store.size())).arg(m_run.runId), true);
        report(EntryFactsOf::store(store, false));
    });
    progressLine(tr("fetching run %1 of organization %2 from %3")
                         .arg(run.runId)
                         .arg(run.orgId)
                         .arg(endpoint.baseUrl.toDisplayString(QUrl::RemoveUserInfo)),
                 true);
    m_loader->open(endpoint, run, false); // statistics count oldest first, whatever --reverse says
    m_loader->loadAll();
}

void HeadlessStats::startRead(const QString &path)
{
    m_reader = std::make_unique<RunFileReader>();
    connect(m_reader.get(), &RunFileReader::entriesRead, this, [this](const QList<LogEntry> &entries) {
        for (const LogEntry &entry : entries)
            m_fileFacts.append(entry);
    });
    connect(m_reader.get(), &RunFileReader::finished, this, [this, path](bool ok, const QString &error) {
        if (!ok)
            return fail(error);
        progressLine(tr("read %1 entries from %2").arg(count(m_fileFacts.size()), QDir::toNativeSeparators(path)), true);
        report(m_fileFacts.facts());
    });
    if (!m_reader->start(path))
        fail(tr("could not start reading %1.").arg(QDir::toNativeSeparators(path)));
}

void HeadlessStats::report(const RunFacts &facts)
{
    if (m_done)
        return;
    const RunStatistics stats = StatisticsCalculator::compute(facts);
    if (m_json)
        CliOutput::writeJson(StatisticsReport::toJson(stats));
    else
        CliOutput::writeOut(StatisticsReport::toTsv(stats));
    m_done = true;
    m_exitCode = Success;
    emit finished(m_exitCode);
}

void HeadlessStats::progressLine(const QString &message, bool force)
{
    if (m_done)
        return;
    if (!force && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < kProgressIntervalMs)
        return;
    m_sinceProgress.restart();
    printTo(stderr, (QStringLiteral("runlog: ") + oneLine(message)).toLocal8Bit() + '\n');
}

void HeadlessStats::fail(const QString &message, int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_exitCode = exitCode;
    printTo(stderr, (QStringLiteral("runlog: error: ") + oneLine(message)).toLocal8Bit() + '\n');
    if (m_loader)
        m_loader->close();
    if (m_reader)
        m_reader->cancel();
    emit finished(m_exitCode);
}
