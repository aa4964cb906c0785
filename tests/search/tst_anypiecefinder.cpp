// SPDX-License-Identifier: MIT
// AnyPieceFinder (one pass for all of a requirement's pieces) against comparing every piece at
// every position: random bytes with ASCII letters in both cases, UTF-8 of letters whose cases
// differ in one bit (é É), bytes next to them, over lengths that put occurrences on each side of
// the 16-byte steps and the tail the scan does byte by byte. And RegexPrefilter's spans, found
// that way for a non-ASCII requirement's spellings, against the same reference.

#include "search/anypiecefinder.h"
#include "search/regexprefilter.h"
#include "search/searchquery.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <utility>
#include <vector>

namespace {

uchar asciiLower(uchar c)
{
    return (c >= 'A' && c <= 'Z') ? uchar(c + ('a' - 'A')) : c;
}

// Every (start, piece index) where a piece is, by start then piece: the plain definition.
std::vector<std::pair<qsizetype, qsizetype>> referenceOccurrences(const QByteArray &haystack,
                                                                  const QList<QByteArray> &pieces, bool fold)
{
    std::vector<std::pair<qsizetype, qsizetype>> found;
    for (qsizetype at = 0; at < haystack.size(); ++at) {
        for (qsizetype k = 0; k < pieces.size(); ++k) {
            const QByteArray &piece = pieces.at(k);
            if (haystack.size() - at < piece.size())
                continue;
            bool equal = true;
            for (qsizetype b = 0; b < piece.size() && equal; ++b) {
                const uchar h = uchar(haystack.at(at + b));
                equal = (fold ? asciiLower(h) : h) == uchar(piece.at(b));
            }
            if (equal)
                found.emplace_back(at, k);
        }
    }
    return found;
}

const QList<QByteArray> &alphabet()
{
    static const QList<QByteArray> list = {"a", "b", "e", "E", "r", "R", "s", "t", "T", "f", " ", "\"", "\\", "@", "`",
                                           "\xC3\xA9", "\xC3\x89", "\xC3\xA0", "\xC3", "\x89", "\xA9", "\xE2\x84\xAA"};
    return list;
}

QByteArray randomBytes(QRandomGenerator &rng, int length, const QList<QByteArray> &from = alphabet())
{
    QByteArray out;
    while (out.size() < length)
        out += from.at(rng.bounded(int(from.size())));
    return out;
}

} // namespace

class TstAnyPieceFinder : public QObject
{
    Q_OBJECT

private slots:
    void findsWhatComparingEveryPositionFinds()
    {
        QRandomGenerator rng(1207);
        int compared = 0;
        qint64 occurrences = 0;
        while (compared < 4000) {
            const bool fold = rng.bounded(2) == 0;
            QList<QByteArray> pieces;
            const int count = rng.bounded(2, int(AnyPieceFinder::kMaxPieces) + 1);
            for (int k = 0; k < count; ++k) {
                QByteArray piece = randomBytes(rng, rng.bounded(1, 6));
                if (fold)
                    piece = QByteArray(piece).toLower(); // ASCII letters only: the finder's input
                pieces.append(piece);
            }
            const AnyPieceFinder finder(pieces, fold);
            if (!finder.isUsable())
                continue; // more lengths than one pass takes
            ++compared;
            const QByteArray haystack = randomBytes(rng, rng.bounded(0, 140));
            const qsizetype from = haystack.isEmpty() || rng.bounded(3) ? 0 : rng.bounded(int(haystack.size()));
            std::vector<std::pair<qsizetype, qsizetype>> expected;
            for (const auto &occurrence : referenceOccurrences(haystack, pieces, fold)) {
                if (occurrence.first >= from)
                    expected.push_back(occurrence);
            }
            std::vector<std::pair<qsizetype, qsizetype>> found;
            finder.forEach(reinterpret_cast<const uchar *>(haystack.constData()), haystack.size(), from,
                           [&found](qsizetype at, qsizetype piece) {
                               found.emplace_back(at, piece);
                               return true;
                           });
            if (found != expected) {
                QFAIL(qPrintable(QStringLiteral("pieces %1 (fold %2) in %3 from %4: %5 found, %6 expected")
                                     .arg(QString::fromLatin1(pieces.join('|').toHex(' ')))
                                     .arg(fold)
                                     .arg(QString::fromLatin1(haystack.toHex(' ')))
                                     .arg(from)
                                     .arg(found.size())
                                     .arg(expected.size())));
            }
            QCOMPARE(finder.occursIn(reinterpret_cast<const uchar *>(haystack.constData()), haystack.size()),
                     !referenceOccurrences(haystack, pieces, fold).empty());
            occurrences += qint64(expected.size());
        }
        QVERIFY2(occurrences > 4000, qPrintable(QString::number(occurrences))); // not a test of absences
    }

    void piecesOfAnyLengthInEitherCaseNearTheEnd()
    {
        // A piece of up to 16 bytes is compared with the text in one 16-byte step where 16 bytes
        // are left, a longer one (and any in the last 15 bytes) byte by byte; in the last bytes
        // only where a piece's first byte (in either case) is. Pieces of 1 to 20 bytes put into
        // the text in either case, at every distance from its end.
        QRandomGenerator rng(2512);
        int compared = 0;
        qint64 occurrences = 0;
        while (compared < 3000) {
            const bool fold = rng.bounded(2) == 0;
            QList<QByteArray> pieces;
            const int count = rng.bounded(2, int(AnyPieceFinder::kMaxPieces) + 1);
            const int length = rng.bounded(1, 21);
            for (int k = 0; k < count; ++k) {
                QByteArray piece = randomBytes(rng, length + int(rng.bounded(2)));
                if (fold)
                    piece = QByteArray(piece).toLower();
                pieces.append(piece);
            }
            const AnyPieceFinder finder(pieces, fold);
            if (!finder.isUsable())
                continue;
            ++compared;
            QByteArray haystack = randomBytes(rng, rng.bounded(0, 60));
            for (int put = rng.bounded(1, 4); put > 0; --put) {
                QByteArray piece = pieces.at(rng.bounded(int(pieces.size())));
                for (char &c : piece) {
                    if (fold && c >= 'a' && c <= 'z' && rng.bounded(2))
                        c = char(c - ('a' - 'A'));
                }
                const int fromEnd = rng.bounded(0, int(std::min<qsizetype>(haystack.size(), 24)) + 1);
                haystack.insert(haystack.size() - fromEnd, piece);
            }
            const auto expected = referenceOccurrences(haystack, pieces, fold);
            std::vector<std::pair<qsizetype, qsizetype>> found;
            finder.forEach(reinterpret_cast<const uchar *>(haystack.constData()), haystack.size(), 0,
                           [&found](qsizetype at, qsizetype piece) {
                               found.emplace_back(at, piece);
                               return true;
                           });
            if (found != expected) {
                QFAIL(qPrintable(QStringLiteral("pieces %1 (fold %2) in %3: %4 found, %5 expected")
                                     .arg(QString::fromLatin1(pieces.join('|').toHex(' ')))
                                     .arg(fold)
                                     .arg(QString::fromLatin1(haystack.toHex(' ')))
                                     .arg(found.size())
                                     .arg(expected.size())));
            }
            occurrences += qint64(expected.size());
        }
        QVERIFY2(occurrences > 3000, qPrintable(QString::number(occurrences)));
    }

    void noPieceReadPastTheTextsEnd()
    {
        // The text is a view into more bytes (a row of a mapped file, a segment of a row): a piece
        // longer than 16 bytes that begins 16 to its length bytes before the view's end is not
        // there, even when the bytes after the view complete it.
        const QList<QByteArray> pieces{"ab", "initialization_failed"};
        for (const bool fold : {false, true}) {
            const AnyPieceFinder finder(pieces, fold);
            QVERIFY(finder.isUsable());
            for (int cut = 1; cut < 6; ++cut) {
                const QByteArray buffer = QByteArray(40, 'x') + "initialization_failed";
                const qsizetype n = buffer.size() - cut;
                const auto expected = referenceOccurrences(buffer.first(n), pieces, fold);
                std::vector<std::pair<qsizetype, qsizetype>> found;
                finder.forEach(reinterpret_cast<const uchar *>(buffer.constData()), n, 0, [&found](qsizetype at, qsizetype piece) {
                    found.emplace_back(at, piece);
                    return true;
                });
                QCOMPARE(found.size(), expected.size());
            }
        }
    }

    void stopsWhenAsked()
    {
        const QByteArray haystack = QByteArray("xx fails, error, fails ").repeated(4);
        const AnyPieceFinder finder({"fails", "error"}, true);
        QVERIFY(finder.isUsable());
        QList<qsizetype> starts;
        finder.forEach(reinterpret_cast<const uchar *>(haystack.constData()), haystack.size(), 0,
                       [&starts](qsizetype at, qsizetype) {
                           starts.append(at);
                           return starts.size() < 4;
                       });
        QCOMPARE(starts, (QList<qsizetype>{3, 10, 17, 26}));
    }

    void oneOrTooManyLengthsAreNotTaken()
    {
        QVERIFY(!AnyPieceFinder({"alone"}, true).isUsable());
        QVERIFY(!AnyPieceFinder({"a", "bb", "ccc", "dddd"}, true).isUsable());
        QVERIFY(!AnyPieceFinder({"a", ""}, true).isUsable());
        QVERIFY(AnyPieceFinder({"a", "bb", "ccc"}, true).isUsable());
    }

    void strongestSpansOfNonAsciiSpellings()
    {
        // "été" case-insensitively: its four spellings, found in one pass, by start.
        SearchQuery query;
        query.pattern = QString::fromUtf8("\xC3\xA9t\xC3\xA9\\s\\w+");
        query.regex = true;
        const RegexPrefilter prefilter(query);
        QVERIFY(prefilter.isActive());
        QCOMPARE(prefilter.requirements().first().size(), 4);
        QRandomGenerator rng(66);
        qint64 spans = 0;
        for (int k = 0; k < 500; ++k) {
            static const QList<QByteArray> letters = {"t", "T", "\xC3\xA9", "\xC3\x89", "\xC3\xA0", "\xC3", "e", " "};
            const QByteArray bytes = randomBytes(rng, rng.bounded(0, 200), letters);
            std::vector<RegexPrefilter::Span> found;
            QVERIFY(prefilter.findStrongestSpans(bytes, found));
            QList<std::pair<qsizetype, qsizetype>> got;
            for (const RegexPrefilter::Span &span : found)
                got.append({span.start, span.end});
            QList<std::pair<qsizetype, qsizetype>> expected;
            for (const auto &occurrence : referenceOccurrences(bytes, prefilter.requirements().first(), true))
                expected.append({occurrence.first, occurrence.first + 5});
            QCOMPARE(got, expected);
            spans += expected.size();
        }
        QVERIFY2(spans > 100, qPrintable(QString::number(spans)));
    }
};

QTEST_GUILESS_MAIN(TstAnyPieceFinder)
#include "tst_anypiecefinder.moc"
