// The lexicon matcher (spec/slogans.md §3, §8): leftmost-longest, non-overlapping matches of many
// forms in UTF-8 text, with folding, edge guards and extraction noise inside a match.
//
// A double-array trie over dense code-point codes, walked only where a 2-gram prefilter (with 3-
// and 4-gram second tests) lets it; an Aho-Corasick automaton instead of the filter when a form has
// a single code point. Folding is built into the alphabet (國 and 国 get the same code), so the scan
// never rewrites the text.
//
// Thread safety: immutable after construction; find() may run in any number of threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tifa::slogans {

struct MatcherOptions {
  bool gap_tolerance = true;               // §3.5
  std::string page_marker = "<PAGE_DIV>";  // an ignorable unit; "" = none
  bool cpu_specific_scan = true;           // false: the portable build of the scan only (for tests)
};

struct MatcherMatch {
  std::size_t begin = 0;      // bytes of the text; the first character of the form
  std::size_t end = 0;        // one past the last character of the form
  std::uint32_t pattern = 0;  // index into the pattern list given to the constructor
  std::uint8_t gap_runs = 0;  // runs of ignorable units skipped inside the match (0-2)
};

class Matcher {
 public:
  // A matcher that finds nothing.
  Matcher();
  // Compiles `patterns` (valid UTF-8, at least two code points each). Patterns that fold to the
  // same string keep the lowest index. Never throws except std::bad_alloc.
  explicit Matcher(const std::vector<std::string>& patterns, MatcherOptions options = {});

  // Appends to `out` the leftmost-longest matches in `text` (§3.3), in text order, after the edge
  // guards G1 and G2 (§3.4). `text` must be valid UTF-8. No allocation besides growing `out`.
  void find(std::string_view text, std::vector<MatcherMatch>& out) const;

  // The match find() would report first when it begins at byte 0 of `text`: the longest form
  // there that passes the guards. False (and `match` untouched) when no match begins at 0. Only the
  // walk from that start runs, not the scan of the text. `text` must be valid UTF-8.
  bool find_at_start(std::string_view text, MatcherMatch& match) const;

  // Bytes held by the compiled automaton and tables.
  std::size_t memory_bytes() const noexcept;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tifa::slogans
