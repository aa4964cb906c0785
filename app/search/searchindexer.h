// SPDX-License-Identifier: MIT
#pragma once

#include "rows/logtablemodel.h"
#include "search/searchcorpus.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <memory>


// Keeps a SearchCorpus in step with a LogTableModel: when pages arrive (rows inserted, rows
// filled in, a reset), the new entries' search text (the raw form: their JSON, shared, and its
// flags) is made on a worker thread and put into the corpus on the UI thread, by source row. Lives on the UI thread; its signal comes there.
//
// The UI re-runs the search (debounced) on corpusChanged(), so that "37 matches in 21 entries"
// grows as the run loads.
class SearchIndexer : public QObject
{
    Q_OBJECT
public:
    explicit SearchIndexer(QObject *parent = nullptr);
    ~SearchIndexer() override;

    void setModel(LogTableModel *model);
    LogTableModel *model() const { return m_model; }

    // Rows with text are exactly the loaded rows once isIndexing() is false. Copy it to search.
    const SearchCorpus &corpus() const { return m_corpus; }
    bool isIndexing() const { return m_jobsInFlight > 0 || !m_pending.isEmpty(); }
    // Blocks until every row loaded so far is in the corpus (tests, benchmarks, export paths).
    void waitForIdle();

signals:
    // Rows firstRow..lastRow got text (or the corpus was reset: 0..size()-1).
    void corpusChanged(int firstRow, int lastRow);

private:
    struct Job
    {
        QList<int> rows;
        QList<QByteArray> raw;
    };

    void rebuildAll();
    void endBurstIfIdle();
    void onRowsChanged(int firstRow, int lastRow);
    void schedule();
    void startJobs();
    void apply(quint64 generation, const QList<int> &rows, const QList<QByteArray> &raw,
               const QList<SearchText> &texts, const QList<std::shared_ptr<const void>> &owners);

    QPointer<LogTableModel> m_model;
    SearchCorpus m_corpus;
    QList<int> m_pending;          // rows to (re)build, in arrival order
    bool m_scheduled = false;
    int m_jobsInFlight = 0;
    int m_rowsSinceIdle = 0;       // rows indexed since the indexer was last idle
    quint64 m_generation = 0;      // bumps on reset: late results for old rows are dropped
    QThreadPool m_pool;
};
