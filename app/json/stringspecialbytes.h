// SPDX-License-Identifier: MIT
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The bytes a JSON string's text cannot hold as they are: a backslash, a control byte (below
// 0x20) and, when written, the quote. Found 16 bytes a step: most text has none, and a writer or
// a reader that looks at each byte spent most of its time there (JsonWriter::appendString was a
// sixth of a large agent log's conversion).
namespace StringSpecialBytes {

// The first backslash or control byte of [p, end) (and, with QuoteToo, the first '"'), or end.
template <bool QuoteToo>
inline const char *first(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i controlMax = _mm_set1_epi8(0x1F);
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i quote = _mm_set1_epi8('"');
    for (; end - p >= 16; p += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // max(b, 0x1F) == 0x1F exactly for the bytes 0x00..0x1F (unsigned).
        __m128i special = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(block, controlMax), controlMax), _mm_cmpeq_epi8(block, backslash));
        if constexpr (QuoteToo)
            special = _mm_or_si128(special, _mm_cmpeq_epi8(block, quote));
        const unsigned mask = unsigned(_mm_movemask_epi8(special));
        if (mask)
            return p + __builtin_ctz(mask);
    }
#endif
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == '\\' || (QuoteToo && c == '"'))
            return p;
    }
    return end;
}

} // namespace StringSpecialBytes
