// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"
#include "agentlogs/inspectlog.h"
#include "ui/export/exportcontroller.h"
#include "session/demoservice.h"

#include <QMainWindow>
#include <QPointer>

class AppSettings;
class Credentials;
class LibraryController;
class LibraryOpenController;
class LinkedEntryController;
class RunLibrary;

class DetailPane;
class EmptyState;
class TableContextMenu;
class FoldController;
class CurrentEntryController;
class CopyLinkController;
class InsightsController;
class InsightsPanel;
class OverviewController;
class QDockWidget;
class QVBoxLayout;
class TimelineStrip;
class LogFilterProxyModel;
class LogTableModel;
class LogTableView;
class MarkController;
class NoteController;
class MessageBanner;
class OpenRunController;
class QMenu;
class ProportionalSplitter;
class QStackedWidget;
class RunHeader;
class RunSession;
class SampleChooserDialog;
class SearchBar;
class SearchController;
class StatusBarController;
class ViewSettings;
class WindowActions;

// The window: run header on top, the log table and the selected entry's detail side by side,
// errors in a banner above the table, pacing and counts in the status bar. It lays out widgets
// over a RunSession and connects them; the session decides everything about the open run.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a run through the API (the demo backend is an API too).
    void openRun(const ApiEndpoint &endpoint, const RunRef &run, bool reverse = false);
    // Starts the built-in demo backend on 127.0.0.1 and opens its sample run, or the run that is
    // still going (it grows every two seconds, then finishes).
    bool openDemo(bool liveRun = false);
    // Opens an exported run (.json or .jsonl) without any network. What is open stays open until
    // the file proves readable. Of a log that holds several runs (an Inspect eval log's samples),
    // `sample` names one; without it the user chooses from its samples (SampleChooserDialog).
    void openFile(const QString &path, const std::optional<SampleRef> &sample = std::nullopt);
    // From the library: another agent's log it holds as run `runId` (RunSession::openFileOrLibraryCopy).
    void openFileOrLibraryCopy(const QString &path, const std::optional<SampleRef> &sample, qint64 runId);
    // Opens a run with the token saved in the keychain for its API address, or asks for one.
    void openRunWithSavedToken(const QUrl &baseUrl, const RunRef &run, bool reverse = false);
    // Selects an entry (1 = oldest) of `run` once that run is open here: a link's, --entry's.
    void selectEntryOnceOpen(const RunRef &run, qint64 entry);
    // The token from the environment, used when the Open Run dialog is left empty.
    void setEnvironmentToken(const QByteArray &token);
    // The tokens `other` knows (typed, environment), as File > New Window takes them.
    void copyTokensFrom(const MainWindow &other);
    // The library of runs (null with --no-store): the Library menu, the Library and Runs windows.
    void setLibrary(RunLibrary *library);
    LibraryController *libraryController() const;

    // For tests and screenshots.
    RunSession *session() const { return m_session; }
    LogTableModel *logModel() const;
    LogTableView *tableView() const { return m_table; }
    LogFilterProxyModel *filterModel() const { return m_proxy; }
    SearchBar *searchBar() const { return m_searchBar; }
    SearchController *searchController() const { return m_search; }
    void showSearch();
    void closeSearch();
    DetailPane *detailPane() const { return m_detail; }
    RunHeader *runHeader() const { return m_header; }
    OverviewController *overview() const { return m_overview; }
    TimelineStrip *timeline() const { return m_timeline; }
    QDockWidget *statisticsDock() const { return m_statisticsDock; }
    InsightsController *insights() const { return m_insights; }
    InsightsPanel *insightsPanel() const { return m_insightsPanel; }
    QDockWidget *insightsDock() const { return m_insightsDock; }
    // Selects an entry by its number (1-based, oldest first), clearing a filter that hides it.
    void showEntry(int entry, bool focusTable);
    MessageBanner *banner() const { return m_banner; }
    DemoService *demoService() const { return m_demo; }
    ExportController *exportController() const { return m_exporter; }
    MarkController *marks() const { return m_marks; }
    NoteController *notes() const { return m_notes; }
    // Folds of repeated tool calls and "Show only these entries": InsightsController calls its
    // setLoops() with the loops it found.
    FoldController *foldController() const { return m_folds; }
    CurrentEntryController *currentEntry() const { return m_currentEntry; }
    CopyLinkController *copyLink() const { return m_copyLink; }
    ViewSettings *viewSettings() const { return m_view; }
    OpenRunController *openRunController() const { return m_openRun; }
    EmptyState *emptyState() const { return m_empty; }
    TableContextMenu *tableMenu() const { return m_tableMenu; }
    WindowActions *windowActions() const { return m_actions; }
    // File > New Window: another window with the same tokens, server (the demo backend too) and
    // organization; the request pacer is shared. Returns it (deleted when closed).
    MainWindow *openNewWindow();
    // Exports without asking where (what File > Export does after its dialog).
    bool exportTo(const QString &path, ExportFormat format);
    bool isShowingFile() const;
    // The sample chooser while it is shown (for tests); null otherwise.
    SampleChooserDialog *sampleChooser() const;
    // Where File > Open Agent Logs… starts: the demo's sample logs in the demo, else the folder
    // of Claude Code's or Codex CLI's logs that exists, else home.
    QString agentLogsStartFolder();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createRunPage();
    void createOverview(QVBoxLayout *runLayout);
    void createInsights();
    void showInsights();
    void goToFirstFailure();
    void searchAllRunsForFailureOf(int entry);
    void orderTabChain();
    void connectActions();
    void connectSession();
    void restoreState();
    void showOpenFileDialog();
    void showOpenAgentLogsDialog();
    void chooseSample(const QString &path, const QList<InspectSampleInfo> &samples);
    void exportRun();
    void compareRuns();
    ExportController::Source exportSource() const;
    void showWarning(const QString &title, const QString &text);
    void updateActions();
    void buildTableMenu();
    void refreshRecentRuns();
    void onReset();
    void onRunInfoChanged();
    void updateProgress();
    void toggleFocus();
    void updateFilterText();
    void showShortcuts();
    void showAbout();

    AppSettings *m_settings;
    RunSession *m_session;
    Credentials *m_credentials;
    OpenRunController *m_openRun;
    LibraryOpenController *m_library = nullptr;
    OverviewController *m_overview = nullptr;
    TimelineStrip *m_timeline = nullptr;
    TableContextMenu *m_tableMenu = nullptr;
    QDockWidget *m_statisticsDock = nullptr;
    bool m_followWanted = true;        // Follow Live Run as the user left it
    bool m_showingFollowState = false; // the action set to the run's state, not by the user
    bool m_keychainSaveFailureShown = false; // a failed save said in a box once
    bool m_statisticsDockSized = false; // capped to its share of the window once
    InsightsController *m_insights = nullptr;
    InsightsPanel *m_insightsPanel = nullptr;
    QDockWidget *m_insightsDock = nullptr;
    QPointer<DemoService> m_demo;
    QPointer<SampleChooserDialog> m_sampleChooser;
    LogFilterProxyModel *m_proxy;
    ExportController *m_exporter = nullptr;

    QStackedWidget *m_stack;
    EmptyState *m_empty;
    RunHeader *m_header;
    MessageBanner *m_banner;
    ProportionalSplitter *m_splitter;
    LogTableView *m_table;
    DetailPane *m_detail;
    SearchBar *m_searchBar;
    SearchController *m_search;
    QMenu *m_filterMenu;
    WindowActions *m_actions;
    StatusBarController *m_status;
    MarkController *m_marks;
    NoteController *m_notes;
    FoldController *m_folds = nullptr;
    CurrentEntryController *m_currentEntry;
    LinkedEntryController *m_linkedEntry;
    CopyLinkController *m_copyLink;
    ViewSettings *m_view;
};
