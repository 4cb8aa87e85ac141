// Working with a block's text through its pieces: mapping text offsets to the decoded input and
// cutting ranges out. Private to lib/clean.
#pragma once

#include <string_view>
#include <vector>

#include "tifa/reader.hpp"

namespace tifa::clean {

// Bytes of the pieces' text, without building it.
std::size_t text_size(const std::vector<Piece>& pieces);

// The decoded ranges that text[range) of the pieces comes from, adjacent ranges merged. A
// replacement piece contributes its whole source range when any of its bytes is in `range`.
std::vector<Span> source_of(std::string_view decoded, const std::vector<Piece>& pieces, Span range);

// One decoded range covering text[range) (from the first source byte to the last).
Span source_hull(std::string_view decoded, const std::vector<Piece>& pieces, Span range);

// Removes text[range) from the pieces (splitting verbatim pieces; a replacement piece is removed
// whole when `range` covers any of it) and returns the decoded ranges removed.
std::vector<Span> cut(std::string_view decoded, std::vector<Piece>& pieces, Span range);


}  // namespace tifa::clean
