// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

// Aligns two runs on a worker (RunComparer), never on the window's thread: a million steps take
// seconds. A new alignment or the aligner's end cancels the one under way; only the last one
// begun is reported. Its leading `same` steps are reported first (prefixKnown), as soon as the
// entries are hashed, so the window shows them while the rest is aligned.
class CompareAligner : public QObject
{
    Q_OBJECT
public:
    explicit CompareAligner(QObject *parent = nullptr);
    ~CompareAligner() override;

    void align(const QList<QByteArray> &left, const QList<QByteArray> &right);
    bool isAligning() const { return m_watcher.isRunning(); }

signals:
    void aligned(const RunComparison &comparison);
    // The alignment under way begins with `leadingSame` steps that are `same`.
    void prefixKnown(int leadingSame);

private:
    void cancel();

    QFutureWatcher<RunComparison> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0; // the alignment under way: an earlier one's prefix is dropped
};
