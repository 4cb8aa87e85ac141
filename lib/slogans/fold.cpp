// Folding tables (spec/slogans.md §3.2).
#include "slogans/fold.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>

#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

constexpr FoldPair kTraditionalToSimplified[] = {
#include "slogans/fold_table.inc"
};

// One bit per BMP code point: set when the table folds it. Most text is simplified, so the bitmap
// answers almost every lookup without the binary search.
constexpr std::size_t kBmpWords = 0x10000 / 64;

constexpr std::array<std::uint64_t, kBmpWords> bmp_foldable() {
  std::array<std::uint64_t, kBmpWords> bits{};
  for (const FoldPair& pair : kTraditionalToSimplified) {
    if (pair.from < 0x10000) bits[pair.from / 64] |= std::uint64_t{1} << (pair.from % 64);
  }
  return bits;
}

constexpr std::array<std::uint64_t, kBmpWords> kBmpFoldable = bmp_foldable();

// The table lists each code point once, in increasing order: then a BMP code point's pair is the
// one after the pairs of the set bits below its own, which the counts of set bits before each
// word of kBmpFoldable give without a binary search.
constexpr bool strictly_increasing() {
  for (std::size_t i = 1; i < std::size(kTraditionalToSimplified); ++i) {
    if (kTraditionalToSimplified[i - 1].from >= kTraditionalToSimplified[i].from) return false;
  }
  return true;
}
constexpr bool kOneEntryEach = strictly_increasing();

constexpr std::array<std::uint16_t, kBmpWords> bits_before_words() {
  std::array<std::uint16_t, kBmpWords> counts{};
  std::size_t count = 0;
  for (std::size_t word = 0; word < kBmpWords; ++word) {
    counts[word] = static_cast<std::uint16_t>(count);
    count += static_cast<std::size_t>(std::popcount(kBmpFoldable[word]));
  }
  return counts;
}
constexpr std::array<std::uint16_t, kBmpWords> kBitsBeforeWord = bits_before_words();
static_assert(std::size(kTraditionalToSimplified) < 0x10000, "the counts of kBitsBeforeWord fit 16 bits");

}  // namespace

char32_t fold(char32_t cp) noexcept {
  if (cp < 0x2E80) return cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp < 0x10000) {
    const std::uint64_t bits = kBmpFoldable[cp / 64];
    const std::uint64_t bit = std::uint64_t{1} << (cp % 64);
    if ((bits & bit) == 0) return cp;
    if constexpr (kOneEntryEach) {
      return kTraditionalToSimplified[kBitsBeforeWord[cp / 64] + static_cast<std::size_t>(std::popcount(bits & (bit - 1)))].to;
    }
  }
  const auto* end = std::end(kTraditionalToSimplified);
  const auto* it = std::lower_bound(std::begin(kTraditionalToSimplified), end, cp,
                                    [](const FoldPair& pair, char32_t key) { return pair.from < key; });
  return it != end && it->from == cp ? it->to : cp;
}

std::span<const FoldPair> traditional_fold_pairs() noexcept { return kTraditionalToSimplified; }

// Characters that folding leaves alone (most of them) are appended a run at a time, and told by
// their bytes as folding_changes() tells them, stepping as util::decode_at() does.
std::string fold_string(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t unchanged_from = 0;  // text[unchanged_from, pos) is appended as it stands
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    const unsigned lead = bytes[pos];
    char32_t cp = 0;
    if (lead < 0xE2u) {  // below U+2000: never folded
      length = util::sequence_length(static_cast<unsigned char>(lead));
      if (pos + length > text.size()) length = 1;
      continue;
    }
    if (lead < 0xF0u && pos + 3 <= text.size()) {
      length = 3;
      cp = ((lead & 0x0Fu) << 12) | ((bytes[pos + 1] & 0x3Fu) << 6) | (bytes[pos + 2] & 0x3Fu);
    } else {
      cp = util::decode_at(text, pos, length);
    }
    const char32_t folded = fold(cp);
    if (folded == cp) continue;
    out.append(text.data() + unchanged_from, pos - unchanged_from);
    util::append_utf8(out, folded);
    unchanged_from = pos + length;
  }
  out.append(text.data() + unchanged_from, text.size() - unchanged_from);
  return out;
}

// Asked of every lexicon mention's surface: the bytes of a character tell most of the answer. What
// a lead below E2 begins (with the length decode_at() steps by) is below U+2000, which folding never
// changes, and a three-byte character is decoded here, its bit looked up without a call.
bool folding_changes(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    const unsigned lead = bytes[pos];
    if (lead < 0xE2u) {
      length = util::sequence_length(static_cast<unsigned char>(lead));
      if (pos + length > text.size()) length = 1;
      continue;
    }
    if (lead < 0xF0u && pos + 3 <= text.size()) {
      length = 3;
      const char32_t cp = ((lead & 0x0Fu) << 12) | ((bytes[pos + 1] & 0x3Fu) << 6) | (bytes[pos + 2] & 0x3Fu);
      if (cp < 0x2E80) continue;
      if (cp >= 0xFF01 && cp <= 0xFF5E) return true;
      if ((kBmpFoldable[cp / 64] & (std::uint64_t{1} << (cp % 64))) != 0 && fold(cp) != cp) return true;
      continue;
    }
    const char32_t cp = util::decode_at(text, pos, length);
    if (fold(cp) != cp) return true;
  }
  return false;
}

}  // namespace tifa::slogans
