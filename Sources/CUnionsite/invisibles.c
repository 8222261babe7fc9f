// The scan for invisible characters (see containsInvisibles in Site/InvisibleScan.swift), sixteen
// bytes at a time with SSE2: Swift's SIMD types compile to a loop per lane here, and every byte of
// every file of every build passes through it, so it is the one loop worth writing in C
// (BENCHMARKS.md has the comparison).
#include "cunionsite.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Whether an invisible character ends at byte `end`: a control byte other than tab, line feed and
// carriage return, DEL, the end of E2 80 8B (U+200B), or of EF BB BF (U+FEFF) not at offset 0.
static bool ends_invisible(const uint8_t *b, size_t end) {
    uint8_t c = b[end];
    if (c < 0x20) return c != 0x09 && c != 0x0A && c != 0x0D;
    if (c == 0x7F) return true;
    if (c == 0x8B && end >= 2) return b[end - 1] == 0x80 && b[end - 2] == 0xE2;
    if (c == 0xBF && end >= 3) return b[end - 1] == 0xBB && b[end - 2] == 0xEF;
    return false;
}

bool unionsite_contains_invisibles(const uint8_t *bytes, size_t count) {
    size_t offset = 0;
    // The first bytes one at a time, so every block read has two bytes before it.
    for (; offset < count && offset < 16; offset++) {
        if (ends_invisible(bytes, offset)) return true;
    }
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A),
                  cr = _mm_set1_epi8(0x0D), del = _mm_set1_epi8(0x7F),
                  zwsp3 = _mm_set1_epi8((char)0x8B), zwsp2 = _mm_set1_epi8((char)0x80), zwsp1 = _mm_set1_epi8((char)0xE2),
                  bom3 = _mm_set1_epi8((char)0xBF), bom2 = _mm_set1_epi8((char)0xBB), bom1 = _mm_set1_epi8((char)0xEF);
    for (; count - offset >= 16; offset += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + offset));
        __m128i p1 = _mm_loadu_si128((const __m128i *)(bytes + offset - 1));
        __m128i p2 = _mm_loadu_si128((const __m128i *)(bytes + offset - 2));
        // v <= 0x1F (unsigned) as min(v, 0x1F) == v, then not tab, line feed or carriage return.
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below), v);
        __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
        __m128i found = _mm_or_si128(_mm_andnot_si128(allowed, control), _mm_cmpeq_epi8(v, del));
        found = _mm_or_si128(found, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v, zwsp3), _mm_cmpeq_epi8(p1, zwsp2)),
                                                  _mm_cmpeq_epi8(p2, zwsp1)));
        found = _mm_or_si128(found, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v, bom3), _mm_cmpeq_epi8(p1, bom2)),
                                                  _mm_cmpeq_epi8(p2, bom1)));
        if (_mm_movemask_epi8(found) != 0) return true;
    }
#endif
    for (; offset < count; offset++) {
        if (ends_invisible(bytes, offset)) return true;
    }
    return false;
}
