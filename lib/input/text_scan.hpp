// Small UTF-8 scanning helpers shared by the readers. Private to lib/input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tifa::input {

// Length of the whitespace character at text[pos] (ASCII space, TAB, LF, CR, FF, VT, U+3000,
// U+00A0), or 0. Never reads at or past `end`.
inline std::size_t whitespace_length_at(std::string_view text, std::size_t pos, std::size_t end) {
  if (pos >= end) return 0;
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && pos + 1 < end && static_cast<unsigned char>(text[pos + 1]) == 0xA0) return 2;
  if (c == 0xE3 && pos + 2 < end && static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
      static_cast<unsigned char>(text[pos + 2]) == 0x80)
    return 3;
  return 0;
}

// Length of the whitespace character that ends just before `end` (see above), or 0.
inline std::size_t whitespace_length_before(std::string_view text, std::size_t begin,
                                            std::size_t end) {
  if (end <= begin) return 0;
  for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
    if (end >= begin + n && whitespace_length_at(text, end - n, end) == n) return n;
  }
  return 0;
}

// True when text[range) holds only whitespace (as above).
inline bool is_blank(std::string_view text, std::size_t begin, std::size_t end) {
  // The ASCII ones by one mask test: the blank runs between tags are made of them.
  constexpr std::uint64_t kAsciiWhitespace = (std::uint64_t{1} << ' ') | (std::uint64_t{1} << '\t') |
                                             (std::uint64_t{1} << '\n') | (std::uint64_t{1} << '\r') |
                                             (std::uint64_t{1} << '\f') | (std::uint64_t{1} << '\v');
  for (std::size_t pos = begin; pos < end;) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c <= ' ' && ((kAsciiWhitespace >> c) & 1u) != 0) {
      ++pos;
      continue;
    }
    std::size_t n = whitespace_length_at(text, pos, end);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

// Number of code points in valid UTF-8.
inline std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// ASCII lower-case copy test: does text start with `prefix` ignoring ASCII case?
inline bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace tifa::input

#include "util/utf8.hpp"

namespace tifa::input {

using util::decode_at;
using util::is_ascii_alnum;
using util::is_han;

// The code point that ends just before `end`; `length` receives its size in bytes.
inline char32_t decode_before(std::string_view text, std::size_t /*begin*/, std::size_t end,
                              std::size_t& length) {
  std::size_t start = util::previous_start(text, end);
  return decode_at(text, start, length);
}

}  // namespace tifa::input
