// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QList>
#include <QVector>

#include <atomic>

class SearchEngine;

// Search in a comparison (issue 24: as in the run view): the steps whose entry on either side
// matches the query, each entry's text as the run view's search sees it (SearchText: decoded
// strings, no created_at). Pure: a whole run is read, so it runs on a worker.
namespace CompareSearch {

struct Hit
{
    int step = 0;       // index (from 0) into comparison.steps
    bool left = false;  // the left entry matches
    bool right = false; // the right entry matches
    friend bool operator==(const Hit &a, const Hit &b) { return a.step == b.step && a.left == b.left && a.right == b.right; }
};

struct Result
{
    QVector<Hit> hits;      // in step order
    int matchingEntries = 0; // entries that match, both sides together
    bool cancelled = false;
};

Result search(const QVector<CompareStep> &steps, const QList<QByteArray> &left, const QList<QByteArray> &right,
              const SearchEngine &engine, const std::atomic<bool> *cancel = nullptr);

} // namespace CompareSearch
