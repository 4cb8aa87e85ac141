// One step of a UTF-8 walk that never fails: either a well-formed sequence, or the maximal invalid
// subpart that a decoder replaces by one U+FFFD (Unicode §3.9, "substitution of maximal subparts",
// the policy of Python's and ICU's decoders). The JSON writer and the code-point counter share it,
// so that char_start/char_end always index the string the JSON actually holds.
#pragma once

#include <cstddef>
#include <string_view>

namespace tifa::output {

struct Utf8Step {
  std::size_t length = 1;  // bytes consumed, at least 1
  bool valid = true;       // false: these bytes stand for one U+FFFD
};

inline Utf8Step utf8_step(std::string_view s, std::size_t i) noexcept {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return {1, true};

  // Continuation bytes needed, and the allowed range of the first one (which excludes overlong
  // forms, surrogates and code points above U+10FFFF).
  std::size_t needed = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
  } else if (lead == 0xE0) {
    needed = 2;
    low = 0xA0;
  } else if (lead == 0xED) {
    needed = 2;
    high = 0x9F;
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    needed = 2;
  } else if (lead == 0xF0) {
    needed = 3;
    low = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    needed = 3;
  } else if (lead == 0xF4) {
    needed = 3;
    high = 0x8F;
  } else {
    return {1, false};  // a stray continuation byte, C0, C1 or F5..FF
  }

  std::size_t length = 1;
  for (std::size_t k = 0; k < needed; ++k) {
    if (i + length >= s.size()) return {length, false};
    const auto next = static_cast<unsigned char>(s[i + length]);
    if (next < low || next > high) return {length, false};
    low = 0x80;
    high = 0xBF;
    ++length;
  }
  return {length, true};
}

}  // namespace tifa::output
