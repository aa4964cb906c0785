// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>
#include <QString>

// A comparison as `runlog --compare` prints it, for scripts and CI. Entry numbers are 1-based.
// `leftSource` and `rightSource` describe the sides as the user named them (a file path as
// given, a run ID or a run's URL as written).
namespace CompareReport {

// One JSON object (issue 24's contract), its members in this order: left and right {source,
// entries, errors, duration_seconds (null when unknown)}; first_divergence {left_entry,
// right_entry} or null; counts {same, changed, only_left, only_right}; steps [{op, left_entry,
// right_entry}] (a missing side null); tools and message_types {NAME: {left, right}}, every name
// seen on either side, sorted by name. One step per line.
QByteArray toJson(const RunComparison &comparison, const QString &leftSource, const QString &rightSource);

// Tab-separated lines, the kind first (as --stats and --insights do): a summary block, then one
// line per step that is not `same`, in order. An absent value is an empty field; names and
// sources come last, with tabs, line breaks and backslashes written as \t, \n, \r and a doubled
// backslash (TerminalSafeText::forTsv). Durations in seconds with three decimals, as --stats.
//   side<TAB>left|right<TAB>ENTRIES<TAB>ERRORS<TAB>DURATION_SECONDS<TAB>SOURCE
//   first_divergence<TAB>LEFT_ENTRY<TAB>RIGHT_ENTRY          (both fields empty when none)
//   count<TAB>same|changed|only_left|only_right<TAB>N         (four lines, in this order)
//   tool<TAB>LEFT<TAB>RIGHT<TAB>NAME                           (every name, sorted)
//   message_type<TAB>LEFT<TAB>RIGHT<TAB>NAME                   (every name, sorted)
//   changed|only_left|only_right<TAB>LEFT_ENTRY<TAB>RIGHT_ENTRY
QByteArray toTsv(const RunComparison &comparison, const QString &leftSource, const QString &rightSource);

// "same", "changed", "only_left", "only_right".
const char *opName(CompareStep::Op op);

} // namespace CompareReport
