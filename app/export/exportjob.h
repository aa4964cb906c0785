// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportformat.h"
#include "export/runsnapshot.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <memory>

// Writes a RunSnapshot to a file on a worker thread. The file appears only when complete
// (QSaveFile commits at the very end): after a cancel, a failed write (a full disk) or a failed
// commit there is no new file and no partial one, and an old file of that name is untouched.
// Signals arrive on the thread that owns the job.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    explicit ExportJob(QObject *parent = nullptr);
    // Cancels a running export and waits for the worker to stop (it checks after every entry).
    ~ExportJob() override;

    // False, and nothing started, when an export is already running.
    bool start(const RunSnapshot &snapshot, const QString &path, ExportFormat format);
    // Stops as soon as the worker notices; finished(false, ...) follows, wasCancelled() is true.
    void cancel();

    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }
    QString path() const { return m_path; }
    ExportFormat format() const { return m_format; }
    int total() const { return m_total; }

signals:
    // Throttled to a few per second, plus one at the end.
    void progress(int written, int total);
    // `error` is one sentence naming the file, empty on success.
    void finished(bool ok, const QString &error);

private:
    struct Control;

    void onWorkerDone(bool ok, bool cancelled, const QString &error);

    std::shared_ptr<Control> m_control;
    QFuture<void> m_future;
    QString m_path;
    ExportFormat m_format = ExportFormat::Json;
    int m_total = 0;
    bool m_running = false;
    bool m_cancelled = false;
};
