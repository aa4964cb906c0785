// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

// Writing JSON text by hand, for the demo and the test server: they serve raw bytes (so entries
// go out exactly as stored), and QJsonDocument would reorder keys and round 64-bit integers.
namespace JsonWriter {

// A JSON string literal, quotes included. `utf8` must be UTF-8; bytes >= 0x80 pass unchanged.
QByteArray string(const QByteArray &utf8);
QByteArray string(const QString &text);
// Appends the literal to `out` without temporaries: the demo escapes megabytes with it. `utf8`
// may be `out` itself or a view of its bytes (then copied first).
void appendString(QByteArray &out, const QByteArray &utf8);

QByteArray number(qint64 value);
QByteArray boolean(bool value);
QByteArray null();

// Decodes a JSON string literal (quotes included). Returns a null QString when `json` is not a
// string literal (e.g. null or a number).
QString decodeString(const QByteArray &json);

}
