// Internals of tifa::read, shared with the HTML reader and exposed for the unit tests.
#pragma once

#include <vector>

#include "tifa/reader.hpp"
#include "tifa/span.hpp"

namespace tifa::input {

// Sorts spans and merges the overlapping and touching ones; empty spans are dropped (the last
// step of reading, on RawDocument::visible).
void normalise_spans(std::vector<Span>& spans);

// Appends the front matter's value spans to doc.visible (the first spans of a document), with
// room reserved for `body_spans` more (the body reader's, when it knows how many: one
// allocation, not two).
void add_front_matter_spans(RawDocument& doc, std::size_t body_spans);

}  // namespace tifa::input
