// SPDX-License-Identifier: MIT
#include "json/jsonwriter.h"

#include "json/stringspecialbytes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cstring>
#include <functional>

namespace JsonWriter {

namespace {

// Whether `utf8`'s bytes are `out`'s own: the same array, or a view (fromRawData) of its bytes.
bool isWithin(const QByteArray &utf8, const QByteArray &out)
{
    const std::less<const char *> before;
    return !utf8.isEmpty() && !before(utf8.constData(), out.constData()) && before(utf8.constData(), out.constData() + out.size());
}

} // namespace

void appendString(QByteArray &out, const QByteArray &utf8)
{
    // out's room is made before the string is read, and grows as escapes come: bytes of out's
    // own would move (be freed) under the reading. Written from a copy of them instead.
    if (isWithin(utf8, out)) {
        appendString(out, QByteArray(utf8.constData(), utf8.size()));
        return;
    }
    static const char hexDigits[] = "0123456789abcdef";
    const char *data = utf8.constData();
    const char *const dataEnd = data + utf8.size();
    // Written straight into room made for the string unescaped and its quotes, and for what each
    // escape adds as it comes, so that the room is always exactly what the string takes (arrays
    // kept alone, as most strings are, hold no slack); the clean runs between escapes copied
    // whole (an append per run and per quote was a third of the time of writing a converted
    // log). The room grows as appending would: exactly for a new array, doubling for a growing
    // one (reserving the exact size every call copied a growing buffer once a string).
    qsizetype at = out.size();
    const qsizetype needed = at + utf8.size() + 2;
    if (needed > out.capacity())
        out.reserve(std::max(needed, 2 * out.capacity()));
    out.resize(needed);
    char *w = out.data() + at;
    *w++ = '"';
    while (true) {
        const char *special = StringSpecialBytes::first<true>(data, dataEnd);
        std::memcpy(w, data, size_t(special - data));
        w += special - data;
        if (special == dataEnd)
            break;
        data = special + 1;
        const auto c = static_cast<unsigned char>(*special);
        char letter = 0;
        switch (c) {
        case '"': letter = '"'; break;
        case '\\': letter = '\\'; break;
        case '\n': letter = 'n'; break;
        case '\r': letter = 'r'; break;
        case '\t': letter = 't'; break;
        case '\b': letter = 'b'; break;
        case '\f': letter = 'f'; break;
        default: break;
        }
        // The byte's one place becomes the escape's two or six.
        at = w - out.constData();
        out.resize(out.size() + (letter ? 1 : 5));
        w = out.data() + at;
        *w++ = '\\';
        if (letter) {
            *w++ = letter;
        } else {
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hexDigits[c >> 4];
            *w++ = hexDigits[c & 0xf];
        }
    }
    *w = '"';
    Q_ASSERT(w + 1 == out.constData() + out.size());
}

QByteArray string(const QByteArray &utf8)
{
    QByteArray out;
    appendString(out, utf8);
    return out;
}

QByteArray string(const QString &text)
{
    return string(text.toUtf8());
}

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

QByteArray boolean(bool value)
{
    return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

QByteArray null()
{
    return QByteArrayLiteral("null");
}

QString decodeString(const QByteArray &json)
{
    const QByteArray trimmed = json.trimmed();
    if (!trimmed.startsWith('"'))
        return QString();
    // Qt 6.4 cannot parse a bare string document; an array around it is the documented way.
    const QJsonDocument document = QJsonDocument::fromJson('[' + trimmed + ']');
    const QJsonValue value = document.array().at(0);
    return value.isString() ? value.toString() : QString();
}

}
