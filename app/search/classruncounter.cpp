// SPDX-License-Identifier: MIT
#include "search/classruncounter.h"

#include "search/utf8encoding.h"

#include <algorithm>

#ifdef RUNLOG_HAVE_PCRE2_8
#include "search/pcre2counting.h"
#endif

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct ClassRunCounter::Class
{
#ifdef RUNLOG_HAVE_PCRE2_8
    std::unique_ptr<Pcre2Counting::CompiledPattern<8>> pattern;
#endif
};

namespace {

// The options under which "\w+" and "\d+" match the runs of their class and nothing else.
bool leavesRunsAlone(QRegularExpression::PatternOptions options)
{
    const QRegularExpression::PatternOptions harmless =
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption
        | QRegularExpression::DotMatchesEverythingOption | QRegularExpression::MultilineOption
        | QRegularExpression::DontCaptureOption;
    return (options & ~harmless) == QRegularExpression::PatternOptions();
}

// The bits set in a 16-bit mask (no popcnt instruction in the baseline x86-64 this builds for).
int bitCount16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return int((x + (x >> 8)) & 0x1Fu);
}

} // namespace

std::unique_ptr<ClassRunCounter> ClassRunCounter::forExpression(const QRegularExpression &expression)
{
#ifdef RUNLOG_HAVE_PCRE2_8
    if (!expression.isValid() || !leavesRunsAlone(expression.patternOptions()))
        return nullptr;
    const QString pattern = expression.pattern();
    if (pattern != QLatin1String("\\w+") && pattern != QLatin1String("\\d+"))
        return nullptr;
    const QByteArray member = pattern.left(2).toUtf8(); // the class alone: \w or \d
    auto compiled = std::make_unique<Class>();
    compiled->pattern = Pcre2Counting::CompiledPattern<8>::compile(
        reinterpret_cast<const uint8_t *>(member.constData()), size_t(member.size()),
        Pcre2Counting::optionsOf(expression.patternOptions()) | PCRE2_NEVER_BACKSLASH_C);
    if (!compiled->pattern || !Pcre2Counting::MatchState<8>::ofThisThread().isUsable())
        return nullptr;
    std::unique_ptr<ClassRunCounter> counter(new ClassRunCounter(std::move(compiled)));
    for (char32_t c = 0; c < 128; ++c)
        counter->m_ascii[c] = counter->holds(c);
    // PCRE2's ASCII members, as ranges of bytes ([0-9A-Z_a-z] for \w).
    int ranges = 0;
    for (int c = 0; c < 128; ++c) {
        if (!counter->m_ascii[c] || (c > 0 && counter->m_ascii[c - 1]))
            continue;
        int last = c;
        while (last + 1 < 128 && counter->m_ascii[last + 1])
            ++last;
        if (ranges < kMaxRanges)
            counter->m_ranges[ranges] = {uchar(c), uchar(last)};
        ++ranges;
    }
    counter->m_rangeCount = ranges <= kMaxRanges ? ranges : 0;
    return counter;
#else
    Q_UNUSED(expression);
    return nullptr;
#endif
}

ClassRunCounter::ClassRunCounter(std::unique_ptr<Class> member)
    : m_class(std::move(member))
{
}

ClassRunCounter::~ClassRunCounter() = default;

bool ClassRunCounter::holds(char32_t codePoint) const
{
#ifdef RUNLOG_HAVE_PCRE2_8
    return m_inClass.answer(codePoint, [this](char32_t asked) {
        uchar bytes[4];
        const int length = Utf8Encoding::encode(asked, bytes);
        // One match of the class in the character alone: PCRE2's answer (an error, which a one-
        // character subject cannot give, counts as "not in the class").
        return m_class->pattern->count(bytes, size_t(length), 1, true) == 1;
    });
#else
    Q_UNUSED(codePoint);
    return false;
#endif
}

qint64 ClassRunCounter::count(QByteArrayView validUtf8, qint64 limit) const
{
    const auto *p = reinterpret_cast<const uchar *>(validUtf8.data());
    const qsizetype n = validUtf8.size();
    qint64 runs = 0;
    bool inRun = false;
    qsizetype i = 0;
    while (i < n && runs < limit) {
#if defined(__SSE2__)
        // The ASCII bytes of the next 16, up to the first that is not: a bit per member, a run
        // starts at a member whose byte before is not one.
        if (m_rangeCount > 0 && n - i >= 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            const unsigned high = unsigned(_mm_movemask_epi8(block));
            const int ascii = high ? __builtin_ctz(high) : 16;
            if (ascii > 0) {
                __m128i members = _mm_setzero_si128();
                for (int r = 0; r < m_rangeCount; ++r) {
                    // Signed compares (bytes past 0x7F are negative: never members); `last` 127
                    // has no byte above it.
                    __m128i in = _mm_cmpgt_epi8(block, _mm_set1_epi8(char(m_ranges[r].first - 1)));
                    if (m_ranges[r].last < 127)
                        in = _mm_and_si128(in, _mm_cmplt_epi8(block, _mm_set1_epi8(char(m_ranges[r].last + 1))));
                    members = _mm_or_si128(members, in);
                }
                const unsigned mask = unsigned(_mm_movemask_epi8(members)) & ((1u << ascii) - 1);
                runs += bitCount16(mask & ~((mask << 1) | (inRun ? 1u : 0u)));
                inRun = (mask >> (ascii - 1)) & 1;
                i += ascii;
                continue;
            }
        }
#endif
        const uchar lead = p[i];
        bool member;
        if (lead < 0x80) {
            member = m_ascii[lead];
            ++i;
        } else {
            // Well-formed: the lead byte tells the length, the rest are continuation bytes. (A
            // sequence cut short by the end, which a caller's mistake could hand over, ends the count.)
            const qsizetype length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (n - i < length)
                break;
            char32_t cp;
            if (lead < 0xE0) {
                cp = char32_t(lead & 0x1F) << 6 | (p[i + 1] & 0x3F);
                i += 2;
            } else if (lead < 0xF0) {
                cp = char32_t(lead & 0x0F) << 12 | char32_t(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
                i += 3;
            } else {
                cp = char32_t(lead & 0x07) << 18 | char32_t(p[i + 1] & 0x3F) << 12 | char32_t(p[i + 2] & 0x3F) << 6
                    | (p[i + 3] & 0x3F);
                i += 4;
            }
            member = holds(cp);
        }
        if (member && !inRun)
            ++runs;
        inRun = member;
    }
    return std::min(runs, limit); // a block of 16 may count past the limit
}
