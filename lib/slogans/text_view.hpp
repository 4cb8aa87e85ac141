// What the recogniser knows about the text it works on: blocks, sentences, quote pairs, book
// titles and the document date. Built once per text; every part of recognition reads it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/span.hpp"

namespace tifa::slogans {

// One quote pair (spec/slogans.md §3.6). `content` excludes the marks and ignorable units at its
// ends; `outer` includes the marks.
struct QuotePair {
  Span outer;
  Span content;
  int depth = 0;  // 0 for an outermost pair
  std::size_t parent = kNoParent;  // index of the innermost pair around this one

  static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);
};

struct TextView {
  std::string_view text;
  std::vector<Span> blocks;      // sorted, disjoint
  std::vector<Span> sentences;   // sorted, disjoint
  std::vector<QuotePair> quotes; // sorted by outer.begin
  std::vector<Span> titles;      // 《…》 / 〈…〉 contents, sorted
  std::string date;              // the published local date "YYYY-MM-DD", or empty

  // Index of the block / sentence holding byte `pos` (the nearest one before it when `pos` lies
  // between two); 0 when there are none.
  std::size_t block_of(std::size_t pos) const noexcept;
  std::size_t sentence_of(std::size_t pos) const noexcept;
  Span block_span(std::size_t pos) const noexcept;
  Span sentence_span(std::size_t pos) const noexcept;
  // The quote pair whose content is exactly `span`, or nullptr.
  const QuotePair* quote_with_content(Span span) const noexcept;
  // The quote pair whose opening mark is at byte `pos`, or nullptr.
  const QuotePair* quote_opening_at(std::size_t pos) const noexcept;
  // The innermost quote pair whose content contains `span`, or nullptr.
  const QuotePair* quote_around(Span span) const noexcept;
  bool in_title(Span span) const noexcept;
};

// Quote pairs and titles of each block (§3.6): a stack per block, so nesting works; ASCII `"`
// pairs left to right (an odd one out is ignored); ASCII `'` pairs only inside another pair;
// reversed and unclosed marks make no pair. view.text must be valid UTF-8 (the recogniser checks).
// `cpu_specific_scan` lets the scan for marks run its AVX2 build where the CPU has it (the same
// pairs; tests hold both builds to each other).
void find_quotes_and_titles(TextView& view, bool cpu_specific_scan = true);

// Blocks of a plain text given to Recognizer::find(): paragraphs separated by blank lines.
std::vector<Span> paragraphs_of(std::string_view text);

}  // namespace tifa::slogans
