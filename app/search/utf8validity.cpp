// SPDX-License-Identifier: MIT
#include "search/utf8validity.h"

#include <QtGlobal>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace Utf8Validity {

namespace {

bool inRange(uchar c, uchar low, uchar high)
{
    return c >= low && c <= high;
}

// The length of the well-formed sequence that starts at p (its lead byte >= 0x80), or 0.
qsizetype sequenceLength(const uchar *p, qsizetype left)
{
    const uchar lead = p[0];
    if (inRange(lead, 0xC2, 0xDF))
        return left >= 2 && inRange(p[1], 0x80, 0xBF) ? 2 : 0;
    if (inRange(lead, 0xE0, 0xEF)) {
        if (left < 3)
            return 0;
        // E0: no overlong form (A0..BF); ED: no surrogate (80..9F).
        const uchar low = lead == 0xE0 ? 0xA0 : 0x80;
        const uchar high = lead == 0xED ? 0x9F : 0xBF;
        return inRange(p[1], low, high) && inRange(p[2], 0x80, 0xBF) ? 3 : 0;
    }
    if (inRange(lead, 0xF0, 0xF4)) {
        if (left < 4)
            return 0;
        // F0: no overlong form (90..BF); F4: nothing past U+10FFFF (80..8F).
        const uchar low = lead == 0xF0 ? 0x90 : 0x80;
        const uchar high = lead == 0xF4 ? 0x8F : 0xBF;
        return inRange(p[1], low, high) && inRange(p[2], 0x80, 0xBF) && inRange(p[3], 0x80, 0xBF) ? 4 : 0;
    }
    return 0; // 80..C1 (a continuation byte, an overlong lead) or F5..FF
}

} // namespace

bool isValid(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (n - i >= 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            const unsigned high = unsigned(_mm_movemask_epi8(block)); // the bytes >= 0x80
            if (!high) {
                i += 16;
                continue;
            }
            i += __builtin_ctz(high);
        }
#endif
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const qsizetype length = sequenceLength(p + i, n - i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

} // namespace Utf8Validity
