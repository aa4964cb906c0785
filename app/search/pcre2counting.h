// SPDX-License-Identifier: MIT
#pragma once

// What RegexCounter (UTF-16, PCRE2's 16-bit library) and Utf8RegexCounter (UTF-8, its 8-bit
// library) share: the pattern compiled with QRegularExpression's options, one match state per
// thread, and the count of non-empty matches stepped as QRegularExpression::globalMatch steps.
// They differ only in the code unit width, the template parameter (8 or 16): PCRE2 names its
// functions by width (pcre2_match_8, pcre2_match_16), and Pcre2Api maps one width to its names.
//
// Only for the translation units built with the library of that width (RUNLOG_HAVE_PCRE2 for 16,
// RUNLOG_HAVE_PCRE2_8 for 8): a template is instantiated, and so linked, where it is used.

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 0 // every width's names, none of them the default
#endif
#include <pcre2.h>

#include <QRegularExpression>

#include <memory>

namespace Pcre2Counting {

template <int Width>
struct Pcre2Api;

template <>
struct Pcre2Api<8>
{
    using Unit = uint8_t;
    using Code = pcre2_code_8;
    using MatchData = pcre2_match_data_8;
    using MatchContext = pcre2_match_context_8;
    using JitStack = pcre2_jit_stack_8;
    static constexpr auto compile = &pcre2_compile_8;
    static constexpr auto codeFree = &pcre2_code_free_8;
    static constexpr auto jitCompile = &pcre2_jit_compile_8;
    static constexpr auto patternInfo = &pcre2_pattern_info_8;
    static constexpr auto config = &pcre2_config_8;
    static constexpr auto match = &pcre2_match_8;
    static constexpr auto jitMatch = &pcre2_jit_match_8;
    static constexpr auto ovector = &pcre2_get_ovector_pointer_8;
    static constexpr auto matchDataCreate = &pcre2_match_data_create_8;
    static constexpr auto matchDataFree = &pcre2_match_data_free_8;
    static constexpr auto matchContextCreate = &pcre2_match_context_create_8;
    static constexpr auto matchContextFree = &pcre2_match_context_free_8;
    static constexpr auto jitStackCreate = &pcre2_jit_stack_create_8;
    static constexpr auto jitStackFree = &pcre2_jit_stack_free_8;
    static constexpr auto jitStackAssign = &pcre2_jit_stack_assign_8;
    // The step past an empty match goes over the bytes that continue the character.
    static PCRE2_SIZE pastContinuation(const Unit *subject, PCRE2_SIZE offset, PCRE2_SIZE length)
    {
        while (offset < length && (subject[offset] & 0xC0) == 0x80)
            ++offset;
        return offset;
    }
    static bool isUtfError(int rc) { return rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21; }
};

template <>
struct Pcre2Api<16>
{
    using Unit = uint16_t;
    using Code = pcre2_code_16;
    using MatchData = pcre2_match_data_16;
    using MatchContext = pcre2_match_context_16;
    using JitStack = pcre2_jit_stack_16;
    static constexpr auto compile = &pcre2_compile_16;
    static constexpr auto codeFree = &pcre2_code_free_16;
    static constexpr auto jitCompile = &pcre2_jit_compile_16;
    static constexpr auto patternInfo = &pcre2_pattern_info_16;
    static constexpr auto config = &pcre2_config_16;
    static constexpr auto match = &pcre2_match_16;
    static constexpr auto jitMatch = &pcre2_jit_match_16;
    static constexpr auto ovector = &pcre2_get_ovector_pointer_16;
    static constexpr auto matchDataCreate = &pcre2_match_data_create_16;
    static constexpr auto matchDataFree = &pcre2_match_data_free_16;
    static constexpr auto matchContextCreate = &pcre2_match_context_create_16;
    static constexpr auto matchContextFree = &pcre2_match_context_free_16;
    static constexpr auto jitStackCreate = &pcre2_jit_stack_create_16;
    static constexpr auto jitStackFree = &pcre2_jit_stack_free_16;
    static constexpr auto jitStackAssign = &pcre2_jit_stack_assign_16;
    // ... over a low surrogate, the second unit of a character.
    static PCRE2_SIZE pastContinuation(const Unit *subject, PCRE2_SIZE offset, PCRE2_SIZE length)
    {
        return offset < length && subject[offset] >= 0xDC00 && subject[offset] <= 0xDFFF ? offset + 1 : offset;
    }
    static bool isUtfError(int rc) { return rc <= PCRE2_ERROR_UTF16_ERR1 && rc >= PCRE2_ERROR_UTF16_ERR3; }
};

// QRegularExpression's pattern options as PCRE2's (as Qt converts them), always in UTF mode.
inline uint32_t optionsOf(QRegularExpression::PatternOptions options)
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

// What a match needs besides the pattern, one set per thread and width (a count is called per
// segment of text: hundreds of thousands of times a search). Qt lets the JIT grow its stack up
// to 512 KB: the same here, so that a pattern gives up (too costly) exactly where
// QRegularExpression's does.
template <int Width>
struct MatchState
{
    using Api = Pcre2Api<Width>;
    typename Api::JitStack *stack = nullptr;
    typename Api::MatchData *data = nullptr;
    typename Api::MatchContext *context = nullptr;
    MatchState()
    {
        data = Api::matchDataCreate(1, nullptr);
        context = Api::matchContextCreate(nullptr);
        stack = Api::jitStackCreate(32 * 1024, 512 * 1024, nullptr);
        if (context)
            Api::jitStackAssign(context, nullptr, stack);
    }
    ~MatchState()
    {
        if (context)
            Api::matchContextFree(context);
        if (data)
            Api::matchDataFree(data);
        if (stack)
            Api::jitStackFree(stack);
    }
    MatchState(const MatchState &) = delete;
    MatchState &operator=(const MatchState &) = delete;

    bool isUsable() const { return data && context; }
    static MatchState &ofThisThread()
    {
        thread_local MatchState state;
        return state;
    }
};

// A compiled (and, where the JIT works, JIT-compiled) pattern, read-only while matching: shared
// by every thread.
template <int Width>
class CompiledPattern
{
public:
    using Api = Pcre2Api<Width>;
    using Unit = typename Api::Unit;

    // Null when PCRE2 refuses the pattern in this width (with these extra options).
    static std::unique_ptr<CompiledPattern> compile(const Unit *pattern, size_t length, uint32_t options)
    {
        int error = 0;
        PCRE2_SIZE errorOffset = 0;
        typename Api::Code *code = Api::compile(pattern, length, options, &error, &errorOffset, nullptr);
        if (!code)
            return nullptr;
        std::unique_ptr<CompiledPattern> compiled(new CompiledPattern(code));
        compiled->m_jit = Api::jitCompile(code, PCRE2_JIT_COMPLETE) == 0;
        uint32_t newline = 0;
        if (Api::patternInfo(code, PCRE2_INFO_NEWLINE, &newline) != 0)
            Api::config(PCRE2_CONFIG_NEWLINE, &newline);
        compiled->m_crLfNewlines =
            newline == PCRE2_NEWLINE_CRLF || newline == PCRE2_NEWLINE_ANY || newline == PCRE2_NEWLINE_ANYCRLF;
        return compiled;
    }
    ~CompiledPattern() { Api::codeFree(m_code); }
    CompiledPattern(const CompiledPattern &) = delete;
    CompiledPattern &operator=(const CompiledPattern &) = delete;

    // What count() gives besides a count.
    static constexpr qint64 kError = -1;    // PCRE2 stopped: its match limit, the JIT stack
    static constexpr qint64 kUtfError = -2; // the subject, checked, is not valid UTF of this width

    // Non-empty matches in the subject, counting stops at `limit`; QRegularExpressionPrivate::
    // doMatch's steps, one match data for all of them. `checked`: the caller knows the subject
    // is valid (no UTF check, no kUtfError), else the first match checks it all. `firstMatch`,
    // when given: where the first match counted starts and ends (offsets in code units).
    qint64 count(const Unit *subject, size_t length, qint64 limit, bool checked, PCRE2_SIZE *firstMatch = nullptr) const
    {
        MatchState<Width> &state = MatchState<Width>::ofThisThread();
        typename Api::MatchData *data = state.data;
        typename Api::MatchContext *context = state.context;
        qint64 count = 0;
        PCRE2_SIZE offset = 0;
        uint32_t noCheck = checked ? PCRE2_NO_UTF_CHECK : 0;
        bool previousEmpty = false;
        while (count < limit) {
            int rc;
            if (!previousEmpty) {
                // pcre2_jit_match skips pcre2_match's checks of its arguments and of the subject:
                // only once the subject is known valid.
                rc = noCheck && m_jit ? Api::jitMatch(m_code, subject, length, offset, 0, data, context)
                                      : Api::match(m_code, subject, length, offset, noCheck, data, context);
            } else {
                // Not the JIT's: it takes no PCRE2_ANCHORED at match time (pcre2_match interprets).
                rc = Api::match(m_code, subject, length, offset, noCheck | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED, data,
                                context);
                if (rc == PCRE2_ERROR_NOMATCH) {
                    // One character on: a CR LF pair where CR LF ends a line, else past the units
                    // that continue the character.
                    ++offset;
                    if (offset > length)
                        break; // past an empty match at the very end: done, not an error
                    if (m_crLfNewlines && offset < length && subject[offset - 1] == '\r' && subject[offset] == '\n')
                        ++offset;
                    else
                        offset = Api::pastContinuation(subject, offset, length);
                    rc = Api::match(m_code, subject, length, offset, noCheck, data, context);
                }
            }
            if (!noCheck && Api::isUtfError(rc))
                return kUtfError;
            noCheck = PCRE2_NO_UTF_CHECK;
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0)
                return kError;
            const PCRE2_SIZE *ovector = Api::ovector(data);
            previousEmpty = ovector[0] == ovector[1];
            if (!previousEmpty && count++ == 0 && firstMatch) {
                firstMatch[0] = ovector[0];
                firstMatch[1] = ovector[1];
            }
            offset = ovector[1];
        }
        return count;
    }

private:
    explicit CompiledPattern(typename Api::Code *code) : m_code(code) {}

    typename Api::Code *m_code;
    bool m_crLfNewlines = false;
    bool m_jit = false;
};

} // namespace Pcre2Counting
