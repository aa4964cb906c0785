// SPDX-License-Identifier: MIT
#include "search/utf8regexcounter.h"

#ifdef RUNLOG_HAVE_PCRE2_8
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif

namespace {

#ifdef RUNLOG_HAVE_PCRE2_8
// QRegularExpression's pattern options as PCRE2's (as Qt converts them; RegexCounter's too).
// \C is refused: it matches one code unit, a byte here and a UTF-16 unit there.
uint32_t pcreOptionsOf(QRegularExpression::PatternOptions options)
{
    uint32_t out = PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C;
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

// One set per thread, as RegexCounter's: the same 512 KB JIT stack as QRegularExpression's, so
// that a pattern gives up where it gives up there.
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

bool isUtf8Error(int rc)
{
    return rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21;
}
#endif

} // namespace

struct Utf8RegexCounter::Compiled
{
#ifdef RUNLOG_HAVE_PCRE2_8
    pcre2_code *code = nullptr;
    bool crLfNewlines = false;
    bool jit = false;
    ~Compiled()
    {
        if (code)
            pcre2_code_free(code);
    }
#endif
};

Utf8RegexCounter::Utf8RegexCounter(const QRegularExpression &expression)
{
#ifdef RUNLOG_HAVE_PCRE2_8
    if (!expression.isValid() || expression.pattern().isEmpty())
        return;
    const QByteArray pattern = expression.pattern().toUtf8();
    int error = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_code *code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.constData()), PCRE2_SIZE(pattern.size()),
                                     pcreOptionsOf(expression.patternOptions()), &error, &errorOffset, nullptr);
    if (!code)
        return; // \C, or anything else this width refuses: the caller keeps to UTF-16
    auto compiled = std::make_unique<Compiled>();
    compiled->code = code;
    compiled->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    uint32_t newline = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &newline) != 0)
        pcre2_config(PCRE2_CONFIG_NEWLINE, &newline);
    compiled->crLfNewlines = newline == PCRE2_NEWLINE_CRLF || newline == PCRE2_NEWLINE_ANY || newline == PCRE2_NEWLINE_ANYCRLF;
    m_compiled = std::move(compiled);
#else
    Q_UNUSED(expression);
#endif
}

Utf8RegexCounter::~Utf8RegexCounter() = default;

qint64 Utf8RegexCounter::count(QByteArrayView utf8, qint64 limit, bool knownValid) const
{
#ifndef RUNLOG_HAVE_PCRE2_8
    Q_UNUSED(utf8);
    Q_UNUSED(limit);
    Q_UNUSED(knownValid);
    return kInvalidUtf8;
#else
    if (!m_compiled || !t_state.data || !t_state.context)
        return kInvalidUtf8;
    // RegexCounter::count's steps (QRegularExpressionPrivate::doMatch's), over bytes.
    const char dummy = 0;
    const auto *subject = reinterpret_cast<PCRE2_SPTR>(utf8.isEmpty() ? &dummy : utf8.data());
    const auto length = PCRE2_SIZE(utf8.size());
    pcre2_match_data *data = t_state.data;
    pcre2_match_context *context = t_state.context;
    qint64 count = 0;
    PCRE2_SIZE offset = 0;
    uint32_t checked = knownValid ? PCRE2_NO_UTF_CHECK : 0; // else the first match checks it all
    bool previousEmpty = false;
    while (count < limit) {
        int rc;
        if (!previousEmpty) {
            rc = checked && m_compiled->jit ? pcre2_jit_match(m_compiled->code, subject, length, offset, 0, data, context)
                                            : pcre2_match(m_compiled->code, subject, length, offset, checked, data, context);
        } else {
            rc = pcre2_match(m_compiled->code, subject, length, offset, checked | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED,
                             data, context);
            if (rc == PCRE2_ERROR_NOMATCH) {
                // One character on: a CR LF pair where CR LF ends a line, else past the
                // continuation bytes of the character (UTF-16 steps past a low surrogate).
                ++offset;
                if (offset > length)
                    break;
                if (m_compiled->crLfNewlines && offset < length && subject[offset - 1] == '\r' && subject[offset] == '\n')
                    ++offset;
                else
                    while (offset < length && (subject[offset] & 0xC0) == 0x80)
                        ++offset;
                rc = pcre2_match(m_compiled->code, subject, length, offset, checked, data, context);
            }
        }
        if (!checked && isUtf8Error(rc))
            return kInvalidUtf8;
        checked = PCRE2_NO_UTF_CHECK;
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0)
            return kError;
        const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
        previousEmpty = ovector[0] == ovector[1];
        if (!previousEmpty)
            ++count;
        offset = ovector[1];
    }
    return count;
#endif
}
