// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

// A comparison as one self-contained HTML page, to open in any browser or attach to a ticket:
// the same content as CompareMarkdown (each side, the counts, the tools and message types counted
// differently, the aligned steps with their kinds, a stretch of at least foldAtLeast `same` steps
// one row). Every text from the runs and their names goes through toHtmlEscaped, so markup in a
// run stays text. No scripts, no external resources (a Content-Security-Policy forbids both),
// styles inline, light colours; a step's kind is said by its glyph and word, not only by colour.
// Pure: for a worker.
namespace CompareHtml {

constexpr int foldAtLeast = 4;

// Empty when `cancel` was set.
QByteArray write(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right,
                 const QString &leftSource, const QString &rightSource, const std::atomic<bool> *cancel = nullptr);

} // namespace CompareHtml
