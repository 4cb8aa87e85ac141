// Numbers for JSON. Integers: their decimal digits, as std::to_chars writes them but inlined
// (offsets and counts are most of the output's numbers). Reals: fixed notation rounded to four
// decimals, trailing zeros trimmed but one kept ("0.95", "1.0"), and "0.0" for anything that
// rounds to zero, negative or not. Rates and shares are written this way in every slogan row;
// std::to_chars with a precision costs some 450 instructions a number, so the usual case, a
// number of moderate size, is rounded with integers.
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tifa::output {

// Room for the digits of any 64-bit unsigned integer.
constexpr std::size_t kMaxDecimalDigits = 20;

// The decimal digits of `value` at `out` (kMaxDecimalDigits bytes of room), returning their end:
// what std::to_chars writes, inlined (offsets and counts are most of the output's numbers).
inline char* write_decimal(char* out, std::uint64_t value) noexcept {
  static constexpr auto kPowersOfTen = [] {
    std::array<std::uint64_t, kMaxDecimalDigits> powers{};
    powers[0] = 1;
    for (std::size_t k = 1; k < powers.size(); ++k) powers[k] = powers[k - 1] * 10;
    return powers;
  }();
  static constexpr auto kPairs = [] {
    std::array<char, 200> pairs{};
    for (int n = 0; n < 100; ++n) {
      pairs[2 * n] = static_cast<char>('0' + n / 10);
      pairs[2 * n + 1] = static_cast<char>('0' + n % 10);
    }
    return pairs;
  }();
  // The digits from the bit length: 1233 / 4096 is just above log10(2), so `estimate` is the
  // number of digits or one fewer, which one power of ten tells; `value | 1` has as many digits
  // as `value` and a bit length of at least one.
  const std::uint64_t odd = value | 1;
  const auto bits = static_cast<std::size_t>(64 - std::countl_zero(odd));
  const std::size_t estimate = (bits * 1233) >> 12;
  const std::size_t length = estimate + (odd >= kPowersOfTen[estimate] ? 1 : 0);
  char* const end = out + length;
  char* digits = end;
  while (value >= 100) {
    const auto pair = static_cast<std::size_t>(value % 100);
    value /= 100;
    digits -= 2;
    std::memcpy(digits, kPairs.data() + 2 * pair, 2);
  }
  if (value >= 10) {
    std::memcpy(digits - 2, kPairs.data() + 2 * value, 2);
  } else {
    digits[-1] = static_cast<char>('0' + value);
  }
  return end;
}

// Room for any finite double in fixed notation with four decimals (~315 characters at most).
constexpr std::size_t kFixed4Capacity = 400;

// The reference: std::to_chars, then the trimming. `value` must be finite.
inline std::string_view fixed4_by_to_chars(double value, char (&buffer)[kFixed4Capacity]) noexcept {
  const auto result = std::to_chars(buffer, buffer + kFixed4Capacity, value, std::chars_format::fixed, 4);
  std::string_view digits(buffer, static_cast<std::size_t>(result.ptr - buffer));
  while (digits.size() > 2 && digits.back() == '0' && digits[digits.size() - 2] != '.') {
    digits.remove_suffix(1);
  }
  if (digits == "-0.0") digits = "0.0";
  return digits;
}

// The text of fixed4_by_to_chars at `out` (kFixed4Capacity bytes of room); returns its end.
// `value` must be finite.
inline char* write_fixed4(char* out, double value) noexcept {
  const double magnitude = value < 0 ? -value : value;
  // Below 1e6 the scaled value is below 1e10, where a double's rounding error is under 2e-6: the
  // computed fraction of ten-thousandths is then within 2e-6 of the exact one, so the rounding is
  // the exact rounding unless that fraction is near one half (to_chars decides those).
  constexpr double kLargest = 1e6;
  constexpr double kTieMargin = 1e-5;
  const double scaled = magnitude * 10000.0;
  const auto whole = magnitude < kLargest ? static_cast<std::uint64_t>(scaled) : 0;  // the floor
  const double from_half = scaled - static_cast<double>(whole) - 0.5;
  if (!(magnitude < kLargest) || (from_half < kTieMargin && from_half > -kTieMargin)) {
    char buffer[kFixed4Capacity];
    const std::string_view text = fixed4_by_to_chars(value, buffer);
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
  }
  const std::uint64_t ten_thousandths = whole + (from_half > 0 ? 1 : 0);
  if (ten_thousandths == 0) {
    std::memcpy(out, "0.0", 3);
    return out + 3;
  }
  if (value < 0) *out++ = '-';
  out = write_decimal(out, ten_thousandths / 10000);
  *out++ = '.';
  auto decimals = static_cast<unsigned>(ten_thousandths % 10000);
  char digits[4];
  for (int k = 3; k >= 0; --k) {
    digits[k] = static_cast<char>('0' + decimals % 10);
    decimals /= 10;
  }
  std::size_t kept = 4;
  while (kept > 1 && digits[kept - 1] == '0') --kept;
  std::memcpy(out, digits, kept);
  return out + kept;
}

// The same text as fixed4_by_to_chars, in `buffer`. `value` must be finite.
inline std::string_view fixed4(double value, char (&buffer)[kFixed4Capacity]) noexcept {
  return std::string_view(buffer, static_cast<std::size_t>(write_fixed4(buffer, value) - buffer));
}

}  // namespace tifa::output
