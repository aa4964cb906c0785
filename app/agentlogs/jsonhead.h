// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// What the first bytes of a JSON text say about its shape, read without parsing it whole: the
// head a format is detected from may end anywhere (inside a string, before the first element is
// closed), and a detector must still decide from the keys it has seen.
struct JsonHeadKey {
    QByteArray name;        // as written between the quotes (escapes not decoded)
    char valueStart = 0;    // the value's first byte ('{', '[', '"', 't', '1', ...); 0 if cut off
    QByteArray stringValue; // a string value as written between its quotes (when it fits the head)
};

struct JsonHead {
    // '{' or '[' after leading white space (and a UTF-8 byte order mark); 0 for anything else.
    char container = 0;
    // The top-level object's keys; for an array, the keys of its first element when that is an
    // object. In the order written.
    QList<JsonHeadKey> keys;
    // Whether that object was closed within the head (its keys are all there).
    bool objectComplete = false;

    const JsonHeadKey *key(QByteArrayView name) const;
    bool has(QByteArrayView name) const { return key(name) != nullptr; }
};

JsonHead readJsonHead(QByteArrayView head);

// The first line of `bytes` that holds something other than white space (without its line
// break), and the head after a byte order mark.
QByteArrayView firstNonEmptyLine(QByteArrayView bytes);
