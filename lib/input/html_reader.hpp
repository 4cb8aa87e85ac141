// HTML bodies (spec/cleaning.md R2-R9, R12, B1-B3, B22, H5): hexo/jekyll fragments and whole
// pages. Private to lib/input.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "tifa/options.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {

// Reads the HTML in doc.decoded.text[body] into doc.blocks, doc.images, doc.head and
// doc.removed. Markdown islands (autolinks, [text](url) links, "# " lines, page markers) are
// protected from the HTML parser and read as markdown. Never throws for any input.
void read_html(RawDocument& doc, Span body, const Options& options);

// ---- the island scan, exposed for tests/input ----

// Could text[line] hold a markdown island (a "# " line, an autolink, a link)? A quick test that
// every line holding one passes (a line starting with '#', or one with "](", "<>" or an
// autolink's "<" + scheme + "://"); the island readers decide.
bool may_hold_island(std::string_view text, Span line);

// Where the scan for islands stands: `at` is the next byte to look at, `line_begin` the start of
// its line.
struct IslandHint {
  std::size_t at;
  std::size_t line_begin;
};

// Moves `hint` to the next byte before `end` that may put an island on its line: a '#', or the
// first of "](", "<>" or ":/". Every line may_hold_island accepts holds one, so the lines
// without any (nearly all HTML lines) are never looked at one by one. Returns false when there
// is none (`hint` is then left as it was). Sets `line_begin` to the start of the hint's line.
// Uses AVX2 where the CPU has it, unless `allow_avx2` is false (the tests check both paths).
bool next_island_hint(std::string_view text, std::size_t end, IslandHint& hint, bool allow_avx2 = true);

// Sorts removal records by the start of their source into the order std::sort with that
// comparison gives, records with one start included, moving each record about once (exposed
// for tests/input, which hold it against std::sort).
void sort_removed(std::vector<RawRemoved>& removed);

}  // namespace tifa::input
