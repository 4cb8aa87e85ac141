// The matcher's alphabet (spec/slogans.md §8).
#include "slogans/alphabet.hpp"

#include <algorithm>
#include <unordered_map>

#include "slogans/fold.hpp"

namespace tifa::slogans {

namespace {

// Every code point whose fold lies in the alphabet, with that code. A code point y folds to a
// member v either because y == v and fold(v) == v, or because y is the source of a
// traditional -> simplified pair or a full-width ASCII character: those three sets are the only
// candidates, and each candidate is kept only when fold(y) really is a member (the table need not
// be idempotent).
std::vector<std::pair<char32_t, Alphabet::Code>> members_of(
    const std::unordered_map<char32_t, Alphabet::Code>& code_of_folded) {
  std::vector<std::pair<char32_t, Alphabet::Code>> members;
  const auto add_if_member = [&](char32_t cp) {
    const auto it = code_of_folded.find(fold(cp));
    if (it != code_of_folded.end()) members.emplace_back(cp, it->second);
  };
  for (const auto& entry : code_of_folded) add_if_member(entry.first);
  for (const FoldPair& pair : traditional_fold_pairs()) {
    if (code_of_folded.count(pair.to) != 0) add_if_member(pair.from);
  }
  for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) add_if_member(cp);
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

}  // namespace

Alphabet::Alphabet(const std::vector<char32_t>& folded) {
  std::unordered_map<char32_t, Code> code_of_folded;
  for (const char32_t cp : folded) {
    if (code_of_folded.emplace(cp, static_cast<Code>(folded_.size())).second) folded_.push_back(cp);
  }
  build_tables(members_of(code_of_folded));
}

void Alphabet::build_tables(const std::vector<std::pair<char32_t, Code>>& members) {
  for (const auto& [cp, code] : members) {
    if (cp < 0x80) {
      ascii_[cp] = code;
    } else if (cp < 0x10000 && code < kOverflow) {
      bmp_[cp] = static_cast<std::uint16_t>(code);
    } else {
      if (cp < 0x10000) bmp_[cp] = kOverflow;
      fallback_.emplace_back(cp, code);  // `members` is sorted, so this list is too
    }
  }
}

Alphabet::Code Alphabet::code_in_fallback(char32_t cp) const noexcept {
  const auto it = std::lower_bound(fallback_.begin(), fallback_.end(), cp,
                                   [](const auto& entry, char32_t key) { return entry.first < key; });
  return it != fallback_.end() && it->first == cp ? it->second : kUnknown;
}

std::size_t Alphabet::memory_bytes() const noexcept {
  return sizeof(ascii_) + bmp_.capacity() * sizeof(std::uint16_t) +
         fallback_.capacity() * sizeof(fallback_[0]) + folded_.capacity() * sizeof(char32_t);
}

}  // namespace tifa::slogans
