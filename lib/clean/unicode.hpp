// Character classes of spec/cleaning.md used by the cleaning rules. Private to lib/clean.
#pragma once

#include <cstddef>
#include <iterator>
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
// emoji. False only means "ask ICU". Constexpr, so that tables built from it cost nothing at run
// time.
namespace detail {
// Each range was checked against ICU (tests/clean/test_normalize.cpp): ccc 0 and NFC_QC=Yes.
// Left out on purpose: combining marks (U+0300-U+036F, U+0483-U+0489, U+20D0-U+20FF,
// U+302A-U+302F, U+3099-U+309A), canonical singletons (U+0374, U+037E, U+0387, U+2000-U+2001,
// U+2126, U+212A-U+212B, U+2329-U+232A, U+2ADC) and the CJK compatibility ideographs
// (U+F900-U+FAFF, U+2F800-U+2FA1F), which NFC changes.
struct CodePointRange {
  char32_t first;
  char32_t last;
};
inline constexpr CodePointRange kNfcInert[] = {
    {0x0370, 0x0373},   {0x0375, 0x037D},   {0x037F, 0x0386},   {0x0388, 0x0482},
    {0x048A, 0x052F},   {0x2002, 0x2027},   {0x2030, 0x20CF},   {0x2100, 0x2125},
    {0x2127, 0x2129},   {0x212C, 0x2328},   {0x232B, 0x2ADB},   {0x2ADD, 0x2BFF},
    {0x2E80, 0x2FDF},   {0x3000, 0x3029},   {0x3030, 0x3098},   {0x309B, 0x4DFF},
    {0xE000, 0xF8FF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF9D},   {0xFFA0, 0xFFEF},
    {0x1F000, 0x1FAFF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x30000, 0x3134F},
};
}  // namespace detail

constexpr bool is_nfc_inert_fast(char32_t c) {
  // The common cases first: Latin, ideographs, CJK and full-width punctuation, quotes and dashes.
  if (c < 0x300 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x3029) || (c >= 0xFF00 && c <= 0xFF9D) ||
      (c >= 0x2002 && c <= 0x2027))
    return true;
  // Binary search for the first range that starts after c (written out: it runs in constant
  // evaluation for every code point of a table, where std::upper_bound costs many more steps).
  std::size_t low = 0;
  std::size_t high = std::size(detail::kNfcInert);
  while (low < high) {
    const std::size_t middle = (low + high) / 2;
    if (c < detail::kNfcInert[middle].first) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low > 0 && c <= detail::kNfcInert[low - 1].last;
}

// Appends `c` as UTF-8.
void append_code_point(std::string& out, char32_t c);

}  // namespace tifa::clean
