// Markdown syntax that appears in every body format (spec/cleaning.md R2, R10, B8, B9): autolinks,
// [text](url) links, lines made only of links, and the page marker. Private to lib/input.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "tifa/reader.hpp"

namespace tifa::input {

// "<scheme://...>" or the empty autolink "<>" starting at `pos`; the span covers the brackets.
// A scheme is letters, digits, '+', '-', '.' followed by "://".
std::optional<Span> match_autolink(std::string_view text, std::size_t pos);

// "[text](url)" starting at `pos` (text without newlines or brackets, url without spaces).
std::optional<Link> match_link(std::string_view text, std::size_t pos);

// Every markdown link inside text[range], in order.
std::vector<Link> find_links(std::string_view text, Span range);

// True when text[range] (one line, surrounding whitespace allowed) holds only links separated by
// spaces, '|', '｜' or '丨'. `links` receives them.
bool is_link_line(std::string_view text, Span range, std::vector<Link>& links);

// The line text[range] without surrounding ASCII/ideographic whitespace.
Span trim_line(std::string_view text, Span range);

// The first occurrence of `needle` (two bytes or more) that starts at or after `from` and ends
// by `end`, or npos: text.substr(0, end).find(needle, from), its first two bytes looked for
// 16 places at a time (HTML is full of '<').
std::size_t find_within(std::string_view text, std::size_t from, std::size_t end, std::string_view needle);

// Byte offsets of every occurrence of `marker` in text[range]; none when marker is empty.
std::vector<std::size_t> find_markers(std::string_view text, Span range, std::string_view marker);

// The first place p in [from, end - 1) where text[p] is `first` and text[p + 1] is `second` or
// `other_second`, or npos. Two searches for pairs that start alike ("<!" of a comment, "<P" of a
// page marker) in one pass, 32 places at a time with AVX2 where the CPU has it (unless
// `allow_avx2` is false: the tests check both paths), else 16.
std::size_t find_either_pair(std::string_view text, std::size_t from, std::size_t end, char first,
                             char second, char other_second, bool allow_avx2 = true);

// Calls fn(Span line) for each line of text[range] (without its '\n') until fn returns false:
// detection only needs the first lines of a document, which may be megabytes long.
template <typename Fn>
void for_each_line_while(std::string_view text, Span range, Fn&& fn) {
  std::size_t pos = range.begin;
  while (pos < range.end) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = (nl == std::string_view::npos || nl > range.end) ? range.end : nl;
    if (!fn(Span{pos, end})) return;
    pos = end + 1;
  }
}

// Calls fn(Span line) for each line of text[range] (without its '\n').
template <typename Fn>
void for_each_line(std::string_view text, Span range, Fn&& fn) {
  for_each_line_while(text, range, [&fn](Span line) {
    fn(line);
    return true;
  });
}

}  // namespace tifa::input
