// SPDX-License-Identifier: MIT
#pragma once

#include "demo/httpmessage.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// How the real service (FastAPI, pydantic v2) reads query parameters and words its errors, for
// the demo's endpoints: the same 422 bodies, the same {"message","status_code"} bodies.

// A parsed integer parameter. pydantic accepts integers of any size; values beyond qint64 are
// clamped, which keeps every comparison an endpoint makes (>= 0, <= 100, id lookup) correct.
struct IntParse
{
    bool ok = false;
    qint64 value = 0;
};

// pydantic v2 (lax mode) integer parsing of a string: surrounding whitespace, a sign, digits
// with single underscores between them, and a fractional part of zeros only ("5.0") are accepted.
IntParse parsePydanticInt(const QString &input);
// pydantic v2's accepted spellings of a boolean in a string, compared case-insensitively.
std::optional<bool> parsePydanticBool(const QString &input);

// {"message": ..., "status_code": ...}
HttpResponse messageResponse(int status, const char *message);
// {"detail": ...}
HttpResponse detailResponse(int status, const char *detail);

// Collects pydantic-v2-style validation errors in the order FastAPI reports them.
class ValidationErrors
{
public:
    void intParsing(const char *where, const char *name, const QString &input);
    void boolParsing(const char *where, const char *name, const QString &input);
    void greaterThanEqual(const char *name, const QString &input, int bound);
    void lessThanEqual(const char *name, const QString &input, int bound);
    // A value outside an enumeration (e.g. source_type).
    void enumeration(const char *name, const QString &input, const QStringList &allowed);

    // An optional integer query parameter with ge=minimum (and le=maximum when given): its value,
    // or `fallback` when it is absent or invalid (the error is then recorded here).
    qint64 boundedQueryInt(const HttpRequest &request, const char *name, qint64 fallback, int minimum,
                           std::optional<int> maximum = std::nullopt);

    bool isEmpty() const { return m_items.isEmpty(); }
    HttpResponse response() const;

private:
    void add(const char *type, const char *where, const char *name, const QByteArray &message,
             const QString &input, const QByteArray &context);

    QList<QByteArray> m_items;
};
