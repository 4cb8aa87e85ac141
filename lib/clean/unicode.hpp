// Character classes of spec/cleaning.md used by the cleaning rules. Private to lib/clean.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tifa::clean {

// Bytes of N1 whitespace (U+3000, U+0020, U+00A0, TAB, LF) at the start / end of `text`.
std::size_t leading_space_bytes(std::string_view text);
std::size_t trailing_space_bytes(std::string_view text);

// Number of code points of valid UTF-8.
std::size_t code_points(std::string_view text);

// ---- Character classes of spec/cleaning.md "Words used below" (used by N3-N9, P1, P2) ----

// H: \p{Script=Han} and 〇 (U+3007). The common ideograph blocks answer without ICU.
bool is_class_h(char32_t c);

// CP: CJK punctuation: 。，、；：？！“”‘’（）《》〈〉【】「」『』—…～·, U+3001-U+303F, U+FF01-U+FF0F,
// U+FF1A-U+FF20. U+3000 is a space, not CP; the Han characters of U+3001-U+303F (々 〆 〇 〡-〩
// 〸-〻) are H, not CP.
bool is_class_cp(char32_t c);

// C: H or CP.
inline bool is_class_c(char32_t c) { return is_class_h(c) || is_class_cp(c); }

// A: ASCII letters and digits.
constexpr bool is_class_a(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// \p{Zs}: U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000.
constexpr bool is_space_separator(char32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x3000 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

// The characters P5 removes: U+200B-U+200D, U+2060, U+FEFF, U+00AD and the C0/C1 controls (and
// DEL) except TAB and LF.
constexpr bool is_removable_invisible(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0xAD ||
         (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

// True for code points that are known to be NFC-inert without asking ICU: canonical combining
// class 0 and NFC_Quick_Check=Yes, so a string made only of them is already NFC. Covers ASCII,
// Latin-1 and Latin Extended, CJK punctuation, kana, the ideograph blocks, full-width forms and
// emoji. False only means "ask ICU".
bool is_nfc_inert_fast(char32_t c);

// Appends `c` as UTF-8.
void append_code_point(std::string& out, char32_t c);

}  // namespace tifa::clean
