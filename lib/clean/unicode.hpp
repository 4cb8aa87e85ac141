// Character classes of spec/cleaning.md used by the cleaning rules. Private to lib/clean.
#pragma once

#include <cstddef>
#include <string_view>

namespace tifa::clean {

// Bytes of N1 whitespace (U+3000, U+0020, U+00A0, TAB, LF) at the start / end of `text`.
std::size_t leading_space_bytes(std::string_view text);
std::size_t trailing_space_bytes(std::string_view text);

// Number of code points of valid UTF-8.
std::size_t code_points(std::string_view text);

}  // namespace tifa::clean
