// SPDX-License-Identifier: MIT
#include "search/regexprefilter.h"

#include "search/bytefinder.h"

#include <algorithm>

namespace {

// Each further requirement costs a scan of the entries that hold the ones before: the strongest
// few rule out nearly all that can be ruled out.
constexpr qsizetype kMaxRequirements = 3;

bool holds(QByteArrayView bytes, const QByteArray &piece, bool fold)
{
    const ByteFinder finder(piece, fold);
    return finder.find(reinterpret_cast<const uchar *>(bytes.data()), bytes.size(), 0) >= 0;
}

// U+017F LONG S and U+212A KELVIN SIGN, the non-ASCII characters that match an ASCII letter
// case-insensitively (tst_regexprefilter checks this against PCRE2).
bool holdsCharacterFoldingIntoAscii(QByteArrayView bytes)
{
    static const QByteArray longS("\xC5\xBF");
    static const QByteArray kelvin("\xE2\x84\xAA");
    return holds(bytes, longS, false) || holds(bytes, kelvin, false);
}

} // namespace

RegexPrefilter::RegexPrefilter(const SearchQuery &query)
    : m_foldAscii(!query.caseSensitive)
{
    if (!query.regex || query.isEmpty() || !query.isValid())
        return;
    m_required = RegexLiterals::required(query.pattern, query.caseSensitive, RegexLiterals::NonAscii::CaseVariants);
    if (m_required.size() > kMaxRequirements)
        m_required.resize(kMaxRequirements);
    if (!m_required.isEmpty())
        m_strongestFinder = AnyPieceFinder(m_required.first(), m_foldAscii);
}

bool RegexPrefilter::lacksARequirement(QByteArrayView bytes, qsizetype firstRequirement) const
{
    for (qsizetype k = firstRequirement; k < m_required.size(); ++k) {
        const RegexLiterals::Requirement &requirement = m_required.at(k);
        bool found = false;
        for (const QByteArray &piece : requirement) {
            if (holds(bytes, piece, m_foldAscii)) {
                found = true;
                break;
            }
        }
        if (!found)
            return true;
    }
    return false;
}

bool RegexPrefilter::findStrongestSpans(QByteArrayView bytes, std::vector<Span> &spans) const
{
    spans.clear();
    if (!isActive())
        return false;
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    // Every occurrence of every piece is wanted: one pass for all. (Whether a weaker requirement
    // is there is quicker asked of each piece in turn: the first found ends the scan, and a pass
    // for all had more candidates to check: "fails" or "error" start with 'f' or 'e'.)
    const AnyPieceFinder &anyPiece = m_strongestFinder;
    if (anyPiece.isUsable()) {
        // All pieces in one pass, by start: sorted as they come.
        bool fits = true;
        anyPiece.forEach(p, bytes.size(), 0, [&](qsizetype at, qsizetype piece) {
            if (spans.size() == kMaxSpans) {
                fits = false;
                return false;
            }
            spans.push_back({at, at + anyPiece.pieces().at(piece).size()});
            return true;
        });
        if (!fits)
            spans.clear();
        return fits;
    }
    for (const QByteArray &piece : m_required.first()) {
        const ByteFinder finder(piece, m_foldAscii);
        for (qsizetype at = finder.find(p, bytes.size(), 0); at >= 0; at = finder.find(p, bytes.size(), at + 1)) {
            if (spans.size() == kMaxSpans) {
                spans.clear();
                return false;
            }
            spans.push_back({at, at + piece.size()});
        }
    }
    if (m_required.first().size() > 1)
        std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.start < b.start; });
    return true;
}

bool RegexPrefilter::anySpanWithin(const std::vector<Span> &spans, qsizetype start, qsizetype end)
{
    auto it = std::lower_bound(spans.begin(), spans.end(), start, [](Span s, qsizetype at) { return s.start < at; });
    for (; it != spans.end() && it->start < end; ++it) {
        if (it->end <= end)
            return true;
    }
    return false;
}

bool RegexPrefilter::rowCannotMatch(const SearchText &text) const
{
    if (!isActive() || !text.isIndexed())
        return false;
    if (text.isRaw() && text.needsDecoding())
        return false;
    if (m_foldAscii && text.foldsIntoAscii())
        return false;
    return lacksARequirement(text.bytes);
}

bool RegexPrefilter::segmentCannotMatch(QByteArrayView decodedSegment, bool mayHoldFoldingIntoAscii,
                                        bool holdsStrongest) const
{
    if (!isActive() || !lacksARequirement(decodedSegment, holdsStrongest ? 1 : 0))
        return false;
    return !(m_foldAscii && mayHoldFoldingIntoAscii && holdsCharacterFoldingIntoAscii(decodedSegment));
}
