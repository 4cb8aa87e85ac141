// Working with a block's text through its pieces: mapping text offsets to the decoded input and
// cutting ranges out. Private to lib/clean.
#pragma once

#include <string_view>
#include <vector>

#include "tifa/reader.hpp"

namespace tifa::clean {

// Bytes of the pieces' text, without building it. Inline: the line rules and the layout tests ask
// it of nearly every block, most of which have one piece.
inline std::size_t text_size(const std::vector<Piece>& pieces) {
  std::size_t size = 0;
  for (const Piece& piece : pieces) size += piece.verbatim ? piece.end - piece.begin : piece.text.size();
  return size;
}

// The decoded ranges that text[range) of the pieces comes from, adjacent ranges merged. A
// replacement piece contributes its whole source range when any of its bytes is in `range`.
std::vector<Span> source_of(std::string_view decoded, const std::vector<Piece>& pieces, Span range);

// Calls fn(Span) for each range source_of would return, in order, without building the list (the
// line rules map every value and every removed part of a moved line).
template <typename Fn>
void for_each_source(const std::vector<Piece>& pieces, Span range, Fn&& fn) {
  Span pending{};
  bool has_pending = false;
  std::size_t offset = 0;  // of the current piece in the text
  for (const Piece& piece : pieces) {
    const std::size_t size = piece.verbatim ? piece.end - piece.begin : piece.text.size();
    const std::size_t begin = offset > range.begin ? offset : range.begin;
    const std::size_t end = offset + size < range.end ? offset + size : range.end;
    if (begin < end) {
      const Span span = piece.verbatim ? Span{piece.begin + (begin - offset), piece.begin + (end - offset)}
                                       : Span{piece.begin, piece.end};
      if (!span.empty()) {
        if (has_pending && pending.end == span.begin) {
          pending.end = span.end;
        } else {
          if (has_pending) fn(pending);
          pending = span;
          has_pending = true;
        }
      }
    }
    offset += size;
    if (offset >= range.end) break;
  }
  if (has_pending) fn(pending);
}

// One decoded range covering text[range) (from the first source byte to the last).
Span source_hull(std::string_view decoded, const std::vector<Piece>& pieces, Span range);

// Removes text[range) from the pieces (splitting verbatim pieces; a replacement piece is removed
// whole when `range` covers any of it) and returns the decoded ranges removed.
std::vector<Span> cut(std::string_view decoded, std::vector<Piece>& pieces, Span range);


}  // namespace tifa::clean
