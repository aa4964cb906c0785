// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

// The text of one entry as the detail pane shows it, built in the core so that the search reads
// the same text the pane shows (issue 27, stumble 1) and the pane only formats it. Pure and
// thread-safe: meant for a worker (an entry can be many megabytes).
namespace EntryText {

// Readable: `key: value` lines (JsonText::readable); Json: the entry as indented JSON.
enum class Mode { Readable, Json };

// A heading line starts with this mark; the pane formats those lines as headings.
inline constexpr char16_t kHeadingMark = 0x258C; // ▌

struct Rendered
{
    QString text;
    // For each heading in order: whether the section under it is prose (a colon in a sentence
    // is not a key, so prose gets no key colouring).
    QVector<bool> proseSections;
};

// The pane's text: thought as text, then tool input, tool output and observation, each readable
// (or the whole entry as indented JSON in Json mode), then any other fields; a heading line above
// each, lines longer than the pane lays out broken for display.
Rendered render(const QByteArray &rawEntry, Mode mode);

// What the search reads of that text: the same lines without the headings (titles and sizes,
// not the entry's data), without the "no thought, …" placeholder and without the display-only
// line breaks. Lines are separated by '\n'.
QString searchable(const QByteArray &rawEntry, Mode mode);

// The "Other fields" section's lines: the fields as one object, readable like the sections above
// (`key: value`, a list or object indented under `key:`, a multi-line string under `key: |`).
QString otherFieldsReadable(const QList<QPair<QString, QByteArray>> &fields);

} // namespace EntryText
