// Folding tables (spec/slogans.md §3.2).
#include "slogans/fold.hpp"

#include <algorithm>
#include <array>
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

}  // namespace

char32_t fold(char32_t cp) noexcept {
  if (cp < 0x2E80) return cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp < 0x10000 && (kBmpFoldable[cp / 64] & (std::uint64_t{1} << (cp % 64))) == 0) return cp;
  const auto* end = std::end(kTraditionalToSimplified);
  const auto* it = std::lower_bound(std::begin(kTraditionalToSimplified), end, cp,
                                    [](const FoldPair& pair, char32_t key) { return pair.from < key; });
  return it != end && it->from == cp ? it->to : cp;
}

std::span<const FoldPair> traditional_fold_pairs() noexcept { return kTraditionalToSimplified; }

std::string fold_string(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    const char32_t cp = util::decode_at(text, pos, length);
    const char32_t folded = fold(cp);
    if (folded == cp) {
      out.append(text.substr(pos, length));
    } else {
      util::append_utf8(out, folded);
    }
  }
  return out;
}

bool folding_changes(std::string_view text) noexcept {
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    const char32_t cp = util::decode_at(text, pos, length);
    if (fold(cp) != cp) return true;
  }
  return false;
}

}  // namespace tifa::slogans
