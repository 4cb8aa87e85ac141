// Helpers shared by the fuzz targets (fuzz/): checks that abort with a message, and a UTF-8
// repair for the APIs that require valid UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tifa_fuzz {

// A broken invariant is a finding: print it and abort (libFuzzer saves the input).
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "tifa fuzz invariant broken: %s\n", what);
  std::abort();
}

#define TIFA_FUZZ_CHECK(condition) \
  do {                             \
    if (!(condition)) ::tifa_fuzz::fail(#condition); \
  } while (false)

// The length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one
// (overlong forms, surrogates and code points over U+10FFFF are invalid).
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// `s` with every byte that does not start a valid UTF-8 sequence replaced by U+FFFD.
inline std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

inline std::size_t code_points(std::string_view valid_utf8) {
  std::size_t n = 0;
  for (const char ch : valid_utf8)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

inline bool is_boundary(std::string_view valid_utf8, std::size_t offset) {
  return offset == valid_utf8.size() ||
         (offset < valid_utf8.size() && (static_cast<unsigned char>(valid_utf8[offset]) & 0xC0) != 0x80);
}

}  // namespace tifa_fuzz
