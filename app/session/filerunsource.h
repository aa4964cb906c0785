// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/inspectlog.h"
#include "rows/pagecache.h"
#include "run/sampleref.h"
#include "session/runsource.h"

#include <QList>

#include <optional>

class RunFileReader;
struct LogEntry;

// A run read from an exported file (.json or .jsonl) on a worker, with no network. It replaces
// the open run only once its first entries (or its whole, empty run) proved readable; a file
// that is broken from the start leaves what was open as it was. Of a log that holds several runs
// (an Inspect eval log's samples) it reads the sample it is given; without one, a log of several
// is unreadable and samplesToChoose() names them, so that the user picks one.
class FileRunSource : public RunSource
{
    Q_OBJECT

public:
    explicit FileRunSource(const QString &path, const std::optional<SampleRef> &sample = std::nullopt,
                           QObject *parent = nullptr);

    Kind kind() const override { return Kind::File; }
    void start(LogTableModel *model) override;
    void stop() override;

    bool hasRunInfo() const override;
    RunInfo runInfo() const override;
    bool isReading() const override;
    QString windowTitle() const override;
    QString headerTitle() const override;
    QString description() const override;
    QString exportDescription() const override;
    QString suggestedFileName() const override;

    // The library holds this log's entries as run `runId` (origin: the file): when the file is
    // gone at start(), they are read from there instead, and a warning says so.
    void setLibraryCopy(PageCache *cache, qint64 runId);
    // The entries shown are the library's copy (the file was gone).
    bool isLibraryCopy() const { return m_fromLibrary; }

    QString path() const { return m_path; }
    std::optional<SampleRef> sample() const { return m_sample; }
    // After unreadable(): the samples of a log of several, when none was given; else empty.
    QList<InspectSampleInfo> samplesToChoose() const;
    bool isFinished() const { return m_finished; }

signals:
    // Every entry is read (not after a failure part-way).
    void readToEnd();

private:
    void onEntries(const QList<LogEntry> &entries);
    void onFinished(bool ok, const QString &error);
    void becomeReady();
    void readLibraryCopy();
    void readMoreOfLibraryCopy(qint64 first, qint64 count);
    void finishLibraryCopy(qint64 count);

    QString m_path;
    // The format being converted ("Claude Code transcript"), known before the run's fields: the
    // header's source line names it while the first rows show and the rest is converted.
    QString m_convertingFormat;
    std::optional<SampleRef> m_sample;
    RunFileReader *m_reader = nullptr;
    LogTableModel *m_model = nullptr;
    bool m_ready = false;
    bool m_finished = false;
    PageCache *m_copyCache = nullptr;
    PageCache::Key m_copyKey; // the run the library holds of this log
    bool m_fromLibrary = false;
    bool m_stopped = false;
    RunInfo m_copyRun;
};
