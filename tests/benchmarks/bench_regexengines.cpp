// SPDX-License-Identifier: MIT
// Compares the regular-expression engines a run's search could use for its full match, over the
// decoded text of 100,000 synthetic entries (bench_search's), segment by segment as the search
// matches: PCRE2 with JIT through QRegularExpression (what Runlog uses: Unicode \w and \b, the
// same case folding as the plain search), with and without the cost of decoding each segment to
// UTF-16; RE2 on the UTF-8 bytes; Hyperscan (amd64 only) when built with it. Built only when RE2
// is found (pkg-config re2). Build Release and run:
//     bench_regexengines [entries=100000]
// Prints MB of raw JSON per second (the same measure as bench_search) of each engine counting
// matches in every segment, with no prefilter: the cost the prefilter saves, and the speed left
// for patterns without a required string.

#include "syntheticrun.h"
#include "search/searchtext.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>

#include <re2/re2.h>
#if defined(RUNLOG_BENCH_HYPERSCAN)
#include <hs/hs.h>
#endif

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

struct Case
{
    const char *pattern;
    bool caseSensitive;
};

double bestSeconds(const std::function<qint64()> &work, qint64 *result)
{
    double best = 1e9;
    for (int k = 0; k < 3; ++k) {
        QElapsedTimer timer;
        timer.start();
        *result = work();
        best = std::min(best, timer.nsecsElapsed() / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int entryCount = argc > 1 ? qMax(100, QByteArray(argv[1]).toInt()) : 100000;

    SyntheticRun gen(20250621, true);
    qint64 rawBytes = 0;
    QList<QByteArray> segments;
    for (int i = 0; i < entryCount; ++i) {
        const QByteArray json = gen.entry(987654, i);
        rawBytes += json.size();
        SearchText::visitSegments(json, [](void *context, QByteArrayView segment) {
            static_cast<QList<QByteArray> *>(context)->append(segment.toByteArray());
            return true;
        }, &segments);
    }
    QList<QString> decoded;
    for (const QByteArray &segment : std::as_const(segments))
        decoded.append(QString::fromUtf8(segment));
    std::printf("%d entries, %.1f MB of JSON, %lld segments\n\n", entryCount, rawBytes / 1e6, qint64(segments.size()));

    const Case cases[] = {
        {"Traceback", false},
        {"exit code [1-9][0-9]*", false},
        {"get[A-Z][a-z]+Data", true},
        {"xyzzy_\\w+\\(", false},
        {"module\\d+\\.cpp:\\d+", false},
        {"\\d{4}-\\d{2}-\\d{2}T\\d", false},
        {"[A-Z][a-z]+Error", true},
        {"\\w+", false},
    };
    std::printf("%-26s | %14s %14s | %14s", "pattern", "PCRE2 MB/s", "+UTF-16 MB/s", "RE2 MB/s");
#if defined(RUNLOG_BENCH_HYPERSCAN)
    std::printf(" | %14s", "Hyperscan MB/s");
#endif
    std::printf("\n");
    for (const Case &c : cases) {
        QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
        if (!c.caseSensitive)
            options |= QRegularExpression::CaseInsensitiveOption;
        QRegularExpression pcre(QString::fromUtf8(c.pattern), options);
        pcre.optimize();
        const auto countPcre = [&](const QString &text) {
            qint64 n = 0;
            QRegularExpressionMatchIterator it = pcre.globalMatch(text);
            while (it.hasNext()) {
                if (it.next().capturedLength() > 0)
                    ++n;
            }
            return n;
        };
        qint64 pcreCount = 0;
        const double pcreSecs = bestSeconds([&] {
            qint64 n = 0;
            for (const QString &text : std::as_const(decoded))
                n += countPcre(text);
            return n;
        }, &pcreCount);
        qint64 pcreDecodeCount = 0;
        const double pcreDecodeSecs = bestSeconds([&] {
            qint64 n = 0;
            for (const QByteArray &segment : std::as_const(segments))
                n += countPcre(QString::fromUtf8(segment));
            return n;
        }, &pcreDecodeCount);

        RE2::Options re2Options;
        re2Options.set_case_sensitive(c.caseSensitive);
        re2Options.set_log_errors(false);
        const RE2 re2(c.pattern, re2Options);
        qint64 re2Count = 0;
        const double re2Secs = bestSeconds([&] {
            qint64 n = 0;
            for (const QByteArray &segment : std::as_const(segments)) {
                const re2::StringPiece text(segment.constData(), size_t(segment.size()));
                size_t at = 0;
                re2::StringPiece match;
                while (at <= text.size() && re2.Match(text, at, text.size(), RE2::UNANCHORED, &match, 1)) {
                    const size_t end = size_t(match.data() - text.data()) + match.size();
                    if (match.empty()) {
                        at = end + 1;
                        continue;
                    }
                    ++n;
                    at = end;
                }
            }
            return n;
        }, &re2Count);
        std::printf("%-26s | %14.0f %14.0f | %14.0f", c.pattern, rawBytes / 1e6 / pcreSecs, rawBytes / 1e6 / pcreDecodeSecs,
                    rawBytes / 1e6 / re2Secs);
#if defined(RUNLOG_BENCH_HYPERSCAN)
        // Hyperscan reports match ends, not leftmost-longest matches: timed to "does this
        // segment match" (SINGLEMATCH), the most it could be asked for.
        hs_database_t *db = nullptr;
        hs_compile_error_t *error = nullptr;
        unsigned flags = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SINGLEMATCH;
        if (!c.caseSensitive)
            flags |= HS_FLAG_CASELESS;
        if (hs_compile(c.pattern, flags, HS_MODE_BLOCK, nullptr, &db, &error) == HS_SUCCESS) {
            hs_scratch_t *scratch = nullptr;
            hs_alloc_scratch(db, &scratch);
            qint64 hsCount = 0;
            const double hsSecs = bestSeconds([&] {
                qint64 n = 0;
                for (const QByteArray &segment : std::as_const(segments)) {
                    hs_scan(db, segment.constData(), unsigned(segment.size()), 0, scratch,
                            [](unsigned, unsigned long long, unsigned long long, unsigned, void *context) {
                                ++*static_cast<qint64 *>(context);
                                return 0;
                            }, &n);
                }
                return n;
            }, &hsCount);
            std::printf(" | %14.0f", rawBytes / 1e6 / hsSecs);
            hs_free_scratch(scratch);
            hs_free_database(db);
        } else {
            std::printf(" | %14s", "(no)");
            hs_free_compile_error(error);
        }
#endif
        std::printf("   (%lld / %lld matches)\n", pcreCount, re2Count);
    }
    return 0;
}
