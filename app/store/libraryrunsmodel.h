// SPDX-License-Identifier: MIT
#pragma once

#include "store/libraryrun.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QTimer>

class RunLibrary;

// Every run the library holds, as a table (the Library view), listed again whenever the library
// changes (a page stored, a run removed), at most twice a second.
class LibraryRunsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Run, Organization, Status, Created, Result, Entries, Size, LastOpened, Origin, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        StatusRole,   // the status text, for a badge
        KeyRole,      // the library's key of the run
        WholeRole,    // every entry the server counted is here
    };

    explicit LibraryRunsModel(RunLibrary *library, QObject *parent = nullptr);

    void refresh();
    const QList<LibraryRun> &runs() const { return m_runs; }
    const LibraryRun &run(int row) const { return m_runs.at(row); }
    // The runs of this API and organization the library holds (the Runs view marks them).
    QSet<qint64> runIdsOf(const QString &origin, qint64 orgId) const;
    qint64 totalBytes() const;
    // What the Source column shows: an API's address, or the agent's format and the file.
    static QString sourceText(const LibraryRun &run);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void refreshed();

private:
    void setRuns(const QList<LibraryRun> &runs);

    RunLibrary *m_library;
    QList<LibraryRun> m_runs;
    QTimer m_refreshTimer;
    bool m_refreshing = false;
};
