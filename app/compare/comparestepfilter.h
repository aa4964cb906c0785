// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVector>

#include <atomic>

// The summary's counts as filters (issue 24): the steps whose entry on either side has a given
// tool or message type. Each entry's name is read from its raw JSON (CompareEntry::lineOf), so a
// whole run is read: pure, for a worker.
namespace CompareStepFilter {

enum class Facet { Tool, MessageType };

struct Filter
{
    Facet facet = Facet::Tool;
    QString name;
};

// The indexes (from 0) into comparison.steps of the steps kept, in order; empty when `cancel` was set.
QVector<int> stepsWith(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right,
                       const Filter &filter, const std::atomic<bool> *cancel = nullptr);

} // namespace CompareStepFilter
