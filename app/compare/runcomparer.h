// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QList>

#include <atomic>

namespace RunComparer {

// Compares two runs given as their entries' raw JSON, oldest first (a whole run's snapshot).
// Pure and windowless: callable on a worker. `cancel`, when given and set (from any thread),
// stops the work soon: the result then has cancelled = true and nothing else.
RunComparison compare(const QList<QByteArray> &left, const QList<QByteArray> &right,
                      const std::atomic<bool> *cancel = nullptr);

} // namespace RunComparer
