// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

// One line that says what a JSON object holds, for the table: its top-level members as
// "key: value" joined by " · ", the fields people look for first (status, error, message,
// command, path…) leading, strings decoded, nested values as a short compact preview. Raw JSON
// such as {"status":"error","summary":"…"} reads poorly in a narrow column; this reads as text.
// Not an object (or not valid enough to walk): an empty result, so the caller falls back.
// Never fails or throws on any input; the cost grows with the object's size, not its nesting.
namespace KeyFieldSummary {

QByteArray of(QByteArrayView rawObject, qsizetype maxBytes);

}
