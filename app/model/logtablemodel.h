#pragma once

#include "model/logstore.h"

#include <QAbstractTableModel>

// The run's entries as a table. Rows of pages not loaded yet are placeholders; RunLoader decides
// which pages to fetch and fills them in. Display text is computed on demand from the few fields
// each entry carries, so scrolling never touches JSON.
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
    };

    explicit LogTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const LogStore &store() const { return m_store; }

    // For RunLoader.
    void clear();
    void setReversed(bool reversed);
    bool isReversed() const { return m_reversed; }
    void resizeRows(int rows);
    void setEntries(int firstRow, QList<LogEntry> &&entries);
    void markRows(int firstRow, int lastRow, LogStore::RowState state);
    void setMoreAvailable(bool more);

signals:
    // The view reached the end and the run may have more entries than rows (count unknown).
    void moreRequested();

private:
    QVariant displayData(int row, int column) const;
    QVariant placeholderData(int row, int column) const;
    qint64 gapMsecs(int row) const;
    int chronologicalIndex(int row) const;
    void renumber(int rows);

    LogStore m_store;
    bool m_reversed = false;
    int m_numberedRows = 0;   // the row count the numbers of a newest-first view count from
    bool m_moreAvailable = false;
};
