// SPDX-License-Identifier: MIT
#pragma once

#include "demo/runrecord.h"

#include <QList>
#include <QtGlobal>

#include <memory>

// The demo organization's older runs, so that its run list (the Runs view) looks like a real
// team's: finished and failed runs from every kind of source, some with pull requests, started by
// a few users, over the weeks before the featured runs. Each is a short run that opens like any
// other. Deterministic for a seed.
namespace DemoHistory {
constexpr int kRunCount = 46;
constexpr qint64 kFirstRunId = 901;
const QList<qint64> &userIds();   // the users who started the demo's runs

QList<std::shared_ptr<RunRecord>> makeRuns(qint64 organizationId, quint32 seed);
}
