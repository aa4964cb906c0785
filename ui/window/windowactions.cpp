// SPDX-License-Identifier: MIT
#include "ui/window/windowactions.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>
#include <QWidget>

WindowActions::WindowActions(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    newWindow = make(tr("&New Window"), {QKeySequence::New});
    newWindow->setToolTip(tr("Open another window, to look at several runs at once"));
    openRun = make(tr("&Open Run…"), {QKeySequence::Open});
    openRun->setToolTip(tr("Open a run by its ID or web address"));
    openFile = make(tr("Open &File…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)});
    openFile->setToolTip(tr("Open an exported run (.json, .jsonl); or drop it on the window"));
    openAgentLogs = make(tr("Open &Agent Logs…"));
    openAgentLogs->setToolTip(tr("Open another agent's log: a Claude Code transcript and the other formats Runlog reads"));
    exportRun = make(tr("&Export…"), {QKeySequence(Qt::CTRL | Qt::Key_E)});
    exportRun->setToolTip(tr("Write the whole run to a JSON, JSON Lines, CSV, Markdown or HTML file"));
    compareRuns = make(tr("Compare R&uns…"));
    compareRuns->setToolTip(tr("Compare two runs step by step: files, run IDs or run web addresses"));
    demo = make(tr("Open the &Demo Run"));
    liveDemo = make(tr("Open the &Live Demo Run"));
    forgetToken = make(tr("Forget the Saved API &Token"));
    // Spelled out: the platform's standard keys differ (Ctrl+F4 on some, none for Quit on others),
    // and the README promises these.
    closeRun = make(tr("&Close Run"), {QKeySequence(Qt::CTRL | Qt::Key_W)});
    closeRun->setToolTip(tr("Close the run"));
    quit = make(tr("&Quit"), {QKeySequence(Qt::CTRL | Qt::Key_Q)});
    quit->setToolTip(tr("Quit Runlog"));
    quit->setMenuRole(QAction::QuitRole);

    copyEntry = make(tr("&Copy Entry as JSON"), {QKeySequence::Copy});
    copyEntry->setToolTip(tr("Copy the selected entry as JSON (in the table)"));
    // Only while the table has focus: in the detail pane Ctrl+C copies the selected text.
    copyEntry->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyLink = make(tr("Copy &Link to Entry"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    // In the table: the detail pane's JSON tree has Ctrl+Shift+C for Copy Path.
    copyLink->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyLink->setEnabled(false);
    find = make(tr("&Find…"), {QKeySequence::Find});
    find->setToolTip(tr("Search every loaded entry (Enter / Shift+Enter, n / N: next / previous match)"));
    findNext = make(tr("Find &Next"), {QKeySequence(Qt::Key_F3)});
    findPrevious = make(tr("Find &Previous"), {QKeySequence(Qt::SHIFT | Qt::Key_F3)});
    closeSearch = make(tr("Close Search"), {QKeySequence(Qt::Key_Escape)});
    closeSearch->setEnabled(false);
    window->addAction(closeSearch);
    toggleMark = make(tr("Toggle &Mark"), {QKeySequence(Qt::Key_M)});
    toggleMark->setToolTip(tr("Mark or unmark the selected entry (in the table); marks are kept with the run"));
    // Only in the table: M is a letter anywhere one can type.
    toggleMark->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    nextMark = make(tr("Ne&xt Mark"), {QKeySequence(Qt::Key_F2)});
    previousMark = make(tr("Pre&vious Mark"), {QKeySequence(Qt::SHIFT | Qt::Key_F2)});
    onlyMarked = make(tr("Only &Marked Entries"));
    onlyMarked->setCheckable(true);
    onlyMarked->setToolTip(tr("Show only the entries you marked"));
    addNote = make(tr("Add &Note…"), {QKeySequence(Qt::Key_N)});
    addNote->setToolTip(tr("Write or edit a note on the selected entry (N in the table); kept with the run"));
    // Only in the table, as M: N is a letter anywhere one can type. While a search has matches,
    // n / Shift+N in the table step through them instead (LogTableView).
    addNote->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    deleteNote = make(tr("&Delete Note"));
    deleteNote->setToolTip(tr("Delete the note on the selected entry"));
    onlyNoted = make(tr("Only Entries with &Notes"));
    onlyNoted->setCheckable(true);
    onlyNoted->setToolTip(tr("Show only the entries you wrote a note on"));
    exportNotes = make(tr("Export &Notes…"));
    exportNotes->setToolTip(tr("Write the run's notes and marks to a small JSON file to give a colleague"));
    importNotes = make(tr("&Import Notes…"));
    importNotes->setToolTip(tr("Add the notes and marks of a notes file to this run"));

    timeline = make(tr("&Timeline"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)});
    timeline->setCheckable(true);
    timeline->setChecked(true);
    timeline->setToolTip(tr("Show the whole run on a time axis above the table"));
    statistics = make(tr("&Statistics"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)});
    statistics->setCheckable(true);
    statistics->setToolTip(tr("Counts per type and tool, time per tool, errors, gaps and pace"));
    insights = make(tr("&Insights"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)});
    insights->setCheckable(true);
    insights->setToolTip(tr("What went wrong: loops, repeated failures, the first failure, commands and files"));
    notes = make(tr("N&otes"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)});
    notes->setCheckable(true);
    notes->setToolTip(tr("List every note on the run; click one to go to its entry"));
    firstFailure = make(tr("First Fail&ure"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)});
    firstFailure->setToolTip(tr("Go to the run's first failure (an error, a failed command, a traceback)"));
    firstEntry = make(tr("&First Entry"), {QKeySequence(Qt::CTRL | Qt::Key_Home)});
    lastEntry = make(tr("&Last Entry"), {QKeySequence(Qt::CTRL | Qt::Key_End)});
    goToEntry = make(tr("&Go to Entry…"), {QKeySequence(Qt::CTRL | Qt::Key_G)});
    goToEntry->setToolTip(tr("Go to an entry by its number"));
    newestFirst = make(tr("&Newest First"));
    newestFirst->setCheckable(true);
    newestFirst->setToolTip(tr("Show the run from its last entry backwards (the API's reverse order)"));
    follow = make(tr("&Follow Live Run"), {QKeySequence(Qt::CTRL | Qt::Key_L)});
    follow->setCheckable(true);
    follow->setChecked(true);
    follow->setToolTip(tr("Check a run that is still going for new entries, and keep the newest in view"));
    jsonMode = make(tr("Show Entry as &JSON"), {QKeySequence(Qt::CTRL | Qt::Key_J)});
    jsonMode->setCheckable(true);
    jsonMode->setToolTip(tr("Detail as readable text or as JSON"));
    wordWrap = make(tr("&Wrap Long Lines"), {QKeySequence(Qt::ALT | Qt::Key_Z)});
    wordWrap->setCheckable(true);
    wordWrap->setChecked(true);
    wordWrap->setToolTip(tr("Wrap long lines in the detail pane, or scroll sideways"));
    foldRepeats = make(tr("&Fold Repeats"));
    foldRepeats->setCheckable(true);
    // Off until the user asks: a table that hides entries by itself would surprise.
    foldRepeats->setChecked(false);
    foldRepeats->setToolTip(tr("Show each loop of repeated tool calls as one row; → opens it, ← closes it"));
    zoomIn = make(tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    zoomOut = make(tr("Zoom &Out"), {QKeySequence::ZoomOut});
    zoomReset = make(tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0)});
    zoomReset->setToolTip(tr("The table and the detail pane at the usual text size"));
    switchFocus = make(tr("Switch Between &Table and Detail"), {QKeySequence(Qt::Key_F6)});
    retry = make(tr("&Retry Failed Pages"), {QKeySequence(Qt::Key_F5), QKeySequence::Refresh});
    stopLoading = make(tr("&Stop Loading"), {QKeySequence(Qt::CTRL | Qt::Key_Period)});
    stopLoading->setToolTip(tr("Cancel every request in flight or waiting; loaded entries stay, F5 resumes"));
    rateLimit = make(tr("Rate &Limit…"));
    rateLimit->setToolTip(tr("How many requests Runlog may send per time window (the API allows 60 per 60 s)"));

    shortcuts = make(tr("&Keyboard Shortcuts"), {QKeySequence::HelpContents});
    about = make(tr("&About Runlog"));
    about->setMenuRole(QAction::AboutRole);

    auto *timeGroup = new QActionGroup(this);
    timeLocal = makeChoice(tr("&Local Time"), timeGroup);
    timeLocal->setToolTip(tr("Times in this computer's time zone (with the date when the run spans days)"));
    timeUtc = makeChoice(tr("&UTC"), timeGroup);
    timeUtc->setToolTip(tr("Times in UTC, as the server sends them"));
    timeSinceStart = makeChoice(tr("Time Since the Run's &Start"), timeGroup);
    timeSinceStart->setToolTip(tr("How long after the run's first entry each entry came"));
    timeLocal->setChecked(true);
    auto *themeGroup = new QActionGroup(this);
    themeSystem = makeChoice(tr("&System"), themeGroup);
    themeLight = makeChoice(tr("&Light"), themeGroup);
    themeDark = makeChoice(tr("&Dark"), themeGroup);
    themeSystem->setChecked(true);
}

QAction *WindowActions::makeChoice(const QString &text, QObject *group)
{
    QAction *action = make(text);
    action->setCheckable(true);
    static_cast<QActionGroup *>(group)->addAction(action);
    return action;
}

QAction *WindowActions::make(const QString &text, const QList<QKeySequence> &keys)
{
    auto *action = new QAction(text, m_window);
    action->setShortcuts(keys);
    return action;
}

void WindowActions::buildMenus(QMenuBar *bar, QMenu *filter)
{
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(newWindow);
    file->addSeparator();
    file->addAction(openRun);
    recentRuns = file->addMenu(tr("Open &Recent Run"));
    file->addAction(openFile);
    file->addAction(openAgentLogs);
    file->addAction(demo);
    file->addAction(liveDemo);
    file->addSeparator();
    file->addAction(exportRun);
    file->addAction(exportNotes);
    file->addAction(importNotes);
    file->addAction(compareRuns);
    file->addSeparator();
    file->addAction(forgetToken);
    file->addSeparator();
    file->addAction(closeRun);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addAction(copyEntry);
    edit->addAction(copyLink);
    edit->setToolTipsVisible(true); // Copy Link to Entry says why it is off
    edit->addSeparator();
    edit->addAction(find);
    edit->addAction(findNext);
    edit->addAction(findPrevious);
    edit->addSeparator();
    edit->addAction(toggleMark);
    edit->addAction(nextMark);
    edit->addAction(previousMark);
    edit->addSeparator();
    edit->addAction(addNote);
    edit->addAction(deleteNote);

    QMenu *view = bar->addMenu(tr("&View"));
    view->addAction(timeline);
    view->addAction(statistics);
    view->addAction(insights);
    view->addAction(notes);
    view->addSeparator();
    view->addAction(firstEntry);
    view->addAction(lastEntry);
    view->addAction(goToEntry);
    view->addAction(firstFailure);
    view->addSeparator();
    view->addAction(newestFirst);
    view->addAction(foldRepeats);
    view->addMenu(filter);
    view->addAction(follow);
    QMenu *time = view->addMenu(tr("&Time Column"));
    time->addActions({timeLocal, timeUtc, timeSinceStart});
    QMenu *theme = view->addMenu(tr("T&heme"));
    theme->addActions({themeSystem, themeLight, themeDark});
    view->addSeparator();
    view->addAction(jsonMode);
    view->addAction(wordWrap);
    view->addAction(switchFocus);
    view->addSeparator();
    view->addAction(zoomIn);
    view->addAction(zoomOut);
    view->addAction(zoomReset);
    columns = view->addMenu(tr("&Columns"));
    view->addSeparator();
    view->addAction(retry);
    view->addAction(stopLoading);
    view->addAction(rateLimit);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(shortcuts);
    help->addAction(about);
}

void WindowActions::setRunOpen(bool open)
{
    for (QAction *action : {closeRun, firstEntry, lastEntry, goToEntry, firstFailure, find, toggleMark, nextMark, previousMark})
        action->setEnabled(open);
}

QList<QAction *> WindowActions::all() const
{
    return {newWindow, openRun, openFile, openAgentLogs, exportRun, compareRuns, demo, liveDemo, forgetToken, closeRun, quit,
            copyEntry, copyLink, find, findNext, findPrevious, closeSearch, toggleMark, nextMark, previousMark, onlyMarked,
            addNote, deleteNote, onlyNoted, exportNotes, importNotes,
            timeline, statistics, insights, notes, firstEntry, lastEntry, goToEntry, firstFailure, newestFirst, foldRepeats, follow,
            jsonMode, wordWrap, switchFocus,
            zoomIn, zoomOut, zoomReset, retry, stopLoading, rateLimit,
            shortcuts, about};
}
