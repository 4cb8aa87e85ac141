// The matcher's prefilter (spec/slogans.md §8): bit tables of hashed character pairs (and longer
// prefixes) that can begin a match, tested at every character of the text before the automaton is
// entered, and the UTF-8 helpers of that scan.
//
// A character is keyed by its raw UTF-8 bytes (the first 1-4 bytes of a 32-bit load), not by its
// code point or alphabet code, and a pair by the bytes of its two characters as the text holds
// them (at most eight, read in one 64-bit load): the key costs a load and a mask, with no decoding,
// so the scan tests one pair per character in a tight loop. Loads are little-endian whatever the
// machine, so that the tables and the scan agree everywhere. Folding is handled when the tables
// are built: every spelling of a form's first characters (國/国, ＋/+) is entered.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "util/cpu_features.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tifa::slogans {

// Bytes of the UTF-8 sequence a lead byte announces (1 for ASCII, continuation and invalid
// bytes), as util::sequence_length.
constexpr std::size_t sequence_length(unsigned char lead) noexcept {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// The sizeof(Word) bytes at `bytes` as a little-endian number: byte i in bits 8i to 8i+7.
template <class Word>
Word load_le(const unsigned char* bytes) noexcept {
  Word word = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&word, bytes, sizeof word);
  } else {
    for (unsigned i = 0; i < sizeof word; ++i) word |= static_cast<Word>(Word{bytes[i]} << (8 * i));
  }
  return word;
}
inline std::uint64_t load_le64(const unsigned char* bytes) noexcept { return load_le<std::uint64_t>(bytes); }
inline std::uint32_t load_le32(const unsigned char* bytes) noexcept { return load_le<std::uint32_t>(bytes); }

// kLowBytes[n]: the mask of the low n bytes of a 64-bit word (all of them from 8 on), for n up
// to 64, the bytes of a block (in valid UTF-8 a pair never has more than 8).
inline constexpr std::array<std::uint64_t, 65> kLowBytes = [] {
  std::array<std::uint64_t, 65> masks{};
  for (unsigned n = 0; n < masks.size(); ++n) masks[n] = n >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
  return masks;
}();

// For each lead byte, the mask that keeps the bytes of its sequence in a little-endian 32-bit load
// (a table, not a branch on the byte).
inline constexpr std::array<std::uint32_t, 256> kKeyMask = [] {
  std::array<std::uint32_t, 256> masks{};
  for (unsigned lead = 0; lead < 256; ++lead) {
    masks[lead] = static_cast<std::uint32_t>(kLowBytes[sequence_length(static_cast<unsigned char>(lead))]);
  }
  return masks;
}();

// The key of the character that starts at `bytes`, where at least four bytes are readable.
inline std::uint32_t character_key(const unsigned char* bytes) noexcept {
  return load_le32(bytes) & kKeyMask[bytes[0]];
}

// The key of the first character of `text` (not empty).
inline std::uint32_t character_key(std::string_view text) noexcept {
  unsigned char padded[4] = {0, 0, 0, 0};
  std::memcpy(padded, text.data(), text.size() < 4 ? text.size() : 4);
  return character_key(padded);
}

// Bit i set when block[i] begins a character (is not a UTF-8 continuation byte), for the 64
// bytes of `block`.
inline std::uint64_t character_starts64(const unsigned char* block) noexcept {
#if defined(__SSE2__)
  // Continuation bytes are 0x80-0xBF, that is -128..-65 as signed bytes.
  const __m128i threshold = _mm_set1_epi8(-65);
  std::uint64_t starts = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i));
    starts |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(bytes, threshold))))
              << (16 * i);
  }
  return starts;
#else
  std::uint64_t starts = 0;
  for (unsigned i = 0; i < 64; ++i) starts |= static_cast<std::uint64_t>((block[i] & 0xC0) != 0x80) << i;
  return starts;
#endif
}

#if TIFA_CPU_DISPATCH
// character_starts64 with AVX2: two 32-byte compares instead of four 16-byte ones (only after
// util::cpu_has_avx2() said yes).
TIFA_TARGET_AVX2 inline std::uint64_t character_starts64_avx2(const unsigned char* block) noexcept {
  const __m256i threshold = _mm256_set1_epi8(-65);
  const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
  const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
  const auto low_starts = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(low, threshold)));
  const auto high_starts = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(high, threshold)));
  return std::uint64_t{high_starts} << 32 | low_starts;
}
#endif

// Hashes of the first characters of a match, from their keys: pair_hash of the first two, then
// extend_hash with each further one.
//
// pair_hash is a hash of the pair's bytes as the text holds them, the first character low (its
// "pair word"), so that the scan hashes a pair straight from one load masked to the pair's length
// (pair_word_hash), with no key of either character on its own. The shift drops the top two
// bytes, so that two three-byte characters (six bytes) hash from an unmasked load; of a pair of
// seven or eight bytes it drops the end, which only makes more pairs share a bit.
inline constexpr std::uint64_t kPairMultiplier = 0x9E3779B97F4A7C15ULL;
inline std::uint64_t pair_word_hash(std::uint64_t pair_word) noexcept { return (pair_word << 16) * kPairMultiplier; }
inline std::uint64_t pair_hash(std::uint32_t first, std::uint32_t second) noexcept {
  const std::size_t first_bytes = sequence_length(static_cast<unsigned char>(first & 0xFF));
  return pair_word_hash(first | std::uint64_t{second} << (8 * first_bytes));
}

// pair_hash of the two three-byte characters at bytes[0..5], where eight bytes are readable.
inline std::uint64_t window_pair_hash(const unsigned char* bytes) noexcept { return pair_word_hash(load_le64(bytes)); }
inline std::uint64_t extend_hash(std::uint64_t prefix, std::uint32_t next) noexcept {
  return (prefix ^ next) * 0xD6E8FEB86659FD93ULL;
}

// A set of hashes as one bit each (a Bloom filter with one hash function): no false negatives.
// 2^Bits bits: the pair filter, read at every character, has 2^18 (32 KiB, half a core's L1 data
// cache); the filters read only after a pair passed may be larger.
template <unsigned Bits>
class BitFilter {
 public:
  static constexpr unsigned kBits = Bits;

  BitFilter() : bits_((std::size_t{1} << kBits) / 64, 0) {}

  void add(std::uint64_t hash) noexcept {
    const std::uint64_t slot = hash >> (64 - kBits);
    bits_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }
  bool may_contain(std::uint64_t hash) const noexcept { return may_contain(bits_.data(), hash); }
  // The same on the table's words, for loops that keep them in a register. The bit within the
  // word is taken from a rotated copy, as a bit test reads its index modulo 64: with BMI2 the
  // rotation (rorx) leaves the hash for the word's shift, so no copy is made.
  static bool may_contain(const std::uint64_t* words, std::uint64_t hash) noexcept {
    return (words[hash >> (64 - kBits + 6)] >> (std::rotr(hash, 64 - kBits) % 64) & 1) != 0;
  }
  const std::uint64_t* words() const noexcept { return bits_.data(); }

  std::size_t memory_bytes() const noexcept { return bits_.capacity() * sizeof(std::uint64_t); }

 private:
  std::vector<std::uint64_t> bits_;
};

}  // namespace tifa::slogans
