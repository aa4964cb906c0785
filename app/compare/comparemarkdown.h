// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

// A comparison as Markdown, to read or paste into an issue: each side (source, entries, errors,
// duration), the counts, the tools and message types counted differently, then the aligned
// steps as a table (kind, each side's number, type, tool and one line), a stretch of at least
// foldAtLeast `same` steps one row "… N identical entries …". Run text is backslash-escaped:
// nothing an entry holds becomes Markdown structure. Pure: for a worker.
namespace CompareMarkdown {

constexpr int foldAtLeast = 4;

// Empty when `cancel` was set.
QByteArray write(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right,
                 const QString &leftSource, const QString &rightSource, const std::atomic<bool> *cancel = nullptr);

} // namespace CompareMarkdown
