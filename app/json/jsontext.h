// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

// Text-level work on JSON that must never change a value: an entry's bytes are the record of
// what the server said, so numbers and string escapes are copied, never re-serialised. Every
// function here is pure and thread-safe, and never crashes or throws on any input, valid or not.
namespace JsonText {

// Re-indents by scanning tokens: one member or element per line, "key": value, `{}` and `[]`
// stay compact. Invalid input is re-indented as far as its tokens allow. Levels below the 32nd
// are indented as the 32nd, so that the output stays within a small multiple of the input.
QByteArray pretty(QByteArrayView raw, int indent = 2);

// Drops every whitespace byte outside strings.
QByteArray compact(QByteArrayView raw);

// The first (at most) maxBytes bytes of compact(raw), cut at a UTF-8 character boundary: a
// one-line preview of a value of any size that costs time in proportion to the preview.
QByteArray compactPreview(QByteArrayView raw, qsizetype maxBytes);

// A human-readable, YAML-like rendering for reading an entry: `key: value` lines, nested
// objects indented, array items as `- item`, strings unescaped with their real line breaks
// (a multi-line string becomes an indented block under `key: |`), numbers as their exact text.
// Invalid JSON (or nesting deeper than 512) is returned as its raw text, decoded as UTF-8.
QString readable(QByteArrayView raw);

// Decodes one JSON string token (quotes included, as in the document) to text. Escapes that do
// not form a valid UTF-16 sequence (a lone surrogate) become U+FFFD instead of failing.
QString unescapeString(QByteArrayView token);

} // namespace JsonText
