// SPDX-License-Identifier: MIT
#pragma once

#include "rows/logstore.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>
#include <QSet>
#include <QVector>

// The run's entries as a table. Rows of pages not loaded yet are placeholders; RunLoader decides
// which pages to fetch and fills them in. Display text is computed on demand from the few fields
// each entry carries; the summary is made from the entry's bytes for the rows shown (and kept
// for a while), so scrolling parses a row's JSON at most once. Every text role, Qt::ToolTipRole
// included, is the server's text as it is: never markup, a view shows it as plain text.
class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IndexColumn, TimeColumn, GapColumn, TypeColumn, ToolColumn, SummaryColumn, ColumnCount };
    enum Role {
        RawJsonRole = Qt::UserRole + 1, // QByteArray: the entry exactly as received
        RowStateRole,                    // int: LogStore::RowState
        MessageTypeRole,                 // QString (null when the server sent null)
        MessageCategoryRole,             // int: MessageCategory
        CreatedAtMsecsRole,              // qint64 UTC ms, or absent
        GapMsecsRole,                    // qint64 ms since the previous entry, or absent
        ToolNameRole,                    // QString
        ChronologicalIndexRole,          // int: 0-based position in the run, oldest first
        OtherRunRole,                    // bool: the server sent an entry of another run here
        MarkedRole,                      // bool: the user marked this entry (m)
        NoteRole,                        // QString: the user's note on this entry (N); null: none
    };

    explicit LogTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const LogStore &store() const { return m_store; }

    // The user's marks, by position in the run from the oldest (0-based), so they stay on their
    // entries in either order and on rows not loaded yet. Kept across clear(): the session sets
    // them for each run it opens.
    void setMarkedEntries(const QSet<int> &entries);
    QSet<int> markedEntries() const { return m_marked; }
    bool isMarked(int row) const;
    void setMarked(int row, bool marked);
    // Rows holding a mark, in row order.
    QVector<int> markedRows() const;
    // The user's notes, by position as marks are (the session's RunNotes sets them). The text is
    // the user's, plain: a view renders it as Markdown without HTML.
    void setNotes(const QHash<int, QString> &byPosition);
    const QHash<int, QString> &notes() const { return m_notes; }
    // The predicate the filter and the query language use: the row's entry has a note.
    bool hasNote(int row) const;
    QString noteText(int row) const;
    // Rows holding a note, in row order.
    QVector<int> notedRows() const;
    // Chronological position (0 = oldest) of a row, and the row showing a position (-1: none).
    int positionOfRow(int row) const { return chronologicalIndex(row); }
    int rowOfPosition(int position) const;
    // How the Time column shows an entry's time.
    enum class TimeStyle { Local, Utc, SinceStart };
    void setTimeStyle(TimeStyle style);
    // The first and last entry times known: "since start" counts from the first, and a run that
    // spans days shows dates.
    void setTimeSpan(qint64 firstMsecs, qint64 lastMsecs);

    // For the filter proxy: it shows or hides these rows for a reason of its own (a fold opened or
    // closed). Announced as a data change, which QSortFilterProxyModel's dynamic filter
    // re-evaluates for these rows alone, where invalidating the filter walks every row.
    void announceRowsRefiltered(int firstRow, int lastRow);

    // For RunLoader.
    void clear();
    void setReversed(bool reversed);
    bool isReversed() const { return m_reversed; }
    void resizeRows(int rows);
    // Placeholders before the first row (a newest-first view whose run grew).
    void insertRowsAtTop(int rows);
    void setEntries(int firstRow, const QList<LogEntry> &entries);
    // The load state of the rows in the range that are not loaded (see LogStore).
    void setRowsState(int firstRow, int lastRow, LogStore::RowState state);
    void setMoreAvailable(bool more);
    // The entry's created_at as received (the time column's tooltip), also for an entry that does
    // not keep it (LogEntry::createdAtText).
    static QString createdAtTextOf(const LogEntry &entry);
    // The row's one line (thought, else observation, else tool input), made from its bytes.
    QString summaryOf(int row) const;

signals:
    // The view reached the end and the run may have more entries than rows (count unknown).
    void moreRequested();
    // A mark was set or removed, or the marks were replaced.
    void marksChanged();
    // The notes were replaced (setNotes()).
    void notesChanged();
    // Entries arrived in these rows (a page, a batch of a file): unlike dataChanged, which also
    // says that a mark or a fold changed how a row shows, this is only about the run's content.
    void entriesSet(int firstRow, int lastRow);

private:
    QVariant displayData(int row, int column) const;
    QVariant placeholderData(int row, int column) const;
    qint64 gapMsecs(int row) const;
    int chronologicalIndex(int row) const;
    void renumber(int rows);

    LogStore m_store;
    // Summaries of the rows shown lately, by row; dropped whenever rows change.
    mutable QCache<int, QString> m_summaries{4096};
    bool m_reversed = false;
    int m_numberedRows = 0;   // the row count the numbers of a newest-first view count from
    bool m_moreAvailable = false;
    QSet<int> m_marked;
    QHash<int, QString> m_notes;
    TimeStyle m_timeStyle = TimeStyle::Local;
    qint64 m_firstMsecs = LogEntry::kNoTime;
    qint64 m_lastMsecs = LogEntry::kNoTime;
    bool m_spansDays = false;
};
