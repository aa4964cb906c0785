// SPDX-License-Identifier: MIT
#pragma once

#include "store/storednote.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

class LogTableModel;
class RunLibrary;

// The user's notes and marks on the open run: what the table, the detail pane, the timeline and
// the Notes list show, kept in the library (or, with no library, for the session only).
//
// Each note is kept at its entry's chronological position with the hash of the entry's bytes.
// When the entry at that position arrives, its hash is checked: a note whose entry is elsewhere
// (the run was read again from its other end and numbered differently) moves there, found by
// hash among the loaded entries on a worker thread; one whose entry is nowhere is an orphan: it
// stays in the Notes list, saying so, and in the library, until the user deletes it.
class RunNotes : public QObject
{
    Q_OBJECT
public:
    struct ImportResult
    {
        int placed = 0;
        QList<StoredNote> unplaced; // their entry is not in this run (as far as it is loaded)
    };

    explicit RunNotes(LogTableModel *model, QObject *parent = nullptr);
    ~RunNotes() override;

    // nullptr: notes live for the session only (--no-store, tests).
    void setLibrary(RunLibrary *library);
    // The open run changed: its notes are read (asynchronously); `legacyMarks` (positions kept by
    // an older Runlog in the settings) join them as marks.
    void open(const NotesScope &scope, const QSet<int> &legacyMarks = {});
    // A run file: its identity is worked out on a worker first (FileIdentity). `orgId`/`runId`
    // are the file's own when its entries carry them. `part`: which run of a file of several (a
    // sample of an Inspect eval log); its notes are its own. Empty: the file is one run.
    void openFile(const QString &path, std::optional<qint64> orgId, std::optional<qint64> runId,
                  const QSet<int> &legacyMarks = {}, const QString &part = QString());
    void close();

    const NotesScope &scope() const { return m_scope; }
    // The run's notes have been read (open() answered).
    bool isReady() const { return m_ready; }

    // The note on a row's entry (empty: none). Setting an empty text removes the note (a mark stays).
    QString noteAt(int row) const;
    void setNote(int row, const QString &text);
    // Deletes an orphan (or any note) by its position and hash, as listed by notes().
    void removeNote(qint64 position, const QByteArray &entrySha256);

    // Every note with text and every mark, placed ones first by position, then the orphans.
    QList<StoredNote> records() const;
    // The notes with text only (what the Notes list shows), oldest first, orphans last.
    QList<StoredNote> notes() const;
    bool isOrphan(const StoredNote &note) const;
    int orphanCount() const { return int(m_orphans.size()); }

    // Merges notes from another Runlog (Export Notes): each goes to the entry with its hash among
    // the loaded entries, or to its position when that row is not loaded yet (checked when it
    // arrives); the rest are unplaced. Texts on one entry are joined, marks kept. Answers with
    // imported() once the loaded entries are hashed (on a worker).
    void importNotes(const QList<StoredNote> &incoming);

signals:
    // Notes or marks changed (added, edited, moved, found orphaned, read).
    void changed();
    void imported(const RunNotes::ImportResult &result);

private:
    using HashMap = QHash<QByteArray, qint64>; // entry hash -> position

    void adopt(const QList<StoredNote> &stored, const QSet<int> &legacyMarks);
    void onMarksChanged();
    void onEntriesSet(int firstRow, int lastRow);
    void verifyRows(int firstRow, int lastRow);
    void startHashSearch();
    void onHashesFound(const HashMap &found);
    void finishImport();
    void publish();
    void save();
    StoredNote *placedAt(qint64 position);

    LogTableModel *m_model;
    QPointer<RunLibrary> m_library;
    NotesScope m_scope;
    bool m_ready = false;
    quint64 m_generation = 0;           // which open() an answer belongs to
    QMap<qint64, StoredNote> m_placed;  // by position
    QList<StoredNote> m_orphans;        // their entry was not found
    bool m_publishing = false;          // the model's marks are being set from here
    HashMap m_knownHashes;              // hashes of loaded entries seen so far
    QSet<qint64> m_hashedPositions;
    QFutureWatcher<HashMap> *m_search = nullptr;
    bool m_searchAgain = false;
    QList<StoredNote> m_pendingImport;
    bool m_importing = false;
};
Q_DECLARE_METATYPE(RunNotes::ImportResult)
