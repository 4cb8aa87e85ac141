// Folding for slogan matching (spec/slogans.md §3.2): traditional -> simplified (a one-to-one table
// generated at build time from ICU data) and full-width ASCII -> ASCII. Nothing else: no NFKC, no
// case folding. Folding is only ever used to compare; offsets always refer to the unfolded text.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tifa::slogans {

// The folded code point (the input itself when folding does not change it).
char32_t fold(char32_t cp) noexcept;

// `text` with every code point folded. Invalid UTF-8 sequences are copied unchanged.
std::string fold_string(std::string_view text);

// True when folding changes at least one code point of `text`.
bool folding_changes(std::string_view text) noexcept;

// One entry of the traditional -> simplified table.
struct FoldPair {
  char32_t from;
  char32_t to;
};

// Every pair of the traditional -> simplified table, sorted by `from` (the full-width range
// U+FF01-U+FF5E is arithmetic and not listed). The matcher enumerates it to give a character and
// its folded form the same code.
std::span<const FoldPair> traditional_fold_pairs() noexcept;

}  // namespace tifa::slogans
