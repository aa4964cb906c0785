// SPDX-License-Identifier: MIT
#include "search/regexcounter.h"

#ifdef RUNLOG_HAVE_PCRE2
#include "search/pcre2counting.h"
#endif

struct RegexCounter::Compiled
{
#ifdef RUNLOG_HAVE_PCRE2
    std::unique_ptr<Pcre2Counting::CompiledPattern<16>> pattern;
#endif
};

RegexCounter::RegexCounter(const QRegularExpression &expression)
    : m_expression(expression)
{
#ifdef RUNLOG_HAVE_PCRE2
    if (!expression.isValid() || expression.pattern().isEmpty())
        return;
    const QString pattern = expression.pattern();
    auto compiled = std::make_unique<Compiled>();
    compiled->pattern = Pcre2Counting::CompiledPattern<16>::compile(
        reinterpret_cast<const uint16_t *>(pattern.utf16()), size_t(pattern.size()),
        Pcre2Counting::optionsOf(expression.patternOptions()));
    if (compiled->pattern) // else QRegularExpression's own iteration
        m_compiled = std::move(compiled);
#endif
}

RegexCounter::~RegexCounter() = default;

qint64 RegexCounter::countWithQt(QStringView text, qint64 limit) const
{
    // globalMatch retries after an empty match without moving (as Perl does), so "x*|b" still
    // finds the "b"; empty matches themselves show nothing and are not counted.
    QRegularExpressionMatchIterator it = m_expression.globalMatch(text);
    qint64 count = 0;
    bool emptyAtEnd = false;
    while (count < limit && it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        emptyAtEnd = match.capturedLength() == 0 && match.capturedEnd() == text.size();
        if (match.capturedLength() == 0)
            continue;
        ++count;
    }
    // The iterator's next match is invalid when PCRE2 stopped with an error (its match, depth or
    // heap limit) rather than found no further match, and also after an empty match at the very
    // end (the next try would start past the end).
    if (count < limit && !it.isValid() && !emptyAtEnd)
        return kError;
    return count;
}

qint64 RegexCounter::count(QStringView text, qint64 limit) const
{
#ifndef RUNLOG_HAVE_PCRE2
    return countWithQt(text, limit);
#else
    using Pattern = Pcre2Counting::CompiledPattern<16>;
    if (!m_compiled || !Pcre2Counting::MatchState<16>::ofThisThread().isUsable())
        return countWithQt(text, limit);
    // The first match checks the subject as UTF-16, as QRegularExpression's does; text that is
    // not valid UTF-16 is an error there too.
    const uint16_t dummy = 0;
    const auto *subject = text.isEmpty() ? &dummy : reinterpret_cast<const uint16_t *>(text.utf16());
    const qint64 found = m_compiled->pattern->count(subject, size_t(text.size()), limit, false);
    return found == Pattern::kError || found == Pattern::kUtfError ? kError : found;
#endif
}
