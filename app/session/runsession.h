// SPDX-License-Identifier: MIT
#pragma once

#include "api/apiendpoint.h"
#include "run/runinfo.h"
#include "session/runprogress.h"
#include "session/runsource.h"

#include <QObject>
#include <QPointer>

class ApiRunSource;
class FileRunSource;
class LogTableModel;
class QNetworkAccessManager;
class RunFollower;
class RunLoader;

// What one window shows: the open run, from whichever source, in one model. The window lays out
// widgets over it and turns its signals into what the user sees; every decision about sources,
// resets, errors and progress is made here, without widgets, and tested without them.
class RunSession : public QObject
{
    Q_OBJECT

public:
    enum class Kind { None, Api, File };
    Q_ENUM(Kind)

    explicit RunSession(QObject *parent = nullptr);
    ~RunSession() override;

    // Opens a run through the API (the demo backend is an API too). In an empty session it shows
    // at once (opening, then its entries or its error); a run that is open stays open until the
    // new run's first page arrives, and stays if it never does (openFailed()).
    void openApi(const ApiEndpoint &endpoint, const RunRef &run, bool reverse = false);
    // Opens an exported run (.json or .jsonl). What is open stays open until the file proves
    // readable; a file broken from its start says so through openFailed().
    void openFile(const QString &path);
    void close();

    // F5: the run again if it never opened, else the pages that failed (API runs).
    void retry();
    // Ctrl+.: cancels requests in flight or waiting; loaded entries stay (API runs).
    void stopLoading();
    // Opens the same run again in the other order (API runs).
    void setNewestFirst(bool newestFirst);

    Kind kind() const;
    bool isOpen() const { return kind() != Kind::None; }
    bool isNewestFirst() const;
    bool hasRunInfo() const;
    RunInfo runInfo() const;
    RunProgress progress() const;
    bool canExport() const;
    // The API run that is open; nothing for a file.
    std::optional<RunRef> apiRun() const;
    std::optional<ApiEndpoint> apiEndpoint() const;
    QString filePath() const;
    // Names the open run for what is kept about it (its marks): API origin, organization and run,
    // or the file's absolute path. Empty when nothing is open.
    QString runKey() const;

    QString windowTitle() const;
    QString headerTitle() const;
    QString description() const;
    QString exportDescription() const;
    QString suggestedFileName() const;

    LogTableModel *model() const { return m_model; }
    RunLoader *loader() const { return m_loader; }
    RunFollower *follower() const { return m_follower; }

signals:
    // A new run replaced the open one, or it was closed: views forget what they showed.
    void reset();
    void runInfoChanged();
    void progressChanged();
    void failed(const QString &text, bool retryHelps);
    void warned(const QString &text);
    void problemsCleared();
    void statusMessage(const QString &text, int timeoutMs);
    // A file could not be opened at all, or (with a run open) a run's first page never came;
    // what was open is still open.
    void openFailed(const QString &error);
    // The run's first entries arrived: it opened (for Open Recent).
    void runOpened();
    // Which actions apply changed (a source opened, finished reading, closed).
    void stateChanged();

private:
    void start(RunSource *source);
    void adopt(RunSource *source);
    void discardCurrent();
    void loadMarks();
    void saveMarks();

    QNetworkAccessManager *m_network;
    LogTableModel *m_model;
    RunLoader *m_loader;
    RunFollower *m_follower;
    RunSource *m_current = nullptr;
    QPointer<RunSource> m_pending;   // a file proving itself readable
    bool m_loadingMarks = false;
};
