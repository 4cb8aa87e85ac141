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
  for (std::size_t pos = begin; pos < end;) {
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

namespace tifa::input {

// Decodes the code point at text[pos] (valid UTF-8 assumed; a stray byte decodes as itself) and
// stores its length in `length`.
inline char32_t decode_at(std::string_view text, std::size_t pos, std::size_t& length) {
  auto b0 = static_cast<unsigned char>(text[pos]);
  auto cont = [&](std::size_t i) {
    return pos + i < text.size() ? static_cast<char32_t>(static_cast<unsigned char>(text[pos + i]) & 0x3F)
                                 : char32_t{0};
  };
  if (b0 < 0x80) { length = 1; return b0; }
  if (b0 < 0xE0 && b0 >= 0xC0) { length = 2; return (char32_t(b0 & 0x1F) << 6) | cont(1); }
  if (b0 < 0xF0 && b0 >= 0xE0) {
    length = 3;
    return (char32_t(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  }
  if (b0 >= 0xF0) {
    length = 4;
    return (char32_t(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  }
  length = 1;
  return b0;
}

// The code point that ends just before `end` (begin <= start of that code point).
inline char32_t decode_before(std::string_view text, std::size_t begin, std::size_t end,
                              std::size_t& length) {
  std::size_t start = end - 1;
  while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return decode_at(text, start, length);
}

// H of spec/cleaning.md: Han characters and 〇.
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

inline bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace tifa::input
