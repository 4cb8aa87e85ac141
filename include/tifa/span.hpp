// tifa::Span: a half-open byte range [begin, end).
//
// Which buffer a span indexes is stated where it is used: Document::text for block, sentence and
// mention spans, the original input bytes for every raw_* span.
#pragma once

#include <cstddef>

namespace tifa {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  constexpr std::size_t size() const noexcept { return end - begin; }
  constexpr bool empty() const noexcept { return end <= begin; }
  friend constexpr bool operator==(const Span&, const Span&) = default;
};

}  // namespace tifa
