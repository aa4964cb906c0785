// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QString>

#include <optional>

// The words both exports (Markdown and HTML) use for a comparison, so that they say the same.
namespace CompareWords {
// "12.3 s", or "unknown" when a side's duration is not known.
QString duration(const std::optional<double> &seconds);
// A step's kind as a glyph and a word ("≠ changed"): never a colour alone.
QString stepKind(CompareStep::Op op);
} // namespace CompareWords
