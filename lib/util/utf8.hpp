// UTF-8 and character-class helpers shared by every stage (not a stage itself: no state, no
// dependencies). Text handed to them is valid UTF-8 (the decoder guarantees it); a stray byte
// still decodes as itself and never reads out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tifa::util {

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
constexpr std::size_t sequence_length(unsigned char lead) {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// The code point at text[pos]; `length` receives its size in bytes.
inline char32_t decode_at(std::string_view text, std::size_t pos, std::size_t& length) {
  auto lead = static_cast<unsigned char>(text[pos]);
  length = sequence_length(lead);
  if (pos + length > text.size()) length = 1;
  if (length == 1) return lead;
  char32_t c = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) c = (c << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  return c;
}

inline char32_t code_point_at(std::string_view text, std::size_t pos) {
  std::size_t length = 0;
  return decode_at(text, pos, length);
}

// Start of the code point that ends just before `end`.
inline std::size_t previous_start(std::string_view text, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start;
}

inline char32_t code_point_before(std::string_view text, std::size_t end) {
  return code_point_at(text, previous_start(text, end));
}

// H of spec/cleaning.md: Han characters (the CJK ideograph blocks) and 〇.
constexpr bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF) || c == 0x3007;
}

constexpr bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whitespace for layout purposes: ASCII space and controls TAB..CR, U+00A0, U+3000 and the other
// Zs spaces.
constexpr bool is_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x3000 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

inline bool is_blank_text(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    if (!is_space(decode_at(text, pos, length))) return false;
    pos += length;
  }
  return true;
}

// Appends the UTF-8 encoding of `c` (a scalar value) to `out`.
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Every byte but the continuation bytes (10xxxxxx) starts a code point. Callers count every short
// line and span, so the continuation bytes are counted eight at a time: bit 7 of each byte of
// `marks` is set when the byte has bit 7 set and bit 6 clear. The marks of up to 31 words add up
// byte by byte, and their sum (at most 8 * 31 = 248) fits the top byte of the multiplication that
// adds the eight bytes.
inline std::size_t count_code_points(std::string_view text) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  constexpr std::uint64_t kLowBits = 0x0101010101010101ull;
  const char* const data = text.data();
  const std::size_t words = text.size() / 8;
  std::size_t continuation = 0;
  for (std::size_t word = 0; word < words;) {
    const std::size_t batch_end = words - word < 31 ? words : word + 31;
    std::uint64_t byte_counts = 0;
    for (; word < batch_end; ++word) {
      std::uint64_t bytes = 0;
      std::memcpy(&bytes, data + word * 8, 8);
      const std::uint64_t marks = bytes & ~(bytes << 1) & kHighBits;
      byte_counts += marks >> 7;
    }
    continuation += static_cast<std::size_t>((byte_counts * kLowBits) >> 56);
  }
  for (std::size_t pos = words * 8; pos < text.size(); ++pos)
    continuation += (static_cast<unsigned char>(data[pos]) & 0xC0) == 0x80;
  return text.size() - continuation;
}

}  // namespace tifa::util
