// Whole-text byte scans of recognition, many bytes at a time: the counts of §7 (the characters of
// the whole text, code point offsets of the mentions) and finding a three-byte character (D9's
// 简称). Byte by byte these were a noticeable part of recognition. SSE2 (every x86-64) takes 16
// bytes a step, AVX2 32 where the CPU has it (or the standard search is used); every path gives
// exactly what the byte loop of the tail gives. Code points alone are util::count_code_points.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "util/cpu_features.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_SLOGANS_SSE2 1
#else
#define TIFA_SLOGANS_SSE2 0
#endif

namespace tifa::slogans {

constexpr bool is_continuation_byte(unsigned char byte) noexcept { return (byte & 0xC0u) == 0x80u; }

#if TIFA_SLOGANS_SSE2
namespace sse2 {

// The continuation bytes of 16 bytes as lanes of -1 (signed compare: 80-BF are -128..-65).
inline __m128i continuation_lanes(__m128i bytes) noexcept {
  return _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(0xC0)));
}

// The number of -1 lanes of `lanes` (each lane 0 or -1), as a sum in two 64-bit halves.
inline __m128i lane_sums(__m128i lanes) noexcept {
  return _mm_sad_epu8(_mm_and_si128(lanes, _mm_set1_epi8(1)), _mm_setzero_si128());
}

inline std::size_t total(__m128i sums) noexcept {
  std::uint64_t halves[2];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(halves), sums);
  return static_cast<std::size_t>(halves[0] + halves[1]);
}

}  // namespace sse2
#endif

#if TIFA_CPU_DISPATCH
// Helpers of the AVX2 builds (functions: a lambda would not be built for AVX2).
namespace avx2 {

TIFA_TARGET_AVX2 inline __m256i bytes_of(unsigned char byte) { return _mm256_set1_epi8(static_cast<char>(byte)); }

// The lanes of `bytes` equal to `byte`.
TIFA_TARGET_AVX2 inline __m256i is(__m256i bytes, unsigned char byte) { return _mm256_cmpeq_epi8(bytes, bytes_of(byte)); }

// Lanes of 0 or -1 counted, in four 64-bit quarters.
TIFA_TARGET_AVX2 inline __m256i lane_sums(__m256i lanes) {
  return _mm256_sad_epu8(_mm256_and_si256(lanes, bytes_of(1)), _mm256_setzero_si256());
}

TIFA_TARGET_AVX2 inline std::size_t total(__m256i sums) {
  std::uint64_t quarters[4];
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(quarters), sums);
  return static_cast<std::size_t>(quarters[0] + quarters[1] + quarters[2] + quarters[3]);
}

}  // namespace avx2
#endif

#if TIFA_CPU_DISPATCH
// find_three_byte_character() 32 bytes a step (AVX2) from `i`; returns where it stopped, before the
// last 33 bytes, which the caller looks at. A function of its own: a lambda would not be built for
// AVX2.
TIFA_TARGET_AVX2 inline std::size_t find_three_byte_character_avx2(std::string_view text, std::string_view character,
                                                                   std::vector<std::size_t>& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const __m256i first = _mm256_set1_epi8(character[0]);
  const __m256i second = _mm256_set1_epi8(character[1]);
  const __m256i third = _mm256_set1_epi8(character[2]);
  std::size_t i = 0;
  for (; i + 34 <= text.size(); i += 32) {
    const __m256i found = _mm256_and_si256(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i)), first),
        _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1)), second),
                         _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 2)), third)));
    for (auto bits = static_cast<std::uint32_t>(_mm256_movemask_epi8(found)); bits != 0; bits &= bits - 1) {
      out.push_back(i + static_cast<unsigned>(std::countr_zero(bits)));
    }
  }
  return i;
}
#endif

// Appends to `out` the byte offset of every occurrence of `character` (three bytes, e.g. "称") in
// `text`, in order. In Chinese text the lead byte of such a character is common, so a search by
// its first byte (std::string_view::find) stops every few bytes. `cpu_specific_scan` lets the AVX2
// build run where the CPU has it (the same offsets).
inline void find_three_byte_character(std::string_view text, std::string_view character,
                                      std::vector<std::size_t>& out, bool cpu_specific_scan = true) {
  if (character.size() != 3) return;
  std::size_t i = 0;
#if TIFA_CPU_DISPATCH
  if (cpu_specific_scan && util::cpu_has_avx2()) i = find_three_byte_character_avx2(text, character, out);
#else
  (void)cpu_specific_scan;
#endif
#if TIFA_SLOGANS_SSE2
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const __m128i first = _mm_set1_epi8(character[0]);
  const __m128i second = _mm_set1_epi8(character[1]);
  const __m128i third = _mm_set1_epi8(character[2]);
  for (; i + 18 <= text.size(); i += 16) {
    const auto load = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at)); };
    const __m128i found = _mm_and_si128(_mm_cmpeq_epi8(load(i), first),
                                        _mm_and_si128(_mm_cmpeq_epi8(load(i + 1), second),
                                                      _mm_cmpeq_epi8(load(i + 2), third)));
    for (auto bits = static_cast<unsigned>(_mm_movemask_epi8(found)); bits != 0; bits &= bits - 1) {
      out.push_back(i + static_cast<unsigned>(std::countr_zero(bits)));
    }
  }
#endif
  for (std::size_t at = text.find(character, i); at != std::string_view::npos; at = text.find(character, at + 1)) {
    out.push_back(at);
  }
}

// Whether a sentence end of holds_sentence_end() begins at s[i] of `size` bytes (the three-byte
// ones only when they fit). A function of its own, always inlined: as a lambda it was a call for
// each E3 of 、 and 。 in a quote.
[[gnu::always_inline]] inline bool sentence_end_at(const unsigned char* s, std::size_t i, std::size_t size) {
  const unsigned char byte = s[i];
  if (byte == '!' || byte == '?') return true;
  if (i + 3 > size) return false;
  if (byte == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x82) return true;  // 。
  return byte == 0xEF && s[i + 1] == 0xBC && (s[i + 2] == 0x81 || s[i + 2] == 0x9F || s[i + 2] == 0x9B);  // ！？；
}

// True when `text` holds 。 ！ ？ ； ! or ? (their UTF-8 anywhere in the bytes). Discovery asks it of
// every quote's content (speech, which no rule takes, holds one), so the bytes that may begin one
// ('!', '?', E3, EF) are found 16 at a time and only those are looked at.
inline bool holds_sentence_end(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  const auto ends_at = [s, size](std::size_t i) { return sentence_end_at(s, i, size); };
  std::size_t i = 0;
#if TIFA_SLOGANS_SSE2
  const auto is = [](__m128i bytes, unsigned char byte) {
    return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(static_cast<char>(byte)));
  };
  for (; i + 16 <= size; i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i may_begin = _mm_or_si128(_mm_or_si128(is(bytes, '!'), is(bytes, '?')),
                                           _mm_or_si128(is(bytes, 0xE3), is(bytes, 0xEF)));
    for (auto bits = static_cast<unsigned>(_mm_movemask_epi8(may_begin)); bits != 0; bits &= bits - 1) {
      if (ends_at(i + static_cast<unsigned>(std::countr_zero(bits)))) return true;
    }
  }
#endif
  for (; i < size; ++i) {
    if (ends_at(i)) return true;
  }
  return false;
}

}  // namespace tifa::slogans
