// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFont>
#include <QString>

class QTextDocument;
class QThread;

// The readable detail view as a rich document: thoughts and text observations (answers,
// errors) rendered as Markdown (GitHub dialect, HTML kept as text, no resource loaded), tool
// input and output readable with their keys coloured, unified diffs coloured, and every line
// indented by a hanging margin so that a wrapped line keeps its indentation. Built on a worker
// and moved to `owner`; rich layout costs more than plain text, so the pane uses this only for
// entries up to kMaxBytes and the plain view beyond.
namespace RichEntryDocument {

// Measured by bench_overview: a 500 KB entry stalled the window for 170 ms while the browser
// laid it out; at 128 KB the stall stays around a frame or two.
inline constexpr qsizetype kMaxBytes = 128 * 1024;

// A SafeTextDocument. `plainText`, when given, receives its text (positions match the document).
QTextDocument *build(const QByteArray &rawEntry, const QFont &proseFont, const QFont &fixedFont, QThread *owner,
                     QString *plainText = nullptr);

// Markdown into the document's end, as this view renders it (for tests and the run header).
void appendMarkdown(QTextDocument *document, const QString &markdown);

} // namespace RichEntryDocument
