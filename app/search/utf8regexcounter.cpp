// SPDX-License-Identifier: MIT
#include "search/utf8regexcounter.h"

#include "search/classruncounter.h"
#include "search/utf8validity.h"

#ifdef RUNLOG_HAVE_PCRE2_8
#include "search/pcre2counting.h"
#endif

struct Utf8RegexCounter::Compiled
{
#ifdef RUNLOG_HAVE_PCRE2_8
    std::unique_ptr<Pcre2Counting::CompiledPattern<8>> pattern;
#endif
    std::unique_ptr<ClassRunCounter> runs; // \w+ or \d+: counted without a match call each
};

Utf8RegexCounter::Utf8RegexCounter(const QRegularExpression &expression)
{
#ifdef RUNLOG_HAVE_PCRE2_8
    if (!expression.isValid() || expression.pattern().isEmpty())
        return;
    const QByteArray pattern = expression.pattern().toUtf8();
    // \C is refused: it matches one code unit, a byte here and a UTF-16 unit there.
    auto compiled = std::make_unique<Compiled>();
    compiled->pattern = Pcre2Counting::CompiledPattern<8>::compile(
        reinterpret_cast<const uint8_t *>(pattern.constData()), size_t(pattern.size()),
        Pcre2Counting::optionsOf(expression.patternOptions()) | PCRE2_NEVER_BACKSLASH_C);
    compiled->runs = ClassRunCounter::forExpression(expression);
    if (compiled->pattern) // else (\C, or anything else this width refuses) the caller keeps to UTF-16
        m_compiled = std::move(compiled);
#else
    Q_UNUSED(expression);
#endif
}

Utf8RegexCounter::~Utf8RegexCounter() = default;

#ifdef RUNLOG_HAVE_PCRE2_8
namespace {
// The compiled pattern's count over `utf8`, its errors as Utf8RegexCounter gives them (kError,
// kInvalidUtf8): count() and findFirst() share it, once they know this thread can match.
qint64 countWithPattern(const Pcre2Counting::CompiledPattern<8> &pattern, QByteArrayView utf8, qint64 limit, bool knownValid,
                        PCRE2_SIZE *firstMatch = nullptr)
{
    using Pattern = Pcre2Counting::CompiledPattern<8>;
    const uint8_t dummy = 0;
    const auto *subject = utf8.isEmpty() ? &dummy : reinterpret_cast<const uint8_t *>(utf8.data());
    const qint64 found = pattern.count(subject, size_t(utf8.size()), limit, knownValid, firstMatch);
    if (found == Pattern::kUtfError)
        return Utf8RegexCounter::kInvalidUtf8;
    return found == Pattern::kError ? Utf8RegexCounter::kError : found;
}
} // namespace
#endif

qint64 Utf8RegexCounter::count(QByteArrayView utf8, qint64 limit, bool knownValid) const
{
#ifndef RUNLOG_HAVE_PCRE2_8
    Q_UNUSED(utf8);
    Q_UNUSED(limit);
    Q_UNUSED(knownValid);
    return kInvalidUtf8;
#else
    if (!m_compiled || !Pcre2Counting::MatchState<8>::ofThisThread().isUsable())
        return kInvalidUtf8;
    // Checked here 16 bytes a step where PCRE2 would check byte by byte. Bytes found invalid are
    // left to PCRE2's own check, whose error is the answer.
    if (!knownValid)
        knownValid = Utf8Validity::isValid(utf8);
    if (knownValid && m_compiled->runs)
        return m_compiled->runs->count(utf8, limit);
    return countWithPattern(*m_compiled->pattern, utf8, limit, knownValid);
#endif
}

qint64 Utf8RegexCounter::findFirst(QByteArrayView utf8, qsizetype *start, qsizetype *length) const
{
#ifndef RUNLOG_HAVE_PCRE2_8
    Q_UNUSED(utf8);
    Q_UNUSED(start);
    Q_UNUSED(length);
    return kInvalidUtf8;
#else
    if (!m_compiled || !Pcre2Counting::MatchState<8>::ofThisThread().isUsable())
        return kInvalidUtf8;
    // The pattern itself, never the class-run counter: that one counts, it does not say where.
    PCRE2_SIZE match[2] = {0, 0};
    const qint64 found = countWithPattern(*m_compiled->pattern, utf8, 1, Utf8Validity::isValid(utf8), match);
    if (found > 0) {
        *start = qsizetype(match[0]);
        *length = qsizetype(match[1] - match[0]);
    }
    return found;
#endif
}
