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
// begun is reported.
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

private:
    void cancel();

    QFutureWatcher<RunComparison> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};
