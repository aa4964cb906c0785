#pragma once

#include "api/apiendpoint.h"
#include "exportcontroller.h"
#include "run/logentry.h"

#include <QMainWindow>
#include <QPointer>

class AppSettings;
#include "session/demoservice.h"

class DetailPane;
class LibraryController;
class RunLibrary;
class LogFilterProxyModel;
class QMenu;
class SearchBar;
class SearchController;
class TokenStore;
class RunFileReader;
class EmptyState;
class LogTableModel;
class LogTableView;
class MessageBanner;
class QAction;
class QLabel;
class QNetworkAccessManager;
class QSplitter;
class QStackedWidget;
class QTimer;
class RunHeader;
class RunFollower;
class RunLoader;
struct ApiError;

// The window: run header on top, the log table and the selected entry's detail side by side,
// errors in a banner above the table, pacing and counts in the status bar.
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
    // the file proves readable.
    void openFile(const QString &path);
    // Opens a run with the token saved in the keychain for its API address, or asks for one.
    void openRunWithSavedToken(const QUrl &baseUrl, const RunRef &run, bool reverse = false);
    // The token from the environment, used when the Open Run dialog is left empty.
    void setEnvironmentToken(const QByteArray &token);
    // The library of runs (null with --no-store): the Library menu, the Library and Runs windows.
    void setLibrary(RunLibrary *library);
    LibraryController *libraryController() const { return m_libraryController; }

    // For tests and screenshots.
    LogTableModel *logModel() const { return m_model; }
    RunLoader *loader() const { return m_loader; }
    RunFollower *follower() const { return m_follower; }
    LogTableView *tableView() const { return m_table; }
    LogFilterProxyModel *filterModel() const { return m_proxy; }
    SearchBar *searchBar() const { return m_searchBar; }
    SearchController *searchController() const { return m_search; }
    void showSearch();
    void closeSearch();
    DetailPane *detailPane() const { return m_detail; }
    RunHeader *runHeader() const { return m_header; }
    MessageBanner *banner() const { return m_banner; }
    DemoService *demoService() const { return m_demo; }

    ExportController *exportController() const { return m_exporter; }
    // Exports without asking where (what File > Export does after its dialog).
    bool exportTo(const QString &path, ExportFormat format);
    bool isShowingFile() const { return m_source == Source::File; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void restoreState();
    void showOpenRunDialog();
    void populateRecentRuns();
    void showOpenRunDialogFor(const QUrl &baseUrl, const RunRef &run);
    void showOpenFileDialog();
    void switchToFile();
    void onFileEntries(const QList<LogEntry> &entries);
    void onFileFinished(bool ok, const QString &error);
    void exportRun();
    ExportController::Source exportSource() const;
    void showWarning(const QString &title, const QString &text);
    void updateActions();
    void closeRun();
    void retry();
    void showRunPage(bool showRun);
    void updateProgress();
    void updatePaceStatus();
    void onFollowingChanged(bool following);
    void updateTitle();
    void onRunInfoChanged();
    void onPageFailed(const ApiError &error);
    void onRetrying(const ApiError &error, int retryInMs);
    void onCurrentRowChanged(int row);
    void refreshDetailIfLoaded(int firstRow, int lastRow);
    void copySelectedEntry();
    void toggleFocus();
    void selectSourceRow(int sourceRow);
    void updateFilterText();
    QVector<int> shownSourceRows() const;
    void goToEntry();
    void editRateLimit();
    void showShortcuts();
    void showAbout();
    void openRunAtEntry(const ApiEndpoint &endpoint, const RunRef &run, qint64 position);
    void selectPendingEntry();

    AppSettings *m_settings;
    QNetworkAccessManager *m_network;
    LogTableModel *m_model;
    LogFilterProxyModel *m_proxy;
    SearchBar *m_searchBar;
    SearchController *m_search;
    QMenu *m_filterMenu;
    QMenu *m_recentMenu;
    RunLoader *m_loader;
    RunFollower *m_follower;
    QPointer<DemoService> m_demo;
    QByteArray m_environmentToken;
    QByteArray m_sessionToken;
    TokenStore *m_tokens;
    QAction *m_forgetTokenAction;
    ApiEndpoint m_endpoint;
    enum class Source { None, Api, File };
    Source m_source = Source::None;
    RunFileReader *m_fileReader = nullptr;
    bool m_fileWaitingForFirstBatch = false;
    ExportController *m_exporter;
    int m_currentRow = -1;
    bool m_detailWaitingForRow = false;

    QStackedWidget *m_stack;
    EmptyState *m_empty;
    RunHeader *m_header;
    MessageBanner *m_banner;
    QSplitter *m_splitter;
    LogTableView *m_table;
    DetailPane *m_detail;
    QLabel *m_paceLabel;
    QLabel *m_countLabel;
    QTimer *m_paceTimer;

    QAction *m_openRunAction;
    QAction *m_openFileAction;
    QAction *m_exportAction;
    QAction *m_demoAction;
    QAction *m_liveDemoAction;
    QAction *m_retryAction;
    QAction *m_stopAction;
    QAction *m_rateLimitAction;
    QAction *m_closeRunAction;
    QAction *m_quitAction;
    QAction *m_copyAction;
    QAction *m_jsonModeAction;
    QAction *m_focusAction;
    QAction *m_firstAction;
    QAction *m_lastAction;
    QAction *m_goToAction;
    QAction *m_followAction;
    QAction *m_newestFirstAction;
    QAction *m_findAction;
    QAction *m_findNextAction;
    QAction *m_findPreviousAction;
    QAction *m_closeSearchAction;

    LibraryController *m_libraryController = nullptr;
    RunRef m_pendingEntryRun;     // a search result's run, opened at one entry
    qint64 m_pendingEntry = -1;
};
