// SPDX-License-Identifier: MIT
#include "session/wholerunload.h"

#include "api/errortext.h"
#include "model/runloader.h"
#include "rows/logtablemodel.h"
#include "runfile/runfilereader.h"
#include "session/demoservice.h"

#include <QDir>
#include <QNetworkAccessManager>

WholeRunLoad::WholeRunLoad(QObject *parent)
    : QObject(parent)
{
}

WholeRunLoad::~WholeRunLoad() = default;

void WholeRunLoad::loadDemo()
{
    m_demo = std::make_unique<DemoService>();
    if (!m_demo->start())
        return fail(m_demo->cannotStartText());
    loadApi(m_demo->endpoint(), m_demo->sampleRun());
}

void WholeRunLoad::loadApi(const ApiEndpoint &endpoint, const RunRef &run)
{
    m_apiRun = run;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_model = std::make_unique<LogTableModel>();
    m_loader = std::make_unique<RunLoader>(m_network.get(), m_model.get());
    connect(m_loader.get(), &RunLoader::pageFailed, this, [this](const ApiError &error) {
        m_loader->stopLoadingAll();
        fail(ErrorText::describeWithStatus(error, *m_apiRun));
    });
    connect(m_loader.get(), &RunLoader::progressChanged, this, [this] {
        if (m_done || !m_loader->hasRunInfo())
            return;
        WholeRunProgress progress;
        progress.entries = m_loader->loadedRows();
        if (m_loader->isCountKnown())
            progress.known = m_loader->knownRows();
        emit progressChanged(progress);
    });
    connect(m_loader.get(), &RunLoader::allLoaded, this, &WholeRunLoad::onAllLoaded);
    emit fetching(run, endpoint.baseUrl);
    m_loader->open(endpoint, run, false); // a whole run is read oldest first
    m_loader->loadAll();
}

void WholeRunLoad::onAllLoaded()
{
    if (m_done)
        return;
    const LogStore &store = m_model->store();
    RunSnapshot snapshot;
    snapshot.hasRun = m_loader->hasRunInfo();
    snapshot.run = m_loader->runInfo();
    snapshot.entries = store.rawEntries(0, store.size() - 1);
    snapshot.rawOwners = store.rawOwners();
    snapshot.sourceDescription = tr("run %1 of organization %2").arg(m_apiRun->runId).arg(m_apiRun->orgId);
    if (snapshot.entries.size() != store.size())
        return fail(tr("%1 of %2 entries could not be loaded.").arg(store.size() - snapshot.entries.size()).arg(store.size()));
    m_pagesFromLibrary = m_loader->pagesFromCache();
    for (int row = 0; row < store.size(); ++row) {
        if (store.isOtherRunAt(row))
            m_otherRunEntries.append({row + 1, store.at(row).agentRunId});
    }
    m_done = true;
    emit finished(snapshot);
}

bool WholeRunLoad::needsSampleChoice() const
{
    return m_reader && !m_reader->samplesToChoose().isEmpty();
}

QList<InspectSampleInfo> WholeRunLoad::samplesToChoose() const
{
    return m_reader ? m_reader->samplesToChoose() : QList<InspectSampleInfo>();
}

void WholeRunLoad::loadFile(const QString &path, const std::optional<SampleRef> &sample)
{
    m_reader = std::make_unique<RunFileReader>();
    // A command reads one run: of a log of several, the one named, never a guess.
    m_reader->setSample(sample);
    m_reader->setSampleChoiceRequired(true);
    m_fileSnapshot.sourceDescription = QDir::toNativeSeparators(path);
    connect(m_reader.get(), &RunFileReader::runInfoRead, this, [this](const RunInfo &run) {
        m_fileSnapshot.hasRun = true;
        m_fileSnapshot.run = run;
    });
    // Streamed: the entries stay in the mapped file, the snapshot holds slices of it (about 32
    // bytes an entry), and whoever uses the snapshot reads them from there.
    connect(m_reader.get(), &RunFileReader::indexed, this, [this](const RunFileReader::FileIndex &index) {
        m_fileSnapshot.entries = index.entries;
        m_fileSnapshot.source = index.bytes;
        m_fileEntryRunIds = index.agentRunIds;
    });
    connect(m_reader.get(), &RunFileReader::progress, this, [this](qint64 done, qint64 total) {
        if (m_done)
            return;
        WholeRunProgress progress;
        progress.entries = m_reader->entryCount();
        progress.bytesRead = done;
        progress.bytesTotal = total;
        emit progressChanged(progress);
    });
    connect(m_reader.get(), &RunFileReader::converting, this, [this](const QString &formatName, qint64 records) {
        if (!m_done)
            emit converting(formatName, records);
    });
    connect(m_reader.get(), &RunFileReader::finished, this, &WholeRunLoad::onFileFinished);
    if (!m_reader->startIndexing(path))
        fail(tr("could not start reading %1.").arg(QDir::toNativeSeparators(path)));
}

void WholeRunLoad::onFileFinished(bool ok, const QString &error)
{
    if (m_done)
        return;
    if (!ok)
        return fail(error);
    if (m_fileSnapshot.hasRun) { // a .jsonl names no run: nothing to compare with
        for (qsizetype i = 0; i < m_fileEntryRunIds.size(); ++i) {
            if (m_fileEntryRunIds.at(i) != m_fileSnapshot.run.id)
                m_otherRunEntries.append({int(i + 1), m_fileEntryRunIds.at(i)});
        }
    }
    m_done = true;
    emit finished(m_fileSnapshot);
}

void WholeRunLoad::cancel()
{
    m_done = true;
    if (m_loader)
        m_loader->close();
    if (m_reader)
        m_reader->cancel();
}

void WholeRunLoad::fail(const QString &error)
{
    if (m_done)
        return;
    cancel();
    emit failed(error);
}
