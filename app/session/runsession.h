// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/runinfo.h"
#include "run/sampleref.h"
#include "agentlogs/inspectlog.h"
#include "session/pacestate.h"
#include "session/runprogress.h"
#include "session/runsource.h"
#include "notes/notesfile.h"

#include <QObject>
#include <QPointer>

class ApiRunSource;
class FileRunSource;
class LogTableModel;
class QNetworkAccessManager;
class RunFollower;
class RunLoader;
class RunNotes;
class RunSessionInternals;
struct ApiError;

// What one window shows: the open run, from whichever source, in one model. The window lays out
// widgets over it and turns its signals into what the user sees; every decision about sources,
// resets, errors and progress is made here, without widgets, and tested without them.
class RunSession : public QObject
{
    Q_OBJECT

public:
    enum class Kind { None, Api, File };
    Q_ENUM(Kind)
    // An API run comes in pages of this many entries (the endpoint's largest page).
    static constexpr int kEntriesPerPage = 100;

    explicit RunSession(QObject *parent = nullptr);
    ~RunSession() override;

    // Opens a run through the API (the demo backend is an API too). In an empty session it shows
    // at once (opening, then its entries or its error); a run that is open stays open until the
    // new run's first page arrives, and stays if it never does (openFailed()).
    void openApi(const ApiEndpoint &endpoint, const RunRef &run, bool reverse = false);
    // Opens an exported run (.json or .jsonl). What is open stays open until the file proves
    // readable; a file broken from its start says so through openFailed().
    // Of a log holding several runs (an Inspect eval log's samples), `sample` is the one; without
    // it such a log does not open and sampleChoiceNeeded() names its samples.
    void openFile(const QString &path, const std::optional<SampleRef> &sample = std::nullopt);
    // Another agent's log the library holds as run `libraryRunId` (origin: the file): read from
    // its file, or, when the file is gone (Claude Code deletes old sessions), from the library's
    // copy of its entries, said in a warning.
    void openFileOrLibraryCopy(const QString &path, const std::optional<SampleRef> &sample, qint64 libraryRunId);
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
    // The run's server refused the token (401, 403) on the last failure: a Retry with the same
    // token cannot help, another token may.
    bool tokenRefused() const;
    QString filePath() const;
    // The sample of the open file's log, when it holds several.
    std::optional<SampleRef> fileSample() const;
    // Names the open run for what is kept about it (its marks): API origin, organization and run,
    // or the file's absolute path. Empty when nothing is open.
    QString runKey() const;

    QString windowTitle() const;
    QString headerTitle() const;
    QString description() const;
    QString exportDescription() const;
    QString suggestedFileName() const;

    LogTableModel *model() const { return m_model; }
    // The user's notes and marks on the open run (kept in the library with the run).
    RunNotes *notes() const { return m_notes; }
    // What Export Notes writes: the run's organization and run (an API run's; a file's own when
    // it names them: its run fields, else its entries' agent_run_id), and every note and mark.
    NotesFile notesFile() const;

    // Paging an API run (nothing happens for a file, whose rows are all there once read).
    // The rows in view, as rows of the model: their pages are fetched first. -1, -1: none.
    void setVisibleRows(int firstRow, int lastRow);
    // Fetches every page (paced); allLoaded() when done, pageFailed() if one cannot be had.
    void loadAll();
    void stopLoadingAll();
    // Every entry of the run is here: a file read to its end, an API run with every page loaded.
    bool isFullyLoaded() const;
    // An API run whose loader is open: its first page is here and it has not failed since.
    bool isApiRunOpen() const;
    // The request budget of the open API run; nothing for a file or with nothing open.
    std::optional<PaceState> paceState() const;
    // About how long fetching the pages not loaded yet takes at the budget's pace; nothing when
    // the count is not known or nothing is left.
    std::optional<qint64> msToLoadRest() const;
    // View > Rate Limit…: the budget for this session's requests from now on.
    void setRateLimit(int maxRequests, int windowMs);

    // Following a run that is still going: its new entries are fetched as they come.
    void setFollowing(bool follow);
    bool isFollowing() const;
    bool isRunGoing() const;
    // Following: when the run is looked at next; -1 when no check is waiting.
    qint64 msUntilNextCheck() const;

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
    // A file opened without a sample holds several (an Inspect eval log): which to open is the
    // user's choice (openFile() again with one); what was open is still open.
    void sampleChoiceNeeded(const QString &path, const QList<InspectSampleInfo> &samples);
    // The run's first entries arrived: it opened (for Open Recent).
    void runOpened();
    // Which actions apply changed (a source opened, finished reading, closed).
    void stateChanged();
    // Every page of the API run is loaded (after loadAll()).
    void allLoaded();
    // A page could not be had, retries spent: what went wrong, in words.
    void pageFailed(const QString &text);
    // Following: checks for new entries started or stopped; the run started or stopped going;
    // the followed run finished (with this status).
    void followingChanged(bool following);
    void runGoingChanged(bool going);
    void runFinished(const QString &status);

private:
    // Tests look at the loader's requests through it (tests/support); nothing else can.
    friend class RunSessionInternals;

    void start(RunSource *source);
    void adopt(RunSource *source);
    void discardCurrent();
    void openNotes();

    QNetworkAccessManager *m_network;
    LogTableModel *m_model;
    RunLoader *m_loader;
    RunFollower *m_follower;
    RunNotes *m_notes;
    RunSource *m_current = nullptr;
    QPointer<RunSource> m_pending;   // a file proving itself readable
};
