// Text access for member linking (spec/slogans.md §5): a window of the mention's block, at most
// 600 bytes (200 Chinese characters) either side of the mention, with the character classes the rules use (quote
// marks, clause punctuation, ignorable units of §3.5). Every position stays inside the window, so
// a link never leaves the block and every scan is bounded, whatever the input.
//
// Words (connectors, verbs, markers) are compared after folding (§3.2), so 這 matches 这 and 與
// matches 与; a match therefore reports its own length in bytes of the text.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/span.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans::member_text {

// Where the clause holding an enumeration starts; `bounded` is false when the scan stopped at the
// edge of the window rather than at punctuation or the block start.
struct ClauseStart {
  std::size_t pos = 0;
  bool bounded = false;
};

using Words = std::span<const std::string_view>;

// One of a list of words found in the text.
struct WordMatch {
  std::string_view word;  // as listed
  Span span;              // in the text
};

// A word list with the folded first and last character of each word (0 for an empty word), worked
// out once: the searches of a Window compare one character per word before matching any, which
// matters for the long lists asked about at every mention (56 governing verbs). The words must
// outlive it.
class FoldedWords {
 public:
  explicit FoldedWords(Words words);
  std::size_t size() const noexcept { return words_.size(); }
  std::string_view operator[](std::size_t i) const noexcept { return words_[i]; }
  char32_t first(std::size_t i) const noexcept { return first_[i]; }
  char32_t last(std::size_t i) const noexcept { return last_[i]; }
  // The word's code points folded, as the searches compare them.
  const std::u32string& folded(std::size_t i) const noexcept { return folded_[i]; }
  // False when no (non-empty) word begins / ends with the folded character `c`: the searches ask
  // at every character, and most characters rule out all the words of a long list (the governing
  // verbs) without a pass over them.
  bool may_begin_with(char32_t c) const noexcept { return firsts_.test(c % kFilterBits); }
  bool may_end_with(char32_t c) const noexcept { return lasts_.test(c % kFilterBits); }

 private:
  static constexpr std::size_t kFilterBits = 1024;
  Words words_;
  std::vector<char32_t> first_;
  std::vector<char32_t> last_;
  std::vector<std::u32string> folded_;
  std::bitset<kFilterBits> firsts_;
  std::bitset<kFilterBits> lasts_;
};

// Words in which a function word is none (和 in 和谐, 等 in 平等), with the folded code points of
// each, worked out once: Window::inside_word() compares them at many mentions. The words must
// outlive it.
class WordsWithin {
 public:
  WordsWithin() = default;
  explicit WordsWithin(Words words);
  std::size_t size() const noexcept { return words_.size(); }
  std::string_view operator[](std::size_t i) const noexcept { return words_[i]; }
  const std::u32string& folded(std::size_t i) const noexcept { return folded_[i]; }

 private:
  Words words_;
  std::vector<std::u32string> folded_;
};

class Window {
 public:
  // The window around `outer` inside `block`; std::nullopt when the spans do not nest
  // (outer ⊆ block ⊆ text).
  static std::optional<Window> around(std::string_view text, Span block, Span outer);

  std::size_t lo() const noexcept { return lo_; }
  std::size_t hi() const noexcept { return hi_; }

  // Bytes of the text starting at `pos` (ending at `end`) that equal `word` after folding; 0 for
  // "" and std::nullopt when the text differs.
  std::optional<std::size_t> match_at(std::size_t pos, std::string_view word) const noexcept;
  std::optional<std::size_t> match_before(std::size_t end, std::string_view word) const noexcept;
  // match_at() and match_before() of a word given by its folded code points.
  std::optional<std::size_t> match_folded_at(std::size_t pos, std::u32string_view folded_word) const noexcept;
  std::optional<std::size_t> match_folded_before(std::size_t end, std::u32string_view folded_word) const noexcept;
  // The first of `words` that starts at region.begin and ends inside `region`.
  std::optional<WordMatch> word_at(Span region, const FoldedWords& words) const noexcept;
  // The first of `words` that ends at `end` and is not part of one of `exceptions`.
  std::optional<WordMatch> word_before(std::size_t end, const FoldedWords& words,
                                       const WordsWithin& exceptions) const noexcept;
  // True when the function word matched at `found` is part of one of `words` (和 in 和谐, 等 in
  // 平等, 即 in 即将).
  bool inside_word(Span found, std::string_view function_word, const WordsWithin& words) const noexcept;
  // Every occurrence of any of `words` inside `region`, in text order.
  std::vector<WordMatch> find_words(Span region, const FoldedWords& words) const;
  // False when no character of `region` may begin one of `words` (FoldedWords::may_begin_with), so
  // that find_words() and word_at() find none there: a test that costs no allocation and no word
  // comparison. True too when `region` is not inside the window.
  bool may_hold_word(Span region, const FoldedWords& words) const noexcept;
  // The folded character that ends at `end`; 0 at or before the window's start (or past its end).
  char32_t folded_before(std::size_t end) const noexcept;
  // Bytes of the character at `pos` (at least 1, so loops always advance).
  std::size_t character_length(std::size_t pos) const noexcept;
  // The position `n` characters before `end` (not below `floor`).
  std::size_t back_characters(std::size_t end, std::size_t n, std::size_t floor) const noexcept;

  // Skipping ignorable units (§3.5) and quote marks. A Han character (lead byte E4-E9), what most
  // positions hold, is neither: it is told here, inline, by its lead byte.
  std::size_t skip_ignorable(std::size_t pos) const noexcept {
    return begins_han(pos) ? pos : skip_ignorable_units(pos);
  }
  std::size_t skip_ignorable_back(std::size_t end) const noexcept;
  std::size_t skip_closing_quote(std::size_t pos) const noexcept {  // one “”-style mark
    return begins_han(pos) ? pos : skip_closing_mark(pos);
  }
  std::size_t skip_opening_quote_back(std::size_t end) const noexcept;  // one “”-style mark
  std::size_t skip_opening_noise(Span region) const noexcept;  // ignorable units, opening quotes
  // The position of an opening quote mark ending at `pos` (else `pos`); the end of a closing
  // quote mark starting at `end` (else `end`).
  std::size_t opening_quote_before(std::size_t pos) const noexcept;
  std::size_t closing_quote_after(std::size_t end) const noexcept;
  // Positions right after the opening quote marks of `region` that are not closed inside it.
  std::vector<std::size_t> unclosed_opening_quotes(Span region) const;
  // When `region` ends with a quote pair (“X” before the first 、 of items quoted one by one), the
  // position of its opening mark.
  std::optional<std::size_t> final_quote_start(Span region) const noexcept;
  // True when `region`, ignorable units aside, is one quote pair: “X”.
  bool is_quoted_whole(Span region) const noexcept;
  // Start of the `n` characters before `end` (ignorable units and a closing quote before `end`
  // not counted), with an opening quote right before them.
  std::size_t back_by_characters(std::size_t end, std::size_t n) const noexcept;

  // Clause boundaries: punctuation ，。；：！？… (and ASCII), closing brackets, the block edge.
  ClauseStart clause_start_before(std::size_t end) const noexcept;
  std::optional<std::size_t> clause_end_after(std::size_t begin) const noexcept;
  // The matching closing bracket after `begin` (nested pairs skipped).
  std::optional<std::size_t> closing_bracket_after(std::size_t begin, std::string_view opening,
                                                   std::string_view closing) const noexcept;

  // Item trimming (§5 rule 4).
  Span trim_ignorable(Span item) const noexcept;
  // Quote marks at the edges whose partner is not inside the item: “A” → A, “A → A, A” → A,
  // but “X”工程 stays.
  Span trim_edge_quotes(Span item) const noexcept;
  Span trim_leading_word(Span item, const FoldedWords& words, const WordsWithin& exceptions) const noexcept;
  Span trim_trailing_word(Span item, Words words, const WordsWithin& exceptions) const noexcept;

  // Characters that are not ignorable units.
  std::size_t count_characters(Span item) const noexcept;
  // True when `item` has a character other than ignorable units and quote marks.
  bool has_content(Span item) const noexcept;
  bool has_clause_punctuation(Span item) const noexcept;
  std::string without_ignorable(Span item) const;

 private:
  Window(std::string_view text, std::size_t lo, std::size_t hi, bool lo_is_block_start,
         bool hi_is_block_end)
      : text_(text), lo_(lo), hi_(hi), lo_is_block_start_(lo_is_block_start),
        hi_is_block_end_(hi_is_block_end), changed_by_folding_(changed_by_folding_table()) {}

  // One bit per BMP code point that folding changes (immutable, shared by all windows).
  static const std::uint64_t* changed_by_folding_table();

  // Inline, as before(): the member scans call them at nearly every character.
  char32_t at(std::size_t pos, std::size_t& length) const noexcept {
    if (pos >= hi_) {
      length = 1;
      return 0;
    }
    const char32_t cp = util::decode_at(text_, pos, length);
    length = std::min(length, hi_ - pos);
    return cp;
  }
  char32_t before(std::size_t end, std::size_t& length) const noexcept {
    if (end <= lo_ || end > hi_) {
      length = 1;
      return 0;
    }
    const std::size_t start = std::max(util::previous_start(text_, end), lo_);
    length = end - start;
    return util::code_point_at(text_, start);
  }
  bool begins_han(std::size_t pos) const noexcept {
    return pos < hi_ && static_cast<unsigned char>(text_[pos]) - 0xE4u <= 0xE9u - 0xE4u;
  }
  std::size_t skip_ignorable_units(std::size_t pos) const noexcept;
  std::size_t skip_closing_mark(std::size_t pos) const noexcept;
  bool raw_starts_with(std::size_t pos, std::string_view bytes) const noexcept;
  bool raw_ends_with(std::size_t end, std::string_view bytes) const noexcept;
  std::size_t ignorable_length_at(std::size_t pos, std::size_t limit) const noexcept;
  std::size_t ignorable_length_before(std::size_t end, std::size_t limit) const noexcept;
  bool contains_quote(Span region, bool opening) const noexcept;

  std::string_view text_;
  std::size_t lo_;
  std::size_t hi_;
  bool lo_is_block_start_;
  bool hi_is_block_end_;
  const std::uint64_t* changed_by_folding_;
};

}  // namespace tifa::slogans::member_text
