// normalise_spans (the last step of tifa::read, on RawDocument::visible) against the plain
// reference: a stable sort by begin, then the union.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "input/read_detail.hpp"
#include "tifa/span.hpp"

namespace {

using tifa::Span;

std::vector<Span> reference_normalised(std::vector<Span> spans) {
  std::erase_if(spans, [](const Span& s) { return s.empty(); });
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (Span span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

}  // namespace

TEST_CASE("read: normalise_spans gives the sorted union for any number of runs") {
  // Lists made of 0 to 20 runs in begin order (up to 8 are merged as runs, more are sorted),
  // with empty, equal, nested, touching and overlapping spans.
  std::uint32_t state = 4242;
  auto next = [&state](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  for (int round = 0; round < 5000; ++round) {
    std::vector<Span> spans;
    const std::uint32_t runs = next(21);
    for (std::uint32_t r = 0; r < runs; ++r) {
      std::size_t at = next(200);
      const std::uint32_t length = next(12);
      for (std::uint32_t i = 0; i < length; ++i) {
        at += next(6);  // in order within the run, begins may repeat
        spans.push_back(Span{at, at + next(8)});
      }
    }
    if (round % 7 == 0) std::reverse(spans.begin(), spans.end());  // many short runs
    CAPTURE(round);
    const std::vector<Span> expected = reference_normalised(spans);
    tifa::input::normalise_spans(spans);
    REQUIRE(spans == expected);
  }
  std::vector<Span> none;
  tifa::input::normalise_spans(none);
  CHECK(none.empty());
}
