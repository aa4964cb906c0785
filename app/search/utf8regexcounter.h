// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QRegularExpression>

#include <memory>

// RegexCounter's count over UTF-8 text, with PCRE2's 8-bit library in UTF mode: the same
// pattern and options as the QRegularExpression, compiled once more for bytes, so that an
// entry's JSON segments are matched where they lie instead of being converted to UTF-16 first
// (the conversion was most of a regular expression's time: bench_search, issue 25).
//
// The counts are those of RegexCounter (and so of QRegularExpression::globalMatch) over the same
// text decoded as QString::fromUtf8 does, whenever the bytes are valid UTF-8: PCRE2 matches
// characters in either width, and the step past an empty match moves one character here as it
// moves one (or a surrogate pair's two) code units there. Bytes that are not valid UTF-8
// (QString::fromUtf8 would make U+FFFD of them) give kInvalidUtf8: the caller then counts the
// decoded text with RegexCounter. A pattern with \C (one code unit, which differs between the
// widths) is not compiled here: isUsable() is false and the caller keeps to UTF-16.
//
// Without libpcre2-8 at build time (RUNLOG_HAVE_PCRE2_8 undefined) nothing is usable.
class Utf8RegexCounter
{
public:
    explicit Utf8RegexCounter(const QRegularExpression &expression = {});
    ~Utf8RegexCounter();
    Utf8RegexCounter(const Utf8RegexCounter &) = delete;
    Utf8RegexCounter &operator=(const Utf8RegexCounter &) = delete;

    static constexpr qint64 kError = -1;       // PCRE2 gave up (match limit, JIT stack)
    static constexpr qint64 kInvalidUtf8 = -2; // count the decoded text instead

    bool isUsable() const { return m_compiled != nullptr; }

    // Non-empty matches in `utf8`, counting stops at `limit`; kError or kInvalidUtf8.
    // `knownValid`: the caller knows the bytes are valid UTF-8 (ASCII, or made by a decoder),
    // which spares PCRE2's check of the whole subject.
    qint64 count(QByteArrayView utf8, qint64 limit, bool knownValid = false) const;
    // The first match count() counts (globalMatch's first non-empty match): 1 and its byte
    // offset and length in `utf8`; 0 (none), kError or kInvalidUtf8.
    qint64 findFirst(QByteArrayView utf8, qsizetype *start, qsizetype *length) const;

private:
    struct Compiled;
    std::unique_ptr<Compiled> m_compiled;
};
