// SPDX-License-Identifier: MIT
#include "ui/common/pseudotranslator.h"

#include <QHash>
#include <QtGlobal>

#include <cmath>

namespace {

QChar accented(QChar c)
{
    static const QHash<QChar, QChar> table = [] {
        // Every letter that has an accented look-alike; the rest (f, m, q, v, x) stay.
        const QString plain = QStringLiteral("abcdeghijklnoprstuwyzABCDEGHIJKLNOPRSTUWYZ");
        const QString marked = QStringLiteral("áƀçðéĝĥîĵķļñöþŕšţûŵýžÅƁÇÐÉĜĤÎĴĶĻÑÖÞŔŠŢÛŴÝŽ");
        QHash<QChar, QChar> map;
        for (int i = 0; i < plain.size(); ++i)
            map.insert(plain.at(i), marked.at(i));
        return map;
    }();
    return table.value(c, c);
}

// The length of what is not transformed at `i`: a placeholder, a tag, an entity or a mnemonic.
int keptLength(const QString &text, int i)
{
    const int size = int(text.size());
    const QChar c = text.at(i);
    if (c == u'%' && i + 1 < size) {
        int j = i + 1;
        if (text.at(j) == u'L' && j + 1 < size)
            ++j;
        if (text.at(j) == u'n')
            return j + 1 - i;
        int k = j;
        while (k < size && text.at(k).isDigit())
            ++k;
        return k > j ? k - i : 0;
    }
    if (c == u'<') {
        const int end = int(text.indexOf(u'>', i));
        // Only what looks like a tag: "<b>", "</p>", "<a href=…>"; "a < b" stays text.
        if (end > i + 1 && (text.at(i + 1).isLetter() || text.at(i + 1) == u'/'))
            return end + 1 - i;
        return 0;
    }
    if (c == u'&' && i + 1 < size) {
        int j = i + 1;
        while (j < size && (text.at(j).isLetterOrNumber() || text.at(j) == u'#'))
            ++j;
        if (j < size && text.at(j) == u';' && j > i + 1)
            return j + 1 - i;  // an entity
        return 2;              // a mnemonic (&F) or a literal ampersand (&&): the key stays
    }
    return 0;
}

} // namespace

bool PseudoTranslator::isRequested()
{
    const QByteArray value = qgetenv("RUNLOG_PSEUDO_LOCALE");
    return !value.isEmpty() && value != "0";
}

QString PseudoTranslator::transform(const QString &text)
{
    if (text.trimmed().isEmpty())
        return text;
    QString out;
    out.reserve(text.size() * 2);
    int visible = 0;
    for (int i = 0; i < text.size();) {
        if (const int kept = keptLength(text, i); kept > 0) {
            out += QStringView(text).mid(i, kept);
            i += kept;
            continue;
        }
        out += accented(text.at(i));
        ++visible;
        ++i;
    }
    // About 40 % longer, brackets included: where a translation would be cut, the "]" is gone.
    const int extra = std::max(2, int(std::lround(visible * 0.4)));
    QString padded = QStringLiteral("[") + out;
    if (extra > 3)
        padded += u' ' + QString(extra - 3, u'~');
    return padded + u']';
}

QString PseudoTranslator::translate(const char *context, const char *sourceText, const char *disambiguation, int n) const
{
    QString text = QTranslator::translate(context, sourceText, disambiguation, n);
    if (text.isEmpty())
        text = QString::fromUtf8(sourceText);
    return transform(text);
}
