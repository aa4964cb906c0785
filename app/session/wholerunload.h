// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "export/runsnapshot.h"
#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class DemoService;
class LogTableModel;
class QNetworkAccessManager;
class RunFileReader;
class RunLoader;

// How far a whole-run load has come, for a progress line.
struct WholeRunProgress
{
    int entries = 0;            // entries read or fetched so far
    std::optional<int> known;   // fetching: how many the run has, once the server said so
    qint64 bytesRead = 0;       // reading a file: how far into it
    qint64 bytesTotal = 0;
};

// One entry whose agent_run_id is another run than the one loaded: kept in place, named in a
// warning by whoever shows the run.
struct OtherRunEntry
{
    int number = 0;     // from 1, oldest first
    qint64 runId = 0;   // the run it says it belongs to
};

// A whole run, loaded with no window: every page of an API run (the demo's included), paced by
// the API's rate limit, retried, and through the library (RunLoader's default PageCache) when
// there is one; or an exported file, read in place (slices of the mapped file, a few bytes an
// entry). It ends once, with finished(snapshot) or failed(text). The windowless commands
// (--export, --stats) use it; the window fetches into its own model through its RunSession.
class WholeRunLoad : public QObject
{
    Q_OBJECT

public:
    explicit WholeRunLoad(QObject *parent = nullptr);
    ~WholeRunLoad() override;

    // One of these, once. An API run is always loaded oldest first.
    void loadApi(const ApiEndpoint &endpoint, const RunRef &run);
    void loadDemo(); // the built-in demo backend's sample run, started on 127.0.0.1
    // Of a log holding several runs (an Inspect eval log's samples), `sample` is the one read;
    // without it such a log fails, naming its samples (needsSampleChoice()).
    void loadFile(const QString &path, const std::optional<SampleRef> &sample = std::nullopt);
    // The file failed for want of a sample: it holds several.
    bool needsSampleChoice() const;
    // Then its samples, to choose one from.
    QList<InspectSampleInfo> samplesToChoose() const;
    // Stops all work; nothing is emitted after it.
    void cancel();

    // The API run being loaded (the demo's included); nothing for a file.
    std::optional<RunRef> apiRun() const { return m_apiRun; }
    // Once finished: how many pages came from the library rather than the server.
    int pagesFromLibrary() const { return m_pagesFromLibrary; }
    // Once finished: the entries of another run (for a file only when it names its run).
    const QList<OtherRunEntry> &otherRunEntries() const { return m_otherRunEntries; }

signals:
    // An API run's first request is about to go (after the demo backend started).
    void fetching(const RunRef &run, const QUrl &baseUrl);
    void progressChanged(const WholeRunProgress &progress);
    // Another agent's log is being converted before its entries are read (RunFileReader's).
    void converting(const QString &formatName, qint64 recordsRead);
    void finished(const RunSnapshot &snapshot);
    // `error` is one sentence: the server's words and HTTP status, or where a file goes wrong.
    void failed(const QString &error);

private:
    void onAllLoaded();
    void onFileFinished(bool ok, const QString &error);
    void fail(const QString &error);

    std::unique_ptr<DemoService> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LogTableModel> m_model;
    std::unique_ptr<RunLoader> m_loader;
    std::unique_ptr<RunFileReader> m_reader;
    std::optional<RunRef> m_apiRun;
    RunSnapshot m_fileSnapshot;
    QList<qint64> m_fileEntryRunIds; // each entry's agent_run_id: a file's run id may come last
    QList<OtherRunEntry> m_otherRunEntries;
    int m_pagesFromLibrary = 0;
    bool m_done = false;
};
