// The matcher's alphabet (spec/slogans.md §8): every code point of the folded forms gets a dense
// code, most frequent first, and every text code point that folds to one of them (國 for 国, ＋ for
// +) gets the same code, so the scan compares codes and never folds or rewrites the text. Code
// points outside every form get code 0.
//
// Lookup: a 128-entry table for ASCII, a direct table of 16-bit codes for the rest of the BMP
// (128 KiB: one load where the two-level page table of spec/slogans.md §8 costs two dependent
// ones; matching measured 0.5-3 % faster on the bench/ form sets, 7 % on the dense one), and a
// sorted list for astral code points and for codes that do not fit 16 bits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace tifa::slogans {

class Alphabet {
 public:
  using Code = std::uint32_t;
  static constexpr Code kUnknown = 0;

  Alphabet() = default;
  // `folded` lists the distinct folded code points of the forms, most frequent first: the first
  // gets code 1, the second code 2, and so on.
  explicit Alphabet(const std::vector<char32_t>& folded);

  Code code_of(char32_t cp) const noexcept {
    if (cp < 0x80) return ascii_[cp];
    if (cp < 0x10000) {
      const std::uint16_t code = bmp_[cp];
      if (code != kOverflow) return code;
    }
    return code_in_fallback(cp);
  }

  // Number of codes, code 0 included.
  Code size() const noexcept { return static_cast<Code>(folded_.size()); }
  // The folded code point a code stands for (0 for code 0).
  char32_t folded(Code code) const noexcept { return folded_[code]; }

  // Calls visit(cp, code) for every code point with a non-zero code.
  template <class Visit>
  void for_each_member(Visit visit) const {
    for (char32_t cp = 0; cp < 0x80; ++cp) {
      if (ascii_[cp] != kUnknown) visit(cp, ascii_[cp]);
    }
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
      const std::uint16_t code = bmp_[cp];
      if (code != kUnknown && code != kOverflow) visit(cp, static_cast<Code>(code));
    }
    for (const auto& [cp, code] : fallback_) visit(cp, code);
  }

  std::size_t memory_bytes() const noexcept;

 private:
  // A BMP entry that sends the lookup to the fallback list (a code above 0xFFFE).
  static constexpr std::uint16_t kOverflow = 0xFFFF;

  Code code_in_fallback(char32_t cp) const noexcept;
  void build_tables(const std::vector<std::pair<char32_t, Code>>& members);

  std::array<Code, 128> ascii_{};
  std::vector<std::uint16_t> bmp_ = std::vector<std::uint16_t>(0x10000, 0);  // by code point (ASCII unused)
  std::vector<std::pair<char32_t, Code>> fallback_;  // sorted by code point
  std::vector<char32_t> folded_ = {0};               // indexed by code
};

}  // namespace tifa::slogans
