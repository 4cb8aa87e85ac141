// How far a JSON string may copy its value unchanged: the run of well-formed UTF-8 without a byte
// that JSON escapes. Every string of the output goes through this scan (the text, then each
// block, sentence and mention span of it again), so it is the writer's per-byte loop.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "output/utf8_step.hpp"
#include "util/cpu_features.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_OUTPUT_SSE2 1
#else
#define TIFA_OUTPUT_SSE2 0
#endif

namespace tifa::output {

// The bytes JSON cannot hold as they are: control characters, the quote and the backslash.
inline bool needs_json_escape(unsigned char c) noexcept { return c < 0x20 || c == '"' || c == '\\'; }

// The end of the copyable run from `i`, one character at a time: the reference of the scan below.
inline std::size_t copyable_run_end_by_characters(std::string_view s, std::size_t i) noexcept {
  return well_formed_run_end(s, i, needs_json_escape);
}

#if TIFA_OUTPUT_SSE2
namespace sse2_scan {

// The bits of the 16 lanes of `v` whose byte lies in [low, low + span], as unsigned bytes.
inline unsigned in_range(__m128i v, unsigned char low, unsigned char span) noexcept {
  const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(low)));
  const __m128i limit = _mm_set1_epi8(static_cast<char>(span));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(shifted, limit), shifted)));
}

// What a 16-byte block that begins at a character boundary allows to copy.
struct BlockScan {
  std::size_t length = 0;  // bytes of complete, copyable characters from the block's start
  bool at_escape = false;  // the run ends there, at a byte JSON escapes
};

// How many bytes from the start of a 16-byte block that begins at a character boundary are
// copyable, complete characters, when the block holds only the common kinds of byte: ASCII that
// needs no escape, the leads of two-byte characters (C2-DF), the leads of three-byte characters
// whose second byte may be any continuation byte (E1-EC, EE, EF: nearly all of Chinese text) and
// continuation bytes exactly where those leads want them. When the block holds a byte to escape
// and only such characters before it, the length up to that byte, which ends the run. 0 when the
// block holds anything else before its first escape (another lead, a misplaced continuation): the
// character walk decides those.
inline BlockScan scan_block(const unsigned char* block) noexcept {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
  // Signed, bytes 80-FF are below 0x20 too: they are not plain ASCII either.
  const unsigned special = static_cast<unsigned>(
      _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))))));
  if (special == 0) return {16, false};
  const unsigned plain = ~special & 0xFFFFu;
  const unsigned continuation = in_range(v, 0x80, 0x3F);
  const unsigned lead2 = in_range(v, 0xC2, 0x1D);
  const unsigned lead3 = in_range(v, 0xE1, 0x0E) & ~in_range(v, 0xED, 0);
  // The continuation bytes the leads ask for; those past the block belong to a character that
  // the block cuts, which is left for the next block.
  const unsigned wanted = (lead2 << 1) | (lead3 << 1) | (lead3 << 2);
  const unsigned wrong = (~(plain | continuation | lead2 | lead3) | (continuation ^ wanted)) & 0xFFFFu;
  if (wrong == 0) {
    // A character cut by the block's end starts at byte 14 (three bytes) or 15 (two or three).
    if (((lead3 >> 14) & 1) != 0) return {14, false};
    if ((((lead2 | lead3) >> 15) & 1) != 0) return {15, false};
    return {16, false};
  }
  // The escapes are the special bytes below 0x80 (the sign bit clear).
  const unsigned escapes = special & ~static_cast<unsigned>(_mm_movemask_epi8(v));
  if (escapes == 0) return {0, false};
  const unsigned first = static_cast<unsigned>(std::countr_zero(escapes));
  const unsigned before = (1u << first) - 1;
  // Nothing wrong before the escape, and no lead before it that wants the escape's byte.
  if ((wrong & before) != 0 || ((wanted >> first) & 1) != 0) return {0, false};
  return {first, true};
}

}  // namespace sse2_scan
#endif

#if TIFA_OUTPUT_SSE2 && TIFA_CPU_DISPATCH
// The same scan 32 bytes a step, for long strings (the text) on CPUs with AVX2.
namespace avx2_scan {

using sse2_scan::BlockScan;

// The bits of the 32 lanes of `v` whose byte lies in [low, low + span], as unsigned bytes.
TIFA_TARGET_AVX2 inline std::uint32_t in_range(__m256i v, unsigned char low, unsigned char span) noexcept {
  const __m256i shifted = _mm256_sub_epi8(v, _mm256_set1_epi8(static_cast<char>(low)));
  const __m256i limit = _mm256_set1_epi8(static_cast<char>(span));
  return static_cast<std::uint32_t>(
      _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(shifted, limit), shifted)));
}

// sse2_scan::scan_block for a 32-byte block.
TIFA_TARGET_AVX2 inline BlockScan scan_block(const unsigned char* block) noexcept {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
  // Signed, bytes 80-FF are below 0x20 too: they are not plain ASCII either.
  const auto special = static_cast<std::uint32_t>(_mm256_movemask_epi8(
      _mm256_or_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v),
                      _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                      _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))))));
  if (special == 0) return {32, false};
  const std::uint32_t plain = ~special;
  const std::uint32_t continuation = in_range(v, 0x80, 0x3F);
  const std::uint32_t lead2 = in_range(v, 0xC2, 0x1D);
  const std::uint32_t lead3 = in_range(v, 0xE1, 0x0E) & ~in_range(v, 0xED, 0);
  // Wanted continuation bytes past the block belong to a character it cuts (bits 32 and 33).
  const std::uint64_t wanted = (std::uint64_t{lead2} << 1) | (std::uint64_t{lead3} << 1) | (std::uint64_t{lead3} << 2);
  const std::uint32_t wrong = ~(plain | continuation | lead2 | lead3) |
                              (continuation ^ static_cast<std::uint32_t>(wanted));
  if (wrong == 0) {
    if (((lead3 >> 30) & 1) != 0) return {30, false};
    if ((((lead2 | lead3) >> 31) & 1) != 0) return {31, false};
    return {32, false};
  }
  const std::uint32_t escapes = special & ~static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
  if (escapes == 0) return {0, false};
  const auto first = static_cast<unsigned>(std::countr_zero(escapes));
  const std::uint32_t before = (std::uint32_t{1} << first) - 1;
  if ((wrong & before) != 0 || ((wanted >> first) & 1) != 0) return {0, false};
  return {first, true};
}

// From `i`, over the 32-byte blocks that hold only common characters: where the run ends at an
// escape (at_escape), or the start of a block this scan leaves to the others, or of the last
// bytes, fewer than 32.
TIFA_TARGET_AVX2 inline BlockScan common_run(const unsigned char* bytes, std::size_t size, std::size_t i) noexcept {
  while (size - i >= 32) {
    const BlockScan scan = scan_block(bytes + i);
    if (scan.at_escape) return {i + scan.length, true};
    if (scan.length == 0) break;
    i += scan.length;
  }
  return {i, false};
}

}  // namespace avx2_scan
#endif

// The end of the run from `i` of well-formed UTF-8 without a byte JSON escapes: the first position
// of an invalid sequence or of such a byte, or s.size(). Equal to copyable_run_end_by_characters.
inline std::size_t copyable_run_end(std::string_view s, std::size_t i) noexcept {
#if TIFA_OUTPUT_SSE2
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
#if TIFA_CPU_DISPATCH
  // Short strings do not pay for the CPU test.
  const bool avx2 = s.size() - i >= 64 && util::cpu_has_avx2();
#endif
  // `i` stays at a character boundary: every block starts where a character does.
  while (s.size() - i >= 16) {
#if TIFA_CPU_DISPATCH
    if (avx2) {
      const sse2_scan::BlockScan run = avx2_scan::common_run(bytes, s.size(), i);
      if (run.at_escape) return run.length;
      i = run.length;
      if (s.size() - i < 16) break;
    }
#endif
    const sse2_scan::BlockScan scan = sse2_scan::scan_block(bytes + i);
    if (scan.at_escape) return i + scan.length;
    if (scan.length != 0) {
      i += scan.length;
      continue;
    }
    // A block with a rare byte: the character walk takes it, for one block's length at least, or
    // stops where the run ends.
    const std::size_t walk_end = i + 16;
    while (i < walk_end) {
      const auto c = bytes[i];
      if (c < 0x80) {
        if (needs_json_escape(c)) return i;
        ++i;
        continue;
      }
      const Utf8Step step = utf8_step(s, i);
      if (!step.valid) return i;
      i += step.length;
    }
  }
#endif
  return copyable_run_end_by_characters(s, i);
}

}  // namespace tifa::output
