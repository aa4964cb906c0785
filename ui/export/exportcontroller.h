// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportformat.h"
#include "export/runsnapshot.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QVector>

class ExportJob;
class LogTableModel;
class QProgressDialog;
class QWidget;
class RunSession;

// File > Export: asks for a file and a format, fetches every page not loaded yet through the
// session's paced loader (with progress, time left and Cancel), then writes on a worker thread. The
// file appears only when complete; cancelling or a failure leaves no file, and an old file of
// that name untouched.
class ExportController : public QObject
{
    Q_OBJECT
public:
    ExportController(RunSession *session, QWidget *dialogParent);
    ~ExportController() override;

    struct Source {
        bool fromApi = false;           // pages may still have to be fetched
        bool hasRun = false;
        RunInfo run;
        QString description;            // "run 42 of organization 7", or a file name
        QString suggestedName;          // file name without extension
        QVector<int> onlyRows;          // source rows to export, chronological; empty: all
    };

    // Asks where to (last folder remembered), then exports. No-op while an export runs.
    void exportInteractively(const Source &source, const QString &directory);
    // Exports to `path` without asking; the format comes from the extension or `format`.
    void exportTo(const Source &source, const QString &path, ExportFormat format);
    bool isBusy() const;
    // The last export ended because the user cancelled it (not a failure worth a message box).
    bool wasCancelled() const { return m_cancelled; }
    void cancel();

signals:
    // One sentence for the status bar or a message box; `ok` false for failures and cancels.
    void finished(bool ok, const QString &message, const QString &path);

private:
    void startFetching();
    void updateFetchProgress();
    void startWriting();
    void onWritten(bool ok, const QString &error);
    void fail(const QString &message);
    void finishWith(bool ok, const QString &message, bool cancelled = false);
    RunSnapshot snapshot() const;
    QString timeLeftText() const;

    RunSession *m_session;
    LogTableModel *m_model;
    QWidget *m_dialogParent;
    QPointer<QProgressDialog> m_progress;
    ExportJob *m_job = nullptr;
    Source m_source;
    QString m_path;
    ExportFormat m_format = ExportFormat::Json;
    QElapsedTimer m_fetchClock;
    int m_loadedAtStart = 0;
    bool m_fetching = false;
    bool m_cancelled = false;
    QList<QMetaObject::Connection> m_loaderConnections;
};
