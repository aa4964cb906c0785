// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QVector>

class CurrentEntryController;
class LogFilterProxyModel;
class LogTableView;
class NotesPanel;
class QAction;
class QDockWidget;
class QMainWindow;
class RunSession;

// The user's notes in a window: Add Note (N, the table's context menu, Edit menu), Delete Note,
// Filter > Only Entries with Notes, View > Notes (a dock listing them), File > Export Notes… and
// Import Notes…. The notes themselves live in the session (RunNotes); this only asks and shows.
class NoteController : public QObject
{
    Q_OBJECT
public:
    // The window's actions for notes (WindowActions makes them, with the others' shortcuts).
    struct Actions
    {
        QAction *addNote;
        QAction *deleteNote;
        QAction *onlyNoted;
        QAction *showNotes;
        QAction *exportNotes;
        QAction *importNotes;
    };

    NoteController(RunSession *session, LogFilterProxyModel *proxy, LogTableView *table,
                   CurrentEntryController *currentEntry, const Actions &actions, QMainWindow *window);

    QAction *addNote() const { return m_addNote; }
    QAction *deleteNote() const { return m_deleteNote; }
    QAction *onlyNoted() const { return m_onlyNoted; }
    QAction *showNotes() const { return m_showNotes; }
    QAction *exportNotes() const { return m_exportNotes; }
    QAction *importNotes() const { return m_importNotes; }
    QDockWidget *dock() const { return m_dock; }
    NotesPanel *panel() const { return m_panel; }

    // Opens the editor on the current entry (the N key).
    void editCurrent();
    void deleteCurrent();
    // The notes' chronological positions, sorted (the timeline's ticks).
    QVector<int> notePositions() const;
    // What happened, for the status bar.
    void updateActions();

signals:
    void message(const QString &text, int timeoutMs);
    void notesChanged();

private:
    int currentSourceRow() const;
    void refreshPanel();
    void writeNotesFile();
    void readNotesFile();

    RunSession *m_session;
    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
    CurrentEntryController *m_currentEntry;
    QMainWindow *m_window;
    QAction *m_addNote;
    QAction *m_deleteNote;
    QAction *m_onlyNoted;
    QAction *m_showNotes;
    QAction *m_exportNotes;
    QAction *m_importNotes;
    QDockWidget *m_dock;
    NotesPanel *m_panel;
};
