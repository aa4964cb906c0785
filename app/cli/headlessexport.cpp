// SPDX-License-Identifier: MIT
#include "cli/headlessexport.h"

#include "api/errortext.h"
#include "cli/clioutput.h"
#include "demo/demobackend.h"
#include "export/exportjob.h"
#include "rows/logtablemodel.h"
#include "runfile/runfilereader.h"
#include "model/runloader.h"
#include "runfile/runfilereader.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

// One line per message, counts grouped the same in every locale: as every windowless command prints.
using CliOutput::count;
using CliOutput::oneLine;

namespace {
} // namespace

HeadlessExport::HeadlessExport(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_token(token)
{
}

HeadlessExport::~HeadlessExport() = default;

int HeadlessExport::exec()
{
    QEventLoop loop;
    connect(this, &HeadlessExport::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, this, &HeadlessExport::start);
    if (!m_done)
        loop.exec();
    return m_exitCode;
}

void HeadlessExport::start()
{
    m_sinceProgress.start();
    if (!m_options.exportFormat.isEmpty()) {
        const std::optional<ExportFormat> format = ExportFormats::fromName(m_options.exportFormat);
        if (!format)
            return fail(tr("unknown export format \"%1\": use json, jsonl, csv, md or html.")
                                .arg(m_options.exportFormat),
                        UsageError);
        m_format = *format;
    } else {
        const std::optional<ExportFormat> format = ExportFormats::fromPath(m_options.exportPath);
        if (!format)
            return fail(tr("cannot tell the format of %1 from its extension: give --format json, jsonl, csv, md or html.")
                                .arg(QDir::toNativeSeparators(m_options.exportPath)),
                        UsageError);
        m_format = *format;
    }

    if (!m_options.inputFile.isEmpty())
        return startRead(m_options.inputFile);
    if (m_options.demo) {
        m_demo = std::make_unique<DemoBackend>();
        if (!m_demo->start())
            return fail(tr("the demo backend could not start: %1").arg(m_demo->errorString()));
        return startFetch(ApiEndpoint{m_demo->baseUrl(), QByteArray()},
                          RunRef{m_demo->demoOrgId(), m_demo->demoRunId()});
    }
    if (m_options.run)
        return startFetch(ApiEndpoint{m_options.baseUrl, m_token}, *m_options.run);
    fail(tr("--export needs something to export: --org ORG --run RUN, --demo, or a file."), UsageError);
}

void HeadlessExport::startFetch(const ApiEndpoint &endpoint, const RunRef &run)
{
    m_run = run;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_model = std::make_unique<LogTableModel>();
    m_loader = std::make_unique<RunLoader>(m_network.get(), m_model.get());
    connect(m_loader.get(), &RunLoader::pageFailed, this, [this](const ApiError &error) {
        m_loader->stopLoadingAll();
        fail(ErrorText::describeWithStatus(error, m_run));
    });
    connect(m_loader.get(), &RunLoader::progressChanged, this, &HeadlessExport::fetchProgress);
    connect(m_loader.get(), &RunLoader::allLoaded, this, [this] {
        if (m_done)
            return;
        const LogStore &store = m_model->store();
        RunSnapshot snapshot;
        snapshot.hasRun = m_loader->hasRunInfo();
        snapshot.run = m_loader->runInfo();
        snapshot.entries = store.rawEntries(0, store.size() - 1);
        snapshot.rawOwners = store.rawOwners();
        snapshot.sourceDescription = tr("run %1 of organization %2").arg(m_run.runId).arg(m_run.orgId);
        if (snapshot.entries.size() != store.size())
            return fail(tr("%1 of %2 entries could not be loaded.").arg(store.size() - snapshot.entries.size()).arg(store.size()));
        // Say where the entries came from: a script's author checks the library is used.
        const int fromLibrary = m_loader->pagesFromCache();
        progressLine(fromLibrary > 0 ? tr("have %1 entries of run %2 (%3 pages read from the library)")
                                           .arg(count(snapshot.entries.size()))
                                           .arg(m_run.runId)
                                           .arg(fromLibrary)
                                     : tr("fetched %1 entries of run %2").arg(count(snapshot.entries.size())).arg(m_run.runId),
                     true);
        QList<QPair<int, qint64>> otherRun;
        for (int row = 0; row < store.size(); ++row) {
            if (store.isOtherRunAt(row))
                otherRun.append({row + 1, store.at(row).agentRunId});
        }
        warnOtherRunEntries(m_run.runId, otherRun);
        write(snapshot);
    });
    progressLine(tr("fetching run %1 of organization %2 from %3")
                         .arg(run.runId)
                         .arg(run.orgId)
                         .arg(endpoint.baseUrl.toDisplayString(QUrl::RemoveUserInfo)),
                 true);
    m_loader->open(endpoint, run, false); // an export is always chronological, whatever --reverse says
    m_loader->loadAll();
}

void HeadlessExport::fetchProgress()
{
    if (m_done || !m_loader || !m_loader->hasRunInfo())
        return;
    const int loaded = m_loader->loadedRows();
    if (m_loader->isCountKnown())
        progressLine(tr("fetched %1 of %2 entries").arg(count(loaded), count(m_loader->knownRows())), false);
    else
        progressLine(tr("fetched %1 entries").arg(count(loaded)), false);
}

void HeadlessExport::startRead(const QString &path)
{
    m_reader = std::make_unique<RunFileReader>();
    m_fileSnapshot = RunSnapshot();
    m_fileEntryRunIds.clear();
    m_fileSnapshot.sourceDescription = QDir::toNativeSeparators(path);
    connect(m_reader.get(), &RunFileReader::runInfoRead, this, [this](const RunInfo &run) {
        m_fileSnapshot.hasRun = true;
        m_fileSnapshot.run = run;
    });
    // Streamed: the entries stay in the mapped file, the snapshot holds slices of it (about 32
    // bytes an entry), and the writer reads them from there.
    connect(m_reader.get(), &RunFileReader::indexed, this, [this](const RunFileReader::FileIndex &index) {
        m_fileSnapshot.entries = index.entries;
        m_fileSnapshot.source = index.bytes;
        m_fileEntryRunIds = index.agentRunIds;
    });
    connect(m_reader.get(), &RunFileReader::progress, this, [this](qint64 done, qint64 total) {
        progressLine(tr("read %1 entries (%2 %)").arg(count(m_reader->entryCount())).arg(total ? done * 100 / total : 100),
                     false);
    });
    connect(m_reader.get(), &RunFileReader::finished, this, [this](bool ok, const QString &error) {
        if (!ok)
            return fail(error);
        progressLine(tr("read %1 entries from %2").arg(count(m_fileSnapshot.entries.size()), m_fileSnapshot.sourceDescription),
                     true);
        if (m_fileSnapshot.hasRun) { // a .jsonl names no run: nothing to compare with
            QList<QPair<int, qint64>> otherRun;
            for (qsizetype i = 0; i < m_fileEntryRunIds.size(); ++i) {
                if (m_fileEntryRunIds.at(i) != m_fileSnapshot.run.id)
                    otherRun.append({int(i + 1), m_fileEntryRunIds.at(i)});
            }
            warnOtherRunEntries(m_fileSnapshot.run.id, otherRun);
        }
        write(m_fileSnapshot);
    });
    progressLine(tr("reading %1").arg(QDir::toNativeSeparators(path)), true);
    m_reader->startIndexing(path);
}

void HeadlessExport::warnOtherRunEntries(qint64 runId, const QList<QPair<int, qint64>> &entries)
{
    if (entries.isEmpty())
        return;
    // Named one by one, up to a point: a server that mixes runs may do it thousands of times.
    constexpr int kNamed = 10;
    QStringList named;
    for (qsizetype i = 0; i < entries.size() && i < kNamed; ++i)
        named << tr("entry %1 (run %2)").arg(entries.at(i).first).arg(entries.at(i).second);
    QString list = named.join(QStringLiteral(", "));
    if (entries.size() > kNamed)
        list = tr("%1 and %2 more").arg(list, count(entries.size() - kNamed));
    printLine(QStringLiteral("runlog: warning: ")
              + oneLine(tr("%n entries of another run than run %1, kept in place (marked in csv, md and html): %2",
                           nullptr, int(entries.size()))
                            .arg(runId)
                            .arg(list)));
}

void HeadlessExport::write(const RunSnapshot &snapshot)
{
    m_job = std::make_unique<ExportJob>();
    const QString shownPath = QDir::toNativeSeparators(m_options.exportPath);
    connect(m_job.get(), &ExportJob::progress, this, [this, shownPath](int written, int total) {
        progressLine(tr("wrote %1 of %2 entries to %3").arg(count(written), count(total), shownPath), false);
    });
    connect(m_job.get(), &ExportJob::finished, this, [this, shownPath, total = snapshot.entries.size()](bool ok, const QString &error) {
        if (!ok)
            return fail(error);
        succeed(tr("wrote %1 entries to %2 (%3)").arg(count(total), shownPath, ExportFormats::name(m_format)));
    });
    m_job->start(snapshot, m_options.exportPath, m_format);
}

void HeadlessExport::progressLine(const QString &message, bool force)
{
    if (m_done)
        return;
    if (!force && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < m_progressIntervalMs)
        return;
    m_sinceProgress.restart();
    printLine(QStringLiteral("runlog: ") + oneLine(message));
}

void HeadlessExport::fail(const QString &message, int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_exitCode = exitCode;
    printLine(QStringLiteral("runlog: error: ") + oneLine(message));
    if (m_loader)
        m_loader->close();
    if (m_reader)
        m_reader->cancel();
    emit finished(m_exitCode);
}

void HeadlessExport::succeed(const QString &message)
{
    if (m_done)
        return;
    printLine(QStringLiteral("runlog: ") + oneLine(message));
    m_done = true;
    m_exitCode = Success;
    emit finished(m_exitCode);
}

void HeadlessExport::printLine(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}
