// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QMenuBar;
class QWidget;

// Every command of the main window as a QAction with its shortcut, and the menus that hold them.
// The window connects them; the shortcut help is generated from them (ShortcutHelp).
class WindowActions : public QObject
{
    Q_OBJECT

public:
    explicit WindowActions(QWidget *window);

    // File, Edit, View, Help. `filter` and the recent-runs menu are made by the window's parts.
    void buildMenus(QMenuBar *bar, QMenu *filter);

    // Commands that need an open run.
    void setRunOpen(bool open);

    // In menu order, for the shortcut help.
    QList<QAction *> all() const;

    QAction *newWindow;
    QAction *openRun;
    QAction *openFile;
    QAction *openAgentLogs;
    QMenu *recentRuns = nullptr;
    QAction *exportRun;
    QAction *compareRuns;
    QAction *demo;
    QAction *liveDemo;
    QAction *forgetToken;
    QAction *closeRun;
    QAction *quit;

    QAction *copyEntry;
    QAction *copyLink;
    QAction *find;
    QAction *findNext;
    QAction *findPrevious;
    QAction *closeSearch;
    QAction *toggleMark;
    QAction *nextMark;
    QAction *previousMark;
    QAction *onlyMarked;
    QAction *addNote;
    QAction *deleteNote;
    QAction *onlyNoted;
    QAction *exportNotes;
    QAction *importNotes;

    QAction *timeline;
    QAction *statistics;
    QAction *insights;
    QAction *notes;
    QAction *firstFailure;
    QAction *firstEntry;
    QAction *lastEntry;
    QAction *goToEntry;
    QAction *newestFirst;
    QAction *follow;
    QAction *jsonMode;
    QAction *wordWrap;
    QAction *foldRepeats;
    QAction *zoomIn;
    QAction *zoomOut;
    QAction *zoomReset;
    QMenu *columns = nullptr;
    QAction *switchFocus;
    QAction *retry;
    QAction *stopLoading;
    QAction *rateLimit;

    QAction *shortcuts;
    QAction *about;

    // View > Time Column and View > Theme: one of each group is checked.
    QAction *timeLocal;
    QAction *timeUtc;
    QAction *timeSinceStart;
    QAction *themeSystem;
    QAction *themeLight;
    QAction *themeDark;

private:
    QAction *make(const QString &text, const QList<QKeySequence> &keys = {});
    QAction *makeChoice(const QString &text, QObject *group);

    QWidget *m_window;
};
