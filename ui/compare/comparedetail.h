// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"

#include <QByteArray>

class QTextDocument;

// The two entries of a selected step, side by side: each one's number, type and tool, then its
// thought, observation, tool input and tool output. For a `changed` pair the fields' words that
// differ are marked, by colour and by form: a removed word struck through on the left, an added
// word bold and underlined on the right. Built with char formats only: run text is never markup.
namespace CompareDetail {

// `left` / `right` are the step's entries' raw JSON (empty for a side without one).
void fill(QTextDocument *leftDocument, QTextDocument *rightDocument, const CompareStep &step,
          const QByteArray &left, const QByteArray &right, bool dark);

} // namespace CompareDetail
