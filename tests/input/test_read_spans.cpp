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

TEST_CASE("read: normalise_spans joins one run in a pass, skipping empty spans wherever they begin") {
  // An empty span out of order does not leave the one-run pass; a span that begins before the
  // last joined one hands the rest, with the part joined so far, to the merge of runs.
  std::vector<Span> one_run{{5, 9}, {2, 2}, {9, 12}, {12, 12}, {14, 15}};
  tifa::input::normalise_spans(one_run);
  CHECK(one_run == std::vector<Span>{{5, 12}, {14, 15}});
  std::vector<Span> two_runs{{5, 9}, {7, 8}, {9, 12}, {14, 15}, {0, 0}, {1, 3}, {12, 14}, {20, 21}};
  const std::vector<Span> expected = reference_normalised(two_runs);
  tifa::input::normalise_spans(two_runs);
  CHECK(two_runs == expected);
  CHECK(two_runs == std::vector<Span>{{1, 3}, {5, 15}, {20, 21}});
}
