// SPDX-License-Identifier: MIT
#include "search/allwordsfinder.h"

#include "search/searchtext.h"
#include "search/utf8encoding.h"

#include <QVarLengthArray>

#include <algorithm>

namespace {
// Occurrences of a word looked at in an entry's JSON; a word held more often leaves the answer
// Unknown. Every occurrence must be looked at: a value holding one left out may be the first to
// hold a match, or the only one to hold the word.
constexpr qsizetype kMaxSpansAWord = 1024;

struct Walk
{
    const std::vector<ByteFinder> &finders;
    QByteArrayView json;
    QVarLengthArray<bool, 8> found;
    qsizetype left; // words not found yet
    bool haveFirst = false;
    QString value;
    TextRange first;
    bool unknown = false; // the first match's value cannot be decoded as the snippet's is
};

bool visitValue(void *context, QByteArrayView segment)
{
    auto *walk = static_cast<Walk *>(context);
    const auto *bytes = reinterpret_cast<const uchar *>(segment.data());
    qsizetype firstAt = -1;
    qsizetype firstSize = 0;
    for (size_t i = 0; i < walk->finders.size(); ++i) {
        // Before the first match no word is found: the value with it is searched for every word,
        // and the earliest match (the first word written, at a tie) is the snippet's.
        if (walk->found[qsizetype(i)])
            continue;
        const ByteFinder &finder = walk->finders[i];
        const qsizetype at = finder.find(bytes, segment.size(), 0);
        if (at < 0)
            continue;
        walk->found[qsizetype(i)] = true;
        --walk->left;
        if (!walk->haveFirst && (firstAt < 0 || at < firstAt)) {
            firstAt = at;
            firstSize = finder.size();
        }
    }
    if (!walk->haveFirst && firstAt >= 0) {
        // The walk leaves out the text's first value's leading byte order mark, and
        // QString::fromUtf8 one more: a first value that starts with two marks keeps its second
        // one in the highlight's snippet (its segments are decoded as visitSegments gives them),
        // not here. A value handed over with a leading mark where the JSON holds two in a row may
        // be that one (any other value loses its mark in both): left to the evaluator.
        if (segment.startsWith("\xEF\xBB\xBF") && walk->json.contains(QByteArrayView("\xEF\xBB\xBF\xEF\xBB\xBF"))) {
            walk->unknown = true;
            return false;
        }
        walk->haveFirst = true;
        walk->value = QString::fromUtf8(segment);
        // The words are ASCII: the match starts where the bytes before it end, as UTF-16.
        walk->first = TextRange{Utf8Encoding::utf16Length(segment.first(firstAt)), firstSize};
    }
    return walk->left > 0;
}
} // namespace

bool AllWordsFinder::accepts(const QString &word)
{
    if (word.isEmpty())
        return false;
    return std::all_of(word.begin(), word.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return u >= 0x20 && u < 0x80 && u != u'"' && u != u'\\';
    });
}

AllWordsFinder::AllWordsFinder(const QStringList &words, bool caseSensitive)
    : m_caseSensitive(caseSensitive)
{
    for (const QString &word : words) {
        Q_ASSERT(accepts(word));
        const QByteArray bytes = word.toLatin1();
        m_needles.append(caseSensitive ? bytes : bytes.toLower());
    }
    makeFinders();
}

AllWordsFinder::AllWordsFinder(const AllWordsFinder &other)
    : m_needles(other.m_needles)
    , m_caseSensitive(other.m_caseSensitive)
{
    makeFinders();
}

void AllWordsFinder::makeFinders()
{
    m_finders.clear();
    m_finders.reserve(size_t(m_needles.size()));
    for (const QByteArray &needle : std::as_const(m_needles))
        m_finders.emplace_back(needle, !m_caseSensitive);
}

AllWordsFinder::Result AllWordsFinder::find(const SearchText &row) const
{
    if (m_finders.empty() || !row.isRaw() || !row.isIndexed() || row.needsDecoding()
        || (!m_caseSensitive && row.foldsIntoAscii()))
        return {};
    const auto *json = reinterpret_cast<const uchar *>(row.bytes.constData());
    const qsizetype size = row.bytes.size();
    // Where each word first is in the JSON, and the end of the last of those.
    QVarLengthArray<qsizetype, 8> firsts;
    qsizetype bound = 0;
    for (const ByteFinder &finder : m_finders) {
        const qsizetype at = finder.find(json, size, 0);
        // Not in the JSON: in no value of an object (of anything else the evaluator knows).
        if (at < 0) {
            Result result;
            if (SearchText::visitSegmentsHoldingSpans(row.bytes, nullptr, 0, visitValue, nullptr))
                result.answer = Answer::NotAll;
            return result;
        }
        firsts.append(at);
        bound = std::max(bound, at + finder.size());
    }
    // First the occurrences that start before that end. Where they find every word in a value,
    // the first value they visit with a match is the first with one: one that held an earlier
    // match would hold an occurrence starting before the end (then visited), or would reach past
    // it (then it holds every span a visited value holds past it: it is that value). Most hits
    // have their words early in the entry, and the rest of it was scanned for nothing.
    Result result = findAmong(row, firsts.constData(), bound);
    // Else every occurrence: a word not found in a value is then in none.
    if (result.answer == Answer::NotAll && bound < size)
        result = findAmong(row, firsts.constData(), size);
    return result;
}

AllWordsFinder::Result AllWordsFinder::findAmong(const SearchText &row, const qsizetype *firsts, qsizetype startsBefore) const
{
    const auto *json = reinterpret_cast<const uchar *>(row.bytes.constData());
    const qsizetype size = row.bytes.size();
    QVarLengthArray<SearchText::ByteSpan, 256> spans;
    for (size_t i = 0; i < m_finders.size(); ++i) {
        const ByteFinder &finder = m_finders[i];
        qsizetype count = 0;
        qsizetype at = firsts[i];
        for (; at >= 0 && at < startsBefore && count < kMaxSpansAWord; at = finder.find(json, size, at + 1), ++count)
            spans.append({at, at + finder.size()});
        // Held too often: left to the evaluator.
        if (at >= 0 && at < startsBefore)
            return {};
    }
    std::sort(spans.begin(), spans.end(),
              [](const SearchText::ByteSpan &a, const SearchText::ByteSpan &b) { return a.start < b.start; });
    Walk walk{m_finders, row.bytes, {}, qsizetype(m_finders.size()), false, {}, {}, false};
    walk.found.resize(qsizetype(m_finders.size()));
    std::fill(walk.found.begin(), walk.found.end(), false);
    if (!SearchText::visitSegmentsHoldingSpans(row.bytes, spans.constData(), size_t(spans.size()), visitValue, &walk))
        return {}; // not an object
    if (walk.unknown)
        return {};
    // Every value holding a word holds one of its occurrences in the JSON, and each that starts
    // before `startsBefore` was visited (until all were found).
    Result result;
    result.answer = walk.left == 0 ? Answer::All : Answer::NotAll;
    if (result.answer == Answer::All) {
        result.value = std::move(walk.value);
        result.firstMatch = walk.first;
    }
    return result;
}
