// Internals of tifa::read, exposed for the unit tests.
#pragma once

#include <vector>

#include "tifa/span.hpp"

namespace tifa::input {

// Sorts spans and merges the overlapping and touching ones; empty spans are dropped (the last
// step of reading, on RawDocument::visible).
void normalise_spans(std::vector<Span>& spans);

}  // namespace tifa::input
