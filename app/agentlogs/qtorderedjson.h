// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <simdjson.h>

// A value simdjson parsed, written as compact JSON with the very bytes the converters wrote when
// they parsed with QJsonDocument and wrote the QJsonValue (agentEntryJson): members sorted by key
// in QString order, a repeated key's last value kept, whole numbers as integers, others shortest.
// So a converter reads with simdjson (no Qt tree per record, most of a conversion's time) and its
// entries stay what they were. Internal to the core: it exposes simdjson.
namespace QtOrderedJson {

void append(QByteArray &out, simdjson::dom::element value);
void append(QByteArray &out, simdjson::dom::object object);

// `object` with one more member (or that member's value replaced), as QJsonObject::insert()
// would leave it: a tool result with "is_error" added. `rawValue` is written as it is.
void appendObjectWith(QByteArray &out, simdjson::dom::object object, QByteArrayView key, QByteArrayView rawValue);

// A number as QJsonValue holds and agentEntryJson writes it.
void appendInteger(QByteArray &out, qint64 number);
void appendDouble(QByteArray &out, double number);

// QJsonValue::toInteger() of the value: whole numbers a qint64 holds exactly, 0 for anything else.
qint64 toInteger(simdjson::dom::element value);

} // namespace QtOrderedJson
