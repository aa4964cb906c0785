// SPDX-License-Identifier: MIT
#include "search/regexcounter.h"

#ifdef RUNLOG_HAVE_PCRE2
#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>
#endif

namespace {

#ifdef RUNLOG_HAVE_PCRE2
// QRegularExpression's pattern options as PCRE2's (as Qt converts them).
uint32_t pcreOptionsOf(QRegularExpression::PatternOptions options)
{
    uint32_t out = PCRE2_UTF;
    if (options & QRegularExpression::CaseInsensitiveOption)
        out |= PCRE2_CASELESS;
    if (options & QRegularExpression::DotMatchesEverythingOption)
        out |= PCRE2_DOTALL;
    if (options & QRegularExpression::MultilineOption)
        out |= PCRE2_MULTILINE;
    if (options & QRegularExpression::ExtendedPatternSyntaxOption)
        out |= PCRE2_EXTENDED;
    if (options & QRegularExpression::InvertedGreedinessOption)
        out |= PCRE2_UNGREEDY;
    if (options & QRegularExpression::DontCaptureOption)
        out |= PCRE2_NO_AUTO_CAPTURE;
    if (options & QRegularExpression::UseUnicodePropertiesOption)
        out |= PCRE2_UCP;
    return out;
}

// What a match needs besides the pattern, one set per thread (a count is called per segment of
// text: hundreds of thousands of times a search). Qt lets the JIT grow its stack up to 512 KB:
// the same here, so that a pattern gives up (too costly) exactly where QRegularExpression's does.
struct MatchState
{
    pcre2_jit_stack *stack = nullptr;
    pcre2_match_data *data = nullptr;
    pcre2_match_context *context = nullptr;
    MatchState()
    {
        data = pcre2_match_data_create(1, nullptr);
        context = pcre2_match_context_create(nullptr);
        stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, nullptr);
        if (context)
            pcre2_jit_stack_assign(context, nullptr, stack);
    }
    ~MatchState()
    {
        if (context)
            pcre2_match_context_free(context);
        if (data)
            pcre2_match_data_free(data);
        if (stack)
            pcre2_jit_stack_free(stack);
    }
    MatchState(const MatchState &) = delete;
    MatchState &operator=(const MatchState &) = delete;
};
thread_local MatchState t_state;
#endif

} // namespace

struct RegexCounter::Compiled
{
#ifdef RUNLOG_HAVE_PCRE2
    pcre2_code *code = nullptr;
    bool crLfNewlines = false;
    bool jit = false; // JIT-compiled: matches after the first go straight to it (no checks)
    ~Compiled()
    {
        if (code)
            pcre2_code_free(code);
    }
#endif
};

RegexCounter::RegexCounter(const QRegularExpression &expression)
    : m_expression(expression)
{
#ifdef RUNLOG_HAVE_PCRE2
    if (!expression.isValid() || expression.pattern().isEmpty())
        return;
    const QString pattern = expression.pattern();
    int error = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_code *code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.utf16()), PCRE2_SIZE(pattern.size()),
                                     pcreOptionsOf(expression.patternOptions()), &error, &errorOffset, nullptr);
    if (!code)
        return; // QRegularExpression's own iteration then
    auto compiled = std::make_unique<Compiled>();
    compiled->code = code;
    compiled->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    uint32_t newline = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &newline) != 0)
        pcre2_config(PCRE2_CONFIG_NEWLINE, &newline);
    compiled->crLfNewlines = newline == PCRE2_NEWLINE_CRLF || newline == PCRE2_NEWLINE_ANY || newline == PCRE2_NEWLINE_ANYCRLF;
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
    if (!m_compiled || !t_state.data || !t_state.context)
        return countWithQt(text, limit);
    // QRegularExpressionPrivate::doMatch's steps, one match data for all of them.
    const char16_t dummy = 0;
    const auto *subject = reinterpret_cast<PCRE2_SPTR>(text.isEmpty() ? &dummy : text.utf16());
    const auto length = PCRE2_SIZE(text.size());
    pcre2_match_data *data = t_state.data;
    pcre2_match_context *context = t_state.context;
    qint64 count = 0;
    PCRE2_SIZE offset = 0;
    uint32_t checked = 0; // the subject is checked as UTF-16 on the first match only
    bool previousEmpty = false;
    qint64 result = 0;
    while (count < limit) {
        int rc;
        if (!previousEmpty) {
            // pcre2_jit_match skips pcre2_match's checks of its arguments and of the subject:
            // the first call checks the subject as UTF-16, as QRegularExpression's does.
            rc = checked && m_compiled->jit ? pcre2_jit_match(m_compiled->code, subject, length, offset, 0, data, context)
                                            : pcre2_match(m_compiled->code, subject, length, offset, checked, data, context);
        } else {
            // Not the JIT's: it takes no PCRE2_ANCHORED at match time (pcre2_match interprets).
            rc = pcre2_match(m_compiled->code, subject, length, offset, checked | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED,
                             data, context);
            if (rc == PCRE2_ERROR_NOMATCH) {
                ++offset;
                if (offset > length)
                    break; // past an empty match at the very end: done, not an error
                if (m_compiled->crLfNewlines && offset < length && subject[offset - 1] == u'\r' && subject[offset] == u'\n')
                    ++offset;
                else if (offset < length && QChar::isLowSurrogate(subject[offset]))
                    ++offset;
                rc = pcre2_match(m_compiled->code, subject, length, offset, checked, data, context);
            }
        }
        checked = PCRE2_NO_UTF_CHECK;
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0) {
            result = kError;
            break;
        }
        const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
        const PCRE2_SIZE start = ovector[0];
        const PCRE2_SIZE end = ovector[1];
        previousEmpty = start == end;
        if (!previousEmpty)
            ++count;
        offset = end;
    }
    return result == kError ? kError : count;
#endif
}
