// One step of a UTF-8 walk that never fails: either a well-formed sequence, or the maximal invalid
// subpart that a decoder replaces by one U+FFFD (Unicode §3.9, "substitution of maximal subparts",
// the policy of Python's and ICU's decoders). The JSON writer and the code-point counter share it,
// so that char_start/char_end always index the string the JSON actually holds. The faster walks
// below (runs of well-formed text, lead-byte counts) must agree with it step for step; tests/output
// holds them against it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tifa::output {

struct Utf8Step {
  std::size_t length = 1;  // bytes consumed, at least 1
  bool valid = true;       // false: these bytes stand for one U+FFFD
};

inline bool is_continuation_byte(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

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

// Whether a well-formed three-byte sequence whose second byte may take the whole continuation range
// starts at `i` (lead bytes E1..EC, EE, EF): nearly every character of Chinese text, so the walks
// below check it before the general case.
inline bool is_common_three_byte(std::string_view s, std::size_t i) noexcept {
  const auto lead = static_cast<unsigned char>(s[i]);
  return lead >= 0xE1 && lead <= 0xEF && lead != 0xED && i + 2 < s.size() &&
         is_continuation_byte(s[i + 1]) && is_continuation_byte(s[i + 2]);
}

// The end of the run from `i` of well-formed UTF-8 without an ASCII byte for which
// `stop(byte)` holds: the first position of an invalid sequence or of such a byte, or s.size().
template <typename StopAtAscii>
std::size_t well_formed_run_end(std::string_view s, std::size_t i, StopAtAscii stop) noexcept {
  const std::size_t size = s.size();
  while (i < size) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (stop(c)) return i;
      ++i;
    } else if (is_common_three_byte(s, i)) {
      i += 3;
    } else {
      const Utf8Step step = utf8_step(s, i);
      if (!step.valid) return i;
      i += step.length;
    }
  }
  return size;
}

inline bool is_well_formed(std::string_view s) noexcept {
  return well_formed_run_end(s, 0, [](unsigned char) { return false; }) == s.size();
}

// Code points in s[begin, end) of well-formed UTF-8: the bytes that are not continuation bytes. A
// character cut by `begin` or `end` counts if its lead byte is inside.
inline std::size_t count_lead_bytes(std::string_view s, std::size_t begin, std::size_t end) noexcept {
  std::size_t count = 0;
  std::size_t i = begin;
  // Eight bytes at a time: a continuation byte has bit 7 set and bit 6 clear (shifting the word
  // left by one puts each byte's bit 6 on its bit 7); the multiplication sums the eight flags.
  constexpr std::uint64_t kHighBits = 0x8080808080808080;
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  for (; end - i >= 8; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    const std::uint64_t continuation_flags = (word & ~(word << 1) & kHighBits) >> 7;
    count += 8 - static_cast<std::size_t>((continuation_flags * kOnes) >> 56);
  }
  for (; i < end; ++i) count += is_continuation_byte(s[i]) ? 0 : 1;
  return count;
}

}  // namespace tifa::output
