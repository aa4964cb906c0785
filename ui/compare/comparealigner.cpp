// SPDX-License-Identifier: MIT
#include "ui/compare/comparealigner.h"

#include "compare/runcomparer.h"

#include <QtConcurrent/QtConcurrentRun>

CompareAligner::CompareAligner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<RunComparison>::finished, this, [this] {
        const RunComparison comparison = m_watcher.result();
        if (!comparison.cancelled)
            emit aligned(comparison);
    });
}

CompareAligner::~CompareAligner()
{
    cancel();
}

void CompareAligner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void CompareAligner::align(const QList<QByteArray> &left, const QList<QByteArray> &right)
{
    if (m_watcher.isRunning()) {
        m_cancel->store(true);
        m_watcher.waitForFinished();
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    // The worker holds its own copies of the lists (shared, not copied) and of the flag. The
    // prefix comes back queued to this thread (the aligner outlives the worker: its end waits for
    // it), before the watcher's `finished`; a later alignment's start makes it stale.
    m_watcher.setFuture(QtConcurrent::run([this, left, right, cancel = m_cancel, generation] {
        return RunComparer::compare(left, right, cancel.get(), [this, cancel, generation](int leadingSame) {
            if (cancel->load())
                return;
            QMetaObject::invokeMethod(this, [this, generation, leadingSame] {
                if (m_generation == generation)
                    emit prefixKnown(leadingSame);
            }, Qt::QueuedConnection);
        });
    }));
}
