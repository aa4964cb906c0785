// SPDX-License-Identifier: MIT
#include "search/searchindexer.h"

#include "rows/freedmemory.h"

#include "rows/logtablemodel.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <algorithm>

namespace {
// Rows per worker job: a page or a few, so that results come in steps while a run loads, and a
// reset of 100,000 rows does not hold one huge batch in flight.
constexpr int kRowsPerJob = 2000;
// Fewer rows leave too little behind to be worth a walk of the heap.
constexpr int kRowsBeforeGivingBack = 20000;
} // namespace

SearchIndexer::SearchIndexer(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

SearchIndexer::~SearchIndexer()
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone();
}

void SearchIndexer::setModel(LogTableModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &SearchIndexer::rebuildAll);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
            if (parent.isValid())
                return;
            if (first < m_corpus.size()) {
                rebuildAll(); // rows shifted: row keys are no longer valid (LogTableModel only appends)
                return;
            }
            onRowsChanged(first, last);
        });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &parent, int first, int) {
            if (parent.isValid())
                return;
            if (m_model && first < m_model->rowCount()) {
                rebuildAll();
                return;
            }
            m_corpus.resize(first);
            emit corpusChanged(0, m_corpus.size() - 1);
        });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    onRowsChanged(topLeft.row(), bottomRight.row());
                });
    }
    rebuildAll();
}

void SearchIndexer::rebuildAll()
{
    ++m_generation;
    m_pending.clear();
    m_corpus.clear();
    const int rows = m_model ? m_model->rowCount() : 0;
    m_corpus.resize(rows);
    emit corpusChanged(0, rows - 1);
    if (rows > 0)
        onRowsChanged(0, rows - 1);
}

void SearchIndexer::onRowsChanged(int firstRow, int lastRow)
{
    if (!m_model)
        return;
    const LogStore &store = m_model->store();
    if (store.size() > m_corpus.size())
        m_corpus.resize(store.size());
    firstRow = std::max(0, firstRow);
    lastRow = std::min(store.size() - 1, lastRow);
    for (int row = firstRow; row <= lastRow; ++row) {
        // Same bytes as indexed (a raw row's text is the shared buffer): nothing to do.
        // dataChanged also comes for neighbours (the gap column) and for placeholders changing state.
        if (store.isLoaded(row) && store.rawJsonAt(row).constData() != m_corpus.dataAt(row))
            m_pending.append(row);
    }
    schedule();
}

void SearchIndexer::schedule()
{
    if (m_scheduled || m_pending.isEmpty())
        return;
    // Coalesce the dataChanged of one event loop pass into one batch.
    m_scheduled = true;
    QMetaObject::invokeMethod(this, [this] {
        m_scheduled = false;
        startJobs();
    }, Qt::QueuedConnection);
}

void SearchIndexer::startJobs()
{
    if (!m_model)
        return;
    const LogStore &store = m_model->store();
    const quint64 generation = m_generation;
    for (qsizetype from = 0; from < m_pending.size(); from += kRowsPerJob) {
        QList<int> rows;
        QList<QByteArray> raw;
        // Each row's borrowed bytes (a slice of an opened file) stay valid while the job reads
        // them, even if another file replaces this one meanwhile; then the corpus keeps them.
        QList<std::shared_ptr<const void>> owners;
        const qsizetype to = std::min(m_pending.size(), from + kRowsPerJob);
        for (qsizetype k = from; k < to; ++k) {
            const int row = m_pending.at(k);
            if (row < store.size() && store.isLoaded(row)) {
                rows.append(row);
                raw.append(store.rawJsonAt(row));
                owners.append(store.rawOwnerAt(row));
            }
        }
        if (rows.isEmpty())
            continue;
        ++m_jobsInFlight;
        m_pool.start([this, generation, rows, raw, owners] {
            QList<SearchText> texts;
            texts.reserve(raw.size());
            for (const QByteArray &bytes : raw)
                texts.append(SearchText::fromRawEntryJson(bytes));
            QMetaObject::invokeMethod(this, [this, generation, rows, raw, texts, owners] {
                apply(generation, rows, raw, texts, owners);
            }, Qt::QueuedConnection);
        });
    }
    m_pending.clear();
}

void SearchIndexer::apply(quint64 generation, const QList<int> &rows, const QList<QByteArray> &raw,
                          const QList<SearchText> &texts, const QList<std::shared_ptr<const void>> &owners)
{
    --m_jobsInFlight;
    m_rowsSinceIdle += int(rows.size());
    if (generation != m_generation || !m_model)
        return endBurstIfIdle();
    const LogStore &store = m_model->store();
    int first = -1, last = -1;
    for (qsizetype k = 0; k < rows.size(); ++k) {
        const int row = rows.at(k);
        // The row may have been replaced meanwhile; its newer bytes are queued already.
        if (row >= store.size() || !store.isLoaded(row) || store.rawJsonAt(row).constData() != raw.at(k).constData())
            continue;
        // The row keeps its bytes' owner: rows are compared by address (onRowsChanged), so no
        // later file may be mapped at an address a row still names; and a snapshot of the
        // corpus reads valid bytes after a reset.
        m_corpus.setText(row, texts.at(k), owners.at(k));
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    if (first >= 0)
        emit corpusChanged(first, last);
    endBurstIfIdle();
}

void SearchIndexer::endBurstIfIdle()
{
    // A burst of indexing (a file, a long run loaded) ended: its jobs' lists are free, and the
    // row table grew by doubling.
    if (m_jobsInFlight > 0 || !m_pending.isEmpty() || m_rowsSinceIdle < kRowsBeforeGivingBack)
        return;
    m_rowsSinceIdle = 0;
    m_corpus.squeeze();
    FreedMemory::giveBack();
}

void SearchIndexer::waitForIdle()
{
    while (isIndexing()) {
        if (m_scheduled) {
            m_scheduled = false;
            startJobs();
        }
        m_pool.waitForDone();
        QCoreApplication::sendPostedEvents(this);
    }
}
