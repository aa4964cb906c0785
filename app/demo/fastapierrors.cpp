// SPDX-License-Identifier: MIT
#include "demo/fastapierrors.h"

#include "json/jsonwriter.h"

#include <QStringList>

#include <limits>

// pydantic v2 (lax mode) integer parsing of a string: surrounding whitespace, a sign, digits
// with single underscores between them, and a fractional part of zeros only ("5.0") are accepted.
IntParse parsePydanticInt(const QString &input)
{
    const QString text = input.trimmed();
    qsizetype i = 0;
    bool negative = false;
    if (i < text.size() && (text.at(i) == u'+' || text.at(i) == u'-')) {
        negative = text.at(i) == u'-';
        ++i;
    }
    bool sawDigit = false;
    bool lastWasUnderscore = false;
    bool overflow = false;
    quint64 magnitude = 0;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'_') {
            if (!sawDigit || lastWasUnderscore)
                return {};
            lastWasUnderscore = true;
            continue;
        }
        if (c < u'0' || c > u'9')
            break;
        sawDigit = true;
        lastWasUnderscore = false;
        const quint64 digit = quint64(c.unicode() - u'0');
        if (magnitude > (std::numeric_limits<quint64>::max() - digit) / 10)
            overflow = true;
        else
            magnitude = magnitude * 10 + digit;
    }
    if (!sawDigit || lastWasUnderscore)
        return {};
    if (i < text.size()) {
        if (text.at(i) != u'.')
            return {};
        for (++i; i < text.size(); ++i) {
            if (text.at(i) != u'0')
                return {};
        }
    }
    constexpr quint64 maxPositive = quint64(std::numeric_limits<qint64>::max());
    IntParse result;
    result.ok = true;
    if (negative) {
        result.value = (overflow || magnitude > maxPositive + 1)
                ? std::numeric_limits<qint64>::min()
                : (magnitude == maxPositive + 1 ? std::numeric_limits<qint64>::min()
                                                : -qint64(magnitude));
    } else {
        result.value = (overflow || magnitude > maxPositive) ? std::numeric_limits<qint64>::max()
                                                             : qint64(magnitude);
    }
    return result;
}

// pydantic v2's accepted spellings of a boolean in a string, compared case-insensitively.
std::optional<bool> parsePydanticBool(const QString &input)
{
    const QString text = input.trimmed().toLower();
    static const QStringList truthy = {QStringLiteral("1"), QStringLiteral("on"),
                                       QStringLiteral("t"), QStringLiteral("true"),
                                       QStringLiteral("y"), QStringLiteral("yes")};
    static const QStringList falsy = {QStringLiteral("0"), QStringLiteral("off"),
                                      QStringLiteral("f"), QStringLiteral("false"),
                                      QStringLiteral("n"), QStringLiteral("no")};
    if (truthy.contains(text))
        return true;
    if (falsy.contains(text))
        return false;
    return std::nullopt;
}

namespace {
QByteArray messageBody(const char *message, int status)
{
    return "{\"message\":" + JsonWriter::string(QByteArray(message))
            + ",\"status_code\":" + QByteArray::number(status) + '}';
}
} // namespace

HttpResponse messageResponse(int status, const char *message)
{
    return HttpResponse::json(status, messageBody(message, status));
}

HttpResponse detailResponse(int status, const char *detail)
{
    return HttpResponse::json(status, "{\"detail\":" + JsonWriter::string(QByteArray(detail)) + '}');
}

void ValidationErrors::intParsing(const char *where, const char *name, const QString &input)
{
    add("int_parsing", where, name, "Input should be a valid integer, unable to parse string as an integer", input, {});
}

void ValidationErrors::boolParsing(const char *where, const char *name, const QString &input)
{
    add("bool_parsing", where, name, "Input should be a valid boolean, unable to interpret input", input, {});
}

void ValidationErrors::greaterThanEqual(const char *name, const QString &input, int bound)
{
    add("greater_than_equal", "query", name, "Input should be greater than or equal to " + QByteArray::number(bound),
        input, "{\"ge\":" + QByteArray::number(bound) + '}');
}

void ValidationErrors::lessThanEqual(const char *name, const QString &input, int bound)
{
    add("less_than_equal", "query", name, "Input should be less than or equal to " + QByteArray::number(bound), input,
        "{\"le\":" + QByteArray::number(bound) + '}');
}

qint64 ValidationErrors::boundedQueryInt(const HttpRequest &request, const char *name, qint64 fallback, int minimum,
                                         std::optional<int> maximum)
{
    const QString text = request.queryValue(QString::fromLatin1(name));
    if (text.isNull())
        return fallback;
    const IntParse parsed = parsePydanticInt(text);
    if (!parsed.ok)
        intParsing("query", name, text);
    else if (parsed.value < minimum)
        greaterThanEqual(name, text, minimum);
    else if (maximum && parsed.value > *maximum)
        lessThanEqual(name, text, *maximum);
    else
        return parsed.value;
    return fallback;
}

void ValidationErrors::enumeration(const char *name, const QString &input, const QStringList &allowed)
{
    // pydantic: "Input should be 'A', 'B' or 'C'"
    QStringList quoted;
    for (const QString &value : allowed)
        quoted << QLatin1Char('\'') + value + QLatin1Char('\'');
    const QString last = quoted.isEmpty() ? QString() : quoted.takeLast();
    const QString expected = quoted.isEmpty() ? last : quoted.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
    add("enum", "query", name, "Input should be " + expected.toUtf8(), input,
        "{\"expected\":" + JsonWriter::string(expected) + '}');
}

HttpResponse ValidationErrors::response() const
{
    return HttpResponse::json(422, "{\"detail\":[" + m_items.join(',') + "]}");
}

void ValidationErrors::add(const char *type, const char *where, const char *name, const QByteArray &message,
                           const QString &input, const QByteArray &context)
{
    QByteArray item = "{\"type\":\"" + QByteArray(type) + "\",\"loc\":[\"" + where + "\",\"" + name
        + "\"],\"msg\":" + JsonWriter::string(message) + ",\"input\":" + JsonWriter::string(input);
    if (!context.isEmpty())
        item += ",\"ctx\":" + context;
    item += '}';
    m_items.append(item);
}
