// SPDX-License-Identifier: MIT
#include "search/propertyfreematching.h"

#include "search/utf8encoding.h"

#ifdef RUNLOG_HAVE_PCRE2_8
#include "search/pcre2counting.h"
#endif

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct PropertyFreeMatching::Classes
{
#ifdef RUNLOG_HAVE_PCRE2_8
    std::unique_ptr<Pcre2Counting::CompiledPattern<8>> pattern; // one character of a named class
#endif
};

namespace {

struct NamedClasses
{
    bool digit = false; // \d \D
    bool space = false; // \s \S
    bool word = false;  // \w \W \b \B
};

// The classes whose members Unicode properties change that the pattern may name: every escaped
// letter among them counts, also where it is not a class (inside \Q...\E, a comment), which at
// worst leaves a text to the expression.
NamedClasses namedClasses(const QString &pattern)
{
    NamedClasses named;
    for (qsizetype i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern.at(i) != u'\\')
            continue;
        switch (pattern.at(++i).unicode()) {
        case u'd':
        case u'D':
            named.digit = true;
            break;
        case u's':
        case u'S':
            named.space = true;
            break;
        case u'w':
        case u'W':
        case u'b':
        case u'B':
            named.word = true;
            break;
        default:
            break;
        }
    }
    return named;
}

} // namespace

std::unique_ptr<PropertyFreeMatching> PropertyFreeMatching::forExpression(const QRegularExpression &expression)
{
#ifdef RUNLOG_HAVE_PCRE2_8
    const QString pattern = expression.pattern();
    if (!expression.isValid() || !(expression.patternOptions() & QRegularExpression::UseUnicodePropertiesOption)
        || pattern.contains(QLatin1String("[:")))
        return nullptr;
    QRegularExpression without(pattern, expression.patternOptions() & ~QRegularExpression::UseUnicodePropertiesOption);
    if (!without.isValid())
        return nullptr;
    const NamedClasses named = namedClasses(pattern);
    std::unique_ptr<Classes> classes;
    if (named.digit || named.space || named.word) {
        // One character of any named class, with properties: PCRE2's own answer per character.
        QByteArray members("[");
        if (named.digit)
            members += "\\d";
        if (named.space)
            members += "\\s";
        if (named.word)
            members += "\\w";
        members += ']';
        classes = std::make_unique<Classes>();
        classes->pattern = Pcre2Counting::CompiledPattern<8>::compile(
            reinterpret_cast<const uint8_t *>(members.constData()), size_t(members.size()),
            // Caseless too where the pattern is: at worst more characters count as members.
            Pcre2Counting::optionsOf(expression.patternOptions() & QRegularExpression::CaseInsensitiveOption) | PCRE2_UCP);
        if (!classes->pattern || !Pcre2Counting::MatchState<8>::ofThisThread().isUsable())
            return nullptr;
    }
    std::unique_ptr<PropertyFreeMatching> matching(new PropertyFreeMatching(std::move(without), std::move(classes)));
    matching->m_namesWord = named.word;
    return matching;
#else
    Q_UNUSED(expression);
    return nullptr;
#endif
}

PropertyFreeMatching::PropertyFreeMatching(QRegularExpression withoutProperties, std::unique_ptr<Classes> classes)
    : m_withoutProperties(std::move(withoutProperties)), m_classes(std::move(classes))
{
    if (m_classes)
        m_inNamedClass = std::make_unique<CodePointAnswers>();
}

PropertyFreeMatching::~PropertyFreeMatching() = default;

bool PropertyFreeMatching::inNamedClass(char32_t codePoint) const
{
#ifdef RUNLOG_HAVE_PCRE2_8
    return m_inNamedClass->answer(codePoint, [this](char32_t asked) {
        uchar bytes[4];
        const int length = Utf8Encoding::encode(asked, bytes);
        // An error (which one well-formed character cannot give) counts as "in a class": the
        // text is left to the expression.
        return m_classes->pattern->count(bytes, size_t(length), 1, false) != 0;
    });
#else
    Q_UNUSED(codePoint);
    return true;
#endif
}

bool PropertyFreeMatching::matchesAlike(QByteArrayView utf8) const
{
    const auto *p = reinterpret_cast<const uchar *>(utf8.data());
    const qsizetype n = utf8.size();
    qsizetype i = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (n - i >= 16) {
            const unsigned high = unsigned(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i))));
            if (!high) {
                i += 16;
                continue;
            }
            i += __builtin_ctz(high);
        }
#endif
        const uchar lead = p[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        // A lead byte and the continuation bytes it announces (anything else: not UTF-8 here).
        const qsizetype length = lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3
                                                            : lead >= 0xF0 && lead < 0xF5   ? 4
                                                                                            : 0;
        if (length == 0 || n - i < length)
            return false;
        char32_t cp = lead & (0x7F >> length);
        for (qsizetype k = 1; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
        if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        if (m_classes && inNamedClass(cp))
            return false;
        i += length;
    }
    return true;
}
