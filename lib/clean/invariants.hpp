// The invariants of spec/cleaning.md §7 that one run can check (I1-I6, I8, I9, I11). Tests run
// them on every document; the library runs them when Options::verify is on. Private to lib/.
//
// I7 (determinism, idempotence) and I10 (options do not change other text) compare several runs:
// the tests check them (tests/clean/test_invariants.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tifa/document.hpp"
#include "tifa/reader.hpp"

namespace tifa::clean {

struct InvariantFailure {
  std::string id;       // "I1" ... "I11"
  std::string message;  // what failed, with a short excerpt of the text concerned
  Span raw_span;        // where in the input; empty when the failure has no place there
};

// At most this many failures are listed per invariant; one more entry then gives the count of
// the rest, so that a badly broken document cannot flood a test log.
inline constexpr std::size_t kMaxFailuresPerInvariant = 10;

// Checks I1, I2, I3, I4, I5, I6, I8, I9 and I11 on `doc`. `input` is the original bytes, `raw`
// what the readers produced for them (the clean stage consumed a copy of it), and `page_marker`
// the option of the same name (I11 looks for it in `text`; "" skips that test). Returns the
// failures, grouped by invariant in the order above; empty when every invariant holds. Linear in
// the size of the document up to logarithmic factors; allocates one byte per input byte.
std::vector<InvariantFailure> check_invariants(std::string_view input, const RawDocument& raw,
                                               const Document& doc,
                                               std::string_view page_marker = "<PAGE_DIV>");

}  // namespace tifa::clean
