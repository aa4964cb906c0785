// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QList>

#include <atomic>
#include <functional>

namespace RunComparer {

// Compares two runs given as their entries' raw JSON, oldest first (a whole run's snapshot).
// Pure and windowless: callable on a worker. `cancel`, when given and set (from any thread),
// stops the work soon: the result then has cancelled = true and nothing else.
// `prefixKnown`, when given, is called (on the calling thread) as soon as the entries are hashed,
// before the alignment, with the number of leading entries that are `same` on both sides: the
// alignment's first steps, known early so a window can show them while the rest is aligned.
RunComparison compare(const QList<QByteArray> &left, const QList<QByteArray> &right,
                      const std::atomic<bool> *cancel = nullptr,
                      const std::function<void(int leadingSame)> &prefixKnown = {});

} // namespace RunComparer
