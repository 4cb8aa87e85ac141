#include "clean/unicode.hpp"
#include "util/utf8.hpp"

#include <unicode/uscript.h>

#include <algorithm>
#include <iterator>

namespace tifa::clean {

namespace {

// Length of the N1 space at text[pos], or 0.
std::size_t space_at(std::string_view text, std::size_t pos) {
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c == ' ' || c == '\t' || c == '\n') return 1;
  if (c == 0xC2 && text.substr(pos, 2) == "\xC2\xA0") return 2;
  if (c == 0xE3 && text.substr(pos, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

}  // namespace

std::size_t leading_space_bytes(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t n = space_at(text, pos);
    if (n == 0) break;
    pos += n;
  }
  return pos;
}

std::size_t trailing_space_bytes(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t n = 0;
    for (std::size_t len : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
      if (end >= len && space_at(text, end - len) == len) {
        n = len;
        break;
      }
    }
    if (n == 0) break;
    end -= n;
  }
  return text.size() - end;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool is_class_h(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // the common case first
  if (c < 0x2E80) return false;                  // nothing below the radicals is Han
  if (c >= 0x3400 && c <= 0x4DBF) return true;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

bool is_class_cp(char32_t c) {
  if (c >= 0x3001 && c <= 0x303F) return !is_class_h(c);
  if ((c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20)) return true;
  switch (c) {
    case 0x201C: case 0x201D: case 0x2018: case 0x2019:  // “ ” ‘ ’
    case 0x2014: case 0x2026:                            // — …
    case 0xFF5E: case 0x00B7:                            // ～ ·
      return true;
    default:
      return false;
  }
}

bool is_nfc_inert_fast(char32_t c) {
  // Each range was checked against ICU (tests/clean/test_normalize.cpp): ccc 0 and NFC_QC=Yes.
  // Left out on purpose: combining marks (U+0300-U+036F, U+0483-U+0489, U+20D0-U+20FF,
  // U+302A-U+302F, U+3099-U+309A), canonical singletons (U+0374, U+037E, U+0387, U+2000-U+2001,
  // U+2126, U+212A-U+212B, U+2329-U+232A, U+2ADC) and the CJK compatibility ideographs
  // (U+F900-U+FAFF, U+2F800-U+2FA1F), which NFC changes.
  struct Range {
    char32_t first;
    char32_t last;
  };
  static constexpr Range kInert[] = {
      {0x0370, 0x0373},   {0x0375, 0x037D},   {0x037F, 0x0386},   {0x0388, 0x0482},
      {0x048A, 0x052F},   {0x2002, 0x2027},   {0x2030, 0x20CF},   {0x2100, 0x2125},
      {0x2127, 0x2129},   {0x212C, 0x2328},   {0x232B, 0x2ADB},   {0x2ADD, 0x2BFF},
      {0x2E80, 0x2FDF},   {0x3000, 0x3029},   {0x3030, 0x3098},   {0x309B, 0x4DFF},
      {0xE000, 0xF8FF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF9D},   {0xFFA0, 0xFFEF},
      {0x1F000, 0x1FAFF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x30000, 0x3134F},
  };
  if (c < 0x300 || (c >= 0x4E00 && c <= 0x9FFF)) return true;  // the common cases first
  const Range* range = std::upper_bound(std::begin(kInert), std::end(kInert), c,
                                        [](char32_t value, const Range& r) { return value < r.first; });
  return range != std::begin(kInert) && c <= (range - 1)->last;
}

void append_code_point(std::string& out, char32_t c) { util::append_utf8(out, c); }

}  // namespace tifa::clean
