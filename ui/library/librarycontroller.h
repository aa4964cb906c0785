// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "run/sampleref.h"
#include "store/libraryrun.h"
#include "store/librarysearchhit.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class CompareWindow;
class LibraryRunsModel;
class LibraryRunsPanel;
class LibrarySearch;
class LibrarySearchPanel;
class LibraryWindow;
class OrgRunsView;
class QAction;
class QMenu;
class QWidget;
class RunLibrary;
class OrgRunList;

// The Library and Runs windows and their menu, for a main window that knows how to open a run.
// Everything the window must provide comes through Hooks, so the window needs only a few lines
// for it (create this, put menu() in its menu bar, open runs when asked).
class LibraryController : public QObject
{
    Q_OBJECT
public:
    struct Hooks
    {
        // Opens a run with this endpoint; at `entryPosition` (0-based, oldest first) when >= 0.
        std::function<void(const ApiEndpoint &endpoint, const RunRef &run, qint64 entryPosition)> openRun;
        // Opens a run with the token saved for this API, or asks for one.
        std::function<void(const QUrl &baseUrl, const RunRef &run)> openRunWithSavedToken;
        // The API and token the window uses now: the Runs view lists the organization's runs there.
        std::function<ApiEndpoint()> endpoint;
        // The organization of the run shown now (0: none).
        std::function<qint64()> organization;
        // Opens a run read from a file (another agent's log; a sample of it); at `entryPosition`
        // when >= 0.
        // Another agent's log the library holds as run `runId`: from its file, or the library's
        // copy when the file is gone.
        std::function<void(const QString &path, const std::optional<SampleRef> &sample, qint64 runId, qint64 entryPosition)> openFile;
    };

    // `library` may be null (--no-store): the Runs view still works, the Library is off.
    LibraryController(RunLibrary *library, Hooks hooks, QWidget *window);
    ~LibraryController() override;

    QMenu *menu() const { return m_menu; }
    QAction *libraryAction() const { return m_libraryAction; }
    QAction *runsAction() const { return m_runsAction; }
    QAction *searchAction() const { return m_searchAction; }

    void showLibrary();
    void showSearch();
    // Search All Runs with a query filled in and run (see LibrarySearchPanel::searchFor).
    void searchFor(const QString &text, bool regex);
    void showRuns();
    void showPreferences();

    // For tests and screenshots.
    LibraryWindow *libraryWindow() const { return m_libraryWindow; }
    OrgRunsView *runsView() const { return m_runsView; }
    LibraryRunsModel *libraryModel() const { return m_libraryModel; }
    OrgRunList *runList() const { return m_runList; }
    CompareWindow *lastCompareWindow() const;

private:
    void createLibraryWindow();
    void createRunsView();
    void openStored(const QString &origin, const RunRef &run, qint64 position);
    void compareStored(const LibraryRun &left, const LibraryRun &right);
    void removeRuns(const QList<LibraryRun> &runs);
    void clearLibrary();
    void reloadRuns();
    void updateRunsProgress();
    void updateStoredMarks();

    RunLibrary *m_library;
    Hooks m_hooks;
    QWidget *m_window;
    QMenu *m_menu;
    QAction *m_libraryAction;
    QAction *m_runsAction;
    QAction *m_searchAction;
    QAction *m_preferencesAction;

    LibraryRunsModel *m_libraryModel = nullptr;
    LibrarySearch *m_search = nullptr;
    LibraryWindow *m_libraryWindow = nullptr;   // a child of the window: lives as long
    OrgRunList *m_runList = nullptr;
    OrgRunsView *m_runsView = nullptr;
    ApiEndpoint m_runsEndpoint;
    QPointer<CompareWindow> m_lastCompareWindow; // the last Compare window opened, for tests
};
